"""The notation the student chose (Nielsen, Zhou or Mazur), shared by every view that names a
weight or a neuron: the math view sets it, the table and the canvas tooltips follow it.

Numbering: what a student reads is 1-based everywhere (neuron 1, input 1, w[1, 1], ``v₁₂``); the
engine's arrays stay 0-based. See :mod:`ann_studio.views.panels.math_notation` for the symbols.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from .panels.math_notation import NOTATIONS, make_notation, plain_symbol


class NotationChoice(QObject):
    """The chosen notation's key (one of :data:`NOTATIONS`); starts as ``"nielsen"``."""

    #: the key after it changed
    changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._key = "nielsen"

    @property
    def key(self) -> str:
        return self._key

    def set_key(self, key: str) -> None:
        if key not in NOTATIONS:
            raise ValueError(key)
        if key != self._key:
            self._key = key
            self.changed.emit(key)

    def weight_symbol(self, network, layer_id: str, i: int, j: int) -> str:
        """Plain-text name of weight (i, j) of ``layer_id`` in the chosen notation (Nielsen when
        the network's shape does not allow it), e.g. ``w²₂₁``, ``v₁₂`` or ``w3``."""
        notation = make_notation(self._key, network)
        return plain_symbol(notation.w(network.index[layer_id], i, j))

    def bias_symbol(self, network, layer_id: str, i: int) -> str:
        """Plain-text name of neuron ``i``'s bias (Zhou: its threshold γ or θ, which is −b)."""
        notation = make_notation(self._key, network)
        return plain_symbol(notation.b(network.index[layer_id], i))

    @property
    def threshold(self) -> bool:
        """Whether the notation writes thresholds (= −bias) instead of biases (Zhou's)."""
        return self._key == "zhou"
