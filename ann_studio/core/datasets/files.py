"""Opening data files safely: regular files only, a size cap, and every failure a DataError.

A FIFO would block a reader forever, ``/dev/zero`` never ends, and a folder or a device is not
data: :func:`open_data_file` refuses them before reading a byte (it opens without blocking and
checks again what it opened, so a file swapped in between is caught too).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..errors import DataError
from . import limits

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a disk device"), (stat.S_ISSOCK, "a socket"))
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _check_regular(mode: int, name: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((text for test, text in _KINDS if test(mode)), "a special file")
        raise DataError(name, f"not a data file: this is {kind}; choose a regular file")


def open_data_file(path: str | os.PathLike, name: str | None = None) -> BinaryIO:
    """Open ``path`` for reading in binary, refusing anything but a regular file within
    :data:`~.limits.FILE_BYTES`.

    Parameters
    ----------
    path : str or Path
    name : str, optional
        The location for messages; default the file's name.

    Returns
    -------
    BinaryIO
        A buffered, seekable stream; the caller closes it.

    Raises
    ------
    DataError
        Missing, unreadable, not a regular file, or too large.
    """
    path = Path(path)
    name = name or path.name
    with reading(name, path):
        _check_regular(os.stat(path).st_mode, name)
        fd = os.open(path, _FLAGS)
        try:
            info = os.fstat(fd)
            _check_regular(info.st_mode, name)
            limits.FILE_BYTES.check(name, info.st_size)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise


@contextmanager
def reading(name: str, path: Path | None = None) -> Iterator[None]:
    """Turn the operating system's and the memory's failures while reading ``name`` into DataError."""
    try:
        yield
    except FileNotFoundError:
        raise DataError(name, f"file not found ({path or name})") from None
    except IsADirectoryError:
        raise DataError(name, "not a data file: this is a folder; choose a regular file") from None
    except OSError as exc:
        raise DataError(name, f"cannot read the file ({exc.strerror or exc})") from None
    except MemoryError:
        raise DataError(name, "not enough memory to load this file") from None


def read_exactly(stream: BinaryIO, n: int, name: str, what: str) -> bytes:
    """``n`` bytes from ``stream``, or DataError("truncated ...") when it ends sooner."""
    data = stream.read(n)
    if len(data) < n:
        raise DataError(name, f"truncated: expected {n:,} bytes of {what}, found {len(data):,}")
    return data


def read_into(stream: BinaryIO, buffer: memoryview, name: str, what: str) -> None:
    """Fill ``buffer`` (bytes) from ``stream`` in chunks; DataError("truncated ...") when it ends sooner.

    Unlike one ``read(n)``, never asks a decompressor for more than a chunk at a time.
    """
    done, total, chunk = 0, len(buffer), 1 << 20
    while done < total:
        data = stream.read(min(chunk, total - done))
        if not data:
            raise DataError(name, f"truncated: expected {total:,} bytes of {what}, found {done:,}")
        buffer[done:done + len(data)] = data
        done += len(data)


def one_line(text: str, width: int) -> str:
    """``text`` with its whitespace runs made single spaces, cut to ``width`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 3] + "..."
