"""The table of every layer's z, a, δ, ∂E/∂b and ∂E/∂W for the sample in focus, and its CSV export.

The model reads the trainer's :class:`~ann_studio.core.network.Pass` lazily (only the visible cells
are drawn), so refreshing it costs the same for a 2-2-2 and a 64-30-10 network.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from PySide6.QtCore import QAbstractTableModel, Qt

from .math_format import num

COLUMNS = ("layer", "unit", "z", "a", "delta", "grad_b", "grad_W")


class LayerValuesModel(QAbstractTableModel):
    """One row per neuron of every dense layer; ``refresh(trainer, sample)`` after each update."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[int, int]] = []  # (layer index, unit)
        self._trainer = None
        self._sample = 0
        self.digits = 6
        #: set when the rows changed (the view then sizes its columns once)
        self.structure_changed = False

    def refresh(self, trainer, sample: int) -> None:
        """Point the model at ``trainer``'s current pass and sample ``sample`` of the batch."""
        rows = [] if trainer is None else [(layer.index, i) for layer in trainer.network.dense
                                           for i in range(layer.units)]
        self._trainer, self._sample = trainer, sample
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            self.structure_changed = True
        elif rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(rows) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        titles = (self.tr("Layer"), self.tr("Unit"), "z", "a", "δ", "∂E/∂b", self.tr("∂E/∂W (row)"))
        return titles[section]

    def value(self, row: int, column: int):
        """The raw value of a cell: a float, an array row (∂E/∂W) or ``None`` if not computed yet."""
        k, i = self._rows[row]
        p, s = self._trainer.pass_, self._sample
        name = COLUMNS[column]
        if name == "layer":
            return self._trainer.network.layers[k].id
        if name == "unit":
            return i + 1
        array = {"z": p.z, "a": p.a, "delta": p.delta, "grad_b": p.grad_b, "grad_W": p.grad_W}[name][k]
        if array is None:
            return None
        if name in ("z", "a", "delta"):
            return float(array[min(s, len(array) - 1), i])
        return float(array[i]) if name == "grad_b" else array[i]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._trainer is None:
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        v = self.value(index.row(), index.column())
        if v is None:
            return "–"
        if isinstance(v, np.ndarray):
            shown = v if role == Qt.ItemDataRole.ToolTipRole else v[:6]
            text = ", ".join(num(x, self.digits) for x in shown)
            return text + (", …" if len(shown) < len(v) else "")
        return num(v, self.digits) if isinstance(v, float) else str(v)


def write_csv(trainer, path: str | Path) -> int:
    """Write the current pass as tidy CSV: ``layer, unit, quantity, sample, input, value``.

    z, a and δ have one row per sample of the batch (``sample`` is the data row); ∂E/∂b and
    ∂E/∂W (batch means) have an empty ``sample``; ``input`` is the column of W (1-based).
    Values are written with full float64 precision (``repr``). Returns the number of data rows.
    """
    p = trainer.pass_
    rows = []
    batch = trainer.batch if trainer.batch is not None else np.arange(0 if p.x is None else len(p.x))
    for layer in trainer.network.dense:
        k = layer.index
        for name, array in (("z", p.z[k]), ("a", p.a[k]), ("delta", p.delta[k])):
            if array is not None:
                for s in range(array.shape[0]):
                    rows += [(layer.id, i + 1, name, int(batch[s]), "", repr(float(array[s, i])))
                             for i in range(layer.units)]
        if p.grad_b[k] is not None:
            rows += [(layer.id, i + 1, "dE/db", "", "", repr(float(p.grad_b[k][i]))) for i in range(layer.units)]
        if p.grad_W[k] is not None:
            gW = p.grad_W[k]
            rows += [(layer.id, i + 1, "dE/dW", "", j + 1, repr(float(gW[i, j])))
                     for i in range(gW.shape[0]) for j in range(gW.shape[1])]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("layer", "unit", "quantity", "sample", "input", "value"))
        writer.writerows(rows)
    return len(rows)
