"""Classroom mode: open an assignment (``.annclass``) on its lesson, with the chosen controls
hidden or locked. See :mod:`ann_studio.lessons.classroom` for the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction

from ..lessons import Assignment, LessonError, find_lesson, load_assignment
from .dropped_files import is_assignment, openable_file


def _tr(text: str) -> str:
    return QCoreApplication.translate("Classroom", text)


#: the action whose lock also closes its other ways in: Open Recent and dropped project files
OPENING = "open_project"
_DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class ClassroomLock(QObject):
    """Keeps the assignment's hidden/locked actions off, even when other code re-enables them
    (e.g. the training actions after a valid network is loaded).

    Every path to an action goes through the QAction itself (menus, shortcuts, the toolbar, the
    canvas context menu, the training panel's buttons, the lesson's button all use it), except
    opening a project: with ``open_project`` hidden or locked, Open Recent is too, and project
    files dropped on the window or the canvas are refused (assignments still open, as the
    Lessons panel's Open Assignment… does).
    """

    def __init__(self, window, assignment: Assignment):
        super().__init__(window)
        self.setObjectName("classroom_lock")
        self.window_, self.assignment = window, assignment
        self.hidden, self.locked = set(assignment.hidden), set(assignment.locked)
        self._connections = []
        self._wanted: dict[QAction, bool] = {}  # what other code last asked: given back on release
        self._filtered = []
        for name in self.controlled:
            action = window.actions.get(name)
            if action is not None:
                self._watch(action, name)
            dock = window.docks.get(name)
            if dock is not None:
                self._lock_dock(dock, name in self.hidden)
        if OPENING in self.controlled:
            self._watch(window.recent_menu.menuAction(), OPENING)
            self._filtered = [window, window.canvas_view.viewport()]
            for target in self._filtered:
                target.installEventFilter(self)

    def _watch(self, action: QAction, name: str) -> None:
        self._wanted[action] = action.isEnabled()
        self._connections.append((action, action.changed.connect(lambda a=action, n=name: self._enforce(a, n))))
        self._enforce(action, name)

    @property
    def controlled(self) -> set[str]:
        """Every action/dock name the assignment hides or locks."""
        return self.hidden | self.locked

    def release(self) -> None:
        """Give the controls back (before another assignment takes over) and go away."""
        for action, connection in self._connections:
            action.changed.disconnect(connection)
            action.setVisible(True)
            action.setEnabled(self._wanted[action])
        self._connections.clear()
        for target in self._filtered:
            target.removeEventFilter(self)
        for name in self.controlled:
            dock = self.window_.docks.get(name)
            if dock is not None:
                dock.widget().setEnabled(True)
                dock.toggleViewAction().setVisible(True)
                dock.toggleViewAction().setEnabled(True)
        self.setParent(None)
        self.deleteLater()
        self.window_.update_status()  # recomputes which actions are enabled

    def _enforce(self, action: QAction, name: str) -> None:
        if action.isEnabled():
            self._wanted[action] = True
            action.setEnabled(False)
        if name in self.hidden and action.isVisible():
            action.setVisible(False)

    @staticmethod
    def _lock_dock(dock, hide: bool) -> None:
        if hide:
            dock.hide()
            dock.toggleViewAction().setVisible(False)
        else:
            dock.widget().setEnabled(False)
        dock.toggleViewAction().setEnabled(False)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Refuse dragging a project file onto the window or the canvas (assignments pass), and
        say why in the status bar while the file is dragged over."""
        if event.type() not in _DRAGS:
            return False
        path = openable_file(event.mimeData())
        if path is None or is_assignment(path):
            return False
        event.ignore()  # refused on entering: Qt then sends neither moves nor the drop
        if event.type() == QEvent.Type.DragEnter:
            self.window_.statusBar().showMessage(
                _tr("This assignment does not let you open other projects."), 10000)
        return True

    def names(self) -> tuple[list[str], list[str]]:
        return sorted(self.hidden), sorted(self.locked)


def assignment_code_text(assignment: Assignment) -> str:
    """``Assignment code: 3F9A-12C4``, and whether the file was changed after it was saved."""
    try:
        text = _tr("Assignment code: %1").replace("%1", assignment.code())
    except OSError:
        return _tr("Assignment code: unknown (its project file cannot be read)")
    if assignment.changed_since_saved():
        text += " — " + _tr("changed since it was saved")
    elif assignment.stored_checksum is None:
        text += " — " + _tr("the file has no checksum (not saved with Save Assignment…)")
    return text


def classroom_of(window) -> ClassroomLock | None:
    return window.findChild(ClassroomLock, "classroom_lock")


def apply_assignment(window, assignment: Assignment) -> bool:
    """Open ``assignment``'s lesson in the Lessons panel and hide/lock its controls. False (and
    nothing locked) when its project could not be opened (the reason is in ``window.last_error``)."""
    lesson = find_lesson(assignment.lesson)
    panel = window.docks["lessons_panel"].widget()
    window.docks["lessons_panel"].show()
    window.last_error = ""
    if not panel.start_lesson(lesson.id, project=assignment.project, ask=False):  # the caller asked (File → Open)
        window.last_error = window.last_error or _tr("its project could not be opened")
        return False
    panel.set_classroom(assignment)
    previous = classroom_of(window)
    if previous is not None:
        previous.release()
    ClassroomLock(window, assignment)
    window.practice.set_requirements(assignment.practice)  # the practice panel reports the progress
    return True


def open_assignment(window, path: str | Path) -> bool:
    """Open the ``.annclass`` file at ``path`` on ``window``; errors go to the status bar and
    ``window.last_error`` (returns False)."""
    try:
        assignment = load_assignment(path)
        opened = apply_assignment(window, assignment)
    except LessonError as exc:
        window.last_error, opened = str(exc), False
    if not opened:
        window.statusBar().showMessage(
            _tr("Could not open %1: %2").replace("%1", str(path)).replace("%2", window.last_error), 15000)
        return False
    window.statusBar().showMessage(_tr("Opened the assignment %1 (%2)").replace("%1", Path(path).name).replace(
        "%2", assignment_code_text(assignment)), 15000)
    return True
