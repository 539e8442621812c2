"""Export a project as a PyTorch script: an ``nn.Module`` with the project's (trained) weights,
its loss and optimiser as ``torch`` code, its data, and a training loop taking the samples in the
same order as ANN Studio. Generating the script never imports torch."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..network import Network
from ..optimizers import OptimizerSettings
from .literals import array_literal, comment_text, identifiers, number
from .numpy_script import _title, _wrap_text, project_summary
from .script_data import data_lines, sidecar_arrays

_ACTIVATIONS = {
    "sigmoid": "torch.sigmoid({})",
    "tanh": "torch.tanh({})",
    "relu": "torch.relu({})",
    "leaky_relu": "F.leaky_relu({}, 0.01)",
    "elu": "F.elu({}, alpha=1.0)",
    "softplus": "F.softplus({})",
    "linear": "{}",
    "softmax": "torch.softmax({}, dim=1)",
}

_LOSSES = {
    "half_sse": ('"""The lesson\'s cost: ½ Σ_j (ŷ_j − y_j)² per sample, averaged over the batch."""',
                 "return 0.5 * ((y_hat - y) ** 2).sum(dim=1).mean()"),
    "mse": ('"""(1/l) Σ_j (ŷ_j − y_j)² per sample, averaged over the batch (= nn.MSELoss())."""',
            "return ((y_hat - y) ** 2).mean(dim=1).mean()"),
    "binary_cross_entropy": ('"""−Σ_j [y ln ŷ + (1 − y) ln(1 − ŷ)] per sample, averaged over the batch."""',
                             "p = y_hat.clamp(EPS, 1.0 - EPS)\n"
                             "    return -(y * torch.log(p) + (1.0 - y) * torch.log1p(-p)).sum(dim=1).mean()"),
    "cross_entropy": ('"""−Σ_j y_j ln ŷ_j per sample, averaged over the batch."""',
                      "return -(y * torch.log(y_hat.clamp_min(EPS))).sum(dim=1).mean()"),
}


def _optimizer_line(s: OptimizerSettings, params: str = "params") -> str:
    wd = f", weight_decay={number(s.weight_decay)}" if s.weight_decay else ""
    if s.type == "sgd":
        mom = f", momentum={number(s.momentum)}" if s.momentum else ""
        nest = ", nesterov=True" if s.nesterov else ""
        return f"torch.optim.SGD({params}, lr={number(s.learning_rate)}{mom}{nest}{wd})"
    if s.type == "adam":
        return (f"torch.optim.Adam({params}, lr={number(s.learning_rate)}, betas=({number(s.beta1)}, "
                f"{number(s.beta2)}), eps={number(s.eps)}{wd})")
    return (f"torch.optim.RMSprop({params}, lr={number(s.learning_rate)}, alpha={number(s.alpha)}, "
            f"eps={number(s.eps)}{wd})")


def _make_optimizer_body(s: OptimizerSettings) -> str:
    """The body of the script's ``make_optimizer(params)``: weight decay on the weight matrices
    only (parameter groups) unless the project regularises the biases too."""
    if not s.weight_decay or s.regularize_bias:
        return f"    return {_optimizer_line(s)}"
    return ("    # weight decay on the weight matrices (2-D) only, as in ANN Studio; the biases (1-D) get none\n"
            "    groups = [{\"params\": [p for p in params if p.dim() == 2]},\n"
            "              {\"params\": [p for p in params if p.dim() == 1], \"weight_decay\": 0.0}]\n"
            f"    return {_optimizer_line(s, 'groups')}")


