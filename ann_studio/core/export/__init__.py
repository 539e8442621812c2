"""Exporting a project: a standalone NumPy script, a PyTorch script, and CSV tables of the
training history and of a layer's values. Qt-free; never pickles. See ``docs/export.md``.

>>> from ann_studio.core import load_project
>>> from ann_studio.core.export import export_project
>>> export_project(load_project("resources/examples/xor.annproj"), "python", "xor.py")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from ..errors import ProjectError
from ..network import DenseLayer, Pass
from ..project import Project, write_atomic
from ..trainer import Trainer
from . import numpy_script, torch_script

KINDS = ("python", "torch")


def export_project(project: Project, kind: str, out_path: str | os.PathLike) -> Path:
    """Write ``project`` as a script of ``kind`` (``"python"`` or ``"torch"``) to ``out_path``.

    The script starts from the project's weights (drawn from ``training.seed`` where the file
    has none, exactly as the app does) and embeds its data; data of more than
    ``script_data.MAX_INLINE_VALUES`` numbers goes to a ``.npz`` file beside the script. Returns the path.

    Raises
    ------
    ProjectError
        Unknown kind, data that does not fit the network, or an unwritable ``out_path``.
    """
    if kind not in KINDS:
        raise ProjectError("", f"unknown export kind {kind!r}; expected one of {', '.join(KINDS)}")
    out = Path(out_path)
    trainer = project.build_trainer(evaluate=False)
    make = numpy_script.numpy_script if kind == "python" else torch_script.torch_script
    text, arrays = make(project, trainer, out)
    try:
        if arrays is not None:
            side = out.with_suffix(".npz")
            with open(side, "wb") as fh:
                np.savez_compressed(fh, **arrays)
        write_atomic(out, text)
    except OSError as exc:
        raise ProjectError("", f"cannot write {out}: {exc.strerror or exc}") from None
    return out


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv_text(header: list[str], rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


def history_csv(trainer: Trainer) -> str:
    """The training history as CSV text: one row per step (optimizer update).

    Columns: ``step`` (1, 2, …), ``epoch`` (the epoch the step belongs to, from 1),
    ``batch_loss`` (the mean loss of that step's mini-batch), then — on the row of the step that
    ends an epoch, empty elsewhere — that epoch's ``loss``, ``accuracy``, ``test_loss`` and
    ``test_accuracy`` over the whole training / test set (empty when not measured).
    Numbers are written with full float64 precision.
    """
    ends = {record.step: record for record in trainer.epoch_records}
    rows, epoch = [], 1
    for i, batch_loss in enumerate(trainer.step_losses, start=1):
        record = ends.get(i)
        rows.append([i, epoch, float(batch_loss),
                     *(None if record is None else getattr(record, key)
                       for key in ("loss", "accuracy", "test_loss", "test_accuracy"))])
        if record is not None:
            epoch += 1
    return _csv_text(["step", "epoch", "batch_loss", "loss", "accuracy", "test_loss", "test_accuracy"], rows)


def layer_values_csv(trainer: Trainer, layer_id: str, data: str = "train") -> str:
    """The values of layer ``layer_id`` for every sample of the training (``data="train"``) or
    test (``"test"``) set, with the network's current weights, as CSV text.

    One row per sample: ``sample`` (from 0), then for a dense layer of n units its weighted
    inputs ``z1 … zn`` and activations ``a1 … an``; for an input layer its values ``a1 … an``.

    Raises
    ------
    ProjectError
        Unknown layer id, or no test set.
    """
    net = trainer.network
    if layer_id not in net.index:
        raise ProjectError("", f"unknown layer '{layer_id}'")
    if data not in ("train", "test"):
        raise ProjectError("", f"expected data \"train\" or \"test\", got {data!r}")
    x = trainer.x if data == "train" else trainer.test_x
    if x is None:
        raise ProjectError("", "the project has no test set")
    k = net.index[layer_id]
    layer = net.layers[k]
    dense = isinstance(layer, DenseLayer)
    units = layer.units
    header = ["sample"] + ([f"z{j + 1}" for j in range(units)] if dense else []) + [f"a{j + 1}" for j in range(units)]
    rows: list[list] = []
    for start in range(0, len(x), 4096):
        p = Pass(len(net.layers))
        net.run_forward(p, x[start:start + 4096])
        values = np.concatenate([p.z[k], p.a[k]], axis=1) if dense else p.a[k]
        rows.extend([start + i, *row] for i, row in enumerate(values.tolist()))
    return _csv_text(header, rows)


__all__ = ["KINDS", "export_project", "history_csv", "layer_values_csv"]
