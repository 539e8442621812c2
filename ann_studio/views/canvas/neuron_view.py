"""Neuron view of one layer: its neurons' values and the connections into it.

A :class:`NeuronLayer` owns the :class:`~.edges.ConnectionItem` objects of ``W`` (shape
``(units, fan_in)``: row ``i`` is the layer's neuron, column ``j`` the neuron of its concatenated
inputs) and the value overlays of the layer's neurons.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QLineF

from . import style
from .edges import ConnectionItem
from .node import neuron_values_text

#: above this many weights into one layer the neuron view keeps the layer-to-layer edge: each
#: connection is an item, and 1,920 of them (digits 64→30) made a phase step take ~120 ms
MAX_CONNECTIONS = 1024
_SYMBOL = {"activation": "a", "delta": "\u03b4", "weight": "w", "gradient": "\u2202E/\u2202w", "change": "\u0394w"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


class NeuronLayer:
    """Overlays and connections of layer ``layer_id`` in ``scene``."""

    def __init__(self, scene, layer_id: str):
        self.scene, self.layer_id = scene, layer_id
        self.items: list[ConnectionItem] = []
        self.sources: list[tuple[str, int]] = []  # column j → (source layer, its neuron k)
        self.weights: np.ndarray | None = None
        self.connection_values: tuple[np.ndarray, str, bool] | None = None
        self.neuron_values: tuple[np.ndarray, str] | None = None

    # ------------------------------------------------------------------ connections

    def remove(self) -> None:
        for item in self.items:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self.items = []

    def rebuild(self) -> None:
        """Create one connection item per weight when this layer and its inputs are expanded,
        and repaint the neuron values."""
        self._rebuild_connections()
        self._apply_neurons()

    def _rebuild_connections(self) -> None:
        self.remove()
        doc, nodes = self.scene.document, self.scene.nodes
        if not self.scene.neuron_view or not doc.has_layer(self.layer_id):
            return
        layer = doc.layer(self.layer_id)
        node = nodes.get(self.layer_id)
        if layer.type != "dense" or node is None or not node.expanded:
            return
        self.sources = [(src, k) for src in layer.inputs if src in nodes for k in range(doc.layer(src).units)]
        if len(self.sources) != doc.network.fan_in(layer) or len(self.sources) * layer.units > MAX_CONNECTIONS:
            return
        if not all(nodes[src].expanded for src in layer.inputs):
            return
        for i in range(layer.units):
            for j, (src, k) in enumerate(self.sources):
                item = ConnectionItem(self.layer_id, i, j, src, k)
                self.items.append(item)
                self.scene.addItem(item)
        self._place()
        self._apply_connections()
        self.show_selection(self.scene.selection.current if self.scene.selection else None)

    def _place(self) -> None:
        nodes = self.scene.nodes
        dst = nodes[self.layer_id]
        for item in self.items:
            src = nodes.get(item.src)
            if src is None or item.k >= len(src.neurons) or item.i >= len(dst.neurons):
                continue  # stale until the network_changed rebuild
            item.set_line(QLineF(src.neuron_anchor(item.k, "out"), dst.neuron_anchor(item.i, "in")))

    def node_moved(self, layer_id: str) -> None:
        if self.items and (layer_id == self.layer_id or any(src == layer_id for src, _k in self.sources)):
            self._place()

    def set_default_weights(self, weights: np.ndarray | None) -> None:
        self.weights = None if weights is None else np.array(weights, dtype=float)
        if self.connection_values is None:
            self._apply_connections()

    def set_connection_values(self, values, mode: str, backwards: bool) -> None:
        if values is None:
            self.connection_values = None
        else:
            values = np.asarray(values, dtype=float)
            if values.ndim != 2:
                return
            self.connection_values = (values, mode, backwards)
        self._apply_connections()

    def _apply_connections(self) -> None:
        if not self.items:
            return
        if self.connection_values is not None:
            values, mode, backwards = self.connection_values
        elif self.weights is not None:
            values, mode, backwards = self.weights, "weight", False
        else:
            for item in self.items:
                item.set_look(style.NEUTRAL, 1.0)
            return
        if values.shape != (max(i.i for i in self.items) + 1, len(self.sources)):
            return
        scale = float(np.max(np.abs(values))) or 1.0
        neg, pos = style.MODE_COLOURS.get(mode, style.MODE_COLOURS["weight"])
        for item in self.items:
            v = float(values[item.i, item.j])
            t = min(abs(v) / scale, 1.0) if np.isfinite(v) else 0.0
            colour = style.mix(style.NEUTRAL, pos if v >= 0 else neg, 0.35 + 0.65 * t)
            item.set_look(colour, 0.6 + 4.4 * t, backwards)

    # ------------------------------------------------------------------ neurons

    def set_neuron_values(self, values, mode: str) -> None:
        if values is None:
            self.neuron_values = None
        else:
            values = np.asarray(values, dtype=float).ravel()
            self.neuron_values = (values, mode)
        self._apply_neurons()

    def _apply_neurons(self) -> None:
        node = self.scene.nodes.get(self.layer_id)
        if node is None:
            return
        if self.neuron_values is None:
            for neuron in node.neurons:
                neuron.set_look(style.BODY, None)
            node.set_summary([], "")
            return
        values, mode = self.neuron_values
        layer = self.scene.document.layer(self.layer_id)
        colours = style.value_colours(values, mode, layer.activation if layer.type == "dense" else "")
        for neuron in node.neurons:
            if neuron.index < len(values):
                neuron.set_look(colours[neuron.index], float(values[neuron.index]))
        node.set_summary(colours, f"{_SYMBOL.get(mode, '')} = {neuron_values_text(values)}")

    def clear_values(self) -> None:
        self.neuron_values = None
        self.connection_values = None
        self._apply_neurons()
        self._apply_connections()

    # ------------------------------------------------------------------ selection, tooltips

    def show_selection(self, current) -> None:
        node = self.scene.nodes.get(self.layer_id)
        mine = current is not None and current.layer == self.layer_id
        if node is not None:
            for neuron in node.neurons:
                want = mine and current.kind == "neuron" and current.i == neuron.index
                if neuron.selected != want:
                    neuron.selected = want
                    neuron.update()
        for item in self.items:
            want = mine and current.kind == "weight" and (current.i, current.j) == (item.i, item.j)
            if item.selected != want:
                item.selected = want
                item.setZValue(0.8 if want else 0.5)
                item.update()

    def describe_neuron(self, index: int) -> str:
        if self.neuron_values is None or index >= len(self.neuron_values[0]):
            return ""
        values, mode = self.neuron_values
        return f"{_SYMBOL.get(mode, mode)} = {values[index]:.6g}"

    def describe_weight(self, i: int, j: int, symbol: str = "w") -> str:
        """Weight (i, j) for a student: 1-based, as the inspector names it (w[i, j] of the layer,
        from unit k of the source), then its value under ``symbol`` (the notation's name)."""
        src, k = self.sources[j] if j < len(self.sources) else ("?", 0)
        text = _tr("w[%1, %2]: from neuron %3 of '%4' to neuron %5 of '%6'").replace("%1", str(i + 1)).replace(
            "%2", str(j + 1)).replace("%3", str(k + 1)).replace("%4", src).replace("%5", str(i + 1)).replace(
            "%6", self.layer_id)
        lines = [text]
        if self.weights is not None and self.weights.shape[0] > i and self.weights.shape[1] > j:
            lines.append(f"{symbol} = {self.weights[i, j]:.6g}")
        if self.connection_values is not None:
            values, mode, _ = self.connection_values
            if values.shape[0] > i and values.shape[1] > j and mode != "weight":
                lines.append(f"{_SYMBOL.get(mode, mode)} = {values[i, j]:.6g}")
        return "\n".join(lines)
