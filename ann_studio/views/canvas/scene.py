"""The canvas scene: a projection of the document's network.

It listens to the document's per-layer signals and keeps ``layer_id → LayerNode`` and
``(src, dst) → EdgeItem`` maps. Items report gestures to the scene, which turns them into undo
commands (``interactions.py``); the scene itself never changes the document directly.

Overlay API (for the training overlay): :meth:`layer_item`, :meth:`set_layer_highlight`,
:meth:`set_neuron_values`, :meth:`set_connection_values`, :meth:`clear_overlay`.
"""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsScene

from ...core.errors import ProjectError
from ...document.selection import Selected
from ..panels.refresh_throttle import RefreshThrottle
from ..problem_words import describe
from . import editing, style
from .edges import EdgeItem
from .interactions import Connector, MoveTracker
from .layout import auto_layout
from .neuron_view import NeuronLayer
from .node import LayerNode

_LAYER_PATH = re.compile(r"^network\.layers\[(\d+)\](?:\.inputs\[(\d+)\])?")


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


class CanvasScene(QGraphicsScene):
    """Mirror of ``document.network``.

    Parameters
    ----------
    document : ProjectDocument
    selection : SelectionModel, optional
        The shared focus (layer, neuron or weight); clicks set it, changes elsewhere are shown.
    session : TrainingSession, optional
        Source of the current weights shown in neuron view.
    push : callable, optional
        ``push(command)``; defaults to ``document.undo_stack.push``. The window passes one that
        pauses training before structural edits.
    notation : NotationChoice, optional
        The student's notation: weight tooltips name weights as the math view does.
    """

    #: the scene was rebuilt or its items moved (the view may refit)
    rebuilt = Signal()
    #: neuron view was switched on or off
    neuron_view_toggled = Signal(bool)

    def __init__(self, document, selection=None, session=None, push=None, parent=None, notation=None):
        super().__init__(parent)
        self.document, self.selection, self.session = document, selection, session
        self.notation = notation
        self.push = push or document.undo_stack.push
        self.snap_to_grid = True
        self.neuron_view = False
        self.nodes: dict[str, LayerNode] = {}
        self.edges: dict[tuple[str, str], EdgeItem] = {}
        self.layers: dict[str, NeuronLayer] = {}
        self.highlights: dict[str, QColor] = {}
        self.connector = Connector(self)
        self.mover = MoveTracker(self)
        self._syncing_selection = False
        self.setBackgroundBrush(style.BACKGROUND)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        document.project_replaced.connect(self.rebuild)
        document.layer_added.connect(self._on_document_layer_added)
        document.layer_removed.connect(self._on_document_layer_removed)
        document.layer_changed.connect(self._on_document_layer_changed)
        document.layer_moved.connect(self._on_document_layer_moved)
        document.output_changed.connect(self._on_document_output_changed)
        document.network_changed.connect(self._on_document_network_changed)
        self.selectionChanged.connect(self._on_scene_selection_changed)
        if selection is not None:
            selection.changed.connect(self._on_selection_changed)
        if session is not None:
            # recolouring every connection of a big neuron view costs ~30 ms (2,220 connections for
            # digits): while training plays, at most 10 times a second
            self._weights_throttle = RefreshThrottle(self.refresh_weights, session, self, interval_s=0.1)
            session.updated.connect(self._weights_throttle.request)
        self.rebuild()

    # ------------------------------------------------------------------ overlay API

    def layer_item(self, layer_id: str) -> LayerNode | None:
        """The node drawing ``layer_id``, or None."""
        return self.nodes.get(layer_id)

    def set_layer_highlight(self, layer_id: str | None, color: QColor | None) -> None:
        """Outline ``layer_id`` in ``color`` (the layer being computed); ``None`` clears all."""
        if layer_id is None or color is None:
            targets = list(self.highlights) if layer_id is None else [layer_id]
            for lid in targets:
                self.highlights.pop(lid, None)
                if lid in self.nodes:
                    self.nodes[lid].set_highlight(None)
            return
        self.highlights[layer_id] = QColor(color)
        if layer_id in self.nodes:
            self.nodes[layer_id].set_highlight(QColor(color))

    def set_neuron_values(self, layer_id: str, values: np.ndarray | None, mode: str = "activation") -> None:
        """Fill the neurons of ``layer_id`` by ``values`` (shape ``(units,)``); ``mode`` is
        ``"activation"`` or ``"delta"``. ``None`` returns to the plain look."""
        if layer_id in self.layers:
            self.layers[layer_id].set_neuron_values(values, mode)

    def set_connection_values(self, layer_id: str, values: np.ndarray | None, mode: str = "weight",
                              backwards: bool = False) -> None:
        """Colour the connections into ``layer_id`` by ``values`` (shape ``(units, fan_in)``);
        ``mode`` is ``"weight"``, ``"gradient"`` or ``"change"``; ``backwards`` draws arrows
        pointing back. ``None`` returns to the current weights."""
        if layer_id in self.layers:
            self.layers[layer_id].set_connection_values(values, mode, backwards)

    def clear_overlay(self) -> None:
        """Remove every highlight and value overlay."""
        self.set_layer_highlight(None, None)
        for layer in self.layers.values():
            layer.clear_values()

    # ------------------------------------------------------------------ building

    def rebuild(self) -> None:
        """Drop every item and mirror the document again."""
        self.connector.cancel()
        for layer in self.layers.values():
            layer.remove()
        self.clear()
        self.nodes.clear()
        self.edges.clear()
        self.layers.clear()
        self.highlights.clear()
        net = self.document.network
        for layer in net.layers:
            self._add_node(layer)
        self._place_unpositioned()
        self._sync_edges()
        self._apply_problems()
        self.refresh_weights()
        self.rebuilt.emit()

    def _add_node(self, layer) -> LayerNode:
        node = LayerNode(layer.id)
        node.update_from(layer, layer.id == self.document.network.output)
        node.set_expanded(self.neuron_view)
        self.addItem(node)
        self.nodes[layer.id] = node
        self.layers[layer.id] = NeuronLayer(self, layer.id)
        position = layer.extra.get("position")
        if _valid_position(position):
            node.setPos(float(position[0]), float(position[1]))
        return node

    def _place_unpositioned(self) -> None:
        """Lay out nodes whose layer has no stored position (kept out of the file)."""
        net = self.document.network
        missing = [layer.id for layer in net.layers if not _valid_position(layer.extra.get("position"))]
        if not missing:
            return
        sizes = {lid: node.size() for lid, node in self.nodes.items()}
        placed = auto_layout(net, sizes)
        for lid in missing:
            self.nodes[lid].setPos(*placed[lid])

    def _sync_edges(self) -> None:
        wanted = {(src, layer.id) for layer in self.document.network.layers for src in layer.inputs
                  if src in self.nodes}
        for key in list(self.edges):
            if key not in wanted:
                self.removeItem(self.edges.pop(key))
        for key in wanted - set(self.edges):
            edge = EdgeItem(*key)
            self.addItem(edge)
            self.edges[key] = edge
        for key in wanted:
            self._update_edge(self.edges[key])

    def _update_edge(self, edge: EdgeItem) -> None:
        src, dst = self.nodes[edge.src], self.nodes[edge.dst]
        edge.set_ends(src.output_anchor(), dst.input_anchor())
        # the layer edge gives way to the individual connections, unless there are too many of
        # them to draw (neuron_view.MAX_CONNECTIONS): then the edge stays
        neurons = self.layers.get(edge.dst)
        drawn = neurons is not None and bool(neurons.items)
        edge.setVisible(not (self.neuron_view and src.expanded and dst.expanded and drawn))

    def node_moved(self, node: LayerNode) -> None:
        """Keep edges and connections attached while a node moves."""
        lid = node.layer_id
        for (src, dst), edge in self.edges.items():
            if lid in (src, dst):
                self._update_edge(edge)
        for layer in self.layers.values():
            layer.node_moved(lid)

    # ------------------------------------------------------------------ document signals

    def _on_document_layer_added(self, layer_id: str) -> None:
        node = self._add_node(self.document.layer(layer_id))
        if not _valid_position(self.document.layer(layer_id).extra.get("position")):
            self._place_unpositioned()
        self.node_moved(node)

    def _on_document_layer_removed(self, layer_id: str) -> None:
        node = self.nodes.pop(layer_id, None)
        self.highlights.pop(layer_id, None)
        layer = self.layers.pop(layer_id, None)
        if layer is not None:
            layer.remove()
        if node is not None:
            self.removeItem(node)
        for key in [k for k in self.edges if layer_id in k]:
            self.removeItem(self.edges.pop(key))

    def _on_document_layer_changed(self, layer_id: str) -> None:
        node = self.nodes.get(layer_id)
        if node is None:
            return
        node.update_from(self.document.layer(layer_id), layer_id == self.document.network.output)
        node.set_expanded(self.neuron_view)
        self.node_moved(node)

    def _on_document_layer_moved(self, layer_id: str) -> None:
        node = self.nodes.get(layer_id)
        position = self.document.layer(layer_id).extra.get("position")
        if node is None:
            return
        if _valid_position(position):
            if (node.pos().x(), node.pos().y()) != (position[0], position[1]):
                node.setPos(float(position[0]), float(position[1]))
        else:
            self._place_unpositioned()

    def _on_document_output_changed(self, _layer_id: str) -> None:
        for lid in self.nodes:
            self._on_document_layer_changed(lid)

    def _on_document_network_changed(self) -> None:
        if set(self.nodes) != {layer.id for layer in self.document.network.layers}:
            self.rebuild()
            return
        self._sync_edges()
        for layer in self.layers.values():
            layer.rebuild()
        self._apply_problems()
        self.refresh_weights()

    # ------------------------------------------------------------------ validation

    def _apply_problems(self) -> None:
        """Mark offending nodes and edges in red, with the message as tooltip."""
        net = self.document.network
        node_problems: dict[str, list[str]] = {lid: [] for lid in self.nodes}
        edge_problems: dict[tuple[str, str], str] = {}
        for problem in self.document.problems():
            problem = ProjectError(problem.path, describe(problem, net))  # in the student's words
            match = _LAYER_PATH.match(problem.path)
            if match and int(match.group(1)) < len(net.layers):
                layer = net.layers[int(match.group(1))]
                if match.group(2) is not None and int(match.group(2)) < len(layer.inputs):
                    edge_problems[(layer.inputs[int(match.group(2))], layer.id)] = problem.message
                node_problems.setdefault(layer.id, []).append(problem.message)
            elif problem.path.startswith("network.output") and net.output in node_problems:
                node_problems[net.output].append(problem.message)
        warnings = editing.layer_warnings(net)
        for lid, node in self.nodes.items():
            node.set_problems(node_problems.get(lid, []), warnings.get(lid, []))
        for key, edge in self.edges.items():
            edge.set_problem(edge_problems.get(key))

    # ------------------------------------------------------------------ neuron view and weights

    def set_neuron_view(self, on: bool) -> None:
        """Expand every layer (up to ``MAX_NEURONS`` units) into its neurons and draw each weight."""
        if on == self.neuron_view:
            return
        self.neuron_view = on
        for node in self.nodes.values():
            node.set_expanded(on)
        for layer in self.layers.values():
            layer.rebuild()
        for edge in self.edges.values():
            self._update_edge(edge)
        self.refresh_weights()
        self._on_selection_changed(self.selection.current if self.selection else None)
        self.neuron_view_toggled.emit(on)

    def current_weights(self) -> dict[str, np.ndarray]:
        """``{layer_id: W}``: the trainer's current weights, else the document's initial ones."""
        trainer = getattr(self.session, "trainer", None)
        if trainer is not None:
            return {layer.id: layer.W for layer in trainer.network.dense}
        try:
            network = self.document.project.build_network()
        except Exception:  # noqa: BLE001 - an invalid network has no weights to show
            return {}
        return {layer.id: layer.W for layer in network.dense}

    def refresh_weights(self) -> None:
        if not self.neuron_view:
            return
        weights = self.current_weights()
        for lid, layer in self.layers.items():
            layer.set_default_weights(weights.get(lid))

    def describe_neuron(self, layer_id: str, index: int) -> str:
        layer = self.layers.get(layer_id)
        return layer.describe_neuron(index) if layer else ""

    def describe_weight(self, layer_id: str, i: int, j: int) -> str:
        """The tooltip of weight (i, j) of ``layer_id`` (0-based indices, shown 1-based), named in
        the student's notation when training has a network."""
        layer = self.layers.get(layer_id)
        if layer is None:
            return ""
        trainer = getattr(self.session, "trainer", None)
        symbol = "w"
        if self.notation is not None and trainer is not None and layer_id in trainer.network.index:
            symbol = self.notation.weight_symbol(trainer.network, layer_id, i, j)
        return layer.describe_weight(i, j, symbol)

    # ------------------------------------------------------------------ selection

    def select_neuron(self, layer_id: str, index: int) -> None:
        self.clearSelection()
        if self.selection is not None:
            self.selection.select(Selected("neuron", layer_id, index))

    def select_weight(self, layer_id: str, i: int, j: int) -> None:
        self.clearSelection()
        if self.selection is not None:
            self.selection.select(Selected("weight", layer_id, i, j))

    def selected_layer_ids(self) -> list[str]:
        return [item.layer_id for item in self.selectedItems() if isinstance(item, LayerNode)]

    def _on_scene_selection_changed(self) -> None:
        if self._syncing_selection or self.selection is None:
            return
        ids = self.selected_layer_ids()
        if len(ids) == 1:
            self.selection.select(Selected("layer", ids[0]))
        elif ids or (self.selection.current and self.selection.current.kind == "layer"):
            self.selection.select(None)

    def _on_selection_changed(self, current) -> None:
        for layer in self.layers.values():
            layer.show_selection(current)
        if current is not None and current.kind == "layer" and current.layer in self.nodes:
            node = self.nodes[current.layer]
            if not node.isSelected():
                self._syncing_selection = True
                self.clearSelection()
                node.setSelected(True)
                self._syncing_selection = False

    # ------------------------------------------------------------------ background, mouse

    def drawBackground(self, painter, rect: QRectF) -> None:  # noqa: N802 - Qt override
        painter.fillRect(rect, style.BACKGROUND)
        scale = painter.worldTransform().m11()
        step = style.GRID if scale > 0.45 else style.GRID * 5
        left, top = int(rect.left() // step) * step, int(rect.top() // step) * step
        minor, major = [], []
        x = left
        while x < rect.right():
            (major if x % (step * 5) == 0 else minor).append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            (major if y % (step * 5) == 0 else minor).append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        painter.setRenderHint(painter.RenderHint.Antialiasing, False)
        for colour, lines in ((style.GRID_MINOR, minor), (style.GRID_MAJOR, major)):
            painter.setPen(QPen(colour, 0))
            painter.drawLines(lines)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mousePressEvent(event)
        self.mover.pressed()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        self.mover.released()

    def items_rect(self) -> QRectF:
        rect = QRectF()
        for node in self.nodes.values():
            rect = rect.united(node.sceneBoundingRect())
        return rect


def _valid_position(position) -> bool:
    return (isinstance(position, (list, tuple)) and len(position) == 2
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) for v in position))
