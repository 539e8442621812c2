"""Metrics: accuracy and the confusion matrix for classification problems.

``y_hat`` and ``y`` are ``(m, outputs)``. With several outputs the class is the arg-max (one-hot
targets); with a single output the class is ``ŷ > 0.5`` (0/1 targets).
"""

from __future__ import annotations

import numpy as np


def is_classification(targets: np.ndarray) -> bool:
    """True when the targets look like class labels: 0/1 values, one-hot when several columns."""
    if targets.size == 0:
        return False
    if not np.all((targets == 0) | (targets == 1)):
        return False
    return targets.shape[1] == 1 or bool(np.all(targets.sum(axis=1) == 1))


def predicted_classes(y_hat: np.ndarray) -> np.ndarray:
    """(m,) class index of each sample."""
    if y_hat.shape[1] == 1:
        return (y_hat[:, 0] > 0.5).astype(int)
    return np.argmax(y_hat, axis=1)


def accuracy(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Fraction of samples whose predicted class equals the target class."""
    if y.shape[0] == 0:
        return float("nan")
    return float(np.mean(predicted_classes(y_hat) == predicted_classes(y)))


def confusion_matrix(y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """(k, k) counts: row = true class, column = predicted class."""
    k = max(2, y.shape[1])
    out = np.zeros((k, k), dtype=int)
    np.add.at(out, (predicted_classes(y), predicted_classes(y_hat)), 1)
    return out
