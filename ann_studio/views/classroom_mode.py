"""Classroom mode: open an assignment (``.annclass``) on its lesson, with the chosen controls
hidden or locked. See :mod:`ann_studio.lessons.classroom` for the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from ..lessons import Assignment, LessonError, find_lesson, load_assignment


def _tr(text: str) -> str:
    return QCoreApplication.translate("Classroom", text)


class ClassroomLock(QObject):
    """Keeps the assignment's hidden/locked actions off, even when other code re-enables them
    (e.g. the training actions after a valid network is loaded)."""

    def __init__(self, window, assignment: Assignment):
        super().__init__(window)
        self.setObjectName("classroom_lock")
        self.window_, self.assignment = window, assignment
        self.hidden, self.locked = set(assignment.hidden), set(assignment.locked)
        self._connections = []
        for name in self.hidden | self.locked:
            action = window.actions.get(name)
            if action is not None:
                self._connections.append((action, action.changed.connect(
                    lambda a=action, n=name: self._enforce(a, n))))
                self._enforce(action, name)
            dock = window.docks.get(name)
            if dock is not None:
                self._lock_dock(dock, name in self.hidden)

    @property
    def controlled(self) -> set[str]:
        """Every action/dock name the assignment hides or locks."""
        return self.hidden | self.locked

    def release(self) -> None:
        """Give the controls back (before another assignment takes over) and go away."""
        for action, connection in self._connections:
            action.changed.disconnect(connection)
            action.setVisible(True)
        self._connections.clear()
        for name in self.controlled:
            dock = self.window_.docks.get(name)
            if dock is not None:
                dock.widget().setEnabled(True)
                dock.toggleViewAction().setVisible(True)
                dock.toggleViewAction().setEnabled(True)
        self.setParent(None)
        self.deleteLater()
        self.window_._update_status()  # recomputes which actions are enabled

    def _enforce(self, action: QAction, name: str) -> None:
        if action.isEnabled():
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

    def names(self) -> tuple[list[str], list[str]]:
        return sorted(self.hidden), sorted(self.locked)


def classroom_of(window) -> ClassroomLock | None:
    return window.findChild(ClassroomLock, "classroom_lock")


def apply_assignment(window, assignment: Assignment) -> None:
    """Open ``assignment``'s lesson in the Lessons panel and hide/lock its controls."""
    lesson = find_lesson(assignment.lesson)
    panel = window.docks["lessons_panel"].widget()
    window.docks["lessons_panel"].show()
    panel.start_lesson(lesson.id, project=assignment.project, ask=False)  # the caller asked (File → Open)
    panel.set_classroom(True)
    previous = classroom_of(window)
    if previous is not None:
        previous.release()
    ClassroomLock(window, assignment)


def open_assignment(window, path: str | Path) -> bool:
    """Open the ``.annclass`` file at ``path`` on ``window``; errors go to the status bar and
    ``window.last_error`` (returns False)."""
    try:
        apply_assignment(window, load_assignment(path))
    except LessonError as exc:
        window.last_error = str(exc)
        window.statusBar().showMessage(
            _tr("Could not open %1: %2").replace("%1", str(path)).replace("%2", str(exc)), 15000)
        return False
    return True
