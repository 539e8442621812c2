"""Edges between layer nodes (collapsed view) and connections between neurons (neuron view)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyle

from ..plain_text import tooltip
from . import style


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def arrow_head(tip: QPointF, angle: float, size: float = 10.0) -> QPolygonF:
    """A filled triangle pointing along ``angle`` (radians) with its tip at ``tip``."""
    left = tip - QPointF(math.cos(angle - 0.42) * size, math.sin(angle - 0.42) * size)
    right = tip - QPointF(math.cos(angle + 0.42) * size, math.sin(angle + 0.42) * size)
    return QPolygonF([tip, left, right])


class EdgeItem(QGraphicsItem):
    """``src → dst``: a smooth curve from the source's output port to the target's input port."""

    def __init__(self, src: str, dst: str):
        super().__init__()
        self.src, self.dst = src, dst
        self.problem: str | None = None
        self._path = QPainterPath()
        self._arrow = QPolygonF()
        self._hover = False
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(0)
        self.setToolTip(tooltip(_tr("%1 → %2 (select and press Delete to disconnect)").replace(
            "%1", src).replace("%2", dst)))

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        self.prepareGeometryChange()
        self._path = curve(start, end - QPointF(8, 0))
        self._arrow = arrow_head(end, 0.0, 11.0)

    def set_problem(self, message: str | None) -> None:
        self.problem = message
        self.setToolTip(tooltip(message or _tr("%1 → %2 (select and press Delete to disconnect)").replace(
            "%1", self.src).replace("%2", self.dst)))
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._path.boundingRect().united(self._arrow.boundingRect()).adjusted(-8, -8, 8, 8)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        return stroker.createStroke(self._path)

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing,
                              option.levelOfDetailFromTransform(painter.worldTransform()) >= 0.6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = style.INVALID if self.problem else (style.SELECTED if selected or self._hover else style.EDGE)
        painter.setPen(QPen(colour, 3 if selected else 2, Qt.PenStyle.DashLine if self.problem else Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(self._arrow)

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._hover = False
        self.update()


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """A horizontal-tangent cubic from ``start`` to ``end`` (looping round when going back)."""
    path = QPainterPath(start)
    dx = max(abs(end.x() - start.x()) * 0.5, 40.0)
    path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end)
    return path


class ConnectionItem(QGraphicsItem):
    """Weight ``W[i, j]`` of layer ``layer``: from neuron ``k`` of ``src`` (column ``j`` of the
    concatenated inputs) to neuron ``i``. Colour by sign, thickness by magnitude by default."""

    def __init__(self, layer: str, i: int, j: int, src: str, k: int):
        super().__init__()
        self.layer, self.i, self.j, self.src, self.k = layer, i, j, src, k
        self.line = QLineF()
        self.colour = style.NEUTRAL
        self.width = 1.0
        self.backwards = False
        self.selected = False
        self.setAcceptHoverEvents(True)
        self.setZValue(0.5)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_line(self, line: QLineF) -> None:
        self.prepareGeometryChange()
        self.line = line

    def set_look(self, colour: QColor, width: float, backwards: bool = False) -> None:
        self.colour, self.width, self.backwards = colour, width, backwards
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        pad = max(self.width, 6) + 6
        return QRectF(self.line.p1(), self.line.p2()).normalized().adjusted(-pad, -pad, pad, pad)

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.line.p1())
        path.lineTo(self.line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.width, 5))
        return stroker.createStroke(path)

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        if self.selected:
            painter.setPen(QPen(QColor(37, 99, 235, 120), self.width + 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(self.line)
        painter.setPen(QPen(self.colour, self.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(self.line)
        if self.backwards:
            angle = math.atan2(self.line.dy(), self.line.dx()) + math.pi
            mid = self.line.pointAt(0.35)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colour)
            painter.drawPolygon(arrow_head(mid, angle, 6 + self.width))

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        scene = self.scene()
        if scene is not None:
            self.setToolTip(tooltip(scene.describe_weight(self.layer, self.i, self.j)))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.scene().select_weight(self.layer, self.i, self.j)
            event.accept()
        else:
            event.ignore()
