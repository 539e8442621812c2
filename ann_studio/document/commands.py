"""Undo commands for every edit of the project. One user gesture is one command.

Commands only call :class:`~ann_studio.document.project_document.ProjectDocument` methods. Network
edits are written as pure functions ``NetworkSpec -> NetworkSpec`` (below); :class:`NetworkEditCommand`
keeps the network before and after, and its ``redo``/``undo`` apply the difference layer by layer,
so each changed layer emits its own signal and undo restores the exact previous description
(explicit weights included).
"""

from __future__ import annotations

import copy
import json
import time
import zlib

import numpy as np
from PySide6.QtGui import QUndoCommand

from ..core import LayerSpec, NetworkSpec
from ..core.initializers import init_bias, init_weights

MOVE_COMMAND_ID = 1001
MOVE_MERGE_SECONDS = 1.0


# ----------------------------------------------------------------------------- comparing, applying

def _without_position(extra: dict) -> dict:
    return {k: v for k, v in extra.items() if k != "position"}


def same_layer(a: LayerSpec, b: LayerSpec) -> bool:
    """Whether two layer descriptions are equal, ignoring the canvas position."""
    def arrays_equal(x, y):
        if x is None or y is None:
            return x is None and y is None
        return x.shape == y.shape and bool(np.array_equal(x, y))

    return (a.id, a.type, a.units, a.activation, list(a.inputs), a.init, tuple(a.init_range),
            a.train_weights, a.train_bias) == (b.id, b.type, b.units, b.activation, list(b.inputs), b.init,
                                               tuple(b.init_range), b.train_weights, b.train_bias) \
        and arrays_equal(a.weights, b.weights) and arrays_equal(a.bias, b.bias) \
        and _without_position(a.extra) == _without_position(b.extra)


def apply_network(document, target: NetworkSpec) -> None:
    """Make the document's network equal to ``target`` with per-layer mutators (one
    ``network_changed`` at the end; positions alone only emit ``layer_moved``)."""
    wanted = {layer.id for layer in target.layers}
    with document.edit_block():
        for layer in list(document.network.layers):
            if layer.id not in wanted:
                document.remove_layer(layer.id)
        for index, layer in enumerate(target.layers):
            if not document.has_layer(layer.id):
                document.add_layer(layer.copy(), index)
                continue
            if not same_layer(document.layer(layer.id), layer):
                document.replace_layer(layer.id, layer.copy())
            document.set_layer_position(layer.id, layer.extra.get("position"))
        document.set_output(target.output)


# ----------------------------------------------------------------------------- pure network edits

def _offsets(spec: NetworkSpec, layer: LayerSpec) -> dict[str, tuple[int, int]]:
    """Column range ``(start, stop)`` of each input of ``layer`` in its concatenated inputs."""
    return {src: (sl.start, sl.stop) for src, sl in spec.input_slices(layer).items()}


#: the stream of the project's seed that draws the weights edits add (0 and 1 are the network's
#: starting weights and the data order)
EDIT_STREAM = 2


def edit_rng(spec: NetworkSpec, seed: int, edit: str) -> np.random.Generator:
    """The generator for the weights an ``edit`` of ``spec`` adds: from the project's ``seed``, the
    network's structure before the edit and the edit, so the same edit of the same project draws
    the same weights (reproducible), while a second neuron added after the first (another
    structure) gets weights of its own: identical neurons would never learn apart. (Commands
    keep the resulting spec, so undo/redo stays exact.)"""
    structure = [(x.id, x.type, x.units, list(x.inputs)) for x in spec.layers]
    key = zlib.crc32(json.dumps([structure, edit]).encode("utf-8"))
    return np.random.default_rng([int(seed), EDIT_STREAM, key])


def _draw(rng: np.random.Generator, layer: LayerSpec, rows: int, cols: int, fan_in: int) -> np.ndarray:
    """``rows × cols`` new weights from the layer's own initialiser, scaled for its whole fan-in."""
    return init_weights(layer.init, rng, rows, max(fan_in, cols, 1), *layer.init_range)[:, :cols]


def unique_id(spec: NetworkSpec, base: str) -> str:
    """``base`` or ``base2``, ``base3``… whichever is not yet a layer id."""
    taken = {layer.id for layer in spec.layers}
    stem = base.rstrip("0123456789") or base
    if base not in taken:
        return base
    n = 2
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"


