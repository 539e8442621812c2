"""Issue 18: no import cycles among ann_studio's modules, and core and document import nothing
above them (tools/import_cycles.py, also run by `make check`)."""

import importlib.util
import sys
from pathlib import Path

_TOOL = Path(__file__).resolve().parent.parent / "tools" / "import_cycles.py"
_spec = importlib.util.spec_from_file_location("import_cycles", _TOOL)
import_cycles = importlib.util.module_from_spec(_spec)
sys.modules["import_cycles"] = import_cycles
_spec.loader.exec_module(import_cycles)


def test_the_package_has_no_import_cycle():
    graph = import_cycles.import_graph()
    assert len(graph) > 100  # the whole package was read
    assert import_cycles.cycles(graph) == []


def test_core_and_document_import_nothing_above_them():
    assert import_cycles.layer_violations(import_cycles.import_graph()) == []


def test_the_tool_finds_a_cycle_and_an_upward_import(tmp_path):
    package = tmp_path / "ann_studio"
    (package / "core").mkdir(parents=True)
    (package / "views").mkdir()
    for init in (package, package / "core", package / "views"):
        (init / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("def f():\n    from ..views import b\n")
    (package / "views" / "b.py").write_text("from ..core import a\n")
    (package / "core" / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..views.b import X\n")
    graph = import_cycles.import_graph(package)
    assert import_cycles.cycles(graph) == [["ann_studio.core.a", "ann_studio.views.b"]]
    assert import_cycles.layer_violations(graph) == [("ann_studio.core.a", "ann_studio.views"),
                                                    ("ann_studio.core.a", "ann_studio.views.b")]
