"""The ``"run"`` object of a project file (format v2): a trainer's run state as JSON, and back.

In memory a project's run is :meth:`Trainer.state_dict` (NumPy arrays, the history objects). In
the file (see ``docs/file-format.md``):

- the *current* weights are ``network.layers[*].weights``/``bias`` (what a v1 reader, the CLI and
  export see); ``run.initial`` holds the starting weights per layer id;
- ``run.step``, ``run.epoch``, ``run.cursor``, ``run.phase``, ``run.horizon`` the position;
- ``run.optimizer_state``: ``t`` and each buffer (momentum, Adam's moments, …) per parameter;
- ``run.data_order``: the random generator's state and the current epoch's sample order;
- ``run.settings`` and ``run.settings_log`` (hyperparameters changed mid-run, by step);
- ``run.edits``: weights and biases typed in mid-run;
- ``run.history``: the step losses (bounded, see :mod:`.history`) and the epoch records;
- ``run.base``: present only when the structure changed mid-run, the state rewinds start from;
- ``run.practice``: the practice log (answers typed in practice mode; optional, see
  :mod:`.practice_log`);
- ``run.keyframes``: a few full states spread over the run, so that a rewind after reopening
  replays a few thousand steps rather than the whole run (optional; a reader may ignore them).

Numbers are exact float64 (JSON's shortest round-trip form, or base64 for the loss history).
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from . import jsonpath as jp
from .array_store import to_json as array_json
from .errors import ProjectError
from .history import EpochRecords, StepLosses
from .losses import LOSSES
from .optimizer_file import optimizer_to_json, parse_optimizer
from .spec import dense_in_order

MAX_ORDER = 50_000_000
#: the most steps a run may hold (the timeline is a Qt slider of 32-bit positions)
MAX_STEPS = 2**31 - 1


# ----------------------------------------------------------------------------- writing

def _param_names(spec) -> list[tuple[str, str]]:

    return [(layer.id, p) for layer in dense_in_order(spec) for p in ("weights", "bias")]


def _arrays_by_layer(names, arrays) -> dict:
    out: dict[str, dict] = {}
    for (layer, param), array in zip(names, arrays):
        out.setdefault(layer, {})[param] = array_json(array)
    return out


def _settings_json(s) -> dict:

    return {"optimizer": optimizer_to_json(s.optimizer), "batch_size": int(s.batch_size), "loss": s.loss}


def _trainable_names(spec) -> list[tuple[str, str]]:
    """(layer id, param) of each trainable array, in the optimizer's order (weights, then biases)."""

    dense = dense_in_order(spec)
    return ([(layer.id, "weights") for layer in dense if layer.train_weights]
            + [(layer.id, "bias") for layer in dense if layer.train_bias])


def _optimizer_state_json(state: dict, spec) -> dict:
    names = _trainable_names(spec)
    out: dict[str, Any] = {"t": int(state.get("t", 0))}
    for key, buffers in state.items():
        if key != "t":
            out[key] = [{"layer": n[0], "param": n[1], "values": array_json(b)} for n, b in zip(names, buffers)]
    return out


def _frame_json(frame, spec) -> dict:
    return {"step": frame.step, "epoch": frame.epoch, "cursor": frame.cursor,
            "data_order": _order_json(frame.order, frame.order_epoch, frame.rng_state),
            "optimizer_state": _optimizer_state_json(frame.opt_state, spec),
            "settings": _settings_json(frame.settings),
            "weights": _arrays_by_layer(_param_names(spec), frame.params)}


def _order_json(order, order_epoch: int, rng: dict) -> dict:
    order = None if order is None else np.asarray(order)
    plain = order is None or (order.ndim == 1 and np.array_equal(order, np.arange(len(order))))
    return {"epoch": int(order_epoch), "order": None if plain else order.astype(int).tolist(), "rng": rng}


