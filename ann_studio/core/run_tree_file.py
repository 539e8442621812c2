"""The ``"runs"`` object of a project file: every run of the tree (see ``docs/file-format.md``).

The current run is the file's own (``network.layers`` hold its current weights, ``"run"`` its
state); ``"runs"`` adds the tree and the other runs::

    "runs": {"current": "main", "list": [
        {"name": "main", "parent": null, "fork_step": 0, "colour": "#1f77b4", "fork_settings": {}},
        {"name": "fast", "parent": "main", "fork_step": 40, "colour": "#ff7f0e",
         "fork_settings": {"optimizer.learning_rate": 0.5, ...},
         "settings": {...}, "weights": {"hidden": {"weights": [[...]], "bias": [...]}, ...},
         "run": {...a "run" object...}, "keyframes_shared_before": 40}]}

A run that is not current has ``weights`` (its current weights, or its starting ones when it
has no ``run``), ``settings`` (its loss, optimizer and batch size, flattened) and, when its
network's structure differs from the file's, ``network``. ``keyframes_shared_before: k`` says the
run also uses its parent's keyframes before step k (written once, under the parent).
"""

from __future__ import annotations

import copy
from typing import Any

from . import jsonpath as jp
from .errors import ProjectError
from .run_tree import MAX_RUNS, RunInfo, RunTree, check_name, same_past

_FLAT_KEYS = ("loss", "training.batch_size")


def _structure_json(spec) -> dict:
    from .spec import network_to_json

    obj = network_to_json(spec)
    for layer in obj.get("layers", []):
        layer.pop("weights", None)
        layer.pop("bias", None)
        layer.pop("position", None)
    return obj


def _weights_json(spec, params=None) -> dict:
    from .array_store import to_json as array_json
    from .spec import dense_in_order

    dense = dense_in_order(spec)
    values = iter(params) if params is not None else None
    out = {}
    for layer in dense:
        w, b = (next(values), next(values)) if values is not None else (layer.weights, layer.bias)
        if w is not None and b is not None:
            out[layer.id] = {"weights": array_json(w), "bias": array_json(b)}
    return out


def runs_to_json(project) -> dict | None:
    """The ``"runs"`` object, or None for a project with one run (the file stays as before)."""
    from .run_file import run_to_json

    tree = project.runs
    if tree is None or (len(tree) == 1 and tree.runs[0].parent is None and not tree.runs[0].fork_settings
                        and tree.runs[0].colour == RunInfo(tree.current).colour and tree.current == "main"):
        return None
    structure = _structure_json(project.network)
    items = []
    for info in tree.runs:
        item: dict[str, Any] = {"name": info.name, "parent": info.parent, "fork_step": info.fork_step,
                                "colour": info.colour, "fork_settings": copy.deepcopy(info.fork_settings)}
        if info.name != tree.current:
            spec = info.network if info.network is not None else project.network
            if _structure_json(spec) != structure:
                from .spec import network_to_json

                item["network"] = network_to_json(spec)
            item["settings"] = copy.deepcopy(info.settings)
            state = info.state
            item["weights"] = _weights_json(spec, state["params"] if state is not None else None)
            if state is not None:
                shared = _shared_step(tree, info, project)
                if shared:
                    state = dict(state, keyframes=[f for f in state.get("keyframes", []) if f.step >= shared])
                    item["keyframes_shared_before"] = shared
                item["run"] = run_to_json(state, spec)
        items.append(item)
    return {"current": tree.current, "list": items}


def _shared_step(tree, info, project) -> int:
    """The step before which ``info``'s keyframes are its parent's (0: none shared)."""
    if info.parent is None or not info.fork_step:
        return 0
    mine = tree.state_of(info.name, project)
    theirs = tree.state_of(info.parent, project)
    return info.fork_step if same_past(mine, theirs, info.fork_step) else 0


# ----------------------------------------------------------------------------- reading

def _need_flat(obj: Any, path: str) -> dict:
    jp.need_dict(obj, path)
    for key in obj:
        if not (key in _FLAT_KEYS or (isinstance(key, str) and key.startswith("optimizer."))):
            raise ProjectError(f"{path}.{jp.show(key)}", "is not a run setting (optimizer.*, loss, training.batch_size)")
    return copy.deepcopy(obj)


