"""Turning a target column into class targets or regression targets, and guessing which it is."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..errors import DataError
from . import limits
from .base import CLASSIFICATION, REGRESSION, class_targets

#: ``task="auto"`` treats a column of whole numbers with at most this many values as class labels
#: (when each value appears twice on average; a 0/1 column always counts as labels).
AUTO_CLASS_LIMIT = 10


def parse_number(text: str) -> float | None:
    """``float(text)`` or ``None`` when ``text`` is not a number. NaN and infinity count as numbers."""
    try:
        return float(text)
    except (ValueError, OverflowError):
        return None


def looks_like_classes(numbers: np.ndarray) -> bool:
    """Whether numeric targets, shape (N,), look like class labels.

    True for 0/1 values, or for at most :data:`AUTO_CLASS_LIMIT` different whole numbers that
    each appear twice on average.
    """
    if np.all((numbers == 0) | (numbers == 1)):
        return True
    distinct = len(np.unique(numbers))
    whole = bool(np.all(numbers == np.round(numbers)))
    return whole and distinct <= AUTO_CLASS_LIMIT and 2 * distinct <= len(numbers)


def looks_one_hot(targets: np.ndarray) -> bool:
    """Whether targets, shape (N, k) with k > 1, are one-hot rows of 0s and a single 1."""
    is_binary = np.all((targets == 0) | (targets == 1))
    return bool(targets.shape[1] > 1 and is_binary and np.all(targets.sum(axis=1) == 1))


def guess_task(targets: np.ndarray) -> str:
    """``"classification"`` or ``"regression"`` for numeric targets, shape (N, k)."""
    if targets.shape[1] == 1:
        return CLASSIFICATION if looks_like_classes(targets[:, 0]) else REGRESSION
    return CLASSIFICATION if looks_one_hot(targets) else REGRESSION


def check_one_hot(targets: np.ndarray, where: Callable[[int], str]) -> None:
    """Raise DataError at the first row of ``targets`` (N, k) that is not one-hot."""
    bad = ~(np.all((targets == 0) | (targets == 1), axis=1) & (targets.sum(axis=1) == 1))
    if np.any(bad):
        raise DataError(where(int(np.argmax(bad))), "classification targets in several columns must be "
                        "one-hot: 0s and a single 1 per row")


def encode_numeric_targets(targets: np.ndarray, task: str, names, where: Callable[[int], str], location: str):
    """Numeric targets in the :class:`Dataset` convention, with target names.

    Parameters
    ----------
    targets : ndarray, shape (N, k)
    task : {"classification", "regression"}
    names : list of str or None
        Given target names; ``None`` for defaults (``y``/``y1…``, or the class values).
    where : callable
        Row index → location of that row, for error messages.
    location : str
        The location of the whole target array, for error messages.

    Returns
    -------
    targets : ndarray, shape (N, k')
        Unchanged, except that a classification column of class numbers other than 0/1 becomes
        one-hot (or a 0/1 column for two classes).
    names : list of str

    Raises
    ------
    DataError
        Rows that are not one-hot, a single class, or more classes or target values than
        :mod:`.limits` allows (checked before the one-hot matrix is allocated).
    """
    k = targets.shape[1]
    if task != CLASSIFICATION:
        return targets, names or (["y"] if k == 1 else [f"y{i + 1}" for i in range(k)])
    if k > 1:
        limits.check_classes(location, k)
        check_one_hot(targets, where)
        return targets, names or [str(i) for i in range(k)]
    column = targets[:, 0]
    if np.all((column == 0) | (column == 1)):
        return targets, names or ["0", "1"]
    classes, index = np.unique(column, return_inverse=True)
    if len(classes) < 2:
        raise DataError(location, "only one class: classification needs at least two")
    limits.check_classes(location, len(classes))
    return class_targets(index.reshape(-1), len(classes), location), names or [f"{c:g}" for c in classes]
