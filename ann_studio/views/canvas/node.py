"""The layer node: a rounded card with a coloured header (id), a body (kind, units, activation),
an input port on the left and an output port on the right. In neuron view the card becomes a
column of neuron circles (:class:`NeuronItem`).

Items never touch the document: they report gestures to their scene (``CanvasScene``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyle

from ..plain_text import tooltip
from . import style

LOW_DETAIL = 0.6  # below this zoom, nodes are drawn without rounded corners, shadow or body text


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


class PortItem(QGraphicsItem):
    """An input (``"in"``) or output (``"out"``) port; drag from it to connect layers."""

    def __init__(self, node: LayerNode, side: str):
        super().__init__(node)
        self.node = node
        self.side = side
        self.state: str | None = None  # None, "hover", "valid" or "invalid" (while connecting)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setZValue(3)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setToolTip(_tr("Drag to another layer's input to connect") if side == "out"
                        else _tr("Drop a connection here"))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        r = style.PORT_RADIUS + 4
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(self.boundingRect())
        return path

    def paint(self, painter, option, widget=None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOW_DETAIL and self.state is None:
            painter.fillRect(QRectF(-4, -4, 8, 8), style.EDGE)
            return
        colour = {"valid": style.VALID_TARGET, "invalid": style.INVALID, "hover": style.SELECTED}.get(
            self.state, style.EDGE)
        r = style.PORT_RADIUS + (2 if self.state else 0)
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 2))
        painter.setBrush(QBrush(style.BODY if self.side == "in" else colour))
        painter.drawEllipse(QPointF(0, 0), r, r)

    def set_state(self, state: str | None) -> None:
        if state != self.state:
            self.state = state
            self.update()

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.state is None:
            self.set_state("hover")

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.state == "hover":
            self.set_state(None)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.scene() is not None:
            self.scene().connector.begin(self, event.scenePos())
            event.accept()
        else:
            event.ignore()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.scene().connector.move(event.scenePos())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.scene().connector.finish(event.scenePos())


class NeuronItem(QGraphicsItem):
    """Unit ``index`` of a layer, in neuron view: a circle filled by its value."""

    def __init__(self, node: LayerNode, index: int):
        super().__init__(node)
        self.node = node
        self.index = index
        self.fill = style.BODY
        self.value: float | None = None
        self.selected = False
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        r = style.NEURON_RADIUS + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), style.NEURON_RADIUS, style.NEURON_RADIUS)
        return path

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        r = style.NEURON_RADIUS
        pen = QPen(style.SELECTED, 3) if self.selected else QPen(style.BORDER.darker(115), 1.2)
        painter.setPen(pen)
        painter.setBrush(QBrush(self.fill))
        painter.drawEllipse(QPointF(0, 0), r, r)
        if self.value is not None:
            font = QFont(painter.font())
            font.setPointSizeF(6.5)
            painter.setFont(font)
            painter.setPen(style.text_colour_on(self.fill))
            painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter,
                             style.format_value(self.value))

    def set_look(self, fill: QColor, value: float | None) -> None:
        self.fill, self.value = fill, value
        self.update()

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        text = _tr("Neuron %1 of '%2'").replace("%1", str(self.index + 1)).replace("%2", self.node.layer_id)
        extra = self.scene().describe_neuron(self.node.layer_id, self.index) if self.scene() else ""
        self.setToolTip(tooltip(text + (f"\n{extra}" if extra else "")))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.scene().select_neuron(self.node.layer_id, self.index)
            event.accept()
        else:
            event.ignore()


class LayerNode(QGraphicsItem):
    """One layer. ``pos()`` is the card's top-left corner (what the file stores)."""

    def __init__(self, layer_id: str):
        super().__init__()
        self.layer_id = layer_id
        self.kind, self.subtitle, self.units_text = "hidden", "", ""
        self.units = 1
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.highlight: QColor | None = None
        self.summary: list[QColor] = []
        self.summary_text = ""
        self.expanded = False
        self.neurons: list[NeuronItem] = []
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # a pan blits a pixmap
        self.in_port = PortItem(self, "in")
        self.out_port = PortItem(self, "out")
        self._size = (style.NODE_WIDTH, style.NODE_HEADER + style.NODE_BODY)
        self._place_ports()

    # ------------------------------------------------------------------ content

    def update_from(self, layer, is_output: bool) -> None:
        """Mirror a :class:`~ann_studio.core.LayerSpec`."""
        self.kind = "input" if layer.type == "input" else ("output" if is_output else "hidden")
        self.units = layer.units
        unit_word = _tr("unit") if layer.units == 1 else _tr("units")
        self.units_text = f"{layer.units} {unit_word}"
        if layer.type == "input":
            self.subtitle = _tr("input")
        else:
            kind = _tr("output") if is_output else _tr("dense")
            self.subtitle = f"{kind} · {layer.activation}"
        self.in_port.setVisible(layer.type != "input")
        self._relayout()
        self.update()

    def set_problems(self, messages: list[str], warnings: list[str] = ()) -> None:
        """Errors (red outline: training is off) and warnings (amber outline: valid, but it
        cannot learn as meant); their messages are the tooltip."""
        self.problems, self.warnings = messages, list(warnings)
        self.setToolTip(tooltip("\n".join([*messages, *self.warnings])))
        self.update()

    def set_highlight(self, colour: QColor | None) -> None:
        self.highlight = colour
        self.update()

    def set_summary(self, colours: list[QColor], text: str) -> None:
        self.summary, self.summary_text = colours, text
        self.update()

    def can_expand(self) -> bool:
        return self.units <= style.MAX_NEURONS

    def set_expanded(self, on: bool) -> None:
        """Neuron view on/off (layers above ``MAX_NEURONS`` units stay collapsed)."""
        on = on and self.can_expand()
        if on == self.expanded and len(self.neurons) == (self.units if on else 0):
            return
        self.expanded = on
        self._relayout()

    def _relayout(self) -> None:
        want = self.units if self.expanded else 0
        for neuron in self.neurons[want:]:
            neuron.setParentItem(None)
            if neuron.scene() is not None:
                neuron.scene().removeItem(neuron)
        self.neurons = self.neurons[:want]
        while len(self.neurons) < want:
            self.neurons.append(NeuronItem(self, len(self.neurons)))
        if self.expanded:
            body = max(style.NODE_BODY - 12, self.units * style.NEURON_SPACING + 8)
            size = (style.NEURON_NODE_WIDTH, style.NODE_HEADER + body)
        else:
            size = (style.NODE_WIDTH, style.NODE_HEADER + style.NODE_BODY)
        if size != self._size:
            self.prepareGeometryChange()
            self._size = size
        top = style.NODE_HEADER + (self._size[1] - style.NODE_HEADER - self.units * style.NEURON_SPACING) / 2
        for i, neuron in enumerate(self.neurons):
            neuron.setPos(self._size[0] / 2, top + (i + 0.5) * style.NEURON_SPACING)
        self._place_ports()

    def _place_ports(self) -> None:
        w, h = self._size
        y = style.NODE_HEADER + (h - style.NODE_HEADER) / 2
        self.in_port.setPos(0, y)
        self.out_port.setPos(w, y)

    # ------------------------------------------------------------------ geometry

    def size(self) -> tuple[float, float]:
        return self._size

    def rect(self) -> QRectF:
        return QRectF(0, 0, *self._size)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect().adjusted(-6, -6, 8, 10)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.rect(), style.NODE_RADIUS, style.NODE_RADIUS)
        return path

    def input_anchor(self) -> QPointF:
        return self.mapToScene(self.in_port.pos())

    def output_anchor(self) -> QPointF:
        return self.mapToScene(self.out_port.pos())

    def neuron_anchor(self, index: int, side: str) -> QPointF:
        """Scene centre of neuron ``index`` (``side`` is kept for callers: ``"in"`` or ``"out"``)."""
        neuron = self.neurons[index]
        del side  # lines run centre to centre, under the (opaque) neurons
        return self.mapToScene(neuron.pos())

    # ------------------------------------------------------------------ painting

    def paint(self, painter, option, widget=None) -> None:
        rect, radius = self.rect(), style.NODE_RADIUS
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOW_DETAIL:
            self._paint_simple(painter, rect, option, lod)
            return
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        if not self.expanded:
            painter.setBrush(QColor(20, 30, 50, 28))
            painter.drawRoundedRect(rect.translated(1.5, 3), radius, radius)
        painter.setBrush(QColor(255, 255, 255, 150) if self.expanded else style.BODY)
        painter.drawRoundedRect(rect, radius, radius)
        header = QPainterPath()
        header.addRoundedRect(QRectF(0, 0, rect.width(), style.NODE_HEADER + radius), radius, radius)
        clip = QPainterPath()
        clip.addRect(QRectF(0, 0, rect.width(), style.NODE_HEADER))
        painter.setBrush(style.KIND_COLOURS[self.kind])
        painter.drawPath(header.intersected(clip))
        self._paint_text(painter, rect)
        if self.summary and not self.expanded:
            self._paint_summary(painter, rect)
        self._paint_outline(painter, rect, option)

    def _paint_simple(self, painter, rect: QRectF, option, lod: float) -> None:
        """Zoomed far out: plain rectangles, the title only (fast with hundreds of layers)."""
        painter.setRenderHint(painter.RenderHint.Antialiasing, False)
        painter.fillRect(rect, style.BODY)
        painter.fillRect(QRectF(0, 0, rect.width(), style.NODE_HEADER), style.KIND_COLOURS[self.kind])
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = style.INVALID if self.problems else (style.SELECTED if selected else style.BORDER)
        painter.setPen(QPen(colour, 0 if not (selected or self.problems) else 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        if self.highlight is not None:
            painter.setPen(QPen(self.highlight, 6))
            painter.drawRect(rect.adjusted(-3, -3, 3, 3))
        if lod > 0.3:
            font = QFont(painter.font())
            font.setPointSizeF(9.5)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(QRectF(10, 0, rect.width() - 20, style.NODE_HEADER),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.layer_id)

    def _paint_text(self, painter, rect: QRectF) -> None:
        font = QFont(painter.font())
        font.setPointSizeF(9.5)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        title = QRectF(10, 0, rect.width() - 20, style.NODE_HEADER)
        painter.drawText(title, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(self.layer_id, Qt.TextElideMode.ElideRight,
                                                           int(title.width())))
        font.setBold(False)
        font.setPointSizeF(8.5)
        painter.setFont(font)
        if self.expanded:
            painter.setPen(QColor("#ffffff"))
            painter.drawText(title, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, str(self.units))
            return
        painter.setPen(style.TEXT)
        body = QRectF(12, style.NODE_HEADER + 3, rect.width() - 24, 22)
        painter.drawText(body, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.subtitle)
        painter.setPen(style.MUTED)
        units = body.translated(0, 19)
        text = self.summary_text if self.summary else self.units_text
        painter.drawText(units, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        if self.warnings:
            painter.setPen(style.WARNING)
            painter.drawText(units, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             _tr("⚠ cannot learn"))

    def _paint_summary(self, painter, rect: QRectF) -> None:
        n = min(len(self.summary), 32)
        cell = (rect.width() - 24) / max(n, 1)
        painter.setPen(QPen(style.BORDER, 0.5))
        for k in range(n):
            painter.setBrush(self.summary[k])
            painter.drawRect(QRectF(12 + k * cell, style.NODE_HEADER + 47, cell, 6))

    def _paint_outline(self, painter, rect: QRectF, option) -> None:
        radius = style.NODE_RADIUS
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.highlight is not None:
            glow = QColor(self.highlight)
            glow.setAlpha(110)
            painter.setPen(QPen(glow, 7))
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if self.problems:
            pen = QPen(style.INVALID, 2.5, Qt.PenStyle.DashLine if not selected else Qt.PenStyle.SolidLine)
        elif self.warnings:
            pen = QPen(style.WARNING, 2.5, Qt.PenStyle.DashLine if not selected else Qt.PenStyle.SolidLine)
        elif selected:
            pen = QPen(style.SELECTED, 2.5)
        else:
            pen = QPen(style.BORDER, 1)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, radius, radius)

    def itemChange(self, change, value):  # noqa: N802 - Qt override
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged and self.scene() is not None:
            self.scene().node_moved(self)
        return super().itemChange(change, value)


def neuron_values_text(values: np.ndarray, limit: int = 4) -> str:
    """``[0.12, 0.80, …]`` for a node's collapsed summary."""
    shown = ", ".join(style.format_value(v) for v in values[:limit])
    return f"[{shown}{', …' if len(values) > limit else ''}]"
