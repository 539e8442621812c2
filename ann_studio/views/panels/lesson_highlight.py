"""A flashing outline that points a student at a control: a toolbar button, a dock panel, or a
canvas layer (selected, so every view focuses it)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QToolBar, QWidget

FLASHES = 6
INTERVAL_MS = 350
COLOR = QColor("#ff9800")


class Highlighter(QWidget):
    """An outline drawn over ``window`` around a target widget; blinks ``FLASHES`` times, then
    stays until :meth:`clear`. Transparent for the mouse."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("lesson_highlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.window_ = window
        self.target: QWidget | None = None
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_tick)
        self.hide()

    def point_at(self, widget: QWidget | None) -> None:
        """Outline ``widget`` (None: clear)."""
        self.target = widget
        self._ticks = 0
        if widget is None:
            self.clear()
            return
        self._place()
        self.show()
        self.raise_()
        self._timer.start(INTERVAL_MS)

    def clear(self) -> None:
        self._timer.stop()
        self.target = None
        self.hide()

    def _place(self) -> None:
        if self.target is None:
            return
        top_left = self.target.mapTo(self.window_, self.target.rect().topLeft())
        self.setGeometry(QRect(top_left, self.target.size()).adjusted(-3, -3, 3, 3))

    @Slot()
    def _on_timer_tick(self) -> None:
        self._ticks += 1
        self._place()
        if self._ticks >= 2 * FLASHES:
            self._timer.setInterval(1000)  # keep following the target (docks move), solid from now on
            self.setVisible(True)
        else:
            self.setVisible(self._ticks % 2 == 0)
        self.raise_()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(COLOR, 3))
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 5, 5)
        painter.end()


def _show_dock(window, name: str) -> QWidget | None:
    """Show and raise dock ``name`` (unless a classroom lock hides it); returns it."""
    dock = window.docks.get(name)
    if dock is not None and dock.toggleViewAction().isVisible():
        dock.show()
        dock.raise_()
    return dock


def widget_for_target(window, target) -> QWidget | None:
    """The widget that shows ``target`` (a :class:`ann_studio.lessons.Target`): an action's
    toolbar button, a dock (shown and raised), or the canvas (the layer is selected)."""
    if target is None:
        return None
    if target.panel is not None:  # the panel the step talks about comes to the front too
        _show_dock(window, target.panel)
    if target.kind == "action":
        action = window.actions.get(target.name)
        if action is None:
            return None
        for toolbar in window.findChildren(QToolBar):
            button = toolbar.widgetForAction(action)
            if button is not None and toolbar.isVisible() and button.isVisible():
                return button
        return None
    if target.kind == "dock":
        return _show_dock(window, target.name)
    from ...document.selection import Selected

    if any(layer.id == target.name for layer in window.document.network.layers):
        window.selection.select(Selected("layer", target.name))
    return window.canvas_view