def _read_settings(flat: dict, path: str, project):
    """Check flattened settings by parsing them as the project's own would be."""
    from .losses import LOSSES
    from .optimizer_file import parse_optimizer

    opt = {k.split(".", 1)[1]: v for k, v in flat.items() if k.startswith("optimizer.")}
    parse_optimizer(opt, f"{path}.optimizer")
    if "loss" in flat:
        jp.need_choice(flat["loss"], f"{path}.loss", LOSSES)
    if "training.batch_size" in flat:
        jp.need_int(flat["training.batch_size"], f"{path}.training.batch_size", 1, 10_000_000)


def parse_runs(obj: Any, project) -> RunTree:
    """Validate a ``"runs"`` object of ``project`` (whose own run is already read) and build the tree."""
    from .run_file import parse_run
    from .spec import dense_in_order, parse_network

    jp.need_dict(obj, "runs")
    items = jp.need_list(obj.get("list"), "runs.list")
    if not items or len(items) > MAX_RUNS:
        raise ProjectError("runs.list", f"expected 1 to {MAX_RUNS} runs")
    current = jp.need_str(obj.get("current"), "runs.current")
    tree = RunTree([], current)
    shared: list[tuple[RunInfo, int]] = []
    for i, item in enumerate(items):
        path = f"runs.list[{i}]"
        jp.need_dict(item, path)
        name = check_name_at(tree, item.get("name"), f"{path}.name")
        parent = item.get("parent")
        if parent is not None and (not isinstance(parent, str) or parent not in tree):
            raise ProjectError(f"{path}.parent", "must name a run listed before it (or be null)")
        if parent is None and tree.runs:
            raise ProjectError(f"{path}.parent", "only the first run has no parent")
        info = RunInfo(name, parent, jp.need_int(item.get("fork_step", 0), f"{path}.fork_step", 0),
                       _read_colour(item.get("colour", "#1f77b4"), f"{path}.colour"),
                       _need_flat(item.get("fork_settings", {}), f"{path}.fork_settings"))
        if name != current:
            sub = type(project)(project.network.copy())  # a Project (no import: project.py imports this)
            if item.get("network") is not None:
                sub.network = parse_network(item["network"], f"{path}.network")
            info.settings = _need_flat(item.get("settings", {}), f"{path}.settings")
            _read_settings(info.settings, f"{path}.settings", project)
            _write_weights(sub.network, jp.need_dict(item.get("weights", {}), f"{path}.weights"), f"{path}.weights",
                           dense_in_order)
            if item.get("run") is not None:
                info.network, info.state = parse_run(item["run"], f"{path}.run", sub)
                k = jp.need_int(item.get("keyframes_shared_before", 0), f"{path}.keyframes_shared_before", 0)
                if k:
                    shared.append((info, k))
            else:
                info.network = sub.network
        tree.runs.append(info)
    if current not in tree:
        raise ProjectError("runs.current", "must name a run of runs.list")
    for info, k in shared:  # the parent's keyframes before the fork are this run's too
        parent_state = tree.state_of(info.parent, project)
        theirs = [f for f in (parent_state or {}).get("keyframes", []) if f.step < k]
        info.state["keyframes"] = sorted(theirs + info.state["keyframes"], key=lambda f: f.step)
    return tree


def check_name_at(tree: RunTree, name: Any, path: str) -> str:
    if not isinstance(name, str):
        raise ProjectError(path, f"expected a run name, got {jp.show(name)}")
    try:
        return check_name(tree, name)
    except ProjectError as exc:
        raise ProjectError(path, exc.message if hasattr(exc, "message") else str(exc)) from None


def _read_colour(value: Any, path: str) -> str:
    text = jp.need_str(value, path)
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise ProjectError(path, f"expected a colour like \"#1f77b4\", got {jp.show(value)}")
    return text.lower()


def _write_weights(spec, obj: dict, path: str, dense_in_order) -> None:
    """Put a run's weights (``{layer: {weights, bias}}``) into ``spec``'s dense layers."""
    for layer in dense_in_order(spec):
        if layer.id not in obj:
            continue
        entry = jp.need_dict(obj[layer.id], f"{path}.{layer.id}")
        layer.weights = jp.need_matrix(entry.get("weights"), f"{path}.{layer.id}.weights", layer.units,
                                       spec.fan_in(layer))
        layer.bias = jp.need_vector(entry.get("bias"), f"{path}.{layer.id}.bias", layer.units)
