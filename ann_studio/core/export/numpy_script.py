"""Export a project as a standalone Python 3 + NumPy script in the style of the lesson's listing
(Michael Nielsen's ``network.py``): ``Network(sizes)``, ``feedforward``, ``backprop``, ``SGD``,
``update_mini_batch``, ``evaluate``.

The script performs the very same floating-point operations, in the same order, as the engine
(:mod:`ann_studio.core.network`, :mod:`~ann_studio.core.trainer`,
:mod:`~ann_studio.core.optimizers`), so running it reproduces the app's training numbers. A chain
of layers is written as Nielsen's ``Network(sizes)``; a graph with concatenating merges gets a
``Network`` that walks the layers in order instead, with the same methods.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import numpy as np

from ..network import DenseLayer, InputLayer, Network
from ..optimizers import OptimizerSettings
from .literals import array_literal, comment_text, number
from .numpy_templates import (
    _ACTIVATION_CODE,
    _BACKWARD,
    _CHAIN_NETWORK,
    _COMMON_METHODS,
    _COST_CLASS,
    _COSTS,
    _GRAPH_NETWORK,
    _MAIN,
    _OPTIMIZERS,
    _REGULARISE,
    _REGULARISE_DOC,
    _REGULARISE_SKIP,
    _SOFTMAX_BRANCH,
)
from .script_data import data_lines, sidecar_arrays

# ----------------------------------------------------------------------------- assembling


def _is_chain(net: Network) -> bool:
    """One input layer and each dense layer fed by exactly the layer before it."""
    if len(net.inputs) != 1:
        return False
    return all(len(layer.sources) == 1 and layer.sources[0] == layer.index - 1 for layer in net.dense)


def _optimizer_code(s: OptimizerSettings) -> str:
    regular = s.weight_decay or s.l1
    body = ""
    if s.weight_decay:
        body += "        g = g + self.weight_decay * p\n"
    if s.l1:
        body += "        g = g + self.l1 * np.sign(p)\n"
    if regular and s.regularize_bias:
        regularise = _REGULARISE.format(doc=_REGULARISE_DOC["all"], skip="", body=body)
    elif regular:
        regularise = _REGULARISE.format(doc=_REGULARISE_DOC["weights"], skip=_REGULARISE_SKIP, body=body)
    else:
        regularise = ("\n    def regularised(self, p, g, is_weight):\n"
                      "        return g  # no weight decay or L1 term\n")
    fields = dict(weight_decay=number(s.weight_decay), l1=number(s.l1), eps=number(s.eps),
                  alpha=number(s.alpha), beta1=number(s.beta1), beta2=number(s.beta2),
                  momentum=number(s.momentum), regularise=regularise,
                  nesterov_doc=" (Nesterov)" if s.nesterov else "",
                  update_doc="(g + μ·buf)" if s.nesterov else "buf",
                  momentum_g="g + self.momentum * buf" if s.nesterov else "buf")
    if s.type == "sgd" and not (s.momentum or regular):
        return _OPTIMIZERS["plain"]
    return _OPTIMIZERS[s.type].format(**fields)


def _optimizer_summary(s: OptimizerSettings) -> str:
    parts = [f"{s.type}, η = {number(s.learning_rate)}"]
    if s.type == "sgd" and s.momentum:
        parts.append(f"momentum {number(s.momentum)}" + (" (Nesterov)" if s.nesterov else ""))
    if s.type == "adam":
        parts.append(f"β = ({number(s.beta1)}, {number(s.beta2)}), ε = {number(s.eps)}")
    if s.type == "rmsprop":
        parts.append(f"α = {number(s.alpha)}, ε = {number(s.eps)}")
    if s.weight_decay:
        parts.append(f"weight decay {number(s.weight_decay)}")
    if (s.weight_decay or s.l1) and s.regularize_bias:
        parts.append("biases regularised too")
    if s.l1:
        parts.append(f"L1 {number(s.l1)}")
    return ", ".join(parts)


def _class_name(s: OptimizerSettings) -> str:
    return {"sgd": "GradientDescent", "rmsprop": "RMSprop", "adam": "Adam"}[s.type]


def _bool_list(values: list[bool]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def _network_args(net: Network, chain: bool) -> str:
    dense: list[DenseLayer] = net.dense
    weights = ", ".join(f"W_{k}" for k in range(len(dense)))
    biases = ", ".join(f"B_{k}" for k in range(len(dense)))
    tw = [layer.train_weights for layer in dense]
    tb = [layer.train_bias for layer in dense]
    frozen = ""
    if not all(tw):
        frozen += f", train_weights={_bool_list(tw)}"
    if not all(tb):
        frozen += f", train_bias={_bool_list(tb)}"
    if chain:
        sizes = [net.inputs[0].units] + [layer.units for layer in dense]
        acts = [layer.activation.name for layer in dense]
        return f"{sizes}, {acts!r},\n                   [{weights}],\n                   [{biases}]{frozen}"
    inputs: list[InputLayer] = net.inputs
    in_list = "[" + ", ".join(f"({layer.id!r}, {layer.units})" for layer in inputs) + "]"
    rows = []
    for layer in dense:
        sources = [net.layers[s].id for s in layer.sources]
        rows.append(f"        ({layer.id!r}, {layer.activation.name!r}, {sources!r}),")
    layers = "[\n" + "\n".join(rows) + "\n    ]"
    return (f"\n        {in_list},\n        {layers},\n        [{weights}],\n        [{biases}]{frozen},\n    ")


def _weights_code(net: Network) -> str:
    lines = ["# ---------------------------------------------------------------- the weights",
             "# W_k: one row per neuron of the layer, one column per neuron feeding it; B_k: its biases.", ""]
    for k, layer in enumerate(net.dense):
        sources = ", ".join(net.layers[s].id for s in layer.sources)
        lines.append(f"# layer {comment_text(layer.id)!s} ({layer.units} {layer.activation.name} units, "
                     f"fed by {comment_text(sources)})")
        lines.append(f"W_{k} = {array_literal(layer.W)}")
        lines.append(f"B_{k} = {array_literal(layer.b)}")
        lines.append("")
    return "\n".join(lines)


def description_key(project) -> str:
    """What a project's stored title and description describe, as text to compare: the network's
    structure (not its weights or canvas positions), the loss and the data section."""
    layers = [(x.id, x.type, x.units, x.activation, list(x.inputs)) for x in project.network.layers]
    return json.dumps([project.network.output, layers, project.loss, project.data], sort_keys=True, default=str)


def without_stale_description(project, key: str | None):
    """``project``, or a copy without its stored title and description when its network or data
    no longer match ``key`` (:func:`description_key` of the project as opened; None: unknown):
    the export then describes the project from its actual network and data only."""
    if key is not None and description_key(project) == key:
        return project
    out = project.copy()
    for name in ("title", "description"):
        out.extra.pop(name, None)
    return out


def _title(project) -> tuple[str, str]:
    """The docstring's headline and description: the project's own title and description (English
    when they are bilingual), else its file name."""
    title = project.extra.get("title")
    desc = project.extra.get("description")
    title = title.get("en") if isinstance(title, dict) else title
    desc = desc.get("en") if isinstance(desc, dict) else desc
    name = project.path.stem if project.path else "Untitled project"
    return (comment_text(title) if isinstance(title, str) and title else name,
            comment_text(desc) if isinstance(desc, str) else "")


def _data_source(data) -> str:
    """Where the project's data comes from, in words (``data`` is its data section)."""
    if not isinstance(data, dict):
        return "the project's data"
    if "builtin" in data:
        return f"the built-in data set {comment_text(data['builtin'])!r}"
    if "csv" in data:
        return f"the CSV file {comment_text(Path(str(data['csv'])).name)}"
    if "idx" in data or "train_images" in data:
        return "IDX image files"
    train = data.get("train")
    if isinstance(train, dict) and "file" in train:
        return f"the NumPy archive {comment_text(Path(str(train['file'])).name)}"
    return "a table in the project file"