def run_to_json(state: dict, spec) -> dict:
    """The ``"run"`` object of run ``state`` (the current weights go in ``network.layers``)."""
    base = state.get("base")
    names = _param_names(spec)
    out: dict[str, Any] = {
        "step": int(state["step"]), "epoch": int(state["epoch"]), "cursor": int(state["cursor"]),
        "phase": int(state.get("phase", 0)), "horizon": int(state.get("horizon", state["step"])),
        "initial": _arrays_by_layer(names, state["initial"] if base is None or base.step else base.params),
        "optimizer_state": _optimizer_state_json(state["optimizer_state"], spec),
        "data_order": _order_json(state["order"], state["order_epoch"], state["rng"]),
        "settings": _settings_json(state["settings"]),
        "settings_log": [dict(step=int(when), **_settings_json(s)) for when, s in state["settings_log"]],
        "edits": [e.as_json() for e in state.get("edits", [])],
        "history": {"step_loss": state["step_losses"].to_json(), "epochs": state["epoch_records"].to_json()},
    }
    if base is not None and base.step:
        out["base"] = _frame_json(base, spec)
    if state.get("keyframes"):
        out["keyframes"] = [_frame_json(f, spec) for f in state["keyframes"]]
    if state.get("practice"):
        out["practice"] = list(state["practice"])  # already JSON: PracticeLog.to_json()
    return out


# ----------------------------------------------------------------------------- reading

def _read_arrays(obj, path: str, spec, shapes: dict) -> list[np.ndarray]:
    jp.need_dict(obj, path)
    out = []
    for layer, param in _param_names(spec):
        if layer not in obj:
            raise ProjectError(f"{path}.{layer}", "is missing")
        where = f"{path}.{layer}.{param}"
        entry = jp.need_dict(obj[layer], f"{path}.{layer}")
        rows, cols = shapes[layer]
        if param == "weights":
            out.append(jp.need_matrix(entry.get(param), where, rows, cols))
        else:
            out.append(np.asarray(jp.need_vector(entry.get(param), where, rows), dtype=float))
    return out


def _read_optimizer_state(obj, path: str, spec, shapes: dict) -> dict:
    jp.need_dict(obj, path)
    names = _trainable_names(spec)
    state: dict[str, Any] = {"t": jp.need_int(obj.get("t", 0), f"{path}.t", 0)}
    for key, buffers in obj.items():
        if key == "t":
            continue
        if key not in ("momentum", "square_avg", "exp_avg", "exp_avg_sq", "m", "v", "velocity"):
            if not (isinstance(key, str) and key.isidentifier() and len(key) < 40):
                raise ProjectError(f"{path}.{jp.show(key)}", "is not an optimizer buffer")
        jp.need_list(buffers, f"{path}.{key}")
        if len(buffers) != len(names):
            raise ProjectError(f"{path}.{key}", f"expected {len(names)} buffers (one per trainable array), "
                               f"got {len(buffers)}")
        arrays = []
        for i, ((layer, param), entry) in enumerate(zip(names, buffers)):
            where = f"{path}.{key}[{i}]"
            jp.need_dict(entry, where)
            if (entry.get("layer"), entry.get("param")) != (layer, param):
                raise ProjectError(where, f"expected the buffer of {layer}.{param}")
            rows, cols = shapes[layer]
            arrays.append(jp.need_matrix(entry.get("values"), f"{where}.values", rows, cols) if param == "weights"
                          else np.asarray(jp.need_vector(entry.get("values"), f"{where}.values", rows), dtype=float))
        state[key] = arrays
    return state


def _read_settings(obj, path: str):
    from .trainer import _Settings

    jp.need_dict(obj, path)
    optimizer, _ = parse_optimizer(obj.get("optimizer", {}), f"{path}.optimizer")
    return _Settings(optimizer, jp.need_int(obj.get("batch_size", 1), f"{path}.batch_size", 1, 10_000_000),
                     jp.need_choice(obj.get("loss", "half_sse"), f"{path}.loss", LOSSES))


def _read_order(obj, path: str) -> tuple:
    jp.need_dict(obj, path)
    order = obj.get("order")
    if order is not None:
        jp.need_list(order, f"{path}.order")
        if len(order) > MAX_ORDER or not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in order):
            raise ProjectError(f"{path}.order", "expected a list of sample indices")
        order = np.asarray(order, dtype=np.int64)
    rng = jp.need_dict(obj.get("rng"), f"{path}.rng")
    if rng.get("bit_generator") != "PCG64":
        raise ProjectError(f"{path}.rng.bit_generator", "expected \"PCG64\"")
    try:
        np.random.default_rng().bit_generator.state = copy.deepcopy(rng)
    except (TypeError, ValueError, KeyError, OverflowError):
        raise ProjectError(f"{path}.rng", "is not a valid random generator state") from None
    return order, jp.need_int(obj.get("epoch", -1), f"{path}.epoch", -1), copy.deepcopy(rng)


