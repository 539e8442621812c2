"""``ann-studio --self-test`` passes on the source tree (installers run the same check)."""

import os
import subprocess
import sys


def test_self_test_passes(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANN_STUDIO_SELFTEST_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "ann_studio", "--self-test"], capture_output=True, text=True,
                         env=env, timeout=180)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "passed" in out.stdout
    assert (tmp_path / "window.png").stat().st_size > 1000


def test_version_prints_the_package_version():
    from ann_studio import __version__

    out = subprocess.run([sys.executable, "-m", "ann_studio", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"ann-studio {__version__}"