def project_summary(project, trainer, network: bool = True) -> str:
    """The lines of an exported docstring that say which project this is: its file, its network
    (unless ``network`` is False), its data and which weights the script starts from."""
    net = trainer.network
    sizes = "-".join(str(n) for n in [sum(layer.units for layer in net.inputs)] + [layer.units for layer in net.dense])
    acts = ", ".join(f"{layer.id}: {layer.activation.name}" for layer in net.dense)
    tests = f", {len(trainer.test_x)} test samples" if trainer.test_x is not None else ", no test set"
    weights = (f"as trained in ANN Studio, after {trainer.step} steps (epoch {trainer.epoch})"
               if trainer.step else "the starting weights (step 0)")
    lines = [f"Project:     {project.path.name if project.path else 'an unsaved project'}"]
    if network:
        lines.append(f"Network:     {sizes} ({len(net.dense)} dense layers; {comment_text(acts)})")
    lines += [f"Data:        {len(trainer.x)} training samples{tests}, from {_data_source(project.data)}",
              f"Weights:     {weights}"]
    return "\n".join(lines)


def _wrap_text(text: str, width: int = 96) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def numpy_script(project, trainer, out_path: Path) -> tuple[str, dict[str, np.ndarray] | None]:
    """The script text for ``project``, and the arrays of a ``.npz`` side file when the data is
    too large to write inline (``None`` otherwise).

    ``trainer`` is the project's :class:`~ann_studio.core.trainer.Trainer` (it continues the
    project's run, if any): its network's weights and its data are what the script starts from.
    The script's parts, in order: header (docstring, imports, settings), model (activations,
    cost, learning rule, network, weights), data, training loop (``main``).
    """
    net = trainer.network
    chain = _is_chain(net)
    sidecar, arrays = sidecar_arrays(trainer, out_path)
    data = ["# ---------------------------------------------------------------- the data", "# one row per sample",
            *data_lines(trainer, sidecar)]
    text = "".join([_header(project, trainer, Path(out_path).name, chain, sidecar), _model(project, net, chain),
                    "\n" + "\n".join(data) + "\n", _MAIN.format(network_args=_network_args(net, chain))])
    return text, arrays