def _read_frame(obj, path: str, spec, shapes: dict):
    from .trainer import _Keyframe

    jp.need_dict(obj, path)
    order, order_epoch, rng = _read_order(obj.get("data_order"), f"{path}.data_order")
    return _Keyframe(jp.need_int(obj.get("step"), f"{path}.step", 0, MAX_STEPS),
                     jp.need_int(obj.get("epoch", 0), f"{path}.epoch", 0, MAX_STEPS),
                     jp.need_int(obj.get("cursor", 0), f"{path}.cursor", 0), order,
                     _read_arrays(obj.get("weights"), f"{path}.weights", spec, shapes),
                     _read_optimizer_state(obj.get("optimizer_state", {}), f"{path}.optimizer_state", spec, shapes),
                     rng, _read_settings(obj.get("settings", {}), f"{path}.settings"), order_epoch)


def _read_edits(obj, path: str, shapes: dict) -> list:
    from .trainer import Edit

    jp.need_list(obj, path)
    edits = []
    for i, item in enumerate(obj):
        where = f"{path}[{i}]"
        jp.need_dict(item, where)
        layer = jp.need_choice(item.get("layer"), f"{where}.layer", sorted(shapes))
        param = jp.need_choice(item.get("param"), f"{where}.param", ("weights", "bias"))
        index = jp.need_list(item.get("index"), f"{where}.index")
        bounds = shapes[layer] if param == "weights" else shapes[layer][:1]
        if len(index) != len(bounds) or not all(isinstance(v, int) and 0 <= v < n for v, n in zip(index, bounds)):
            raise ProjectError(f"{where}.index", f"expected an index inside {param} of shape {tuple(bounds)}")
        edits.append(Edit(jp.need_int(item.get("step"), f"{where}.step", 0, MAX_STEPS), layer, param, tuple(index),
                          jp.need_number(item.get("value"), f"{where}.value"),
                          jp.need_number(item.get("old", 0.0), f"{where}.old")))
    return edits


