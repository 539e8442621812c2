"""What Save checks first (issue 12): it never writes into the app's resources/ (Save acts as
Save As there), and it asks before writing over a file that changed on disk since this window
opened or saved it (e.g. another window saved it: the last writer no longer wins silently)."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog
from qt_helpers import make_window

from ann_studio.document import commands as c
from ann_studio.paths import resources_dir


def edit(window, units=5):
    doc = window.document
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=units), "units"))


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr("ann_studio.views.main_window.warn", lambda _p, title, text: shown.append((title, text)))
    return shown


def answer_save_dialog(monkeypatch, path) -> list:
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: asked.append(1) or (str(path), "")))
    return asked


def test_save_never_writes_into_resources(qtbot, tmp_path, monkeypatch, warnings):
    window = make_window(qtbot, tmp_path, path=EXAMPLES / "xor.annproj")  # File → Open on a shipped file
    edit(window)
    shipped = (EXAMPLES / "xor.annproj").read_bytes()
    assert not window.save_project()
    assert "ANN Studio's own files" in window.last_error and window.document.is_modified()
    assert not window.save_project(resources_dir() / "lessons" / "mine.annproj")
    assert not (resources_dir() / "lessons" / "mine.annproj").exists()
    asked = answer_save_dialog(monkeypatch, tmp_path / "mine.annproj")
    window.findChild(QAction, "save_project").trigger()  # Save acts as Save As here
    assert asked == [1] and (tmp_path / "mine.annproj").is_file()
    assert window.document.path == (tmp_path / "mine.annproj").resolve() and not window.isWindowModified()
    assert (EXAMPLES / "xor.annproj").read_bytes() == shipped and not warnings


def test_save_as_into_resources_is_refused_with_a_message(qtbot, tmp_path, monkeypatch, warnings):
    window = make_window(qtbot, tmp_path)
    edit(window)
    answer_save_dialog(monkeypatch, resources_dir() / "examples" / "xor")
    window.findChild(QAction, "save_project_as").trigger()
    assert len(warnings) == 1 and "ANN Studio's own files" in warnings[0][1]
    assert window.document.is_modified() and window.document.path is None


def test_saving_over_a_file_changed_on_disk_asks_first(qtbot, tmp_path):
    own = tmp_path / "shared.annproj"
    own.write_bytes((EXAMPLES / "xor.annproj").read_bytes())
    one = make_window(qtbot, tmp_path, path=own)
    two = make_window(qtbot, tmp_path, path=own)
    asked = []
    for w in (one, two):
        w.overwrite_prompt = lambda _w, path: asked.append(path.name) or False
    edit(one, 3)
    assert one.save_project() and asked == []  # unchanged since it was opened: no question
    edit(one, 4)
    assert one.save_project() and asked == []  # nor after its own save
    edit(two, 7)
    assert not two.save_project()  # window 1 saved it since window 2 opened it
    assert asked == ["shared.annproj"] and "changed on disk" in two.last_error
    assert '"units": 4' in own.read_text(encoding="utf-8") and two.isWindowModified()
    two.overwrite_prompt = lambda _w, _p: True
    assert two.save_project() and '"units": 7' in own.read_text(encoding="utf-8")
    assert not two.isWindowModified()
    edit(one, 8)  # now window 1 is the one behind
    assert not one.save_project() and asked == ["shared.annproj", "shared.annproj"]


def test_another_program_rewriting_the_file_counts_too(qtbot, tmp_path):
    own = tmp_path / "mine.annproj"
    own.write_bytes((EXAMPLES / "xor.annproj").read_bytes())
    window = make_window(qtbot, tmp_path, path=own)
    asked = []
    window.overwrite_prompt = lambda _w, _p: asked.append(1) or False
    own.write_text(own.read_text(encoding="utf-8").replace('"seed": 3', '"seed": 4'), encoding="utf-8")
    edit(window)
    assert not window.save_project() and asked == [1]
    assert window.save_project(tmp_path / "other.annproj") and asked == [1]  # another file: no question
