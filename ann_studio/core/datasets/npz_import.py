"""Load and save data sets as NumPy ``.npz`` archives, never with pickle.

An archive holds the arrays ``inputs`` and ``targets`` and optionally ``test_inputs``,
``test_targets``, ``feature_names``, ``target_names`` (string arrays), ``task`` (a string) and
``image_shape``. Inputs of shape (N, rows, cols) are images: they are flattened row by row and
``image_shape`` is set from them.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import numpy as np

from ..errors import DataError
from .base import CLASSIFICATION, MAX_INPUT_VALUES, TASKS, Dataset, check_size
from .targets import encode_numeric_targets, guess_task

ARRAYS = ("inputs", "targets", "test_inputs", "test_targets")
_READ_ERRORS = (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error, KeyError)


def _peek(archive, key: str, location: str):
    """Shape and dtype of an array from its header, before loading it; refuse object arrays."""
    header_readers = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}
    try:
        with archive.zip.open(key + ".npy") as stream:
            reader = header_readers.get(np.lib.format.read_magic(stream))
            if reader is None:
                return None, None
            shape, _, dtype = reader(stream)
    except _READ_ERRORS as exc:
        raise DataError(location, f"damaged array ({exc})") from None
    if dtype.hasobject:
        raise DataError(location, "holds Python objects, which would need pickle: refused "
                        "(save plain numbers or strings)")
    return shape, dtype


def _load(archive, key: str, name: str, numeric: bool = True) -> np.ndarray:
    location = f"{name}: {key}"
    shape, dtype = _peek(archive, key, location)
    if numeric and shape is not None and key.endswith("inputs"):
        check_size(location, int(np.prod(shape, dtype=np.int64)), MAX_INPUT_VALUES)
    try:
        array = archive[key]
    except _READ_ERRORS as exc:
        raise DataError(location, f"cannot be read ({exc})") from None
    if numeric and array.dtype.kind not in "biuf":
        raise DataError(location, f"expected numbers, got {array.dtype}")
    if not numeric and array.dtype.kind != "U":
        raise DataError(location, f"expected text, got {array.dtype}")
    return array


def _columns(array: np.ndarray, location: str):
    """A (N, d) float64 matrix and an image shape from arrays of 1, 2 or 3 dimensions."""
    if array.ndim == 1:
        return array.reshape(-1, 1).astype(np.float64), None
    if array.ndim == 2:
        return array.astype(np.float64), None
    if array.ndim == 3:
        return array.reshape(len(array), -1).astype(np.float64), tuple(array.shape[1:])
    raise DataError(location, f"expected 1 to 3 dimensions, got {array.ndim}")


def load_npz(path, *, name: str | None = None, task: str | None = None) -> Dataset:
    """Load a data set from an ``.npz`` archive (``allow_pickle=False``).

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
        Missing file, not an archive, missing ``inputs``/``targets``, object arrays, non-numeric
        or non-finite values, mismatched shapes, or too many values.
    """
    path = Path(path)
    try:
        archive = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise DataError(path.name, f"file not found ({path})") from None
    except _READ_ERRORS as exc:
        raise DataError(path.name, f"not a NumPy .npz archive ({exc})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise DataError(path.name, "a single .npy array, not an .npz archive with inputs and targets")
    with archive:
        return _from_archive(archive, path, name, task)


def _text(archive, key: str, file_name: str):
    if key not in archive.files:
        return None
    return [str(v) for v in np.atleast_1d(_load(archive, key, file_name, numeric=False))]


def _from_archive(archive, path: Path, name: str | None, task: str | None) -> Dataset:
    file_name = path.name
    for key in ("inputs", "targets"):
        if key not in archive.files:
            raise DataError(file_name, f'no array named "{key}" (found: {", ".join(archive.files) or "none"})')
    if ("test_inputs" in archive.files) != ("test_targets" in archive.files):
        raise DataError(file_name, "test_inputs and test_targets must come together")
    loaded = {k: _load(archive, k, file_name) for k in ARRAYS if k in archive.files}
    inputs, image_shape = _columns(loaded["inputs"], f"{file_name}: inputs")
    targets, _ = _columns(loaded["targets"], f"{file_name}: targets")
    test_inputs = _columns(loaded["test_inputs"], file_name)[0] if "test_inputs" in loaded else inputs[:0]
    test_targets = _columns(loaded["test_targets"], file_name)[0] if "test_targets" in loaded else targets[:0]
    if test_targets.shape[1] != targets.shape[1] or test_inputs.shape[1] != inputs.shape[1]:
        raise DataError(file_name, "test arrays have a different number of columns than the training arrays")
    if task is None:
        task = _text(archive, "task", file_name)[0] if "task" in archive.files else None
    all_targets = np.concatenate([targets, test_targets])
    if not np.all(np.isfinite(all_targets)):
        raise DataError(f"{file_name}: targets", "NaN and infinity are not allowed")
    integer_labels = loaded["targets"].dtype.kind in "biu" and targets.shape[1] == 1
    task = task or (CLASSIFICATION if integer_labels else guess_task(all_targets))
    if task not in TASKS:
        raise DataError(f"{file_name}: task", f'must be "classification" or "regression", not "{task}"')
    encoded, target_names = encode_numeric_targets(
        all_targets, task, _text(archive, "target_names", file_name),
        lambda i: f"{file_name}: targets row {i + 1}", f"{file_name}: targets")
    if "image_shape" in archive.files:
        image_shape = tuple(int(v) for v in _load(archive, "image_shape", file_name).reshape(-1)[:2])
    features = _text(archive, "feature_names", file_name) or [f"x{i + 1}" for i in range(inputs.shape[1])]
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
                                task=np.array(dataset.task), **extra)
    except OSError as exc:
        raise DataError(path.name, f"cannot write the file ({exc.strerror or exc})") from None
    return path