def _forward_code(net: Network, names: dict[str, str]) -> list[str]:
    lines = []
    for layer in net.inputs:
        var = names[layer.id]
        sl = layer.columns
        src = "x" if len(net.inputs) == 1 else f"x[:, {sl.start}:{sl.stop}]"
        lines.append(f"        {var} = {src}")
    for dense in net.dense:
        sources = [names[net.layers[s].id] for s in dense.sources]
        x_in = sources[0] if len(sources) == 1 else f"torch.cat([{', '.join(sources)}], dim=1)"
        value = _ACTIVATIONS[dense.activation.name].format(f"self.{names[dense.id]}({x_in})")
        if dense.index == net.output_index:
            lines.append(f"        return {value}")
        else:
            lines.append(f"        {names[dense.id]} = {value}")
    return lines


def torch_script(project, trainer, out_path: Path):
    """The PyTorch script text for ``project`` (weights and data from ``trainer``), and
    the arrays of a ``.npz`` side file when the data is too large to write inline.

    The script's parts, in order: header (docstring, imports, settings), model (``Net``, loss,
    optimiser, weights), data, training loop (evaluate, train, ``main``)."""
    sidecar, arrays = sidecar_arrays(trainer, out_path)
    data = data_lines(trainer, sidecar, wrap="torch.from_numpy({})",
                      literal=dict(call="torch.tensor", args=", dtype=torch.float64"))
    text = "".join([_header(project, trainer, Path(out_path).name, sidecar), _model(project, trainer.network),
                    "\n\n# one row per sample\n" + "\n".join(data), _TRAINING_LOOP.format(l1=_l1_term(project.optimizer))])
    return text, arrays


def _header(project, trainer, name: str, sidecar: str | None) -> str:
    """The docstring (what the project is, how to run it), imports and settings."""
    title, desc = _title(project)
    t, classification = project.training, trainer.classification
    return f'''#!/usr/bin/env python3
"""{title} — a PyTorch module exported from ANN Studio.

{_wrap_text(desc) + chr(10) + chr(10) if desc else ""}{project_summary(project, trainer)}

`Net` is the project's network as a torch.nn.Module (float64) and `build_model()` returns it
with the weights it had in ANN Studio. The loss, the optimiser and a training loop that takes the
samples in the same order as ANN Studio follow, so you can keep training here:

    python3 {name}                 # evaluate the exported weights
    python3 {name} --epochs 10     # train 10 more epochs, one line of metrics per epoch

Exported {_dt.date.today().isoformat()}.
"""

import argparse
{"from pathlib import Path" + chr(10) if sidecar else ""}
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

SEED = {t.seed}  # seeds the shuffling order
SHUFFLE = {t.shuffle}
BATCH_SIZE = {t.batch_size}
CLASSIFICATION = {classification}
EPS = 1e-12
'''


def _model(project, net: Network) -> str:
    """``Net`` (an nn.Module of the project's layers), ``loss_fn``, ``make_optimizer``, the
    exported weights and ``build_model``."""
    names = identifiers([layer.id for layer in net.layers])
    s = project.optimizer
    init_lines = [f"        self.{names[layer.id]} = nn.Linear({layer.W.shape[1]}, {layer.units}, dtype=torch.float64)"
                  f"  # layer {comment_text(layer.id)}" for layer in net.dense]
    frozen = []
    for layer in net.dense:
        if not layer.train_weights:
            frozen.append(f"        self.{names[layer.id]}.weight.requires_grad_(False)")
        if not layer.train_bias:
            frozen.append(f"        self.{names[layer.id]}.bias.requires_grad_(False)")
    weight_lines = []
    for layer in net.dense:
        weight_lines += [f"    # layer {comment_text(layer.id)}: weight (out_features, in_features), bias",
                         f"    {names[layer.id]!r}: (",
                         f"        {array_literal(layer.W, 8, call='torch.tensor', args=', dtype=torch.float64')},",
                         f"        {array_literal(layer.b, 8, call='torch.tensor', args=', dtype=torch.float64')},",
                         "    ),"]
    doc, body = _LOSSES[project.loss]
    return f'''

class Net(nn.Module):
    """The project's layers; nn.Linear(in_features, out_features) computes x·Wᵀ + b with one row of
    W per neuron, as ANN Studio does."""

    def __init__(self):
        super().__init__()
{chr(10).join(init_lines)}
{chr(10).join(frozen) + chr(10) if frozen else ""}
    def forward(self, x):
        """x: (batch, {net.n_inputs}) → (batch, {net.layers[net.output_index].units})."""
{chr(10).join(_forward_code(net, names))}


def loss_fn(y_hat, y):
    {doc}
    {body}


def make_optimizer(params):
{_make_optimizer_body(s)}


# weights as exported: one row per neuron of the layer, one column per neuron feeding it
WEIGHTS = {{
{chr(10).join(weight_lines)}
}}


def build_model():
    """A `Net` holding the exported weights."""
    model = Net()
    with torch.no_grad():
        for name, (weight, bias) in WEIGHTS.items():
            getattr(model, name).weight.copy_(weight.double())
            getattr(model, name).bias.copy_(bias.double())
    return model
'''


