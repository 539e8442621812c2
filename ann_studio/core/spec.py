"""The network description: layers with stable string ids connected as a directed acyclic graph.

This is the *structure* half of the lesson, as data. It is what the project file stores and what
the canvas edits; :class:`ann_studio.core.network.Network` turns it into arrays.

Conventions: a dense layer's ``weights`` has shape ``(units, fan_in)`` where ``fan_in`` is the sum
of the units of its ``inputs``, concatenated in the order listed; ``bias`` has shape ``(units,)``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from . import jsonpath as jp
from .activations import ACTIVATIONS
from .array_store import to_json as array_json
from .errors import ProjectError
from .initializers import INITIALIZERS

LAYER_TYPES = ("input", "dense")
MAX_UNITS = 100_000
MAX_LAYERS = 1_000
MAX_PARAMETERS = 50_000_000
_KNOWN_LAYER_KEYS = {"id", "type", "units", "activation", "inputs", "init", "init_range", "weights",
                     "bias", "train_weights", "train_bias"}


@dataclass
class LayerSpec:
    """One layer of the graph.

    ``weights``/``bias`` are ``None`` until drawn by the initialiser ``init``; ``extra`` keeps keys
    this version does not know (e.g. canvas positions), so they survive a load/save round trip.
    """

    id: str
    type: str = "dense"
    units: int = 1
    activation: str = "sigmoid"
    inputs: list[str] = field(default_factory=list)
    init: str = "randn_scaled"
    init_range: tuple[float, float] = (0.0, 1.0)
    weights: np.ndarray | None = None
    bias: np.ndarray | None = None
    train_weights: bool = True
    train_bias: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def copy(self) -> LayerSpec:
        return replace(self, inputs=list(self.inputs),
                       weights=None if self.weights is None else self.weights.copy(),
                       bias=None if self.bias is None else self.bias.copy(),
                       extra=copy.deepcopy(self.extra))


@dataclass
class NetworkSpec:
    """A whole network: its layers (in file order) and the id of the output layer."""

    layers: list[LayerSpec]
    output: str
    extra: dict[str, Any] = field(default_factory=dict)

    def layer(self, layer_id: str) -> LayerSpec:
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def index(self, layer_id: str) -> int:
        return [layer.id for layer in self.layers].index(layer_id)

    def input_slices(self, layer: LayerSpec) -> dict[str, slice]:
        """The columns of ``layer``'s weights that belong to each of its inputs (concatenated in
        ``inputs`` order); unknown inputs count as 0 units."""
        units = {lay.id: lay.units for lay in self.layers}
        out, start = {}, 0
        for src in layer.inputs:
            n = units.get(src, 0)
            out[src] = slice(start, start + n)
            start += n
        return out

    def fan_in(self, layer: LayerSpec) -> int:
        units = {lay.id: lay.units for lay in self.layers}
        return sum(units.get(src, 0) for src in layer.inputs)

    def input_layers(self) -> list[LayerSpec]:
        return [layer for layer in self.layers if layer.type == "input"]

    def n_inputs(self) -> int:
        return sum(layer.units for layer in self.input_layers())

    def n_outputs(self) -> int:
        return self.layer(self.output).units

    def copy(self) -> NetworkSpec:
        return NetworkSpec([layer.copy() for layer in self.layers], self.output, copy.deepcopy(self.extra))

    def parameter_count(self) -> int:
        return sum(layer.units * (self.fan_in(layer) + 1) for layer in self.layers if layer.type == "dense")

    @classmethod
    def chain(cls, sizes: list[int], activation: str = "sigmoid", init: str = "randn_scaled") -> NetworkSpec:
        """Nielsen's ``Network(sizes)``: ``[2, 3, 1]`` → input ``in``, ``hidden1``, …, ``out``."""
        layers = [LayerSpec("in", "input", sizes[0])]
        for k, units in enumerate(sizes[1:], start=1):
            layer_id = "out" if k == len(sizes) - 1 else (f"hidden{k}" if len(sizes) > 3 else "hidden")
            layers.append(LayerSpec(layer_id, "dense", units, activation, [layers[-1].id], init))
        return cls(layers, layers[-1].id)


# ----------------------------------------------------------------------------- parsing

def parse_network(obj: Any, path: str = "network", *, draft: bool = False) -> NetworkSpec:
    """Read a network description from JSON values; raise :class:`ProjectError` naming the path.

    ``draft``: accept a graph the student has not finished (a layer without inputs, a dangling
    layer, a cycle: what the canvas can save mid-edit), so that the project opens with its problems
    marked. Whatever would make the graph ambiguous or too big is refused all the same.
    """
    jp.need_dict(obj, path)
    raw_layers = jp.need_list(obj.get("layers"), f"{path}.layers")
    if not raw_layers:
        raise ProjectError(f"{path}.layers", "a network needs at least an input and an output layer")
    if len(raw_layers) > MAX_LAYERS:
        raise ProjectError(f"{path}.layers", f"at most {MAX_LAYERS} layers are supported, got {len(raw_layers)}")
    layers = [_parse_layer(raw, f"{path}.layers[{i}]") for i, raw in enumerate(raw_layers)]
    output = jp.need_str(obj.get("output"), f"{path}.output")
    extra = {k: copy.deepcopy(v) for k, v in obj.items() if k not in ("layers", "output")}
    spec = NetworkSpec(layers, output, extra)
    if draft:
        _check_draft(spec, path)
    else:
        validate(spec, path)
    _parse_parameters(spec, raw_layers, path)
    return spec


