"""Hostile and odd data files, built on the fly: small files that declare huge sizes, files that are
not files, and the confusing cases of issue 17. Each builder writes its files into a folder and
returns the project file's ``"data"`` object; :data:`CASES` pairs it with words the one-line
message must contain.

The decompression bombs are real (a 2 MB archive whose ``targets.npy`` inflates to 2 GiB): their
deflate stream is one compressed block of zeros repeated, and the CRC is combined, not computed
over gigabytes, so building one takes milliseconds.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from pathlib import Path

import numpy as np

_CHUNK = 16 << 20  # bytes of zeros per repeated deflate block


# ----------------------------------------------------------------------------- zip by hand


def _gf2_times(matrix: list[int], vector: int) -> int:
    out, i = 0, 0
    while vector:
        if vector & 1:
            out ^= matrix[i]
        vector >>= 1
        i += 1
    return out


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's ``crc32_combine``: the CRC-32 of A + B from those of A and B and B's length."""
    odd = [0xEDB88320] + [1 << i for i in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while len2:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
    return crc1 ^ crc2


def deflated_zeros(prefix: bytes, n_zeros: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``prefix`` followed by ``n_zeros`` zero bytes, and its CRC-32.

    ``n_zeros`` must be a multiple of 16 MiB."""
    assert n_zeros % _CHUNK == 0
    zeros = bytes(_CHUNK)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)  # the same after every full flush
    crc_zeros, crc = zlib.crc32(zeros), zlib.crc32(prefix)
    for _ in range(n_zeros // _CHUNK):
        crc = crc32_combine(crc, crc_zeros, _CHUNK)
    return head + block * (n_zeros // _CHUNK) + packer.flush(), crc


def write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]], declared: int | None = None) -> Path:
    """A ZIP file of ``(name, deflated_data, crc, uncompressed_size, method)`` members; its end
    record declares ``declared`` members (default: how many there are)."""
    out, directory = bytearray(), bytearray()
    for name, data, crc, size, method in members:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data), size, len(raw), 0)
        out += raw + data
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(data), size,
                                 len(raw), 0, 0, 0, 0, 0, offset) + raw
    count = len(members) if declared is None else declared
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(out), 0)
    path.write_bytes(bytes(out + directory + end))
    return path


def npy_header(descr, shape: tuple, version: int = 1) -> bytes:
    """An ``.npy`` header (magic, version, length, dictionary, padding to 64 bytes)."""
    text = repr({"descr": descr, "fortran_order": False, "shape": shape})
    size = 2 if version == 1 else 4
    pad = -(10 + size - 2 + len(text) + 1) % 64
    body = (text + " " * pad + "\n").encode("latin-1" if version < 3 else "utf-8")
    return b"\x93NUMPY" + bytes([version, 0]) + len(body).to_bytes(size, "little") + body


def _npy(array: np.ndarray) -> bytes:
    return npy_header(np.lib.format.dtype_to_descr(array.dtype), array.shape) + array.tobytes()


def npz_with_bomb(path: Path, key: str, descr: str, shape: tuple, version: int = 1, **arrays) -> Path:
    """An archive of small ``arrays`` plus ``key``.npy declaring ``shape`` and holding its zeros."""
    members = []
    for name, array in arrays.items():
        data = _npy(np.asarray(array))
        members.append((f"{name}.npy", zlib.compress(data, 9)[2:-4], zlib.crc32(data), len(data), 8))
    header = npy_header(descr, shape, version)
    n_bytes = int(np.prod(shape)) * np.dtype(descr).itemsize  # a plain type, given as its string
    data, crc = deflated_zeros(header, n_bytes)
    members.append((f"{key}.npy", data, crc, len(header) + n_bytes, 8))
    return write_zip(path, members)


def idx_header(type_code: int, dims: tuple) -> bytes:
    return bytes([0, 0, type_code, len(dims)]) + struct.pack(f">{len(dims)}I", *dims)


# ----------------------------------------------------------------------------- the cases


def many_class_labels(folder: Path) -> dict:
    """A 0.6 MB archive with 40,000 different integer class labels."""
    np.savez_compressed(folder / "labels.npz", inputs=np.zeros((40_000, 2)), targets=np.arange(40_000))
    return {"train": {"file": "labels.npz"}}


def many_inline_labels(folder: Path) -> dict:
    """Inline data with 40,000 different class labels."""
    return {"train": {"inputs": [[0.0, 1.0]] * 40_000, "targets": list(range(40_000))},
            "task": "classification"}


def targets_bomb(folder: Path) -> dict:
    """A 2 MB archive whose targets.npy inflates to 2 GiB."""
    npz_with_bomb(folder / "bomb.npz", "targets", "<f8", (2**18, 2**10), inputs=np.zeros((4, 2)))
    return {"train": {"file": "bomb.npz"}}


def npy_version_3(folder: Path) -> dict:
    """A version 3.0 .npy header (once unchecked) declaring 1 GiB of inputs, all present."""
    npz_with_bomb(folder / "v3.npz", "inputs", "<f8", (2**17, 2**10), version=3, targets=np.zeros(4))
    return {"train": {"file": "v3.npz"}}


def zip_directory_bomb(folder: Path) -> dict:
    """An archive listing 300,000 files, while its end record declares one."""
    empty = (b"", 0, 0, 0)
    write_zip(folder / "many.npz", [(f"{i}", *empty) for i in range(300_000)], declared=1)
    return {"train": {"file": "many.npz"}}


def idx_class_names(folder: Path, labels: int = 50_000_000) -> dict:
    """A 97 KB gzip IDX pair: ``labels`` labels and as many 1-pixel images, with 1,000 class names."""
    for name, header in (("labels.gz", idx_header(0x08, (labels,))), ("images.gz", idx_header(0x08, (labels, 1, 1)))):
        (folder / name).write_bytes(gzip.compress(header + bytes(labels), 9))
    return {"idx": {"train_images": "images.gz", "train_labels": "labels.gz"},
            "class_names": [f"c{i}" for i in range(1000)]}


def idx_class_names_within_rows(folder: Path) -> dict:
    """A million labels (the row limit) with 1,000 class names: a billion one-hot values."""
    return idx_class_names(folder, 1_000_000)


def idx_no_images(folder: Path) -> dict:
    (folder / "images").write_bytes(idx_header(0x08, (0, 28, 28)))
    (folder / "labels").write_bytes(idx_header(0x08, (0,)))
    return {"idx": {"train_images": "images", "train_labels": "labels"}}


def idx_header_bomb(folder: Path) -> dict:
    """A gzip IDX file declaring 4 billion images."""
    (folder / "images.gz").write_bytes(gzip.compress(idx_header(0x08, (2**32 - 1, 28, 28)), 9))
    (folder / "labels").write_bytes(idx_header(0x08, (2,)) + b"\x00\x01")
    return {"idx": {"train_images": "images.gz", "train_labels": "labels"}}


def npz_empty_task(folder: Path) -> dict:
    np.savez(folder / "task.npz", inputs=np.zeros((4, 2)), targets=np.array([0, 1, 0, 1]),
             task=np.array([], dtype=str))
    return {"train": {"file": "task.npz"}}


def csv_dev_zero(folder: Path) -> dict:
    return {"csv": "/dev/zero"}


def csv_fifo(folder: Path) -> dict:
    os.mkfifo(folder / "pipe.csv")
    return {"csv": "pipe.csv"}


def npz_folder(folder: Path) -> dict:
    (folder / "folder.npz").mkdir()
    return {"train": {"file": "folder.npz"}}


def npz_shadow_link(folder: Path) -> dict:
    os.symlink("/etc/shadow", folder / "shadow.npz")
    return {"train": {"file": "shadow.npz"}}


def csv_unclosed_quote(folder: Path) -> dict:
    (folder / "quote.csv").write_text('x,y\n0.5,"0\n0.7,1\n0.9,1\n', encoding="utf-8")
    return {"csv": "quote.csv"}


def csv_header_only(folder: Path) -> dict:
    (folder / "header.csv").write_text("x1,x2,y\n", encoding="utf-8")
    return {"csv": "header.csv"}


def csv_many_rows(folder: Path) -> dict:
    """Two million tiny rows: refused at the row limit, in bounded time."""
    (folder / "rows.csv").write_bytes(b"0,1\n" * 2_000_000)
    return {"csv": "rows.csv"}


def csv_endless_line(folder: Path) -> dict:
    """One line of 64 MB."""
    (folder / "line.csv").write_bytes(b"1," * (32 << 20) + b"1\n")
    return {"csv": "line.csv"}


#: name → (builder, words every message must contain)
CASES = {
    "npz 40,000 class labels": (many_class_labels, ["labels.npz", "too many classes: 40,000", "MAX_CLASSES"]),
    "inline 40,000 class labels": (many_inline_labels, ["data.train.targets", "too many classes: 40,000"]),
    "npz targets.npy inflating to 2 GiB": (targets_bomb, ["bomb.npz: targets", "268,435,456 target values",
                                                          "MAX_TARGET_VALUES"]),
    "npz v3 header, 1 GiB inputs": (npy_version_3, ["v3.npz: inputs", "134,217,728 input values",
                                                    "MAX_INPUT_VALUES"]),
    "npz listing 300,000 files": (zip_directory_bomb, ["many.npz", "MAX_ARCHIVE_MEMBERS"]),
    "gzip IDX 50M labels, 1,000 classes": (idx_class_names, ["images.gz", "50,000,000 samples", "MAX_ROWS"]),
    "gzip IDX 1M labels, 1,000 classes": (idx_class_names_within_rows, ["labels.gz", "1,000,000,000 target values",
                                                                        "MAX_TARGET_VALUES"]),
    "IDX with 0 images": (idx_no_images, ["images", "no images"]),
    "gzip IDX declaring 4 billion images": (idx_header_bomb, ["images.gz", "MAX_ROWS"]),
    "npz with an empty task": (npz_empty_task, ["task.npz: task", "expected one word"]),
    "CSV /dev/zero": (csv_dev_zero, ["zero", "not a data file", "device"]),
    "CSV FIFO": (csv_fifo, ["pipe.csv", "named pipe"]),
    "npz that is a folder": (npz_folder, ["folder.npz", "folder"]),
    "npz symlink to /etc/shadow": (npz_shadow_link, ["shadow.npz"]),
    "CSV unclosed quote": (csv_unclosed_quote, ["quote.csv: line 2", 'closing " missing']),
    "CSV header only": (csv_header_only, ["header.csv", "no data rows (only a header)"]),
    "CSV 2 million rows": (csv_many_rows, ["rows.csv", "MAX_ROWS"]),
    "CSV one 64 MB line": (csv_endless_line, ["line.csv: line 1", "MAX_LINE_BYTES"]),
}