def _l1_term(s: OptimizerSettings) -> str:
    """The training loop's L1 line (empty without L1)."""
    if not s.l1:
        return ""
    if s.regularize_bias:
        return (f"\n            loss = loss + {number(s.l1)} * sum(p.abs().sum() for p in params)"
                "  # L1 term of the project, biases included")
    return (f"\n            loss = loss + {number(s.l1)} * sum(p.abs().sum() for p in params if p.dim() == 2)"
            "  # L1 term of the project, on the weights")


#: evaluate, train (ANN Studio's sample order) and main; ``{l1}``: :func:`_l1_term`
_TRAINING_LOOP = '''


def classes(a):
    return (a[:, 0] > 0.5).long() if a.shape[1] == 1 else a.argmax(dim=1)


@torch.no_grad()
def evaluate(model, x, y):
    """(mean loss, accuracy or None) on the samples x, y."""
    y_hat = model(x)
    accuracy = (classes(y_hat) == classes(y)).double().mean().item() if CLASSIFICATION else None
    return loss_fn(y_hat, y).item(), accuracy


def train(model, epochs=None, steps=None, report=print):
    """Train with mini-batches of BATCH_SIZE, in ANN Studio's order: each epoch a permutation
    from numpy.random.default_rng([SEED, 1]) (when SHUFFLE)."""
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = make_optimizer(params)
    rng = np.random.default_rng([SEED, 1])
    n, step, epoch = len(TRAIN_INPUTS), 0, 0
    while (steps is None and epoch < (epochs or 0)) or (steps is not None and step < steps):
        order = torch.from_numpy(rng.permutation(n) if SHUFFLE else np.arange(n))
        for start in range(0, n, BATCH_SIZE):
            batch = order[start:start + BATCH_SIZE]
            optimizer.zero_grad()
            loss = loss_fn(model(TRAIN_INPUTS[batch]), TRAIN_TARGETS[batch]){l1}
            loss.backward()
            optimizer.step()
            step += 1
            if steps is not None and step == steps:
                return model
        epoch += 1
        report(epoch_line(model, epoch, step))
    return model


def epoch_line(model, epoch, step):
    loss, acc = evaluate(model, TRAIN_INPUTS, TRAIN_TARGETS)
    line = f"epoch {{epoch}}, step {{step}}, loss {{loss:.6g}}"
    if acc is not None:
        line += f", accuracy {{acc:.4f}}"
    if TEST_INPUTS is not None:
        test_loss, test_acc = evaluate(model, TEST_INPUTS, TEST_TARGETS)
        line += f", test loss {{test_loss:.6g}}" + (f", test accuracy {{test_acc:.4f}}" if test_acc is not None else "")
    return line


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    parser.add_argument("--epochs", type=int, default=0, help="epochs to train (default: none, just evaluate)")
    args = parser.parse_args(argv)
    model = build_model()
    print(epoch_line(model, 0, 0))
    train(model, epochs=args.epochs)


if __name__ == "__main__":
    main()
'''