def parse_run(obj: Any, path: str, project):
    """Validate a ``"run"`` object. Returns ``(network, state)``: the network description with
    the *starting* weights written in, and the run state (current weights from the file's
    ``network.layers``)."""
    from .spec import problems_of

    jp.need_dict(obj, path)
    spec = project.network
    if problems_of(spec):
        raise ProjectError(path, "a run needs a valid network")
    dense = dense_in_order(spec)
    shapes = {layer.id: (layer.units, spec.fan_in(layer)) for layer in dense}
    missing = [layer.id for layer in dense if layer.weights is None or layer.bias is None]
    if missing:
        raise ProjectError(f"network.layers ({missing[0]})", "a saved run needs the current weights of every layer")
    current = [np.array(a, dtype=float) for layer in dense for a in (layer.weights, layer.bias)]
    order, order_epoch, rng = _read_order(obj.get("data_order"), f"{path}.data_order")
    history = jp.need_dict(obj.get("history", {}), f"{path}.history")
    step = jp.need_int(obj.get("step"), f"{path}.step", 0, MAX_STEPS)
    base = _read_frame(obj["base"], f"{path}.base", spec, shapes) if obj.get("base") is not None else None
    initial = _read_arrays(obj.get("initial"), f"{path}.initial", spec, shapes)
    settings_log = []
    for i, item in enumerate(jp.need_list(obj.get("settings_log", []), f"{path}.settings_log")):
        jp.need_dict(item, f"{path}.settings_log[{i}]")
        settings_log.append((jp.need_int(item.get("step"), f"{path}.settings_log[{i}].step", 0),
                             _read_settings(item, f"{path}.settings_log[{i}]")))
    settings = _read_settings(obj.get("settings", {}), f"{path}.settings")
    state = {
        "step": step, "epoch": jp.need_int(obj.get("epoch", 0), f"{path}.epoch", 0),
        "cursor": jp.need_int(obj.get("cursor", 0), f"{path}.cursor", 0),
        "phase": jp.need_int(obj.get("phase", 0), f"{path}.phase", 0, 10_000),
        "horizon": jp.need_int(obj.get("horizon", step), f"{path}.horizon", step, MAX_STEPS),
        "order": order, "order_epoch": order_epoch, "rng": rng,
        "optimizer_state": _read_optimizer_state(obj.get("optimizer_state", {}), f"{path}.optimizer_state",
                                                 spec, shapes),
        "settings": settings, "settings_log": settings_log or [(0, copy.deepcopy(settings))],
        "edits": _read_edits(obj.get("edits", []), f"{path}.edits", shapes),
        "params": current,
        "step_losses": StepLosses.from_json(history.get("step_loss", {"exact": ""}), f"{path}.history.step_loss"),
        "epoch_records": EpochRecords.from_json(history.get("epochs", []), f"{path}.history.epochs"),
        "base": base, "initial": initial,
        "keyframes": [_read_frame(f, f"{path}.keyframes[{i}]", spec, shapes)
                      for i, f in enumerate(jp.need_list(obj.get("keyframes", []), f"{path}.keyframes")[:256])],
    }
    if obj.get("practice"):
        from .practice_log import PracticeLog

        state["practice"] = PracticeLog.from_json(obj["practice"], f"{path}.practice").to_json()
    if len(state["step_losses"]) != step:
        raise ProjectError(f"{path}.history.step_loss", f"holds {len(state['step_losses']):,} losses for "
                           f"{step:,} steps")
    late = [i for i, e in enumerate(state["edits"]) if e.step > state["horizon"]]
    if late:
        raise ProjectError(f"{path}.edits[{late[0]}].step", "is after the run's furthest step (run.horizon)")
    for i, frame in enumerate(state["keyframes"]):
        if frame.step > step or (base is not None and frame.step <= base.step):
            raise ProjectError(f"{path}.keyframes[{i}].step", "is outside the run (after run.step or before its base)")
    out = spec.copy()
    params = iter(initial)
    for layer in dense_in_order(out):
        layer.weights, layer.bias = next(params), next(params)
    return out, state


def _check_position(where: str, cursor: int, order, n: int) -> None:
    """A saved position must fit the data: the cursor inside the epoch, the order a permutation."""
    if not 0 <= cursor < max(n, 1):
        raise ProjectError(f"{where}.cursor", f"is {cursor:,}, but an epoch has {n:,} samples")
    if order is not None and (len(order) != n or (len(order) and int(np.max(order)) >= n)
                              or len(np.unique(order)) != len(order)):
        raise ProjectError(f"{where}.data_order.order", f"is not an order of the {n:,} training samples")


def run_fits(run: dict, spec) -> bool:
    """Whether ``run``'s parameters have the shapes of ``spec``'s layers (a valid network)."""
    from .spec import problems_of

    if problems_of(spec):
        return False
    shapes = [(layer.units, spec.fan_in(layer)) for layer in dense_in_order(spec)]
    expected = [s for shape in shapes for s in (shape, (shape[0],))]
    return [tuple(np.shape(p)) for p in run["params"]] == expected


def resume(trainer, run: dict) -> None:
    """Make a freshly built ``trainer`` continue ``run`` (from :func:`parse_run` or a state dict)."""
    state = dict(run)
    if state.get("base") is None:
        state["base"] = trainer.start_frame(state.get("initial") or trainer.network.get_parameters())
    n = trainer.n_samples
    _check_position("run", int(state.get("cursor", 0)), state.get("order"), n)
    for i, frame in enumerate([state["base"], *state.get("keyframes", [])]):
        _check_position("run.base" if i == 0 else f"run.keyframes[{i - 1}]", frame.cursor, frame.order, n)
    if not 0 <= int(state.get("phase", 0)) < len(trainer.phases):
        raise ProjectError("run.phase", f"must be below {len(trainer.phases)} (the phases of one step)")
    try:
        trainer.load_state_dict(state)
    except (ValueError, IndexError) as exc:
        raise ProjectError("run", f"cannot continue the saved run: {exc}") from None
