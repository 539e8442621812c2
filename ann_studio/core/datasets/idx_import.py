"""Read IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed.

An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of dimensions),
one big-endian 32-bit size per dimension, then the values row-major. The reader checks all of
it: a wrong magic number, a truncated file or extra bytes after the data give a DataError. The
sizes a header declares are checked against :mod:`.limits` before anything is allocated, and a
gzip stream is decompressed a chunk at a time, never past what the header announced.
"""

from __future__ import annotations

import gzip
import math
import struct
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, cast

import numpy as np

from ..errors import DataError
from . import limits
from .base import CLASSIFICATION, Dataset, class_targets
from .files import open_data_file, read_exactly, read_into, reading, within_memory

#: IDX type code → big-endian NumPy dtype.
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
MNIST_CLASSES = [str(d) for d in range(10)]
FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                         "Sneaker", "Bag", "Ankle boot"]
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)


@dataclass(frozen=True)
class _Header:
    dtype: np.dtype
    dims: tuple[int, ...]

    @property
    def nbytes(self) -> int:
        return math.prod(self.dims) * self.dtype.itemsize

    @property
    def offset(self) -> int:
        return 4 + 4 * len(self.dims)


def _read_header(stream: IO[bytes], name: str) -> _Header:
    magic = read_exactly(stream, 4, name, "magic number")
    if magic[:2] != b"\x00\x00" or magic[2] not in IDX_TYPES or not 1 <= magic[3] <= 4:
        raise DataError(name, f"not an IDX file (magic number 0x{magic.hex()}; MNIST files start "
                        "with 0x00000801 or 0x00000803)")
    dims = struct.unpack(f">{magic[3]}I", read_exactly(stream, 4 * magic[3], name, "dimensions"))
    return _Header(np.dtype(IDX_TYPES[magic[2]]), dims)


def _read_values(stream: IO[bytes], header: _Header, name: str, file_size: int | None) -> np.ndarray:
    """The values after the header; ``file_size`` (raw files) lets a wrong size fail before reading."""
    what = f"data for {' × '.join(map(str, header.dims))} values"
    expected = header.nbytes
    if file_size is not None and file_size - header.offset < expected:
        raise DataError(name, f"truncated: expected {expected:,} bytes of {what}, found "
                        f"{max(file_size - header.offset, 0):,}")
    if file_size is not None and file_size - header.offset > expected:
        raise DataError(name, f"the file goes on after the {expected:,} bytes its header announces")
    values = np.empty(header.dims, dtype=header.dtype)
    read_into(stream, memoryview(values.reshape(-1).view(np.uint8)), name, what)  # type: ignore[arg-type]
    if stream.read(1):
        raise DataError(name, f"the file goes on after the {expected:,} bytes its header announces")
    return values


def _read(path: Path, check) -> np.ndarray:
    """Read the IDX file at ``path``, calling ``check(header, name)`` before reading its values."""
    name = path.name
    with open_data_file(path) as raw, reading(name, path):
        compressed = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        size = None if compressed else raw.seek(0, 2)
        raw.seek(0)
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb")) if compressed else raw
        try:
            header = _read_header(stream, name)
            check(header, name)
            return _read_values(stream, header, name, size)
        except _GZIP_ERRORS as exc:
            raise DataError(name, f"damaged gzip data ({exc})") from None


def read_idx(path, *, max_values: int | None = None) -> np.ndarray:
    """Read one IDX file (raw or ``.gz``; compression is detected from the content).

    Parameters
    ----------
    path : str or Path
    max_values : int, optional
        Refuse files announcing more values than this (default :data:`~.limits.INPUT_VALUES`).

    Returns
    -------
    ndarray
        Shape as the header says, e.g. (60000, 28, 28) ``uint8`` for MNIST training images.

    Raises
    ------
    DataError
        Missing or not a regular file, wrong magic number, truncated or over-long data, damaged
        gzip stream, or more values than allowed.
    """
    def check(header: _Header, name: str) -> None:
        limit = limits.INPUT_VALUES if max_values is None else replace(limits.INPUT_VALUES, value=max_values)
        limit.check(name, math.prod(header.dims))

    return _read(Path(path), check)


