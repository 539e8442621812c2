"""The table of every layer's z, a, δ, ∂E/∂b and ∂E/∂W for the sample in focus, and its CSV export.

The headers and values follow the math view's notation: in Zhou's the columns are the weighted
sum α/β (without the threshold), the outputs b/ŷ, the gradient terms g/e (= −δ) and ∂E/∂γ, ∂E/∂θ
(thresholds are −bias); Mazur's are net, out, δ. Units are numbered from 1, as everywhere a
student reads; the ∂E/∂W tooltip names each weight with the math view's symbol.

The model reads the trainer's :class:`~ann_studio.core.network.Pass` lazily (only the visible cells
are drawn), so refreshing it costs the same for a 2-2-2 and a 64-30-10 network.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from PySide6.QtCore import QAbstractTableModel, Qt

from .math_format import num
from .math_notation import plain_symbol

#: column titles per notation (z, a, δ, ∂E/∂b, ∂E/∂W); Nielsen's are the engine's own
_TITLES = {
    "nielsen": ("z", "a", "δ", "∂E/∂b"),
    "zhou": ("α, β", "b, ŷ", "e, g (= −δ)", "∂E/∂γ, ∂E/∂θ"),
    "mazur": ("net", "out", "δ", "∂E/∂b"),
}

COLUMNS = ("layer", "unit", "z", "a", "delta", "grad_b", "grad_W")


class LayerValuesModel(QAbstractTableModel):
    """One row per neuron of every dense layer; ``refresh(trainer, sample)`` after each update."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[int, int]] = []  # (layer index, unit)
        self._trainer = None
        self._sample = 0
        self._key = "nielsen"
        self.digits = 6
        self.notation = None  # the math view's Notation (None: Nielsen's symbols)
        #: set when the rows changed (the view then sizes its columns once)
        self.structure_changed = False

    def refresh(self, trainer, sample: int, notation=None) -> None:
        """Point the model at ``trainer``'s current pass and sample ``sample`` of the batch, named
        in ``notation`` (a :class:`~.math_notation.Notation`; None: Nielsen's)."""
        key = notation.key if notation is not None else "nielsen"
        self.notation = notation
        if key != self._key:
            self._key = key
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
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
        if role != Qt.ItemDataRole.DisplayRole or orientation == Qt.Orientation.Vertical:
            return None
        key = self._key
        weights = {"zhou": "∂E/∂v, ∂E/∂w", "mazur": "∂E/∂w"}.get(key, "∂E/∂W")
        titles = (self.tr("Layer"), self.tr("Unit"), *_TITLES[key], self.tr("%1 (row)").replace("%1", weights))
        return titles[section]

    @property
    def _zhou(self) -> bool:
        return self.notation is not None and self.notation.thresholds

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
            value = float(array[min(s, len(array) - 1), i])
            if self._zhou and name == "z":  # α = z − b = z + γ: the sum before the threshold
                value -= float(self._trainer.network.layers[k].b[i])
            return -value if self._zhou and name == "delta" else value
        if name == "grad_b":  # ∂E/∂γ = −∂E/∂b
            return -float(array[i]) if self._zhou else float(array[i])
        return array[i]

    def weight_tooltip(self, row: int) -> str:
        """Every weight of the row's neuron by its symbol: "∂E/∂v₁₂ = 0.0123" one per line."""
        k, i = self._rows[row]
        grads = self._trainer.pass_.grad_W[k]
        if grads is None or self.notation is None:
            return ""
        return "\n".join(f"∂E/∂{plain_symbol(self.notation.w(k, i, j))} = {num(g, self.digits)}"
                         for j, g in enumerate(grads[i]))

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
        if isinstance(v, np.ndarray) and role == Qt.ItemDataRole.ToolTipRole and self.notation is not None:
            return self.weight_tooltip(index.row())
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
