"""Reading a CSV file as text, a chunk at a time, within the limits.

The file is never read whole: :func:`text_lines` decodes it a megabyte at a time (a bad byte is
still reported on its own line), refuses a line over :data:`~.limits.LINE_BYTES` and a file that
goes on past :data:`~.limits.FILE_BYTES`, and hands out every line, blank ones too, so the
:mod:`csv` reader's line count is the line number a text editor shows. :func:`rows` refuses
a quoted cell that runs over the end of its line: numbers and class labels never hold line
breaks, and an unmatched quote would otherwise swallow the rest of the file.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from ..errors import DataError
from ..jsonpath import show
from . import limits

_CHUNK = 1 << 20
#: \r\n and a lone \r (old Mac files) end a line too
_LINE_ENDS = re.compile(r"\r\n?")
#: no text encoding a CSV file can be in (UTF-8, GB18030, single-byte ones) takes more per character
_MAX_BYTES_PER_CHARACTER = 4
_UNCLOSED = 'a quoted cell goes on past the end of its line (is a closing " missing?)'


def check_encoding(encoding) -> codecs.CodecInfo:
    """The codec for ``encoding`` (UTF-8 skips a byte-order mark); DataError("encoding") if unknown."""
    if not isinstance(encoding, str):
        raise DataError("encoding", f"expected the name of a text encoding, got {show(encoding)}")
    name = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return codecs.lookup(name)
    except LookupError:
        raise DataError("encoding", f"unknown text encoding {show(encoding)}") from None


def text_lines(stream: BinaryIO, name: str, encoding: str) -> Iterator[str]:
    """Every line of ``stream`` decoded, without its line ending, then one ``""`` more (so a quote
    left open on the last line shows as running past it).

    Raises
    ------
    DataError
        NUL bytes, text that is not ``encoding``, a line over :data:`~.limits.LINE_BYTES`, or a
        file over :data:`~.limits.FILE_BYTES`.
    """
    codec = check_encoding(encoding)
    decoder, byte_length = codec.incrementaldecoder(), _byte_length(codec)
    line, total, carry = 0, 0, ""
    while True:
        chunk = stream.read(_CHUNK)
        final = not chunk
        total += len(chunk)
        if total > limits.FILE_BYTES.value:
            raise limits.FILE_BYTES.exceeded(name)
        if b"\x00" in chunk:
            raise DataError(name, "not CSV text: the file holds NUL bytes (a binary file, or UTF-16 text; save it "
                            "as CSV UTF-8)")
        text = carry + _decode(decoder, chunk, final, name, encoding, line)
        if "\r" in text:
            held = text.endswith("\r") and not final  # a \n may begin the next chunk
            text = _LINE_ENDS.sub("\n", text[:-1] if held else text) + ("\r" if held else "")
        parts = text.split("\n")
        carry = parts.pop()
        if len(text) > limits.LINE_BYTES.value // _MAX_BYTES_PER_CHARACTER:
            _check_lengths(parts + [carry], name, line, byte_length)
        yield from parts
        line += len(parts)
        if final:
            yield from (carry, "") if carry else ("",)
            return


def _byte_length(codec: codecs.CodecInfo) -> Callable[[str], int]:
    """How many bytes a line takes in the file (a byte-order mark is not counted)."""
    encode = codecs.utf_8_encode if codec.name == "utf-8-sig" else codec.encode
    return lambda text: len(encode(text)[0])


def _check_lengths(lines: list[str], name: str, line: int, byte_length: Callable[[str], int]) -> None:
    """Refuse the first of ``lines`` (the first being line ``line + 1``) over the line limit, in bytes.

    Only lines long enough to be over it are encoded again to count their bytes."""
    limit = limits.LINE_BYTES.value
    shortest = limit // _MAX_BYTES_PER_CHARACTER
    if max(map(len, lines)) <= shortest:
        return
    for at, text in enumerate(lines):
        if len(text) > shortest and byte_length(text) > limit:
            raise limits.LINE_BYTES.exceeded(f"{name}: line {line + at + 1}")


def _decode(decoder, chunk: bytes, final: bool, name: str, encoding: str, line: int) -> str:
    try:
        return decoder.decode(chunk, final)
    except UnicodeDecodeError as exc:
        line += exc.object[:exc.start].count(b"\n") + 1
        raise DataError(f"{name}: line {line}", f"not valid {show(encoding)[1:-1]} text (byte "
                        f"0x{exc.object[exc.start]:02x}); save the file as CSV UTF-8, or give its encoding "
                        "(e.g. gb18030)") from None


def rows(lines: Iterable[str], name: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line_number, cells)`` for each row of :func:`text_lines` with a cell that is not blank.

    Sets the :mod:`csv` module's field size limit (process-wide) to :data:`~.limits.CELL_CHARACTERS`."""
    csv.field_size_limit(limits.CELL_CHARACTERS.value)
    reader = csv.reader(lines, delimiter=delimiter)
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(f"{name}: line {previous + 1}", _problem(exc, reader.line_num - previous)) from None
        line = reader.line_num
        if line - previous > 1 and cells:
            raise DataError(f"{name}: line {previous + 1}", _UNCLOSED)
        previous = line
        if cells and any(cell.strip() for cell in cells):
            yield line, cells


def _problem(exc: csv.Error, lines_read: int) -> str:
    if lines_read > 1:
        return _UNCLOSED
    if "field limit" in str(exc):
        return limits.CELL_CHARACTERS.exceeded("").message
    return f"not readable as CSV ({' '.join(str(exc).split())[:80]})"
