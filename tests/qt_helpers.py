"""Helpers for Qt tests: real mouse gestures (QTest.mouseMove cannot hold a button), settings
isolation and a ready main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton


def send_mouse(widget, kind: QEvent.Type, pos, button=LEFT, buttons=LEFT,
               modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Deliver one QMouseEvent at widget-local ``pos``."""
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(local.toPoint())), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(widget, start, end, steps: int = 8, button=LEFT, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press at ``start``, move to ``end`` in ``steps`` with the button held, release."""
    start, end = QPointF(start), QPointF(end)
    send_mouse(widget, QEvent.Type.MouseButtonPress, start, button, button, modifiers)
    for k in range(1, steps + 1):
        point = start + (end - start) * (k / steps)
        send_mouse(widget, QEvent.Type.MouseMove, point, NO_BUTTON, button, modifiers)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, end, button, NO_BUTTON, modifiers)


def click(widget, pos, button=LEFT) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, pos, button, button)
    send_mouse(widget, QEvent.Type.MouseButtonRelease, pos, button, NO_BUTTON)


def view_point(view, scene_point) -> QPoint:
    """Viewport coordinates of a scene point."""
    return view.mapFromScene(QPointF(scene_point))


def isolate_settings(directory: Path) -> None:
    """Make QSettings read and write below ``directory`` (no user settings leak into tests)."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(directory / "settings"))


def make_window(qtbot, tmp_path: Path, path=None, all_panels: bool = False, panels: list[str] | None = None):
    """A shown main window with isolated settings and its recovery file under ``tmp_path``.
    Docks the panel modules ``panels``; by default only the inspector (canvas tests do not depend
    on the other issues' panels), with ``all_panels`` every panel."""
    from ann_studio.views.main_window import MainWindow

    isolate_settings(tmp_path)
    if panels is None and not all_panels:
        panels = ["ann_studio.views.panels.inspector"]
    window = MainWindow(recovery_dir=tmp_path / "recovery", panel_modules=panels)
    qtbot.addWidget(window)
    if path is not None:
        assert window.open_project(path)
    window.show()
    qtbot.waitExposed(window)
    return window


def drop_mime(widget, mime, point) -> None:
    """A drag entering ``widget`` at ``point``, moving there, and dropping ``mime``."""
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    point = QPointF(point)
    args = (Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, QDragEnterEvent(point.toPoint(), *args))
    QApplication.sendEvent(widget, QDragMoveEvent(point.toPoint(), *args))
    QApplication.sendEvent(widget, QDropEvent(point, *args, QEvent.Type.Drop))


def wizard_checked(qtbot, wizard, timeout: int = 30_000) -> bool:
    """Press the import wizard's Check (it reads off the GUI thread) and wait for the result:
    whether the file can be used."""
    with qtbot.waitSignal(wizard.checked, timeout=timeout):
        wizard.check()
    return wizard.dataset is not None
