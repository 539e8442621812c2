"""The :class:`Dataset` type and the small helpers every loader shares.

Conventions
-----------
* One row per sample: inputs are ``(N, d)``, targets ``(N, k)``, both ``float64``.
* Classification with more than two classes uses one-hot targets (``k`` = number of classes).
  A binary problem uses a single 0/1 target column, and ``target_names`` then holds the *two*
  class names, for the values 0 and 1 in that order.
* Regression targets are real numbers; ``target_names`` names each output column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

import numpy as np

from ..errors import DataError
from ..jsonpath import show
from . import limits

#: The largest number of input values (samples × features) in a training or a test part, and in
#: any one file. MNIST fits: 60,000 training images of 28 × 28 pixels are 47 million values
#: (376 MB as float64), its 10,000 test images 7.8 million. (:data:`.limits.INPUT_VALUES`; every
#: other limit is in :mod:`.limits` too.)
MAX_INPUT_VALUES = limits.INPUT_VALUES.value

CLASSIFICATION = "classification"
REGRESSION = "regression"
TASKS = (CLASSIFICATION, REGRESSION)


@dataclass
class Dataset:
    """A supervised data set, split into a training part and a (possibly empty) test part.

    Attributes
    ----------
    name : str
        Shown to the user, e.g. ``"spirals"`` or ``"iris.csv"``.
    train_inputs : ndarray, shape (N, d), float64
    train_targets : ndarray, shape (N, k), float64
    test_inputs : ndarray, shape (M, d), float64
        ``M`` may be 0.
    test_targets : ndarray, shape (M, k), float64
    feature_names : list of str, length d
    target_names : list of str
        Class names (length ``k``, or 2 for a single binary column) or output names (length ``k``).
    task : {"classification", "regression"}
    image_shape : tuple of int, optional
        ``(rows, cols)`` when each input row is an image stored row-major, e.g. ``(8, 8)``.
    meta : dict
        Where the data came from and how it was prepared (JSON-friendly values).

    Raises
    ------
    DataError
        On construction, if the arrays' shapes disagree or hold NaN/infinity.
    """

    name: str
    train_inputs: np.ndarray
    train_targets: np.ndarray
    test_inputs: np.ndarray
    test_targets: np.ndarray
    feature_names: list[str]
    target_names: list[str]
    task: str
    image_shape: tuple[int, int] | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.train_inputs = _as_matrix(self.train_inputs, self.name, "train inputs")
        self.train_targets = _as_matrix(self.train_targets, self.name, "train targets")
        d, k = self.train_inputs.shape[1], self.train_targets.shape[1]
        self.test_inputs = _as_matrix(self.test_inputs, self.name, "test inputs", width=d)
        self.test_targets = _as_matrix(self.test_targets, self.name, "test targets", width=k)
        self.feature_names = [str(n) for n in self.feature_names]
        self.target_names = [str(n) for n in self.target_names]
        self._check_consistent()

    def _check_consistent(self) -> None:
        def fail(message: str) -> NoReturn:
            raise DataError(self.name, message)

        if len(self.train_inputs) != len(self.train_targets):
            fail(f"{len(self.train_inputs)} training inputs but {len(self.train_targets)} targets")
        if len(self.test_inputs) != len(self.test_targets):
            fail(f"{len(self.test_inputs)} test inputs but {len(self.test_targets)} targets")
        if len(self.train_inputs) == 0:
            fail("no training samples")
        if self.input_size == 0 or self.output_size == 0:
            fail("no input columns" if self.input_size == 0 else "no target columns")
        if len(self.feature_names) != self.input_size:
            fail(f"{len(self.feature_names)} feature names for {self.input_size} inputs")
        if self.task not in TASKS:
            fail(f'task must be "classification" or "regression", not "{self.task}"')
        expected = 2 if self.task == CLASSIFICATION and self.output_size == 1 else self.output_size
        if len(self.target_names) != expected:
            fail(f"{len(self.target_names)} target names for {expected} outputs")
        if self.image_shape is not None:
            try:
                rows, cols = (int(v) for v in self.image_shape)
            except (TypeError, ValueError):
                fail(f"image shape must be two whole numbers (rows, columns), got {shown(self.image_shape)}")
            self.image_shape = (rows, cols)
            if rows <= 0 or rows * cols != self.input_size:
                fail(f"image shape {self.image_shape} does not match {self.input_size} inputs")
        if self.task == CLASSIFICATION:
            limits.check_classes(self.name, self.n_classes)
        for part in (self.train_inputs, self.test_inputs):
            limits.check_table(self.name, len(part), self.input_size, limits.INPUT_VALUES)
        for part in (self.train_targets, self.test_targets):
            limits.check_table(self.name, len(part), self.output_size, limits.TARGET_VALUES)

    @property
    def input_size(self) -> int:
        """``d``, the number of input features."""
        return int(self.train_inputs.shape[1])

    @property
    def output_size(self) -> int:
        """``k``, the number of target columns."""
        return int(self.train_targets.shape[1])

    @property
    def n_train(self) -> int:
        """``N``, the number of training samples."""
        return int(len(self.train_inputs))

    @property
    def n_test(self) -> int:
        """``M``, the number of test samples (may be 0)."""
        return int(len(self.test_inputs))

    @property
    def n_classes(self) -> int:
        """The number of classes (2 for a single binary column); 0 for regression."""
        return len(self.target_names) if self.task == CLASSIFICATION else 0


def _as_matrix(values, name: str, what: str, width: int | None = None) -> np.ndarray:
    """``values`` as a C-contiguous float64 matrix (not copied if it already is one)."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise DataError(name, f"{what} are not numbers ({exc})") from None
    if array.ndim == 1:
        array = array.reshape(-1, 1) if array.size else array.reshape(0, width or 0)
    if array.ndim != 2:
        raise DataError(name, f"{what} must be a table (2-D), got {array.ndim}-D")
    if width is not None and len(array) == 0:
        array = array.reshape(0, width)
    if width is not None and array.shape[1] != width:
        raise DataError(name, f"{what} have {array.shape[1]} columns, expected {width}")
    # one pass that allocates nothing: a sum is finite only if every value is (when it is not,
    # a NaN or an infinity is looked for, which also tells a sum that merely overflowed)
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.add.reduce(array, axis=None)
    if not np.isfinite(total) and not np.all(np.isfinite(array)):
        row, column = (int(v) for v in np.argwhere(~np.isfinite(array))[0])
        raise DataError(name, f"{what}: row {row + 1}, column {column + 1} holds NaN or infinity")
    return np.ascontiguousarray(array)