def _parse_layer(raw: Any, path: str) -> LayerSpec:
    jp.need_dict(raw, path)
    layer_id = jp.need_str(raw.get("id"), f"{path}.id")
    kind = jp.need_choice(raw.get("type", "dense"), f"{path}.type", LAYER_TYPES)
    units = jp.need_int(raw.get("units"), f"{path}.units", 1, MAX_UNITS)
    layer = LayerSpec(layer_id, kind, units)
    layer.extra = {k: copy.deepcopy(v) for k, v in raw.items() if k not in _KNOWN_LAYER_KEYS}
    if kind == "input":
        if raw.get("inputs"):
            raise ProjectError(f"{path}.inputs", f"input layer '{layer_id}' cannot take inputs")
        return layer
    layer.activation = jp.need_choice(raw.get("activation", "sigmoid"), f"{path}.activation", ACTIVATIONS)
    inputs = jp.need_list(raw.get("inputs"), f"{path}.inputs")
    layer.inputs = [jp.need_str(src, f"{path}.inputs[{i}]") for i, src in enumerate(inputs)]
    layer.init = jp.need_choice(raw.get("init", "randn_scaled"), f"{path}.init", INITIALIZERS)
    if "init_range" in raw:
        low, high = jp.need_vector(raw["init_range"], f"{path}.init_range", 2)
        if not low < high:
            raise ProjectError(f"{path}.init_range", f"expected low < high, got [{low}, {high}]")
        layer.init_range = (float(low), float(high))
    layer.train_weights = jp.need_bool(raw.get("train_weights", True), f"{path}.train_weights")
    layer.train_bias = jp.need_bool(raw.get("train_bias", True), f"{path}.train_bias")
    return layer


def _check_draft(spec: NetworkSpec, path: str) -> None:
    """The checks an unfinished graph must pass too: unique ids, each input once, a bounded size."""
    seen: set[str] = set()
    for i, layer in enumerate(spec.layers):
        if layer.id in seen:
            raise ProjectError(f"{path}.layers[{i}].id", f"duplicate layer id '{layer.id}'")
        seen.add(layer.id)
        if len(set(layer.inputs)) != len(layer.inputs):
            raise ProjectError(f"{path}.layers[{i}].inputs", f"layer '{layer.id}' lists an input twice")
    if spec.parameter_count() > MAX_PARAMETERS:
        raise ProjectError(path, f"the network has {spec.parameter_count():,} parameters; the limit is "
                           f"{MAX_PARAMETERS:,}")


def _parse_parameters(spec: NetworkSpec, raw_layers: list, path: str) -> None:
    """Read explicit weights/biases once the graph is known to be valid (fan-ins are defined)."""
    for i, (layer, raw) in enumerate(zip(spec.layers, raw_layers)):
        if layer.type != "dense":
            continue
        fan_in = spec.fan_in(layer)
        if "weights" in raw and raw["weights"] is not None:
            layer.weights = jp.need_matrix(raw["weights"], f"{path}.layers[{i}].weights", layer.units, fan_in)
        if "bias" in raw and raw["bias"] is not None:
            layer.bias = jp.need_vector(raw["bias"], f"{path}.layers[{i}].bias", layer.units)


# ----------------------------------------------------------------------------- validation

def validate(spec: NetworkSpec, path: str = "network") -> list[str]:
    """Check the graph; raise :class:`ProjectError` naming the offending layer. Returns the
    topological order of the layer ids (inputs first)."""
    problems = problems_of(spec, path)
    if problems:
        raise problems[0]
    return topological_order(spec)


