"""The UCI optical-recognition handwritten digits: 1,797 images of 8 × 8 pixels.

The file ``resources/datasets/digits.csv.gz`` is the copy scikit-learn ships (the UCI test set
``optdigits.tes``): one row per image, 64 pixel counts in 0..16 row by row, then the digit.
It is read with gzip and ``numpy.loadtxt``; no pickle.
"""

from __future__ import annotations

import gzip
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...paths import resource_path
from ..errors import DataError

DIGITS_FILE = ("datasets", "digits.csv.gz")
DIGITS_SAMPLES = 1797
DIGITS_SHAPE = (8, 8)
#: Feature names ``r0c0 … r7c7``: the pixel in row r, column c.
DIGITS_FEATURES = [f"r{r}c{c}" for r in range(8) for c in range(8)]


def digits_path() -> Path:
    """Where the digits file lives (source tree or PyInstaller bundle)."""
    return resource_path(*DIGITS_FILE)


@lru_cache(maxsize=1)
def _read(path: Path) -> np.ndarray:
    try:
        with gzip.open(path, "rt", encoding="ascii") as stream:
            table = np.loadtxt(stream, delimiter=",", dtype=np.float64)
    except FileNotFoundError:
        raise DataError(path.name, f"the digits data file is missing (looked for {path})") from None
    except (OSError, EOFError, zlib.error, ValueError, UnicodeDecodeError) as exc:
        raise DataError(path.name, f"the digits data file is damaged ({exc})") from None
    if table.shape != (DIGITS_SAMPLES, 65):
        raise DataError(path.name, f"expected {DIGITS_SAMPLES} rows of 65 numbers, got shape {table.shape}")
    table.setflags(write=False)
    return table


def load_digits(path: Path | None = None):
    """All 1,797 digit images, scaled to [0, 1], with their labels.

    Parameters
    ----------
    path : Path, optional
        The ``digits.csv.gz`` file; by default the one in ``resources/datasets``.

    Returns
    -------
    inputs : ndarray, shape (1797, 64)
        Pixel counts divided by 16, each row an 8 × 8 image read row by row.
    labels : ndarray of int, shape (1797,)
        The digit 0–9 each image shows.

    Raises
    ------
    DataError
        If the file is missing or damaged.
    """
    table = _read(Path(path) if path is not None else digits_path())
    return table[:, :64] / 16.0, table[:, 64].astype(np.intp)
