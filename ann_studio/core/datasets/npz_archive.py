"""Reading the arrays of a NumPy ``.npz`` archive within the limits, never with pickle.

``numpy.load`` trusts what an archive declares: it parses a ZIP directory of any length, and
allocates whatever shape an ``.npy`` header names before it finds the data missing. This reader
checks first: the ZIP directory (at most :data:`~.limits.ARCHIVE_MEMBERS` entries, no ZIP64
records, which a file within :data:`~.limits.FILE_BYTES` never needs), then each array's header
(versions 1 to 3, at most :data:`~.limits.HEADER_BYTES`, plain numbers or text, a shape NumPy
can make, whose size the caller bounds), and only then reads the values, a chunk at a time.
"""

from __future__ import annotations

import ast
import math
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, BinaryIO

import numpy as np

from ..errors import DataError
from . import limits
from .files import one_line, read_exactly, read_into

_END = b"PK\x05\x06"  # end of central directory record
_END_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_NPY_MAGIC = b"\x93NUMPY"
#: a directory entry is 46 bytes and its name; 1 KiB each leaves room for long names and extras
_DIRECTORY_BYTES_PER_MEMBER = 1024
try:
    from lzma import LZMAError
except ImportError:  # a Python built without lzma cannot open such members at all
    LZMAError = OSError  # type: ignore[misc, assignment]
#: what a damaged member can raise while zipfile inflates it (bz2 raises OSError)
_DAMAGE = (OSError, EOFError, zipfile.BadZipFile, zlib.error, LZMAError, NotImplementedError, RuntimeError,
           ValueError, struct.error, KeyError, OverflowError)


@dataclass(frozen=True)
class ArrayHeader:
    """What an ``.npy`` header declares."""

    shape: tuple[int, ...]
    dtype: np.dtype
    fortran_order: bool
    #: the header's length in bytes (the values start there)
    length: int = 0

    @property
    def size(self) -> int:
        return math.prod(self.shape)


def _end_record(stream: BinaryIO, size: int) -> tuple[bytes, int, bytes]:
    """The ZIP end-of-directory record, its offset in the tail read, and that tail (the record is
    found as :mod:`zipfile` finds it)."""
    tail_size = min(size, _END_SIZE + 0xFFFF)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    if tail[-_END_SIZE:-_END_SIZE + 4] == _END and tail[-2:] == b"\x00\x00":
        return tail[-_END_SIZE:], len(tail) - _END_SIZE, tail
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < _END_SIZE:
        raise DataError("", "not a NumPy .npz archive (no ZIP directory at its end)")
    return tail[at:at + _END_SIZE], at, tail


def check_directory(stream: BinaryIO, size: int, name: str) -> None:
    """Refuse an archive whose ZIP directory is too long to parse safely."""
    try:
        record, at, tail = _end_record(stream, size)
    except DataError as exc:
        raise DataError(name, exc.message) from None
    entries, directory_bytes = struct.unpack("<HI", record[10:16])
    if entries == 0xFFFF or directory_bytes == 0xFFFFFFFF or tail[max(at - 20, 0):at][:4] == _ZIP64_LOCATOR:
        raise DataError(name, "a ZIP64 archive: not supported for data files (save it with numpy.savez)")
    limits.ARCHIVE_MEMBERS.check(name, entries)
    # zipfile parses entries until it has read this many bytes, whatever count the record declares
    if directory_bytes > _DIRECTORY_BYTES_PER_MEMBER * limits.ARCHIVE_MEMBERS.value:
        raise DataError(name, f"too large: a ZIP directory of {directory_bytes:,} bytes has room for more files "
                        f"than allowed (limit {limits.ARCHIVE_MEMBERS.name} = {limits.ARCHIVE_MEMBERS.value:,})")
    stream.seek(0)


def open_archive(stream: BinaryIO, size: int, name: str) -> zipfile.ZipFile:
    """The ZIP archive in ``stream`` (``size`` bytes long), after :func:`check_directory`."""
    start = stream.read(8)
    stream.seek(0)
    if start.startswith(_NPY_MAGIC):
        raise DataError(name, "a single .npy array, not an .npz archive with inputs and targets")
    if not start.startswith(b"PK"):
        raise DataError(name, "not a NumPy .npz archive (it does not start like a ZIP file)")
    check_directory(stream, size, name)
    try:
        archive = zipfile.ZipFile(stream)
    except _DAMAGE as exc:
        raise DataError(name, f"not a NumPy .npz archive ({_reason(exc)})") from None
    limits.ARCHIVE_MEMBERS.check(name, len(archive.infolist()))
    return archive


def _reason(exc: BaseException) -> str:
    """An exception's text on one short line."""
    return one_line(str(exc), 80) or type(exc).__name__


