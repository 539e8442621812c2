"""Opening data files safely: regular files only, a size cap, and every failure a DataError.

A FIFO would block a reader forever, ``/dev/zero`` never ends, and a folder or a device is not
data: :func:`open_data_file` refuses them before reading a byte (it opens without blocking and
checks again what it opened, so a file swapped in between is caught too).
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import IO, BinaryIO

from ..errors import DataError
from . import limits

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a disk device"), (stat.S_ISSOCK, "a socket"))
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _check_regular(mode: int, name: str, what: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((text for test, text in _KINDS if test(mode)), "a special file")
        raise DataError(name, f"not {what}: this is {kind}; choose a regular file")


def open_data_file(path: str | os.PathLike, name: str | None = None, limit: limits.Limit | None = None,
                   what: str = "a data file") -> BinaryIO:
    """Open ``path`` for reading in binary, refusing anything but a regular file within
    ``limit`` bytes.

    Parameters
    ----------
    path : str or Path
    name : str, optional
        The location for messages; default the file's name.
    limit : Limit, optional
        Default :data:`~.limits.FILE_BYTES`.
    what : str
        What the file should be, for messages (``"not a data file: this is a folder"``).

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
    name, limit = name or path.name, limit or limits.FILE_BYTES
    with reading(name, path):
        _check_regular(os.stat(path).st_mode, name, what)
        fd = os.open(path, _FLAGS)
        try:
            info = os.fstat(fd)
            _check_regular(info.st_mode, name, what)
            limit.check(name, info.st_size)
            observer = _READ_OBSERVER.get()
            if observer is not None:
                return ObservedReader(io.FileIO(fd, "rb"), name, info.st_size, observer)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise


#: the callback of :func:`observing_reads` in this thread (a context variable: per thread)
_READ_OBSERVER: ContextVar[Callable[[str, int, int], None] | None] = ContextVar("read_observer", default=None)


@contextmanager
def observing_reads(callback: Callable[[str, int, int], None]) -> Iterator[None]:
    """Call ``callback(name, bytes_read, file_size)`` on every read of every data file this
    thread opens meanwhile (a progress bar). An exception the callback raises (a cancel) ends
    the import there and comes out of it unchanged."""
    token = _READ_OBSERVER.set(callback)
    try:
        yield
    finally:
        _READ_OBSERVER.reset(token)


class ObservedReader(io.BufferedReader):
    """A buffered file that reports its position to an observer (see :func:`observing_reads`)."""

    def __init__(self, raw, name: str, size: int, observer: Callable[[str, int, int], None]):
        super().__init__(raw)
        self._observed = (name, size, observer)

    def _report(self) -> None:
        name, size, observer = self._observed
        observer(name, self.raw.tell(), size)

    def read(self, size: int | None = -1) -> bytes:
        self._report()
        return super().read(size)

    def read1(self, size: int = -1) -> bytes:
        self._report()
        return super().read1(size)

    def readinto(self, buffer) -> int:
        self._report()
        return super().readinto(buffer)


def read_regular_file(path: str | os.PathLike, limit: limits.Limit, what: str, name: str | None = None) -> bytes:
    """All the bytes of the regular file ``path``, at most ``limit`` of them (a file that grows
    while it is read stops there): for small files read whole, such as projects and assignments.

    Raises
    ------
    DataError
        As :func:`open_data_file`, or the file went on past the limit.
    """
    path = Path(path)
    name = name or path.name
    with open_data_file(path, name, limit, what) as stream, reading(name, path):
        data = stream.read(limit.value + 1)
    if len(data) > limit.value:
        raise limit.exceeded(name)
    return data


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
        raise _out_of_memory(name) from None


@contextmanager
def within_memory(name: str) -> Iterator[None]:
    """Turn a MemoryError while the arrays read from ``name`` are built (split, scaled, one-hot)
    into DataError: the limits bound what a file can declare, not what this computer has free."""
    try:
        yield
    except MemoryError:
        raise _out_of_memory(name) from None


def _out_of_memory(name: str) -> DataError:
    return DataError(name, "not enough memory to load this file")


def read_exactly(stream: IO[bytes], n: int, name: str, what: str) -> bytes:
    """``n`` bytes from ``stream``, or DataError("truncated ...") when it ends sooner."""
    data = stream.read(n)
    if len(data) < n:
        raise DataError(name, f"truncated: expected {n:,} bytes of {what}, found {len(data):,}")
    return data


def read_into(stream: IO[bytes], buffer: memoryview, name: str, what: str) -> None:
    """Fill ``buffer`` (bytes) from ``stream`` in chunks; DataError("truncated ...") when it ends sooner.

    Unlike one ``read(n)``, never asks a decompressor for more than a chunk at a time; a file's
    bytes go straight into ``buffer`` (``readinto``), with no copy in between.
    """
    done, total, chunk = 0, len(buffer), 1 << 20
    readinto = getattr(stream, "readinto", None)
    while done < total:
        if readinto is not None:
            count = readinto(buffer[done:min(done + chunk, total)])
        else:
            data = stream.read(min(chunk, total - done))
            count = len(data)
            buffer[done:done + count] = data
        if not count:
            raise DataError(name, f"truncated: expected {total:,} bytes of {what}, found {done:,}")
        done += count


def one_line(text: str, width: int) -> str:
    """``text`` with its whitespace runs made single spaces, cut to ``width`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 3] + "..."