def problems_of(spec: NetworkSpec, path: str = "network") -> list[ProjectError]:
    """Every structural problem of the graph (empty when valid), each naming its layer.

    The canvas uses this list to mark every offending node at once.
    """
    out: list[ProjectError] = []
    where = {layer.id: f"{path}.layers[{i}]" for i, layer in enumerate(spec.layers)}
    seen: set[str] = set()
    for i, layer in enumerate(spec.layers):
        if layer.id in seen:
            out.append(ProjectError(f"{path}.layers[{i}].id", f"duplicate layer id '{layer.id}'"))
        seen.add(layer.id)
    by_id = {layer.id: layer for layer in spec.layers}
    if not spec.input_layers():
        out.append(ProjectError(f"{path}.layers", "the network has no input layer"))
    for layer in spec.layers:
        if layer.type != "dense":
            continue
        if not layer.inputs:
            out.append(ProjectError(f"{where[layer.id]}.inputs", f"layer '{layer.id}' has no inputs"))
        for j, src in enumerate(layer.inputs):
            if src not in by_id:
                out.append(ProjectError(f"{where[layer.id]}.inputs[{j}]",
                                        f"layer '{layer.id}' takes input from unknown layer '{src}'"))
        if len(set(layer.inputs)) != len(layer.inputs):
            out.append(ProjectError(f"{where[layer.id]}.inputs", f"layer '{layer.id}' lists an input twice"))
        fan_in = spec.fan_in(layer)
        if layer.weights is not None and layer.weights.shape != (layer.units, fan_in):
            out.append(ProjectError(f"{where[layer.id]}.weights",
                                    f"layer '{layer.id}' needs weights of shape {layer.units}×{fan_in}, "
                                    f"got {layer.weights.shape[0]}×{layer.weights.shape[1]}"))
        if layer.bias is not None and layer.bias.shape != (layer.units,):
            out.append(ProjectError(f"{where[layer.id]}.bias",
                                    f"layer '{layer.id}' needs {layer.units} biases, got {layer.bias.shape[0]}"))
    if spec.output not in by_id:
        out.append(ProjectError(f"{path}.output", f"output layer '{spec.output}' does not exist"))
    elif by_id[spec.output].type != "dense":
        out.append(ProjectError(f"{path}.output", f"the output layer '{spec.output}' must be a dense layer"))
    cycle = _find_cycle(spec, by_id)
    if cycle:
        out.append(ProjectError(where[cycle[0]], "cycle through layers " + " → ".join(f"'{c}'" for c in cycle)))
    if out:
        return out
    feeds_output = _ancestors(spec.output, by_id) | {spec.output}
    for layer in spec.layers:
        if layer.id not in feeds_output:
            out.append(ProjectError(where[layer.id], f"layer '{layer.id}' is dangling: it does not lead to the "
                                    f"output layer '{spec.output}'"))
    if not any(lay.type == "input" for lay in spec.layers if lay.id in feeds_output):
        out.append(ProjectError(f"{path}.output", f"no path from an input layer to '{spec.output}'"))
    if spec.parameter_count() > MAX_PARAMETERS:
        out.append(ProjectError(path, f"the network has {spec.parameter_count():,} parameters; the limit is "
                                f"{MAX_PARAMETERS:,}"))
    return out


def _find_cycle(spec: NetworkSpec, by_id: dict[str, LayerSpec]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for src in by_id[node].inputs:
            if src not in by_id:
                continue
            if state.get(src) == 1:
                return stack[stack.index(src):] + [src]
            if src not in state:
                found = visit(src)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for layer in spec.layers:
        if layer.id not in state:
            found = visit(layer.id)
            if found:
                return found
    return None


def _ancestors(node: str, by_id: dict[str, LayerSpec]) -> set[str]:
    seen: set[str] = set()
    todo = list(by_id[node].inputs)
    while todo:
        src = todo.pop()
        if src in seen or src not in by_id:
            continue
        seen.add(src)
        todo.extend(by_id[src].inputs)
    return seen


def topological_order(spec: NetworkSpec) -> list[str]:
    """Layer ids so that every layer comes after its inputs (file order breaks ties)."""
    done: list[str] = []
    placed: set[str] = set()
    remaining = [layer for layer in spec.layers]
    while remaining:
        progress = False
        for layer in list(remaining):
            if all(src in placed for src in layer.inputs):
                done.append(layer.id)
                placed.add(layer.id)
                remaining.remove(layer)
                progress = True
        if not progress:
            raise ProjectError("network", "the layers form a cycle")
    return done


# ----------------------------------------------------------------------------- writing

def network_to_json(spec: NetworkSpec) -> dict:
    """The JSON object of a network; weights are written with full float64 precision."""
    layers = []
    for layer in spec.layers:
        obj: dict[str, Any] = {"id": layer.id, "type": layer.type, "units": layer.units}
        if layer.type == "dense":
            obj["activation"] = layer.activation
            obj["inputs"] = list(layer.inputs)
            obj["init"] = layer.init
            if layer.init == "uniform" or layer.init_range != (0.0, 1.0):
                obj["init_range"] = list(layer.init_range)
            if layer.weights is not None:
                obj["weights"] = array_json(layer.weights)
            if layer.bias is not None:
                obj["bias"] = array_json(layer.bias)
            if not layer.train_weights:
                obj["train_weights"] = False
            if not layer.train_bias:
                obj["train_bias"] = False
        obj.update(copy.deepcopy(layer.extra))
        layers.append(obj)
    out = {"layers": layers, "output": spec.output}
    out.update(copy.deepcopy(spec.extra))
    return out


def dense_in_order(spec: NetworkSpec) -> list[LayerSpec]:
    """The dense layers of ``spec`` in the order a :class:`Network` keeps them (its parameters')."""
    order = validate(spec)
    return [spec.layer(i) for i in order if spec.layer(i).type != "input"]