def with_layers_added(spec: NetworkSpec, layers: list[LayerSpec]) -> NetworkSpec:
    out = spec.copy()
    out.layers.extend(layer.copy() for layer in layers)
    return out


def with_layers_removed(spec: NetworkSpec, ids: set[str]) -> NetworkSpec:
    """Remove layers and every edge touching them (consumers lose those weight columns)."""
    out = spec.copy()
    for layer in out.layers:
        if layer.id in ids or not set(layer.inputs) & ids:
            continue
        offsets = _offsets(out, layer)
        if layer.weights is not None:
            keep = [c for src in layer.inputs if src not in ids for c in range(*offsets[src])]
            layer.weights = layer.weights[:, keep]
        layer.inputs = [src for src in layer.inputs if src not in ids]
    out.layers = [layer for layer in out.layers if layer.id not in ids]
    return out


def with_edge(spec: NetworkSpec, src: str, dst: str, seed: int = 0) -> NetworkSpec:
    """``dst`` also takes ``src`` as input (appended; explicit weights grow new columns, drawn by
    :func:`edit_rng` from the project's ``seed``)."""
    out = spec.copy()
    layer, n = out.layer(dst), out.layer(src).units
    if layer.weights is not None:
        rng = edit_rng(spec, seed, f"edge {src} {dst}")
        layer.weights = np.hstack([layer.weights, _draw(rng, layer, layer.units, n, layer.weights.shape[1] + n)])
    layer.inputs.append(src)
    return out


def without_edge(spec: NetworkSpec, src: str, dst: str) -> NetworkSpec:
    out = spec.copy()
    layer = out.layer(dst)
    if layer.weights is not None:
        start, stop = _offsets(out, layer)[src]
        layer.weights = np.delete(layer.weights, np.s_[start:stop], axis=1)
    layer.inputs.remove(src)
    return out


def with_layer_edited(spec: NetworkSpec, layer_id: str, seed: int = 0, **changes) -> NetworkSpec:
    """Change fields of one layer. ``id`` renames it everywhere; ``units`` keeps the weights of
    the neurons that remain and draws those of new neurons (in the layer and its consumers) by
    :func:`edit_rng` from the project's ``seed``."""
    out = spec.copy()
    layer = out.layer(layer_id)
    new_units = changes.pop("units", layer.units)
    if new_units != layer.units:
        _resize_units(out, layer, new_units, edit_rng(spec, seed, f"units {layer_id} {new_units}"))
    new_id = changes.pop("id", layer_id)
    for key, value in changes.items():
        setattr(layer, key, value)
    if new_id != layer_id:
        for other in out.layers:
            other.inputs = [new_id if src == layer_id else src for src in other.inputs]
        if out.output == layer_id:
            out.output = new_id
        layer.id = new_id
    return out


def _resize_units(spec: NetworkSpec, layer: LayerSpec, units: int, rng: np.random.Generator) -> None:
    old = layer.units
    if layer.weights is not None:
        w = layer.weights[:units]
        layer.weights = w if units <= old else np.vstack([w, _draw(rng, layer, units - old, w.shape[1], w.shape[1])])
    if layer.bias is not None:
        b = layer.bias[:units]
        layer.bias = b if units <= old else np.concatenate(
            [b, init_bias(layer.init, rng, units - old, *layer.init_range)])
    for consumer in spec.layers:
        if layer.id in consumer.inputs and consumer.weights is not None:
            start, stop = _offsets(spec, consumer)[layer.id]
            w = consumer.weights
            middle = w[:, start:start + min(units, old)]
            if units > old:
                middle = np.hstack([middle, _draw(rng, consumer, consumer.units, units - old,
                                                  w.shape[1] + units - old)])
            consumer.weights = np.hstack([w[:, :start], middle, w[:, stop:]])
    layer.units = units


# ----------------------------------------------------------------------------- commands

