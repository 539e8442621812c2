"""Gestures on the canvas, each ending in one undo command: connecting ports by dragging, and
moving nodes (positions recorded on press, one command on release; arrow-key nudges merge)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

from ...document.commands import MoveLayersCommand, NetworkEditCommand, with_edge
from . import style
from .edges import curve


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def connection_problem(network, src: str, dst: str) -> str | None:
    """Why ``src → dst`` cannot be added (None when it can)."""
    if src == dst:
        return _tr("a layer cannot feed itself")
    target = network.layer(dst)
    if target.type == "input":
        return _tr("an input layer takes no inputs")
    if src in target.inputs:
        return _tr("'%1' already feeds '%2'").replace("%1", src).replace("%2", dst)
    by_id = {layer.id: layer for layer in network.layers}
    todo, seen = [src], set()
    while todo:
        lid = todo.pop()
        if lid == dst:
            return _tr("this would make a cycle")
        if lid in seen or lid not in by_id:
            continue
        seen.add(lid)
        todo.extend(by_id[lid].inputs)
    return None


class Connector:
    """Drag from an output port to an input port (or back) to add an edge."""

    def __init__(self, scene):
        self.scene = scene
        self.port = None
        self.target = None
        self.line: QGraphicsPathItem | None = None
        self.label: QGraphicsSimpleTextItem | None = None

    @property
    def active(self) -> bool:
        return self.port is not None

    def begin(self, port, pos: QPointF) -> None:
        self.cancel()
        self.port = port
        self.line = QGraphicsPathItem()
        self.line.setZValue(10)
        self.label = QGraphicsSimpleTextItem()
        self.label.setZValue(11)
        self.scene.addItem(self.line)
        self.scene.addItem(self.label)
        self.move(pos)

    def _ends(self, port) -> tuple[str, str]:
        """(source id, target id) if ``port`` ends the drag started at ``self.port``."""
        if self.port.side == "out":
            return self.port.node.layer_id, port.node.layer_id
        return port.node.layer_id, self.port.node.layer_id

    def _port_at(self, pos: QPointF):
        from .node import PortItem

        wanted = "in" if self.port.side == "out" else "out"
        for item in self.scene.items(pos):
            if isinstance(item, PortItem) and item.side == wanted and item.isVisible():
                return item
        return None

    def move(self, pos: QPointF) -> None:
        if self.port is None:
            return
        target = self._port_at(pos)
        if self.target is not None and self.target is not target:
            self.target.set_state(None)
        self.target = target
        problem = None
        if target is not None:
            problem = connection_problem(self.scene.document.network, *self._ends(target))
            target.set_state("invalid" if problem else "valid")
        start = self.port.scenePos()
        end = target.scenePos() if target is not None else pos
        path = curve(start, end) if self.port.side == "out" else curve(end, start)
        colour = style.INVALID if problem else (style.VALID_TARGET if target is not None else style.SELECTED)
        self.line.setPath(path)
        self.line.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
        self.label.setText(problem or "")
        self.label.setBrush(style.INVALID)
        self.label.setPos(pos + QPointF(12, 10))

    def finish(self, pos: QPointF) -> None:
        """Add the edge if the drag ends on a valid port; otherwise nothing changes."""
        if self.port is None:
            return
        self.move(pos)
        target = self.target
        ends = self._ends(target) if target is not None else None
        self.cancel()
        if ends is None:
            return
        network = self.scene.document.network
        if connection_problem(network, *ends) is None:
            text = _tr("Connect '%1' → '%2'").replace("%1", ends[0]).replace("%2", ends[1])
            seed = self.scene.document.project.training.seed
            self.scene.push(NetworkEditCommand(self.scene.document, with_edge(network, *ends, seed=seed), text))

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_state(None)
        for item in (self.line, self.label):
            if item is not None and item.scene() is not None:
                item.scene().removeItem(item)
        self.port = self.target = self.line = self.label = None


def snap(value: float, on: bool) -> float:
    return round(value / style.GRID) * style.GRID if on else round(value, 2)


class MoveTracker:
    """Records node positions when a mouse button goes down; pushes one move command on release."""

    def __init__(self, scene):
        self.scene = scene
        self._start: dict[str, QPointF] = {}

    def pressed(self) -> None:
        self._start = {lid: self.scene.nodes[lid].pos() for lid in self.scene.selected_layer_ids()}

    def released(self) -> None:
        start, self._start = self._start, {}
        moves = {}
        for lid, old in start.items():
            node = self.scene.nodes.get(lid)
            if node is None or node.pos() == old:
                continue
            new = (snap(node.pos().x(), self.scene.snap_to_grid), snap(node.pos().y(), self.scene.snap_to_grid))
            moves[lid] = (self._stored(lid), new)
        if moves:
            self._push(moves)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selected nodes by ``(dx, dy)`` (arrow keys)."""
        moves = {}
        for lid in self.scene.selected_layer_ids():
            pos = self.scene.nodes[lid].pos()
            moves[lid] = (self._stored(lid), (round(pos.x() + dx, 2), round(pos.y() + dy, 2)))
        if moves:
            self._push(moves)

    def _stored(self, layer_id: str):
        position = self.scene.document.layer(layer_id).extra.get("position")
        return tuple(position) if position is not None else None

    def _push(self, moves: dict) -> None:
        if len(moves) == 1:
            text = _tr("Move layer '%1'").replace("%1", next(iter(moves)))
        else:
            text = _tr("Move %1 layers").replace("%1", str(len(moves)))
        self.scene.push(MoveLayersCommand(self.scene.document, moves, text))
