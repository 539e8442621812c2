"""Lessons open through the same path as File → New (issue 12): an untitled copy of the shipped
project (never its path), after asking when there is unsaved work; opening a classroom file asks
first too; a step's own project asks before replacing trained work; the language switch keeps it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog
from qt_helpers import make_window

from ann_studio.document import commands as c
from ann_studio.paths import resources_dir


@pytest.fixture
def window(qtbot, tmp_path):
    from ann_studio.views.panels.lessons_panel import LessonsPanel

    LessonsPanel.advance_delay_ms = 0
    w = make_window(qtbot, tmp_path, all_panels=True)
    yield w
    w.session.shutdown()


def panel_of(window):
    return window.docks["lessons_panel"].widget()


def edit(window, units=5):
    doc = window.document
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=units), "units"))


def choose(panel, lesson_id: str) -> None:
    """Pick ``lesson_id`` in the chooser, as the student does."""
    row = panel.chooser.findData(lesson_id)
    panel.chooser.setCurrentIndex(row)
    panel.chooser.activated.emit(row)


def test_a_lesson_opens_untitled_and_save_asks_where(window, monkeypatch, tmp_path):
    panel = panel_of(window)
    choose(panel, "mazur")
    assert panel.lesson.id == "mazur" and panel.opened_project.name == "mazur.annproj"
    assert window.document.path is None and window.windowTitle().startswith("Untitled")
    window.findChild(QAction, "step_batch").trigger()
    assert window.isWindowModified()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: asked.append(1) or (str(tmp_path / "mine.annproj"), "")))
    window.findChild(QAction, "save_project").trigger()
    assert asked == [1] and (tmp_path / "mine.annproj").is_file() and not window.isWindowModified()
    assert not any(str(resources_dir()) in name for name in window.recent_files())


def test_choosing_a_lesson_asks_before_dropping_unsaved_work(window):
    panel = panel_of(window)
    edit(window, 7)
    asked = []
    window.discard_prompt = lambda _w: asked.append(1) or "cancel"
    choose(panel, "mazur")
    assert asked == [1] and panel.lesson is None and panel.chooser.currentIndex() == 0
    assert window.document.layer("hidden").units == 7 and window.isWindowModified()  # the work stays
    window.discard_prompt = lambda _w: asked.append(2) or "discard"
    choose(panel, "mazur")
    assert asked == [1, 2] and panel.lesson.id == "mazur" and not window.isWindowModified()


def test_a_steps_project_asks_before_replacing_trained_work(window):
    panel = panel_of(window)
    panel.start_lesson("nonlinearity", step=1)
    window.findChild(QAction, "step_batch").trigger()
    step = window.session.trainer.step
    asked = []
    window.discard_prompt = lambda _w: asked.append(1) or "cancel"
    assert not panel.enter_step(2)  # step 3 opens xor-linear.annproj: the student keeps the run
    assert asked == [1] and panel.index == 1 and window.session.trainer.step == step
    window.discard_prompt = lambda _w: "discard"
    assert panel.enter_step(2) and panel.index == 2
    assert panel.opened_project.name == "xor-linear.annproj" and window.document.path is None
    assert window.session.trainer.step == 0


def test_opening_a_classroom_file_asks_first(window, monkeypatch, tmp_path):
    from ann_studio.lessons import Assignment, save_assignment

    path = save_assignment(Assignment("learning-rate", locked=["step_epoch"]), tmp_path / "homework")
    panel = panel_of(window)
    edit(window, 6)
    asked, dialogs = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: dialogs.append(1) or (str(path), "")))
    window.discard_prompt = lambda _w: asked.append(1) or "cancel"
    panel.open_class_button.click()
    assert asked == [1] and dialogs == [] and panel.lesson is None
    window.findChild(QAction, "open_project").trigger()  # File → Open asks too
    assert asked == [1, 1] and dialogs == [] and window.document.layer("hidden").units == 6
    window.discard_prompt = lambda _w: asked.append(2) or "discard"
    panel.open_class_button.click()
    assert asked == [1, 1, 2] and dialogs == [1]  # asked once, before the file dialog
    assert panel.lesson.id == "learning-rate" and panel.classroom and window.document.path is None
    assert not window.actions["step_epoch"].isEnabled()


def test_switching_language_in_a_lesson_keeps_the_run(window, qtbot):
    from ann_studio import i18n
    from ann_studio.views import language_menu

    panel = panel_of(window)
    panel.start_lesson("mazur")
    for _ in range(3):
        window.findChild(QAction, "step_batch").trigger()
    asked = []
    window.discard_prompt = lambda _w: asked.append(1) or "cancel"
    new = language_menu.switch_language(window, "zh_CN")
    qtbot.addWidget(new)
    try:
        new_panel = new.docks["lessons_panel"].widget()
        assert new_panel.lesson.id == "mazur" and new_panel.opened_project.name == "mazur.annproj"
        assert new.session.trainer.step == 3 and new.isWindowModified()
        assert new.autosaver.directory == window.autosaver.directory
    finally:
        i18n.install_translators(language="en")
        new.session.shutdown()
