"""Read IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed.

An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of dimensions),
one big-endian 32-bit size per dimension, then the values row-major. The reader checks all of
it: a wrong magic number, a truncated file or extra bytes after the data give a DataError.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

import numpy as np

from ..errors import DataError
from .base import CLASSIFICATION, MAX_INPUT_VALUES, Dataset, check_size, class_targets

#: IDX type code → big-endian NumPy dtype.
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
MNIST_CLASSES = [str(d) for d in range(10)]
FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                         "Sneaker", "Bag", "Ankle boot"]


def _open(path: Path):
    with open(path, "rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if compressed else open(path, "rb")


def _read_exactly(stream, n: int, name: str, what: str) -> bytes:
    data = stream.read(n)
    if len(data) < n:
        raise DataError(name, f"truncated: expected {n:,} bytes of {what}, found {len(data):,}")
    return data


def _parse(stream, name: str, max_values: int) -> np.ndarray:
    magic = _read_exactly(stream, 4, name, "magic number")
    if magic[:2] != b"\x00\x00" or magic[2] not in IDX_TYPES or not 1 <= magic[3] <= 4:
        raise DataError(name, f"not an IDX file (magic number 0x{magic.hex()}; MNIST files start "
                        "with 0x00000801 or 0x00000803)")
    ndim, dtype = magic[3], np.dtype(IDX_TYPES[magic[2]])
    dims = struct.unpack(f">{ndim}I", _read_exactly(stream, 4 * ndim, name, "dimensions"))
    count = int(np.prod(dims, dtype=np.int64))
    check_size(name, count, max_values)
    expected = count * dtype.itemsize
    data = _read_exactly(stream, expected, name, f"data for {' × '.join(map(str, dims))} values")
    if stream.read(1):
        raise DataError(name, f"the file goes on after the {expected:,} bytes its header announces")
    return np.frombuffer(data, dtype=dtype).reshape(dims)


def read_idx(path, *, max_values: int = MAX_INPUT_VALUES) -> np.ndarray:
    """Read one IDX file (raw or ``.gz``; compression is detected from the content).

    Parameters
    ----------
    path : str or Path
    max_values : int
        Refuse files announcing more values than this.

    Returns
    -------
    ndarray
        Shape as the header says, e.g. (60000, 28, 28) ``uint8`` for MNIST training images.

    Raises
    ------
    DataError
        Missing file, wrong magic number, truncated or over-long data, damaged gzip stream.
    """
    path = Path(path)
    try:
        with _open(path) as stream:
            return _parse(stream, path.name, max_values)
    except FileNotFoundError:
        raise DataError(path.name, f"file not found ({path})") from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DataError(path.name, f"damaged gzip data ({exc})") from None
    except OSError as exc:
        raise DataError(path.name, f"cannot read the file ({exc.strerror or exc})") from None


def _pair(images_path: Path, labels_path: Path, n_classes: int):
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or images.dtype != np.uint8:
        raise DataError(images_path.name, f"expected images (count × rows × columns of unsigned bytes), "
                        f"got {images.ndim} dimensions of {images.dtype}")
    if labels.ndim != 1 or labels.dtype.kind not in "iu":
        raise DataError(labels_path.name, f"expected a list of labels, got {labels.ndim} dimensions "
                        f"of {labels.dtype}")
    if len(labels) != len(images):
        raise DataError(labels_path.name, f"{len(labels):,} labels for {len(images):,} images in "
                        f"{images_path.name}")
    if len(labels) and (labels.min() < 0 or labels.max() >= n_classes):
        raise DataError(labels_path.name, f"labels must lie in 0..{n_classes - 1}, found "
                        f"{labels.min()}..{labels.max()}")
    inputs = images.reshape(len(images), -1).astype(np.float64) / 255.0
    return inputs, class_targets(labels, n_classes), images.shape[1:]


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
        For a bad file, mismatched counts or image sizes, or labels out of range.
    """
    class_names = list(class_names or MNIST_CLASSES)
    images_path, labels_path = Path(images_path), Path(labels_path)
    train_x, train_y, shape = _pair(images_path, labels_path, len(class_names))
    if (test_images_path is None) != (test_labels_path is None):
        raise DataError("test", "give both the test images and the test labels, or neither")
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
