"""Classroom mode: a teacher's assignment hides and locks the chosen controls and opens on its
lesson, from the command line and from the Lessons panel; bad files give clear errors."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings

from ann_studio.core.practice import expected_value
from ann_studio.lessons import Assignment, LessonError, load_assignment, save_assignment


@pytest.fixture
def window(qtbot, tmp_path):
    from ann_studio.app import create_main_window, ensure_application

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    ensure_application()
    w = create_main_window()
    qtbot.addWidget(w)
    yield w
    w.session.shutdown()


def test_the_teacher_saves_and_the_student_opens(window, qtbot, tmp_path):
    from ann_studio.app import create_main_window
    from ann_studio.views.panels.assignment_dialog import AssignmentDialog

    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("learning-rate")
    dialog = AssignmentDialog(window, panel.lesson)
    qtbot.addWidget(dialog)
    dialog.set_state("new_project", "hidden")
    dialog.set_state("weights_panel", "hidden")
    dialog.set_state("step_epoch", "locked")
    dialog.set_state("training_panel", "locked")
    path = dialog.save_to(tmp_path / "homework")
    assert path.name == "homework.annclass"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["lesson"] == "learning-rate" and set(saved["hidden"]) == {"new_project", "weights_panel"}

    student = create_main_window(path)
    qtbot.addWidget(student)
    spanel = student.docks["lessons_panel"].widget()
    assert spanel.lesson.id == "learning-rate" and spanel.index == 0
    assert student.document.path is None and spanel.opened_project.name == "lr-small.annproj"  # untitled
    new_project = student.actions["new_project"]
    assert not new_project.isVisible() and not new_project.isEnabled()
    assert not student.docks["weights_panel"].toggleViewAction().isVisible()
    assert student.docks["weights_panel"].isHidden()
    step_epoch = student.actions["step_epoch"]
    assert step_epoch.isVisible() and not step_epoch.isEnabled()
    step_epoch.setEnabled(True)  # e.g. the window re-enabling the training actions
    assert not step_epoch.isEnabled()
    assert not student.docks["training_panel"].widget().isEnabled()
    assert not spanel.chooser.isEnabled() and not spanel.save_class_button.isEnabled()
    assert student.actions["step_batch"].isEnabled()
    student.session.shutdown()


def test_restrictions_survive_a_language_switch(window, qtbot, tmp_path):
    from ann_studio import i18n
    from ann_studio.views import language_menu
    from ann_studio.views.classroom_mode import open_assignment

    path = save_assignment(Assignment("mazur", hidden=["save_project"], locked=["play_pause"]), tmp_path / "a")
    assert open_assignment(window, path)
    new = language_menu.switch_language(window, "zh_CN")
    qtbot.addWidget(new)
    try:
        assert not new.actions["save_project"].isVisible() and not new.actions["play_pause"].isEnabled()
        assert new.docks["lessons_panel"].widget().lesson.id == "mazur"
    finally:
        i18n.install_translators(language="en")
        new.session.shutdown()


@pytest.mark.parametrize("obj, where", [
    ({"format": "ann-studio-classroom", "version": 1}, "lesson"),
    ({"format": "x", "version": 1, "lesson": "mazur"}, "format"),
    ({"format": "ann-studio-classroom", "version": 1, "lesson": "mazur", "hidden": "quit"}, "hidden"),
    ({"format": "ann-studio-classroom", "version": 1, "lesson": "mazur", "project": "no.annproj"}, "project"),
])
def test_bad_assignments_name_the_place(tmp_path, obj, where):
    path = tmp_path / "bad.annclass"
    path.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(LessonError) as info:
        load_assignment(path)
    assert info.value.path == where and "bad.annclass" in str(info.value)


def test_an_unknown_lesson_is_reported_not_raised(window, tmp_path):
    from ann_studio.views.classroom_mode import open_assignment

    path = save_assignment(Assignment("no-such-lesson"), tmp_path / "x.annclass")
    assert not open_assignment(window, path)
    assert "no-such-lesson" in window.last_error



def test_file_open_accepts_an_assignment(window, qtbot, tmp_path):
    """File → Open (and drag-and-drop) route .annclass files to classroom mode, as the command line does."""
    from ann_studio.views.panels.assignment_dialog import AssignmentDialog

    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("learning-rate")
    dialog = AssignmentDialog(window, panel.lesson)
    qtbot.addWidget(dialog)
    dialog.set_state("step_epoch", "locked")
    path = dialog.save_to(tmp_path / "homework")
    assert window.open_project(path), getattr(window, "last_error", "")
    assert window.document.path is None
    assert window.docks["lessons_panel"].widget().opened_project.name == "lr-small.annproj"
    assert not window.actions["step_epoch"].isEnabled()


def test_a_second_assignment_replaces_the_first(window, qtbot, tmp_path):
    from ann_studio.views.classroom_mode import classroom_of
    from ann_studio.views.panels.assignment_dialog import AssignmentDialog

    panel = window.docks["lessons_panel"].widget()
    paths = []
    for k, locked in enumerate(("new_seed", "reset_training")):
        panel.start_lesson("learning-rate")
        dialog = AssignmentDialog(window, panel.lesson)
        qtbot.addWidget(dialog)
        dialog.set_state(locked, "locked")
        paths.append(dialog.save_to(tmp_path / f"homework{k}"))
    assert window.open_project(paths[0]) and not window.actions["new_seed"].isEnabled()
    assert window.open_project(paths[1])
    assert window.actions["new_seed"].isEnabled() and not window.actions["reset_training"].isEnabled()
    assert classroom_of(window).locked == {"reset_training"}
    window.session.step_phase()  # training updates do not unlock it
    assert not window.actions["reset_training"].isEnabled()


# ---------------------------------------------------------------------- practice requirements (issue 14)

def test_the_student_window_shows_the_assignments_progress(window, tmp_path):
    from ann_studio.views.classroom_mode import open_assignment

    path = save_assignment(Assignment("mazur", practice=[{"quantity": "delta", "in_a_row": 2}]), tmp_path / "hw")
    assert open_assignment(window, path)
    window.actions["practice_mode"].trigger()
    label = window.findChild(object, "practice_assignment")
    assert label.isVisibleTo(window) and "✘ 2 correct δ in a row (0/2)" in label.text()
    assert "not complete yet" in label.text()
    practice = window.practice
    while practice.question.quantity != "delta":
        practice.reveal()
        practice.next_question()
    for _ in range(2):
        q = practice.question
        practice.answer(repr(expected_value(window.session.trainer, q.quantity, q.layer_id, q.index)))
    assert "✔ 2 correct δ in a row (2/2)" in label.text() and "— complete" in label.text()
    assert "2 right of 2 asked" in label.text()


def test_the_teacher_requires_practice_in_the_dialog(window, qtbot, tmp_path):
    from ann_studio.views.panels.assignment_dialog import AssignmentDialog

    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("mazur")
    dialog = AssignmentDialog(window, panel.lesson)
    qtbot.addWidget(dialog)
    dialog.require_deltas.setChecked(True)
    dialog.delta_count.setValue(5)
    dialog.require_full_step.setChecked(True)
    saved = json.loads(dialog.save_to(tmp_path / "hw").read_text(encoding="utf-8"))
    assert saved["practice"] == [{"quantity": "delta", "in_a_row": 5}, {"full_step": True}]
