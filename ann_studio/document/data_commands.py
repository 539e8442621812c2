"""Undo commands for data edits: switching the data set, changing its parameters, drawing and
erasing points, and the engineered input features of 2-D sets.

Commands call only :meth:`ProjectDocument.set_data` and :meth:`ProjectDocument.set_network`.
When an edit changes both (a new data set with another number of inputs or outputs, or a
feature toggle that adds an input unit), the network is put in place first with the document's
signals held, then the data, then the network again, so every listener sees each change and no
listener ever sees data and network that do not fit together.
"""

from __future__ import annotations

import copy

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..core import NetworkSpec
from ..core.datasets import FEATURES, section_for_dataset

_MERGE_ID = 0x6461  # "da": parameter edits of the same key merge


def _tr(text: str) -> str:
    return QCoreApplication.translate("data_commands", text)


def _apply(document, data: dict, network: NetworkSpec | None) -> None:
    if network is None:
        document.set_data(copy.deepcopy(data))
        return
    was_blocked = document.blockSignals(True)
    try:
        document.set_network(network.copy())
    finally:
        document.blockSignals(was_blocked)
    document.set_data(copy.deepcopy(data))
    document.set_network(network.copy())


class SetDataCommand(QUndoCommand):
    """Replace the data section (and the network, when it must change with it) in one step.

    Parameters
    ----------
    document : ProjectDocument
    data : dict
        The new ``"data"`` object.
    text : str
        The undo text.
    network : NetworkSpec, optional
        The new network, when the data needs another one.
    merge_key : str, optional
        Consecutive commands with the same key merge into one undo step (slider drags).
    """

    def __init__(self, document, data: dict, text: str, network: NetworkSpec | None = None,
                 merge_key: str | None = None):
        super().__init__(text)
        self.document = document
        self.old_data = copy.deepcopy(document.project.data)
        self.new_data = copy.deepcopy(data)
        self.old_network = document.network.copy() if network is not None else None
        self.new_network = network.copy() if network is not None else None
        self.merge_key = merge_key

    def id(self) -> int:  # Qt override
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, SetDataCommand) or other.merge_key != self.merge_key or other.new_network:
            return False
        if self.new_network is not None:
            return False
        self.new_data = copy.deepcopy(other.new_data)
        return True

    def redo(self) -> None:
        _apply(self.document, self.new_data, self.new_network)

    def undo(self) -> None:
        _apply(self.document, self.old_data, self.old_network)


# ----------------------------------------------------------------------------- networks that fit

def _input_consumers(spec: NetworkSpec, input_id: str):
    """(layer, column offset of ``input_id`` in its W) for each dense layer fed by ``input_id``."""
    for layer in spec.layers:
        if layer.type == "dense" and input_id in layer.inputs:
            yield layer, spec.input_slices(layer)[input_id].start


def fit_network(spec: NetworkSpec, n_inputs: int, n_outputs: int) -> NetworkSpec | None:
    """A copy of ``spec`` with ``n_inputs`` input units and ``n_outputs`` output units, or None
    if it already fits. Layers whose shape changes lose their explicit weights (drawn again)."""
    inputs = spec.input_layers()
    if spec.n_inputs() == n_inputs and spec.n_outputs() == n_outputs or len(inputs) != 1:
        return None
    new = spec.copy()
    if new.input_layers()[0].units != n_inputs:
        new.input_layers()[0].units = n_inputs
        for layer, _ in _input_consumers(new, inputs[0].id):
            layer.weights = None
    out = new.layer(new.output)
    if out.units != n_outputs:
        out.units, out.weights, out.bias = n_outputs, None, None
        for layer in new.layers:
            if layer.type == "dense" and new.output in layer.inputs:
                layer.weights = None
    return new


def feature_network(spec: NetworkSpec, old: list[str], new: list[str]) -> NetworkSpec:
    """``spec`` with its single input layer resized from the features ``old`` to ``new``: the
    weight columns of removed features are dropped, new features get zero columns (so the
    network computes the same function until it learns to use them)."""
    result = spec.copy()
    layer_in = result.input_layers()[0]
    layer_in.units = len(new)
    for layer, offset in _input_consumers(result, layer_in.id):
        if layer.weights is None:
            continue
        W = layer.weights
        columns = []
        for token in new:
            if token in old:
                columns.append(W[:, offset + old.index(token)])
            else:
                columns.append(np.zeros(W.shape[0]))
        block = np.column_stack(columns) if columns else np.zeros((W.shape[0], 0))
        layer.weights = np.concatenate([W[:, :offset], block, W[:, offset + len(old):]], axis=1)
    return result


# ----------------------------------------------------------------------------- command factories

def switch_dataset(document, data: dict, dataset, title: str) -> SetDataCommand:
    """Use ``data`` (resolved as ``dataset``), fitting the network's input and output units."""
    network = fit_network(document.network, dataset.input_size, dataset.output_size)
    return SetDataCommand(document, data, _tr("Use data set %1").replace("%1", title), network)


def set_parameter(document, key: str, value) -> SetDataCommand:
    """Change one parameter of a built-in data set (consecutive edits of ``key`` merge)."""
    data = copy.deepcopy(document.project.data)
    data[key] = value
    return SetDataCommand(document, data, _tr("Set %1 to %2").replace("%1", key).replace("%2", str(value)),
                          merge_key=key)


def current_features(data: dict) -> list[str]:
    """The engineered features of a built-in 2-D data section (the raw ``x1, x2`` by default)."""
    return list(data.get("features") or ["x1", "x2"])


def toggle_feature(document, token: str, on: bool) -> SetDataCommand | None:
    """Add or remove the input feature ``token`` (and its input unit) in one step; None when
    nothing would change or the last feature would go."""
    data = copy.deepcopy(document.project.data)
    old = current_features(data)
    wanted = set(old) | {token} if on else set(old) - {token}
    new = [t for t in FEATURES if t in wanted]
    if new == old or not new or len(document.network.input_layers()) != 1:
        return None
    if new == ["x1", "x2"]:
        data.pop("features", None)
    else:
        data["features"] = new
    text = (_tr("Add input %1") if on else _tr("Remove input %1")).replace("%1", FEATURES[token][0])
    return SetDataCommand(document, data, text, feature_network(document.network, old, new))


def _inline(dataset) -> dict:
    section = section_for_dataset(dataset)
    section["name"] = dataset.name if dataset.name.endswith("(edited)") else f"{dataset.name} (edited)"
    return section


def add_point(document, dataset, point, target) -> SetDataCommand:
    """Add a training sample at ``point`` (x₁, x₂) with ``target`` (a target row) to the data,
    which becomes inline data (the generated set's samples plus the new one)."""
    data = _inline(dataset)
    data["train"]["inputs"].append([float(point[0]), float(point[1])])
    data["train"]["targets"].append([float(v) for v in target])
    return SetDataCommand(document, data, _tr("Add a point"))


def remove_point(document, dataset, part: str, index: int) -> SetDataCommand:
    """Remove sample ``index`` of ``part`` ("train" or "test"); the data becomes inline data."""
    data = _inline(dataset)
    rows = data[part]
    del rows["inputs"][index], rows["targets"][index]
    if part == "test" and not rows["inputs"]:
        del data["test"]
    return SetDataCommand(document, data, _tr("Remove a point"))
