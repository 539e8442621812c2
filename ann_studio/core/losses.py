"""Loss functions E(ŷ, y). A batch's loss is the **mean** over its samples of the per-sample loss.

Shapes: ``y_hat`` and ``y`` are ``(m, outputs)``. ``grad`` returns each sample's own ∂E_k/∂ŷ
(no 1/m); the engine applies the 1/m of the mean when it forms ∂E/∂W, as Nielsen's
``w ← w − (η/m) Σ ∇w`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import DataError

EPS = 1e-12
#: how far a cross-entropy target row may sum from 1 (probabilities rounded in a file)
ROW_SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Loss:
    """A loss function.

    Attributes
    ----------
    per_sample : callable
        ``per_sample(y_hat, y) -> (m,)`` the loss of each sample.
    grad : callable
        ``grad(y_hat, y) -> (m, outputs)``: each sample's ∂E_k/∂ŷ.
    fused_with : str or None
        The output activation with which ∂E_k/∂z simplifies to ``ŷ − y`` (stable and exact).
    formula : str
        For the math view.
    """

    name: str
    per_sample: Callable[[np.ndarray, np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]
    fused_with: str | None
    formula: str
    #: optional fast ``total(y_hat, y) -> float``, the sum of the per-sample losses
    total: Callable[[np.ndarray, np.ndarray], float] | None = None

    def __reduce__(self):
        # by name: the functions are lambdas, and the registry's instance comes back (the
        # training worker process receives trainers pickled over its pipe)
        return (get_loss, (self.name,))

    def value(self, y_hat: np.ndarray, y: np.ndarray) -> float:
        """The batch loss: the mean of the per-sample losses."""
        if self.total is not None:
            return self.total(y_hat, y) / y_hat.shape[0]
        return float(np.add.reduce(self.per_sample(y_hat, y))) / y_hat.shape[0]


def _half_sse(y_hat, y):
    d = y_hat - y
    return 0.5 * np.einsum("ij,ij->i", d, d)


def _half_sse_total(y_hat, y):
    d = (y_hat - y).ravel()
    return 0.5 * float(d @ d)


def _mse(y_hat, y):
    d = y_hat - y
    return np.einsum("ij,ij->i", d, d) / d.shape[1]


def _probabilities(y_hat):
    """ŷ kept inside (0, 1): 1 − 1e-12 is 1 in float32, so there the bound is float32's epsilon."""
    eps = max(EPS, float(np.finfo(y_hat.dtype).eps)) if y_hat.dtype.kind == "f" else EPS
    return np.clip(y_hat, eps, 1.0 - eps)


def _bce(y_hat, y):
    p = _probabilities(y_hat)
    return -np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p), axis=1)


def _bce_grad(y_hat, y):
    p = _probabilities(y_hat)
    return (p - y) / (p * (1.0 - p))


def _ce(y_hat, y):
    return -np.sum(y * np.log(np.clip(y_hat, EPS, None)), axis=1)


LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss("half_sse", _half_sse, lambda y_hat, y: y_hat - y, None,
             "E = ½ Σ_j (ŷ_j − y_j)²", _half_sse_total),
        Loss("mse", _mse, lambda y_hat, y: 2.0 * (y_hat - y) / y_hat.shape[1], None,
             "E = (1/l) Σ_j (ŷ_j − y_j)²"),
        Loss("binary_cross_entropy", _bce, _bce_grad, "sigmoid",
             "E = −Σ_j [y_j ln ŷ_j + (1 − y_j) ln(1 − ŷ_j)]"),
        Loss("cross_entropy", _ce,
             lambda y_hat, y: -y / np.clip(y_hat, EPS, None), "softmax",
             "E = −Σ_j y_j ln ŷ_j"),
    )
}


def get_loss(name: str) -> Loss:
    """The loss called ``name``; ``KeyError`` if unknown."""
    return LOSSES[name]


def _first(mask: np.ndarray) -> tuple[int, int]:
    """(row, column) of the first True in a 2-D mask, row-major."""
    row, column = np.argwhere(mask)[0]
    return int(row), int(column)


def check_targets(loss: str, targets: np.ndarray, part: str = "training") -> None:
    """Refuse targets that make no sense for ``loss``, naming the first bad row and column.

    Every loss needs finite targets. Binary cross-entropy needs each value in [0, 1] (a
    probability; 0/1 for classes). Cross-entropy needs each row to be probabilities summing to 1
    (a one-hot row for a class). Without this, a target of −2 gives a negative "loss" that
    training happily lowers forever.

    Parameters
    ----------
    loss : str
        A key of :data:`LOSSES`.
    targets : ndarray, shape (N, k)
    part : str
        ``"training"`` or ``"test"``, for the message.

    Raises
    ------
    DataError
        ``DataError("training targets row 2, column 1", "-2 is not a probability: ...")``.
    """
    targets = np.asarray(targets, dtype=np.float64)
    if targets.size == 0:
        return
    if not np.all(np.isfinite(targets)):
        row, column = _first(~np.isfinite(targets))
        raise DataError(f"{part} targets row {row + 1}, column {column + 1}", "NaN and infinity are not allowed")
    if loss not in ("binary_cross_entropy", "cross_entropy"):
        return
    name = "binary cross-entropy" if loss == "binary_cross_entropy" else "cross-entropy"
    outside = (targets < 0) | (targets > 1)
    if np.any(outside):
        row, column = _first(outside)
        raise DataError(f"{part} targets row {row + 1}, column {column + 1}",
                        f"{targets[row, column]:g} is not a probability: {name} needs targets from 0 to 1")
    if loss == "cross_entropy":
        sums = targets.sum(axis=1)
        bad = np.abs(sums - 1.0) > ROW_SUM_TOLERANCE
        if np.any(bad):
            row = int(np.argmax(bad))
            hint = " (for one 0/1 output use binary cross-entropy)" if targets.shape[1] == 1 else ""
            raise DataError(f"{part} targets row {row + 1}", f"the targets sum to {sums[row]:g}, not 1: "
                            f"cross-entropy needs one-hot or probability rows{hint}")
