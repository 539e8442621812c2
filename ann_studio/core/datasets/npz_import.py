"""Load and save data sets as NumPy ``.npz`` archives, never with pickle.

An archive holds the arrays ``inputs`` and ``targets`` and optionally ``test_inputs``,
``test_targets``, ``feature_names``, ``target_names`` (string arrays), ``task`` (a string) and
``image_shape``. Inputs of shape (N, rows, cols) are images: they are flattened row by row and
``image_shape`` is set from them.

Every array's header is checked against :mod:`.limits` before its values are read (see
:mod:`.npz_archive`), so a small archive cannot make the loader allocate what it only declares.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from ..errors import DataError
from ..jsonpath import show
from . import limits
from .base import CLASSIFICATION, TASKS, Dataset
from .files import one_line, open_data_file, reading
from .npz_archive import Archive, ArrayHeader, open_archive
from .targets import encode_numeric_targets, guess_task

ARRAYS = ("inputs", "targets", "test_inputs", "test_targets")
_VALUE_LIMITS = {"inputs": "INPUT_VALUES", "test_inputs": "INPUT_VALUES", "targets": "TARGET_VALUES",
                 "test_targets": "TARGET_VALUES"}


def load_npz(path, *, name: str | None = None, task: str | None = None) -> Dataset:
    """Load a data set from an ``.npz`` archive (no pickle).

    Parameters
    ----------
    path : str or Path
    name : str, optional
        Default the file's name.
    task : {"classification", "regression"}, optional
        Default the archive's ``task`` entry, else a guess: one-hot rows, a single column of
        integer type, or a column of a few whole numbers mean classification. A column of class
        numbers is one-hot encoded (a 0/1 column for two classes).

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        Missing file, not a regular file, not an archive, missing ``inputs``/``targets``, object
        arrays, non-numeric or non-finite values, mismatched shapes, or anything over a limit
        of :mod:`.limits`.
    """
    path = Path(path)
    with open_data_file(path) as stream, reading(path.name, path):
        with open_archive(stream, os.fstat(stream.fileno()).st_size, path.name) as archive:
            return _from_archive(Archive(archive, path.name), name, task)


def _table_shape(header: ArrayHeader, location: str) -> tuple[int, int]:
    """(rows, columns) of an array of 1 to 3 dimensions (images are flattened row by row)."""
    if not 1 <= len(header.shape) <= 3:
        raise DataError(location, f"expected 1 to 3 dimensions, got {len(header.shape)}")
    if header.dtype.kind not in "biuf":
        raise DataError(location, f"expected numbers, got {header.dtype}")
    return header.shape[0], math.prod(header.shape[1:])


def _check_shapes(archive: Archive) -> dict[str, tuple[int, int]]:
    """Every numeric array's (rows, columns), checked against the limits and each other."""
    file_name, shapes = archive.name, {}
    for key in ARRAYS:
        if key in archive:
            location = f"{file_name}: {key}"
            shapes[key] = rows, columns = _table_shape(archive.header(key), location)
            values = getattr(limits, _VALUE_LIMITS[key])
            limits.check_table(location, rows, columns, values)
            for size in archive.header(key).shape[1:]:  # even when another dimension is 0
                values.check(location, size, f"{values.unit} in one dimension")
    for part, inputs, targets in (("training", "inputs", "targets"), ("test", "test_inputs", "test_targets")):
        if inputs in shapes and shapes[inputs][0] != shapes[targets][0]:
            raise DataError(file_name, f"{shapes[inputs][0]} {part} inputs but {shapes[targets][0]} targets")
    if "test_inputs" in shapes and (shapes["test_inputs"][1], shapes["test_targets"][1]) != (
            shapes["inputs"][1], shapes["targets"][1]):
        raise DataError(file_name, "test arrays have a different number of columns than the training arrays")
    return shapes


def _matrix(archive: Archive, key: str, shape: tuple[int, int]) -> np.ndarray:
    """Array ``key`` as an (N, d) float64 matrix of ``shape`` (not copied when it is one already)."""
    return np.asarray(archive.read(key).reshape(shape), dtype=np.float64)


def _text(archive: Archive, key: str, max_count: int) -> list[str] | None:
    """The strings of text array ``key`` (None when absent), at most ``max_count`` of them."""
    if key not in archive:
        return None
    location, header = f"{archive.name}: {key}", archive.header(key)
    if header.dtype.kind != "U":
        raise DataError(location, f"expected text, got {header.dtype}")
    if len(header.shape) > 1:
        raise DataError(location, f"expected a list of names, got {len(header.shape)} dimensions")
    limits.TEXT_BYTES.check(location, header.size * header.dtype.itemsize)
    if header.size > max_count:
        raise DataError(location, f"expected at most {max_count:,} names, the array holds {header.size:,}")
    return [str(v) for v in archive.read(key).reshape(-1)]