def _parse_header(text: str, location: str, length: int = 0) -> ArrayHeader:
    try:
        fields = ast.literal_eval(text)
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError):
        raise DataError(location, "damaged array header (not a Python dictionary)") from None
    if not isinstance(fields, dict) or set(fields) != {"descr", "fortran_order", "shape"}:
        raise DataError(location, "damaged array header (expected descr, fortran_order and shape)")
    shape, order = fields["shape"], fields["fortran_order"]
    if (not isinstance(shape, tuple) or len(shape) > 32
            or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape)):
        raise DataError(location, "damaged array header (the shape is not a list of sizes)")
    if not isinstance(order, bool):
        raise DataError(location, "damaged array header (fortran_order is not true or false)")
    try:
        dtype = np.lib.format.descr_to_dtype(fields["descr"])
    except Exception:  # noqa: BLE001 - NumPy raises many types for a nonsense descr
        raise DataError(location, "damaged array header (an unknown type)") from None
    if dtype.hasobject:
        raise DataError(location, "holds Python objects, which would need pickle: refused "
                        "(save plain numbers or strings)")
    if dtype.names is not None or dtype.subdtype is not None or dtype.kind not in "biufU" or not dtype.itemsize:
        raise DataError(location, f"expected numbers or text, got the type {one_line(str(dtype), 80)}")
    _check_addressable(shape, dtype, location)
    return ArrayHeader(shape, dtype, order, length)


def _check_addressable(shape: tuple[int, ...], dtype: np.dtype, location: str) -> None:
    """Refuse a shape NumPy cannot make, even with no values: its nonzero sizes times the item
    size must fit in ``np.intp`` (a shape like (4, 10**30, 0) holds nothing, yet cannot be made)."""
    if math.prod(n for n in shape if n) * dtype.itemsize > np.iinfo(np.intp).max:
        raise DataError(location, "damaged array header (a dimension is larger than any array can be)")


def read_header(stream: IO[bytes], location: str) -> ArrayHeader:
    """Parse an ``.npy`` header (versions 1.0, 2.0 and 3.0) from the start of ``stream``."""
    magic = read_exactly(stream, 8, location, "array header")
    if not magic.startswith(_NPY_MAGIC):
        raise DataError(location, "not a NumPy array (.npy) inside the archive")
    major = magic[6]
    if major not in (1, 2, 3) or magic[7] != 0:
        raise DataError(location, f"unknown .npy format version {major}.{magic[7]}")
    size_bytes = 2 if major == 1 else 4
    length = int.from_bytes(read_exactly(stream, size_bytes, location, "array header"), "little")
    limits.HEADER_BYTES.check(location, length)
    text = read_exactly(stream, length, location, "array header")
    try:
        return _parse_header(text.decode("utf-8" if major == 3 else "latin-1"), location,
                             8 + size_bytes + length)
    except UnicodeDecodeError:
        raise DataError(location, "damaged array header (not text)") from None


class Archive:
    """The ``.npy`` arrays of an open ZIP archive, by name without ``.npy``.

    Parameters
    ----------
    archive : zipfile.ZipFile
    name : str
        The file's name, the start of every message's location.
    """

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self.zip, self.name = archive, name
        self.members = {info.filename[:-4]: info for info in archive.infolist() if info.filename.endswith(".npy")}
        self._headers: dict[str, ArrayHeader] = {}

    @property
    def files(self) -> list[str]:
        return list(self.members)

    def __contains__(self, key: str) -> bool:
        return key in self.members

    def header(self, key: str) -> ArrayHeader:
        """The header of array ``key`` (read once)."""
        if key not in self._headers:
            location = f"{self.name}: {key}"
            try:
                with self.zip.open(self.members[key]) as stream:
                    self._headers[key] = read_header(stream, location)
            except _DAMAGE as exc:
                raise DataError(location, f"damaged array ({_reason(exc)})") from None
        return self._headers[key]

    def read(self, key: str) -> np.ndarray:
        """Array ``key``. Check :meth:`header` against the limits first: this allocates its size."""
        location = f"{self.name}: {key}"
        header = self.header(key)
        array = np.empty(header.size, dtype=header.dtype)
        try:
            if not self._read_stored(key, header, array):
                with self.zip.open(self.members[key]) as stream:
                    read_header(stream, location)
                    read_into(stream, memoryview(array.view(np.uint8)), location, "array data")  # type: ignore[arg-type]
        except _DAMAGE as exc:
            raise DataError(location, f"damaged array ({_reason(exc)})") from None
        if header.fortran_order:
            return array.reshape(header.shape[::-1]).transpose()
        return array.reshape(header.shape)

    def _read_stored(self, key: str, header: ArrayHeader, array: np.ndarray) -> bool:
        """Read an uncompressed member's values straight from the file into ``array`` (no copy
        through :mod:`zipfile`'s buffers), checking its CRC-32 as :mod:`zipfile` would. False
        when the member is compressed, encrypted or does not hold exactly the declared values
        (then the ordinary reader reads it and names what is wrong)."""
        info, fp = self.members[key], self.zip.fp
        if (info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1 or fp is None
                or info.file_size != header.length + array.nbytes):
            return False
        fp.seek(info.header_offset)
        local = fp.read(30)
        if len(local) < 30 or local[:4] != b"PK\x03\x04":
            return False
        name_length, extra_length = struct.unpack("<HH", local[26:30])
        fp.seek(info.header_offset + 30 + name_length + extra_length)
        location = f"{self.name}: {key}"
        crc = zlib.crc32(read_exactly(fp, header.length, location, "array header"))
        values = memoryview(array.view(np.uint8))  # type: ignore[arg-type]
        read_into(fp, values, location, "array data")
        if zlib.crc32(values, crc) != info.CRC:
            raise DataError(location, "damaged array (its CRC-32 does not match: the file is corrupt)")
        return True
