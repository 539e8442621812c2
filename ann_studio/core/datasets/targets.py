"""Turning a target column into class targets or regression targets, and guessing which it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..errors import DataError
from .base import CLASSIFICATION, REGRESSION, class_targets

#: More distinct labels than this in a class column is almost surely a mistake.
MAX_CLASSES = 1000
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


def encode_labels(
    labels: Sequence[str], where: Callable[[int], str], column: str
) -> tuple[np.ndarray, list[str]]:
    """Encode a column of class labels (numbers or words) as targets.

    Classes are sorted: numerically when every label is a number (``"2"`` and ``"2.0"`` are the
    same class), alphabetically otherwise.

    Parameters
    ----------
    labels : sequence of str, length N
        The raw cells.
    where : callable
        Row index → location for error messages, e.g. ``iris.csv: line 17, column "species"``.
    column : str
        The column's name, for messages.

    Returns
    -------
    targets : ndarray, shape (N, 1) for two classes or (N, n_classes), float64
    class_names : list of str

    Raises
    ------
    DataError
        For an empty cell, a single class, or more than :data:`MAX_CLASSES` classes.
    """
    cleaned = [label.strip() for label in labels]
    for i, label in enumerate(cleaned):
        if not label:
            raise DataError(where(i), "empty cell (a class label is missing)")
    numbers = [parse_number(label) for label in cleaned]
    if all(n is not None for n in numbers):
        keys = np.array(numbers, dtype=np.float64)
        if not np.all(np.isfinite(keys)):
            raise DataError(where(int(np.argmax(~np.isfinite(keys)))), "NaN or infinity is not a class label")
        classes, index = np.unique(keys, return_inverse=True)
        names = [f"{c:g}" for c in classes]
    else:
        names_array, index = np.unique(np.array(cleaned, dtype=str), return_inverse=True)
        names = [str(n) for n in names_array]
    if len(names) < 2:
        raise DataError(column, f'only one class ("{names[0]}"): classification needs at least two')
    if len(names) > MAX_CLASSES:
        raise DataError(column, f"{len(names):,} different classes (the limit is {MAX_CLASSES:,}); "
                        "is this column really a class label?")
    return class_targets(index.reshape(-1), len(names)), names


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
    """
    k = targets.shape[1]
    if task != CLASSIFICATION:
        return targets, names or (["y"] if k == 1 else [f"y{i + 1}" for i in range(k)])
    if k > 1:
        check_one_hot(targets, where)
        return targets, names or [str(i) for i in range(k)]
    column = targets[:, 0]
    if np.all((column == 0) | (column == 1)):
        return targets, names or ["0", "1"]
    classes, index = np.unique(column, return_inverse=True)
    if len(classes) < 2:
        raise DataError(location, "only one class: classification needs at least two")
    return class_targets(index.reshape(-1), len(classes)), names or [f"{c:g}" for c in classes]
