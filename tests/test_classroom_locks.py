"""Classroom locks that hold (issue 17): a hidden or locked action is hidden or locked on every path
that reaches it — the menu, its shortcut, the toolbar, the canvas context menu, the training
panel's buttons, the lesson's own button, Open Recent and dropped files — tested path by path,
each against the same path unlocked. And the assignment's code, which tells a teacher whether a
student opened the teacher's file."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QToolButton
from qt_helpers import drop_mime, make_window, view_point

from ann_studio.lessons import Assignment, load_assignment, save_assignment
from ann_studio.views.canvas.palette import TEMPLATE_MIME
from ann_studio.views.classroom_mode import classroom_of, open_assignment
from tests.helpers import EXAMPLES

EDITS = ["delete_selection", "duplicate", "copy"]


@pytest.fixture
def window(qtbot, tmp_path):
    from ann_studio.views.panels.lessons_panel import LessonsPanel

    LessonsPanel.advance_delay_ms = 0
    w = make_window(qtbot, tmp_path, all_panels=True)
    w.activateWindow()
    yield w
    w.session.shutdown()


def assign(window, tmp_path, lesson="mazur", hidden=(), locked=(), name="homework"):
    path = save_assignment(Assignment(lesson, hidden=list(hidden), locked=list(locked)), tmp_path / name)
    assert open_assignment(window, path), window.last_error
    return path


def layers(window) -> list[str]:
    return [layer.id for layer in window.document.network.layers]


def node_menu(window, layer_id: str):
    """The canvas context menu of a layer, as a right-click on it builds it."""
    view = window.canvas_view
    return view.build_context_menu(view_point(view, window.canvas_scene.nodes[layer_id].sceneBoundingRect().center()))


def entry(menu, name: str):
    return next((a for a in menu.actions() if a.objectName() == name), None)


def click_entry(qtbot, menu, name: str) -> None:
    """Pop ``menu`` up and click its entry ``name``, as a user does."""
    menu.popup(menu.parentWidget().mapToGlobal(menu.parentWidget().rect().center()))
    qtbot.waitExposed(menu)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry(menu, name)).center())
    menu.close()


# ----------------------------------------------------------------------------- the canvas context menu


@pytest.mark.parametrize("name", EDITS)
def test_the_canvas_context_menu_offers_the_window_action(window, name):
    action = entry(node_menu(window, "hidden"), name)
    assert action is window.actions[name]


@pytest.mark.parametrize("state", ["shown", "locked"])
def test_a_locked_delete_or_duplicate_stays_locked_in_the_context_menu(window, qtbot, tmp_path, state):
    assign(window, tmp_path, locked=["delete_selection", "duplicate"] if state == "locked" else [])
    before = layers(window)
    click_entry(qtbot, node_menu(window, "hidden"), "duplicate")
    click_entry(qtbot, node_menu(window, "hidden"), "delete_selection")
    if state == "locked":
        assert layers(window) == before
        assert not entry(node_menu(window, "hidden"), "delete_selection").isEnabled()
    else:
        assert layers(window) != before and "hidden" not in layers(window)


def test_a_hidden_edit_is_not_in_the_context_menu(window, tmp_path):
    assign(window, tmp_path, hidden=["delete_selection", "paste", "fit_view"])
    shown = [a.objectName() for a in node_menu(window, "hidden").actions() if a.isVisible()]
    assert "delete_selection" not in shown and "duplicate" in shown
    view = window.canvas_view
    empty = view.build_context_menu(view_point(view, window.canvas_scene.items_rect().bottomRight() + QPointF(200, 200)))
    shown = [a.objectName() for a in empty.actions() if a.isVisible()]
    assert "paste" not in shown and "fit_view" not in shown and "auto_layout" in shown


# ----------------------------------------------------------------------------- menus, shortcuts, toolbar


@pytest.mark.parametrize("state", ["shown", "locked", "hidden"])
def test_the_delete_shortcut_follows_the_lock(window, qtbot, tmp_path, state):
    assign(window, tmp_path, **({state: ["delete_selection"]} if state != "shown" else {}))
    window.canvas_scene.nodes["hidden"].setSelected(True)
    window.canvas_view.setFocus()
    QTest.keyClick(window.canvas_view.viewport(), Qt.Key.Key_Delete)
    assert window.actions["delete_selection"] in window.menus["edit"].actions()  # the menu's entry is the action
    if state == "shown":
        assert "hidden" not in layers(window)
    else:
        assert "hidden" in layers(window)
        assert not window.actions["delete_selection"].isEnabled()
        assert window.actions["delete_selection"].isVisible() == (state == "locked")


@pytest.mark.parametrize("state", ["shown", "locked", "hidden"])
def test_open_is_locked_in_the_menu_the_shortcut_and_the_toolbar(window, qtbot, tmp_path, monkeypatch, state):
    assign(window, tmp_path, **({state: ["open_project"]} if state != "shown" else {}))
    dialogs = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: dialogs.append(1) or ("", "")))
    QApplication.processEvents()  # the toolbar lays its buttons out (and hides a hidden action's) later
    window.canvas_view.setFocus()
    QTest.keyClick(window.canvas_view.viewport(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    button = window.toolbar.widgetForAction(window.actions["open_project"])
    if button.isVisible():
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.actions["open_project"] in window.menus["file"].actions()
    assert len(dialogs) == (2 if state == "shown" else 0)
    assert button.isVisible() == (state != "hidden") and button.isEnabled() == (state == "shown")


# ----------------------------------------------------------------------------- Open Recent and drops


def _with_a_recent_project(window, tmp_path):
    other = tmp_path / "other.annproj"
    other.write_text((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"), encoding="utf-8")
    assert window.open_project(other)
    return other


@pytest.mark.parametrize("state", ["shown", "locked", "hidden"])
def test_open_recent_follows_the_open_lock(window, tmp_path, state):
    other = _with_a_recent_project(window, tmp_path)
    assign(window, tmp_path, **({state: ["open_project"]} if state != "shown" else {}))
    recent = window.recent_menu.menuAction()
    assert recent.isEnabled() == (state == "shown") and recent.isVisible() == (state != "hidden")
    assert window.actions["recent_file_0"].toolTip() == str(other.resolve())


@pytest.mark.parametrize("target", ["window", "canvas"])
@pytest.mark.parametrize("state", ["shown", "locked", "hidden"])
def test_a_dropped_project_opens_only_when_open_is_allowed(window, tmp_path, target, state):
    other = _with_a_recent_project(window, tmp_path)
    assign(window, tmp_path, **({state: ["open_project"]} if state != "shown" else {}))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    widget = window if target == "window" else window.canvas_view.viewport()
    drop_mime(widget, mime, widget.rect().center())
    if state == "shown":
        assert window.document.path == other
    else:
        assert window.document.path != other and classroom_of(window) is not None
        assert "does not let you open other projects" in window.statusBar().currentMessage()


def test_under_an_open_lock_assignments_and_palette_layers_still_drop(window, tmp_path):
    assign(window, tmp_path, locked=["open_project"])
    second = save_assignment(Assignment("mazur", locked=["reset_training"]), tmp_path / "second")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    drop_mime(window.canvas_view.viewport(), mime, window.canvas_view.viewport().rect().center())
    assert classroom_of(window).locked == {"reset_training"}  # a student may open another assignment
    assert window.recent_menu.menuAction().isEnabled()  # and the first one's locks are gone
    template = QMimeData()
    template.setData(TEMPLATE_MIME, b"dense_sigmoid")
    before = len(layers(window))
    drop_mime(window.canvas_view.viewport(), template, window.canvas_view.viewport().rect().center())
    assert len(layers(window)) == before + 1


# ----------------------------------------------------------------------------- training panel and lesson button


@pytest.mark.parametrize("state", ["shown", "locked", "hidden"])
def test_the_lesson_button_and_the_training_panel_follow_the_step_epoch_lock(window, tmp_path, state):
    assign(window, tmp_path, lesson="learning-rate", **({state: ["step_epoch"]} if state != "shown" else {}))
    panel = window.docks["lessons_panel"].widget()
    step = panel.lesson.steps[panel.index]
    assert step.action == "step_epoch"
    action = window.actions["step_epoch"]
    buttons = [b for b in window.findChildren(QToolButton) if b.defaultAction() is action]
    assert buttons, "the training panel has a Next Epoch button"
    epoch = window.session.trainer.epoch
    panel.do_button.click()
    for button in buttons:
        button.click()
    if state == "shown":
        assert panel.do_button.isEnabled() and window.session.trainer.epoch > epoch
        return
    assert window.session.trainer.epoch == epoch
    assert not panel.do_button.isEnabled() and not any(b.isEnabled() for b in buttons)
    assert panel.do_button.isVisibleTo(panel) == (state == "locked")
    action.setEnabled(True)  # the window re-enabling the training actions
    assert not panel.do_button.isEnabled() and not action.isEnabled()


def test_a_second_assignment_gives_back_what_the_first_locked(window, tmp_path):
    assign(window, tmp_path, hidden=["open_project"], locked=["delete_selection", "step_epoch"])
    panel = window.docks["lessons_panel"].widget()
    assign(window, tmp_path, lesson="learning-rate", name="second")
    assert window.actions["delete_selection"].isEnabled() and window.actions["open_project"].isVisible()
    assert window.recent_menu.menuAction().isVisible() and window.recent_menu.menuAction().isEnabled()
    assert panel.do_button.isEnabled() and panel.do_button.isVisibleTo(panel)


# ----------------------------------------------------------------------------- the assignment's code


def test_the_code_tells_the_teacher_which_file_the_student_opened(window, tmp_path):
    teacher = save_assignment(Assignment("mazur", hidden=["open_project"], locked=["step_epoch"]), tmp_path / "t")
    code = load_assignment(teacher).code()
    assert len(code) == 9 and code[4] == "-"
    assert open_assignment(window, teacher)
    label = window.docks["lessons_panel"].widget().class_code
    assert label.isVisibleTo(label.parentWidget()) and label.text() == f"Assignment code: {code}"
    assert code in window.statusBar().currentMessage()
    # the same restrictions in another order give the same code; any other restriction another one
    assert Assignment("mazur", hidden=["open_project"], locked=["step_epoch"]).code() == code
    assert Assignment("mazur", locked=["step_epoch"]).code() != code
    # a student edits the teacher's file to drop the locks: it opens, the code differs and says so
    obj = json.loads(teacher.read_text(encoding="utf-8"))
    obj["hidden"], obj["locked"] = [], []
    teacher.write_text(json.dumps(obj), encoding="utf-8")
    assert open_assignment(window, teacher) and window.actions["open_project"].isVisible()
    assert label.text().startswith("Assignment code: ") and code not in label.text()
    assert label.text().endswith("changed since it was saved")
    # or writes one from scratch, without a checksum
    del obj["checksum"]
    teacher.write_text(json.dumps(obj), encoding="utf-8")
    assert open_assignment(window, teacher) and "no checksum" in label.text()


def test_the_code_covers_the_project_file(tmp_path):
    project = tmp_path / "net.annproj"
    project.write_text((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"), encoding="utf-8")
    path = save_assignment(Assignment("mazur", project=project), tmp_path / "p")
    assert not load_assignment(path).changed_since_saved()
    project.write_text(project.read_text(encoding="utf-8").replace("2.0", "20.0"), encoding="utf-8")
    assert load_assignment(path).changed_since_saved()
    bad = json.loads(path.read_text(encoding="utf-8"))
    bad["checksum"] = "x" * 80
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(Exception, match="checksum: .*expected 64 hexadecimal digits"):
        load_assignment(path)


def test_the_teacher_sees_the_code_when_saving(window, tmp_path, monkeypatch):
    from ann_studio.views.panels.assignment_dialog import AssignmentDialog

    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("mazur")
    target = tmp_path / "class.annclass"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), "")))
    monkeypatch.setattr(AssignmentDialog, "exec", lambda self: self._on_save() or self.result())
    panel.save_class_button.click()
    code = load_assignment(target).code()
    assert f"assignment code {code}" in panel.status.text()
    QApplication.processEvents()


@pytest.mark.parametrize("state", ["shown", "locked"])
def test_the_unsaved_work_question_offers_save_only_when_saving_is_allowed(window, tmp_path, monkeypatch, state):
    assign(window, tmp_path, **({"locked": ["save_project"]} if state == "locked" else {}))
    target = tmp_path / "saved.annproj"
    saves = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: saves.append(1) or (str(target), "")))
    window.canvas_scene.nodes["hidden"].setSelected(True)
    window.actions["duplicate"].trigger()
    assert window.document.is_modified()
    window.discard_prompt = lambda _w: "save"  # a student choosing Save in the question before closing
    allowed = window.confirm_discard()
    assert allowed == (state == "shown") and target.exists() == (state == "shown") and len(saves) == (state == "shown")


def test_a_huge_version_in_an_assignment_is_not_echoed_back(tmp_path):
    path = tmp_path / "v.annclass"
    path.write_text('{"format": "ann-studio-classroom", "version": %s, "lesson": "mazur"}' % ("9" * 200),
                    encoding="utf-8")
    with pytest.raises(Exception, match="version") as info:
        load_assignment(path)
    assert len(str(info.value)) < 100 and "\n" not in str(info.value)