def one_hot(labels, n: int, location: str = "") -> np.ndarray:
    """One-hot encode integer class labels.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        Class indices in ``0 .. n-1``.
    n : int
        The number of classes, at most :data:`.limits.CLASSES`.
    location : str
        For messages.

    Returns
    -------
    ndarray, shape (N, n), float64
        Row ``i`` is all zeros except a 1 in column ``labels[i]``.

    Raises
    ------
    DataError
        Labels out of range, too many classes, or more than :data:`.limits.TARGET_VALUES` values
        (checked before anything is allocated).
    """
    labels = np.asarray(labels).reshape(-1)
    limits.check_classes(location, n)
    limits.check_table(location, labels.size, n, limits.TARGET_VALUES)
    if labels.size and (labels.min() < 0 or labels.max() >= n):
        raise DataError(location, f"class labels must lie in 0..{n - 1}, got {labels.min()}..{labels.max()}")
    encoded = np.zeros((labels.size, n), dtype=np.float64)
    encoded[np.arange(labels.size), labels.astype(np.intp)] = 1.0
    return encoded


def class_targets(labels, n_classes: int, location: str = "") -> np.ndarray:
    """Targets for class labels: one 0/1 column when ``n_classes == 2``, else one-hot.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
    n_classes : int
    location : str
        For messages (see :func:`one_hot` for what is checked).

    Returns
    -------
    ndarray, shape (N, 1) or (N, n_classes), float64
    """
    if n_classes == 2:
        return np.asarray(labels, dtype=np.float64).reshape(-1, 1)
    return one_hot(labels, n_classes, location)


def class_labels(targets: np.ndarray) -> np.ndarray:
    """The inverse of :func:`class_targets`: integer labels, shape (N,), from (N, 1) or (N, k)."""
    targets = np.asarray(targets)
    if targets.shape[1] == 1:
        return (targets[:, 0] >= 0.5).astype(np.intp)
    return np.argmax(targets, axis=1)


def shown(value) -> str:
    """A bad value, short, for a message (NumPy scalars as plain numbers)."""
    if isinstance(value, tuple):
        value = list(value)
    return show(value.item() if isinstance(value, np.generic) else value)


def check_seed(seed) -> int:
    """``seed`` as an int; raises DataError("seed") unless it is a whole number ≥ 0."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise DataError("seed", f"expected a whole number ≥ 0, got {shown(seed)}")
    return int(seed)


def split_count(n: int, test_fraction: float) -> int:
    """How many of ``n`` samples go to the test set: rounded, leaving at least one to train."""
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, int | float | np.number):
        raise DataError("test_fraction", f"expected a number, got {shown(test_fraction)}")
    if not 0.0 <= test_fraction < 1.0:
        raise DataError("test_fraction", f"must be at least 0 and below 1, got {shown(test_fraction)}")
    return min(int(np.floor(n * test_fraction + 0.5)), max(n - 1, 0))


def split(inputs: np.ndarray, targets: np.ndarray, test_fraction: float,
          seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle the samples and split them into a training and a test part.

    Deterministic: uses ``numpy.random.default_rng(seed)`` only. With ``test_fraction == 0``
    the samples keep their order and the test part is empty.

    Parameters
    ----------
    inputs : ndarray, shape (N, d)
    targets : ndarray, shape (N, k)
    test_fraction : float
        In ``[0, 1)``; ``round(N * test_fraction)`` samples go to the test set (at least one
        sample always stays in training).
    seed : int

    Returns
    -------
    train_inputs : ndarray, shape (N - M, d)
    train_targets : ndarray, shape (N - M, k)
    test_inputs : ndarray, shape (M, d)
    test_targets : ndarray, shape (M, k)
    """
    n_test = split_count(len(inputs), test_fraction)
    seed = check_seed(seed)
    if n_test == 0:
        return inputs, targets, inputs[:0], targets[:0]
    order = np.random.default_rng(seed).permutation(len(inputs))
    test, train = order[:n_test], order[n_test:]
    return inputs[train], targets[train], inputs[test], targets[test]
