"""Structural edits mid-run: carry a run over to a network of another shape.

Adding or removing neurons, layers or connections, or changing an activation, must not throw the
run away. :func:`carry_over` gives a freshly built trainer (the new structure, at step 0) the old
run's position, history and every surviving weight's *current* value; new weights keep the draws
of the layer's initialiser. Optimizer state is kept where an array's shape did not change and
restarts (zeros) where it did. Rewinds then reach back to the step of the edit, not before: the
old steps were computed by another network.
"""

from __future__ import annotations

import copy

import numpy as np

from .trainer import Trainer


def _blocks(network, layer, names: dict | None = None) -> dict[str, slice]:
    """Input layer id (renamed by ``names``) → the columns of ``layer``'s weights that it feeds."""
    names = names or {}
    return {names.get(network.layers[src].id, network.layers[src].id): sl
            for src, sl in zip(layer.sources, layer.slices)}


def renames(old_net, new_net) -> dict[str, str]:
    """Old id → new id of the layers a rename changed: same place in the network's order, same
    kind and size, the old id gone and the new one new (a rename changes nothing else)."""
    out: dict[str, str] = {}
    if len(old_net.layers) != len(new_net.layers):
        return out
    for old, new in zip(old_net.layers, new_net.layers):
        if (old.id != new.id and old.id not in new_net.index and new.id not in old_net.index
                and type(old) is type(new) and old.units == new.units):
            out[old.id] = new.id
    return out


def _map_array(new: np.ndarray, old: np.ndarray, new_cols: dict | None, old_cols: dict | None) -> None:
    """Copy the overlap of ``old`` into ``new`` in place: rows by unit, columns by input layer."""
    rows = min(len(new), len(old))
    if new.ndim == 1:
        new[:rows] = old[:rows]
        return
    for src, sl in new_cols.items():
        if src in old_cols:
            osl = old_cols[src]
            width = min(sl.stop - sl.start, osl.stop - osl.start)
            new[:rows, sl.start:sl.start + width] = old[:rows, osl.start:osl.start + width]


def signature(network) -> tuple:
    """What a network's structure is (ids, kinds, sizes, activations, connections), without weights."""
    return tuple((layer.id, type(layer).__name__, layer.units, getattr(getattr(layer, "activation", None), "name", None),
                  tuple(network.layers[s].id for s in getattr(layer, "sources", ()))) for layer in network.layers)


def parameters_by_name(network) -> dict[tuple[str, str], np.ndarray]:
    """Copies of ``network``'s parameters by (layer id, "W"/"b")."""
    return {(layer.id, kind): getattr(layer, kind).copy() for layer in network.dense for kind in ("W", "b")}


def _mapped(new_trainer: Trainer, old_trainer: Trainer, old_params: list[np.ndarray],
            fallback: dict | None = None) -> list[np.ndarray]:
    """``new_trainer``'s parameters with the overlap of ``old_params`` (W, b per old dense layer)
    copied in; where they do not reach, ``fallback`` ((layer id, "W"/"b") → array of the new
    shape: the weights this very structure had before an edit that Undo now reverses) instead of
    fresh draws."""
    old_net, new_net = old_trainer.network, new_trainer.network
    names = renames(old_net, new_net)
    old_by_id = {names.get(layer.id, layer.id): (layer, old_params[2 * i], old_params[2 * i + 1])
                 for i, layer in enumerate(old_net.dense)}
    out = []
    fallback = fallback or {}
    for layer in new_net.dense:
        W, b = layer.W.copy(), layer.b.copy()
        for kind, array in (("W", W), ("b", b)):
            back = fallback.get((layer.id, kind))
            if back is not None and back.shape == array.shape:
                array[...] = back
        if layer.id in old_by_id:
            old_layer, old_W, old_b = old_by_id[layer.id]
            _map_array(W, old_W, _blocks(new_net, layer), _blocks(old_net, old_layer, names))
            _map_array(b, old_b, None, None)
        out += [W, b]
    return out


def carry_over(new: Trainer, old: Trainer, same_data: bool = True, fallback: dict | None = None) -> None:
    """Continue ``old``'s run in ``new`` (see the module docstring). ``same_data``: the data did
    not change, so the epoch's order and position carry over too (else the next step starts a new
    epoch). ``fallback``: trained weights of the new structure from before an edit being undone
    (:func:`parameters_by_name`), used where the old run has none (a neuron removed, then undone)."""
    if old.phase_index:
        old.goto(old.step)
    state = old.state_dict()
    initial = _mapped(new, old, old.initial_parameters)
    params = _mapped(new, old, state["params"], fallback)
    names = renames(old.network, new.network)
    new_names = [(layer.id, kind) for layer in new.network.dense for kind in ("W", "b")]
    old_shapes = {(names.get(layer.id, layer.id), kind): getattr(layer, kind).shape
                  for layer in old.network.dense for kind in ("W", "b")}
    trainable_new = [(new.network.layers[k].id, "W" if is_w else "b") for _, is_w, k in new._trainable]
    trainable_old = [(names.get(old.network.layers[k].id, old.network.layers[k].id), "W" if is_w else "b")
                     for _, is_w, k in old._trainable]
    shapes_new = dict(zip(new_names, (p.shape for p in params)))
    opt = {"t": state["optimizer_state"].get("t", 0)}
    for key, buffers in state["optimizer_state"].items():
        if key == "t":
            continue
        by_name = dict(zip(trainable_old, buffers))
        opt[key] = [by_name[name].copy() if name in by_name and old_shapes[name] == shapes_new[name]
                    else np.zeros(shapes_new[name]) for name in trainable_new]
    state.update(params=params, optimizer_state=opt, edits=[], phase=0)
    if not same_data or len(new.x) != len(old.x):
        state.update(cursor=0, order=None, order_epoch=-1)
    settings_now = copy.deepcopy(state["settings"])
    state["settings_log"] = [(state["step"], settings_now)]
    # the run's new base: this very state (rewinds stop here); its starting weights are mapped too
    new.load_state_dict({**state, "base": None}, history=False)
    new.step_losses, new.epoch_records = state["step_losses"], state["epoch_records"]
    new.horizon = new.step
    new._keyframes, new._keyframe_bytes = [], 0
    new._save_keyframe()
    new.set_initial_parameters(initial)  # what Reset Training and run.initial give
