"""The training panel's timeline: a slider over the recorded steps that also shows where the run
was changed mid-way — weights typed in (orange marks) and hyperparameters changed (grey marks) —
so a student sees on the timeline that the run went on from an edit."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider

EDIT_COLOUR = QColor("#e65100")
SETTING_COLOUR = QColor("#757575")


class TimelineSlider(QSlider):
    """A horizontal QSlider with marks at the steps where the run was edited (see module doc)."""

    def __init__(self, parent=None, objectName: str = "timeline"):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName(objectName)
        self.edit_steps: list[int] = []
        self.setting_steps: list[int] = []

    def set_marks(self, edit_steps, setting_steps) -> None:
        """Steps with an edit and steps with a settings change (repaints only when they change)."""
        edits, settings = sorted(set(edit_steps)), sorted(set(setting_steps) - {0})
        if (edits, settings) != (self.edit_steps, self.setting_steps):
            self.edit_steps, self.setting_steps = edits, settings
            self.update()

    def mark_x(self, step: int) -> float:
        """The x of ``step`` on the groove (as the handle's centre would be there)."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderGroove, self)
        handle = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderHandle, self)
        span = max(1, self.maximum() - self.minimum())
        usable = groove.width() - handle.width()
        return groove.x() + handle.width() / 2 + usable * (step - self.minimum()) / span

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not (self.edit_steps or self.setting_steps):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bottom = self.height() - 1.0
        for steps, colour in ((self.setting_steps, SETTING_COLOUR), (self.edit_steps, EDIT_COLOUR)):
            painter.setPen(QPen(colour, 1.5))
            painter.setBrush(colour)
            for step in steps:
                if self.minimum() <= step <= self.maximum():
                    x = self.mark_x(step)
                    painter.drawPolygon(QPolygonF([QPointF(x, bottom - 6), QPointF(x - 4, bottom),
                                                   QPointF(x + 4, bottom)]))
        painter.end()