def _check_images(header: _Header, name: str) -> None:
    if len(header.dims) != 3 or header.dtype != np.uint8:
        raise DataError(name, f"expected images (count × rows × columns of unsigned bytes), "
                        f"got {len(header.dims)} dimensions of {header.dtype}")
    count, rows, cols = header.dims
    if count == 0:
        raise DataError(name, "no images (the header announces 0)")
    if rows == 0 or cols == 0:
        raise DataError(name, f"images of {rows} × {cols} pixels: expected at least one pixel")
    limits.check_table(name, count, rows * cols, limits.INPUT_VALUES)


def _check_labels(header: _Header, name: str) -> None:
    if len(header.dims) != 1 or header.dtype.kind not in "iu":
        raise DataError(name, f"expected a list of labels, got {len(header.dims)} dimensions of {header.dtype}")
    limits.ROWS.check(name, header.dims[0])


def _pair(images_path: Path, labels_path: Path, n_classes: int):
    images = _read(images_path, _check_images)
    labels = _read(labels_path, _check_labels)
    if len(labels) != len(images):
        raise DataError(labels_path.name, f"{len(labels):,} labels for {len(images):,} images in "
                        f"{images_path.name}")
    if labels.min() < 0 or labels.max() >= n_classes:
        raise DataError(labels_path.name, f"labels must lie in 0..{n_classes - 1}, found "
                        f"{labels.min()}..{labels.max()}")
    with within_memory(images_path.name):
        targets = class_targets(labels, n_classes, labels_path.name)
        # scaled to [0, 1] in one pass (no float copy before the division; the same numbers)
        inputs = np.divide(images.reshape(len(images), -1), 255.0, out=np.empty(
            (len(images), math.prod(images.shape[1:])), dtype=np.float64))
    return inputs, targets, images.shape[1:]


def _class_names(class_names) -> list[str]:
    names = [str(n) for n in (class_names or MNIST_CLASSES)]
    limits.check_classes("class_names", len(names))
    if len(names) < 2:
        raise DataError("class_names", "classification needs at least two classes")
    return names


def load_idx_pair(images_path, labels_path, *, test_images_path=None, test_labels_path=None,
                  class_names=None, name: str | None = None) -> Dataset:
    """Load MNIST-style images and labels (and optionally a test pair) as a :class:`Dataset`.

    Parameters
    ----------
    images_path, labels_path : str or Path
        IDX files of images (N × rows × columns, unsigned bytes) and labels (N).
    test_images_path, test_labels_path : str or Path, optional
        The test pair; both or neither.
    class_names : list of str, optional
        Default the digits ``"0"`` … ``"9"``; :data:`FASHION_MNIST_CLASSES` for Fashion-MNIST.
        At most :data:`~.limits.CLASSES`.
    name : str, optional
        Default the images file's name.

    Returns
    -------
    Dataset
        Inputs (N, rows·cols) scaled to [0, 1], one-hot targets (N, 10), ``image_shape``
        (rows, cols). The test part is empty without a test pair.

    Raises
    ------
    DataError
        For a bad file, mismatched counts or image sizes, labels out of range, or anything over
        a limit of :mod:`.limits`.
    """
    class_names = _class_names(class_names)
    images_path, labels_path = Path(images_path), Path(labels_path)
    if (test_images_path is None) != (test_labels_path is None):
        raise DataError("test", "give both the test images and the test labels, or neither")
    train_x, train_y, shape = _pair(images_path, labels_path, len(class_names))
    test_x, test_y = train_x[:0], train_y[:0]
    if test_images_path is not None:
        test_images_path = Path(test_images_path)
        test_x, test_y, test_shape = _pair(test_images_path, Path(test_labels_path), len(class_names))
        if test_shape != shape:
            raise DataError(test_images_path.name, f"test images are {test_shape[0]}×{test_shape[1]}, "
                            f"training images {shape[0]}×{shape[1]}")
    features = [f"r{r}c{c}" for r in range(shape[0]) for c in range(shape[1])]
    files = [str(p) for p in (images_path, labels_path, test_images_path, test_labels_path) if p]
    return Dataset(name or images_path.name, train_x, train_y, test_x, test_y, feature_names=features,
                   target_names=class_names, task=CLASSIFICATION, image_shape=(shape[0], shape[1]),
                   meta={"source": "idx", "files": files})