def _task(archive: Archive, given: str | None) -> str | None:
    if given is not None or "task" not in archive:
        return given
    words = _text(archive, "task", 1)
    if len(words) != 1:
        raise DataError(f"{archive.name}: task", 'expected one word, "classification" or "regression", '
                        "got an empty array")
    return words[0]


def _image_shape(archive: Archive) -> tuple[int, int] | None:
    location, header = f"{archive.name}: image_shape", archive.header("image_shape")
    if header.dtype.kind not in "iu" or header.size != 2:
        raise DataError(location, f"expected two whole numbers (rows, columns), got {header.size:,} "
                        f"values of {header.dtype}")
    rows, columns = (int(v) for v in archive.read("image_shape").reshape(-1))
    return rows, columns


def _check_finite(targets: np.ndarray, n_train: int, file_name: str) -> None:
    """Refuse NaN or infinity in ``targets`` (training rows, then test rows), naming the first."""
    bad = np.argwhere(~np.isfinite(targets))
    if len(bad):
        row, column = (int(v) for v in bad[0])
        key, row = ("targets", row) if row < n_train else ("test_targets", row - n_train)
        raise DataError(f"{file_name}: {key} row {row + 1}, column {column + 1}", "NaN and infinity are not allowed")


def _from_archive(archive: Archive, name: str | None, task: str | None) -> Dataset:
    file_name = archive.name
    for key in ("inputs", "targets"):
        if key not in archive:
            found = ", ".join(one_line(f, 40) for f in archive.files[:8]) + (", …" if len(archive.files) > 8 else "")
            raise DataError(file_name, f'no array named "{key}" (found: {found or "none"})')
    if ("test_inputs" in archive) != ("test_targets" in archive):
        raise DataError(file_name, "test_inputs and test_targets must come together")
    shapes = _check_shapes(archive)
    inputs_header = archive.header("inputs")
    image_shape = (inputs_header.shape[1], inputs_header.shape[2]) if len(inputs_header.shape) == 3 else None
    inputs, targets = (_matrix(archive, key, shapes[key]) for key in ("inputs", "targets"))
    test_inputs, test_targets = ((_matrix(archive, key, shapes[key]) for key in ("test_inputs", "test_targets"))
                                 if "test_inputs" in shapes else (inputs[:0], targets[:0]))
    task = _task(archive, task)
    all_targets = np.concatenate([targets, test_targets])
    _check_finite(all_targets, len(targets), file_name)
    integer_labels = archive.header("targets").dtype.kind in "biu" and targets.shape[1] == 1
    task = task or (CLASSIFICATION if integer_labels else guess_task(all_targets))
    if task not in TASKS:
        raise DataError(f"{file_name}: task", f'must be "classification" or "regression", not {show(task)}')
    target_names = _text(archive, "target_names", max(targets.shape[1], limits.CLASSES.value))
    encoded, target_names = encode_numeric_targets(
        all_targets, task, target_names, lambda i: f"{file_name}: targets row {i + 1}", f"{file_name}: targets")
    if "image_shape" in archive:
        image_shape = _image_shape(archive)
    features = _text(archive, "feature_names", inputs.shape[1]) or [f"x{i + 1}" for i in range(inputs.shape[1])]
    n = len(targets)
    return Dataset(name or file_name, inputs, encoded[:n], test_inputs, encoded[n:], feature_names=features,
                   target_names=target_names, task=task, image_shape=image_shape,
                   meta={"source": "npz", "file": file_name})


def save_npz(path, dataset: Dataset) -> Path:
    """Save a :class:`Dataset` as a compressed ``.npz`` archive that :func:`load_npz` reads back.

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    extra = {"image_shape": np.array(dataset.image_shape)} if dataset.image_shape else {}
    try:
        with open(path, "wb") as stream:
            np.savez_compressed(stream, inputs=dataset.train_inputs, targets=dataset.train_targets,
                                test_inputs=dataset.test_inputs, test_targets=dataset.test_targets,
                                feature_names=np.array(dataset.feature_names, dtype=str),
                                target_names=np.array(dataset.target_names, dtype=str),
                                task=np.array(dataset.task), **extra)  # type: ignore[arg-type]  # (stub: **kwds)
    except OSError as exc:
        raise DataError(path.name, f"cannot write the file ({exc.strerror or exc})") from None
    return path
