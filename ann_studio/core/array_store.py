"""Big arrays of a project in a sibling ``.npz`` file.

A project of more than :data:`SIDECAR_PARAMETERS` parameters keeps its weight arrays (current and
starting weights, optimizer buffers) out of the JSON: each becomes ``{"npz": "a17"}`` and the
arrays go to ``<file>.arrays.npz`` beside it (named by the top-level ``"arrays"`` key), read back
with ``allow_pickle=False``. JSON of 50 M parameters would be ~1.1 GB of text and ~10 GB of
Python floats while it is written; the ``.npz`` is 8 bytes a number, written straight from the
arrays.

Writing and reading go through a context: :func:`collecting` while a project is turned into JSON,
:func:`resolving` while one is parsed; :func:`to_json` and :func:`lookup` are what the writers and
:mod:`.jsonpath` call.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import zipfile
from pathlib import Path

import numpy as np

from .errors import ProjectError

#: projects above this many parameters save their big arrays in a sibling .npz
SIDECAR_PARAMETERS = 1_000_000
#: arrays of at least this many numbers go to the sidecar (small ones stay readable in the JSON)
SIDECAR_MIN_VALUES = 4096
#: the largest sidecar file read (bytes)
MAX_SIDECAR_BYTES = 16 * 2**30

_sink: contextvars.ContextVar[dict | None] = contextvars.ContextVar("ann_studio_array_sink", default=None)
_source: contextvars.ContextVar = contextvars.ContextVar("ann_studio_array_source", default=None)


@contextlib.contextmanager
def collecting(enabled: bool = True):
    """While active, :func:`to_json` moves big arrays into the yielded dict (key → array)."""
    arrays: dict[str, np.ndarray] = {}
    token = _sink.set(arrays if enabled else None)
    try:
        yield arrays
    finally:
        _sink.reset(token)


def to_json(array: np.ndarray):
    """A nested list of ``array``, or ``{"npz": key}`` when it goes to the sidecar."""
    arrays = _sink.get()
    if arrays is not None and np.size(array) >= SIDECAR_MIN_VALUES:
        key = f"a{len(arrays)}"
        arrays[key] = np.ascontiguousarray(array, dtype=float)
        return {"npz": key}
    return np.asarray(array).tolist()


@contextlib.contextmanager
def resolving(npz):
    """While active, ``{"npz": key}`` values are read from ``npz`` (an open NpzFile or a dict)."""
    token = _source.set(npz)
    try:
        yield
    finally:
        _source.reset(token)


def is_reference(value) -> bool:
    return isinstance(value, dict) and set(value) == {"npz"} and isinstance(value["npz"], str)


def lookup(value, path: str, shape: tuple[int, ...]) -> np.ndarray:
    """The sidecar array that ``value`` names, checked: float, ``shape``, finite."""
    npz = _source.get()
    key = value["npz"]
    if npz is None:
        raise ProjectError(path, "refers to an array file, but the project names none (\"arrays\")")
    if key not in getattr(npz, "files", npz):
        raise ProjectError(path, f"the array file has no array {key!r}")
    if hasattr(npz, "zip"):  # check what the member declares before anything is allocated
        from .datasets.npz_archive import read_header
        from .errors import DataError

        try:
            with npz.zip.open(key + ".npy") as member:
                header = read_header(member, f"{path} ({key})")
        except DataError as exc:
            raise ProjectError(path, f"array {key!r}: {exc.message if hasattr(exc, 'message') else exc}") from None
        except (OSError, KeyError, zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise ProjectError(path, f"cannot read array {key!r}: {exc}") from None
        if header.dtype.kind not in "fiu" or header.shape != tuple(shape):
            raise ProjectError(path, f"array {key!r} has shape {header.shape} ({header.dtype}); expected {tuple(shape)}")
    try:
        array = np.asarray(npz[key])
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        raise ProjectError(path, f"cannot read array {key!r}: {exc}") from None
    if array.dtype.kind not in "fiu" or array.shape != tuple(shape):
        raise ProjectError(path, f"array {key!r} has shape {array.shape} ({array.dtype}); expected {tuple(shape)}")
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ProjectError(path, f"array {key!r} holds NaN or infinite values")
    return array


def sidecar_path(project_path: Path) -> Path:
    """A new sidecar name for a save of ``project_path``: ``<name>.arrays.npz``, or with a counter
    when that file exists, so the previous sidecar stays intact until the JSON naming the new
    one is in place (the pair is replaced atomically: a failed save leaves the old pair)."""
    plain = project_path.with_name(project_path.name + ".arrays.npz")
    if not plain.exists():
        return plain
    for n in range(1, 1000):
        candidate = project_path.with_name(f"{project_path.name}.arrays-{n}.npz")
        if not candidate.exists():
            return candidate
    raise OSError(f"too many array files beside {project_path.name}")


def remove_old_sidecars(project_path: Path, keep: str | None) -> None:
    """Delete the sidecars of earlier saves of ``project_path`` (all but ``keep``)."""
    for old in project_path.parent.glob(project_path.name + ".arrays*.npz"):
        if old.name != keep:
            try:
                old.unlink()
            except OSError:
                pass


def write_sidecar(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` to ``path`` atomically (temporary file, fsync, rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]  # (numpy's stub types **kwds as allow_pickle)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def open_sidecar(project_path: Path, name, where: str = "arrays"):
    """The sidecar named by a project's ``"arrays"`` value (a file name beside the project)."""
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name in (".", ".."):
        raise ProjectError(where, "expected the name of an .npz file beside the project")
    path = project_path.parent / name
    try:
        if not path.is_file():
            raise ProjectError(where, f"the array file {name} is missing (it must lie beside the project)")
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise ProjectError(where, f"the array file {name} is larger than {MAX_SIDECAR_BYTES // 2**30} GB")
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ProjectError(where, f"cannot read the array file {name}: {exc}") from None