def _activations(net: Network) -> list[str]:
    """The names of the network's activation functions, each once, in layer order."""
    return list(dict.fromkeys(layer.activation.name for layer in net.dense))


def _header(project, trainer, name: str, chain: bool, sidecar: str | None) -> str:
    """The script's docstring (what the project is, how to run it), imports and settings."""
    net, s, t = trainer.network, project.optimizer, project.training
    title, desc = _title(project)
    if chain:
        shape = f"Network({[net.inputs[0].units] + [layer.units for layer in net.dense]})"
    else:
        shape = f"a graph of {len(net.layers)} layers (see build_network)"
    act_text = ", ".join(f"{layer.id}: {layer.activation.name}" for layer in net.dense)
    order = "reshuffled every epoch" if t.shuffle else "in file order"
    epochs = t.max_epochs or 30
    return f'''#!/usr/bin/env python3
"""{title} — a standalone Python 3 + NumPy network exported from ANN Studio.

{_wrap_text(desc) + chr(10) + chr(10) if desc else ""}{project_summary(project, trainer, network=False)}

Written in the style of the lesson's listing (Michael Nielsen's network.py): Network,
feedforward, backprop, SGD, update_mini_batch, evaluate. It holds the project's architecture,
weights, data and settings, and trains with the same arithmetic as ANN Studio, so its numbers
match the app's step for step.

    python3 {name}                 # train {epochs} epochs, one line of metrics per epoch
    python3 {name} --epochs 5      # or --steps 100 (mini-batch updates)
    python3 {name} --json          # one JSON object per epoch, like `ann-studio train --json`

Network:     {shape}; activations {comment_text(act_text)}
Cost:        {project.loss} (the mean over the mini-batch)
Optimizer:   {_optimizer_summary(s)}
Training:    mini-batches of {t.batch_size}, {order} (seed {t.seed})

Conventions (as in ANN Studio): a batch of m samples is an (m, units) array, one row per sample;
a weight matrix has one row per neuron of its layer and one column per neuron feeding it, so
z = a·Wᵀ + b computes Nielsen's w·a + b for all samples at once. Gradients are batch means.
Exported {_dt.date.today().isoformat()}.
"""

import argparse
import json
{"from pathlib import Path" + chr(10) if sidecar else ""}
import numpy as np

SEED = {t.seed}  # seeds the shuffling order
SHUFFLE = {t.shuffle}
BATCH_SIZE = {t.batch_size}
LEARNING_RATE = {number(s.learning_rate)}
EPOCHS = {epochs}
CLASSIFICATION = {trainer.classification}  # report accuracy
EPS = 1e-12  # keeps logarithms finite


# ---------------------------------------------------------------- the activation rule

'''


def _model(project, net: Network, chain: bool) -> str:
    """The activation functions, the backward rule, the cost, the learning rule, the network
    class and its weights."""
    s, acts = project.optimizer, _activations(net)
    parts = ["\n\n".join(_ACTIVATION_CODE[a] for a in acts),
             "\n\nFUNCTIONS = {" + ", ".join(f'"{a}": {a}' for a in acts) + "}\n",
             "PRIMES = {" + ", ".join(f'"{a}": {a}_prime' for a in acts if a != "softmax") + "}\n\n\n",
             _BACKWARD.format(softmax_note=", a ⊙ (g − Σ_k g_k a_k) for softmax" if "softmax" in acts else "",
                              softmax_branch=_SOFTMAX_BRANCH if "softmax" in acts else ""),
             "\n\n# ---------------------------------------------------------------- the cost\n\n",
             _COSTS[project.loss], f"\n\nCOST = {_COST_CLASS[project.loss]}\n",
             "\n\n# ---------------------------------------------------------------- the learning rule\n\n",
             _optimizer_code(s),
             f'\n\ndef make_optimizer(eta):\n    """The project\'s learning rule with rate ``eta``."""\n'
             f"    return {_class_name(s) if s.type != 'sgd' else 'GradientDescent'}(eta)\n",
             "\n\n# ---------------------------------------------------------------- the network\n\n",
             _CHAIN_NETWORK if chain else _GRAPH_NETWORK, _COMMON_METHODS, "\n\n" + _weights_code(net)]
    return "".join(parts)