class NetworkEditCommand(QUndoCommand):
    """Any structural or parameter edit: the network before and after.

    Parameters
    ----------
    document : ProjectDocument
    new_network : NetworkSpec
        The network after the edit (copied).
    text : str
        What Edit → Undo shows, e.g. ``Add layer 'hidden2'``.
    """

    def __init__(self, document, new_network: NetworkSpec, text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.document = document
        self._old = document.network.copy()
        self._new = new_network.copy()

    def redo(self) -> None:
        apply_network(self.document, self._new)

    def undo(self) -> None:
        apply_network(self.document, self._old)


class MoveLayersCommand(QUndoCommand):
    """Move layers on the canvas. Moves of the same layers in quick succession (arrow-key nudges)
    merge into one step.

    Parameters
    ----------
    moves : dict
        ``{layer_id: (old_position or None, new_position)}``; positions are ``(x, y)``.
    """

    def __init__(self, document, moves: dict, text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.document = document
        self.moves = dict(moves)
        self._time = time.monotonic()

    def id(self) -> int:  # Qt override
        return MOVE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, MoveLayersCommand) or set(other.moves) != set(self.moves):
            return False
        if other._time - self._time > MOVE_MERGE_SECONDS:
            return False
        self.moves = {key: (self.moves[key][0], other.moves[key][1]) for key in self.moves}
        self._time = other._time
        return True

    def redo(self) -> None:
        for layer_id, (_old, new) in self.moves.items():
            self.document.set_layer_position(layer_id, new)

    def undo(self) -> None:
        for layer_id, (old, _new) in self.moves.items():
            self.document.set_layer_position(layer_id, old)


class SetParametersCommand(QUndoCommand):
    """Set a dense layer's initial weights and biases (a typed weight or bias)."""

    def __init__(self, document, layer_id: str, weights, bias, text: str, parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.document = document
        self.layer_id = layer_id
        layer = document.layer(layer_id)
        self._old = (layer.weights, layer.bias)
        self._new = (weights, bias)

    def redo(self) -> None:
        self.document.set_parameters(self.layer_id, *self._new)

    def undo(self) -> None:
        self.document.set_parameters(self.layer_id, *self._old)


class EditRunParameterCommand(QUndoCommand):
    """A weight or bias typed in mid-run: redo sets the new value in the run at its current step,
    undo types the old one back (the run goes on; both edits are on the timeline)."""

    def __init__(self, document, layer_id: str, param: str, index: tuple, old: float, new: float, text: str,
                 parent: QUndoCommand | None = None):
        super().__init__(text, parent)
        self.document = document
        self._where = (layer_id, param, tuple(index))
        self._old, self._new = float(old), float(new)

    def redo(self) -> None:
        self.document.edit_run_parameter(*self._where, self._new)

    def undo(self) -> None:
        self.document.edit_run_parameter(*self._where, self._old)


class UseCurrentWeightsCommand(QUndoCommand):
    """Make the run's current weights the starting weights and start a new run there (step 0).
    Undo gives back the old starting weights *and* the old run, exactly."""

    def __init__(self, document, text: str, parent: QUndoCommand | None = None):
        from ..core.project import with_current_weights

        super().__init__(text, parent)
        self.document = document
        document.sync_run()
        self._old_spec, self._old_run = document.network.copy(), copy.deepcopy(document.project.run)
        self._new_spec = with_current_weights(document.project).network.copy()

    def redo(self) -> None:
        self.document.set_definition_and_run(self._new_spec.copy(), None)

    def undo(self) -> None:
        self.document.set_definition_and_run(self._old_spec.copy(), copy.deepcopy(self._old_run))


class SetSettingsCommand(QUndoCommand):
    """Change the loss, optimizer or training settings (each argument is copied)."""

    def __init__(self, document, loss: str, optimizer, training, text: str, parent: QUndoCommand | None = None,
                 merge_id: int = -1):
        super().__init__(text, parent)
        self.document = document
        self._merge_id = merge_id
        project = document.project
        self._old = (project.loss, project.optimizer.copy(), _copy_training(project.training))
        self._new = (loss, optimizer.copy(), _copy_training(training))
        # a new seed, shuffling or number type starts a new run: keep the current one, so Undo gives it back
        self._old_run = None
        if ((training.seed, training.shuffle, training.dtype)
                != (project.training.seed, project.training.shuffle, project.training.dtype)):
            document.sync_run()
            self._old_run = copy.deepcopy(project.run)

    def id(self) -> int:  # Qt override: equal ids ≥ 0 merge (a run of spin-box clicks)
        return self._merge_id

    def mergeWith(self, other) -> bool:  # noqa: N802 - Qt override
        if other.id() != self._merge_id or self._merge_id < 0:
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        loss, optimizer, training = self._new
        self.document.set_settings(loss, optimizer.copy(), _copy_training(training))

    def undo(self) -> None:
        loss, optimizer, training = self._old
        self.document.set_settings(loss, optimizer.copy(), _copy_training(training))
        if self._old_run is not None:
            self.document.restore_run(copy.deepcopy(self._old_run))


def _copy_training(training):
    import copy

    return copy.deepcopy(training)
