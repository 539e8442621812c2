"""What a practice question is and the step it is asked on (:mod:`.practice`), kept apart so
that :mod:`.practice_slips` can use them without importing :mod:`.practice` (no import cycle)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .network import Pass


@dataclass(frozen=True)
class Question:
    """One quantity to compute: ``layer_id`` is None for the loss; ``index`` is ``(unit,)``,
    ``(unit, input)`` for weights, or ``()`` for the loss."""

    quantity: str
    layer_id: str | None
    index: tuple = ()


@dataclass
class Worked:
    """The numbers of the step the trainer is in (or starts next): a full ``pass_`` over the
    batch, the parameters after the update (``new[k] = (W⁺, b⁺)`` by layer index), the sample
    ``s`` in focus and the batch size ``m``."""

    trainer: Any  # a Trainer
    pass_: Pass
    new: dict
    s: int
    m: int

    @property
    def network(self):
        return self.trainer.network


def shown(w: Worked, q: Question, value: float, notation: str) -> float:
    """``value`` (Nielsen's convention) as ``notation`` writes the quantity ``q``."""
    if notation != "zhou" or q.quantity in ("a", "loss", "grad_w", "new_w"):
        return value
    k = w.network.index[q.layer_id]
    if q.quantity == "z":  # α_h or β_j: the weighted sum before the threshold γ = −b
        return value - float(w.network.layers[k].b[int(q.index[0])])
    return -value  # g_j, e_h = −δ; ∂E/∂θ = −∂E/∂b; θ⁺ = −b⁺
