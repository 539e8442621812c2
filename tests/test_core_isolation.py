"""The engine and the headless CLI never import Qt."""

import subprocess
import sys

CHECK = """
import sys
import ann_studio.core, ann_studio.cli, ann_studio.core.project, ann_studio.core.trainer
bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))
print(','.join(bad))
"""


def test_importing_the_core_and_cli_loads_no_qt():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
