"""Fuzzing the data importers, run by ``tests/test_data_fuzz.py`` in a child process under a memory cap.

``python -m tests.data_fuzz_worker FORMAT COUNT SEED FOLDER`` mutates small valid files of FORMAT
(``npz``, ``csv`` or ``idx``) COUNT times, deterministically from SEED: random bytes flipped,
inserted, deleted, repeated or cut, and, knowing each format, headers rewritten to declare huge or
nonsense shapes, types and sizes (re-packed so checksums still hold and the parsers get past
them). Each mutant must load, or raise the engine's ``DataError``; anything else, a ``DataError``
saying memory ran out, or a loaded set breaking an invariant is a failure, and the mutant is
kept in FOLDER to reproduce it. Prints one JSON line: the counts and the slowest mutant.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import struct
import sys
import time
import traceback
import zipfile
from pathlib import Path

import numpy as np

from ann_studio.core.datasets import limits, load_csv, load_idx_pair, load_npz
from ann_studio.core.errors import DataError

BIG = [0, 1, 2, 255, 256, 65535, 2**31 - 1, 2**31, 2**32 - 1, 10**9, 50_000_001, 1_000_001, 2**40, 10**30]
DESCRS = ["<f8", ">f8", "<f4", "|u1", "<i8", "|b1", "<f16", "|O", "<U5", "<U999999999", "|S3", ">c16", "|V8",
          "<M8[s]", "[('a', '<i4')]", "('<f8', (2,))", "<U0", "x", "", "None"]
CSV_TOKENS = [",", ";", "\t", '"', '""', "\n", "\r", "\r\n", "\n\n", "\x00", "\ufeff", "nan", "inf", "-inf",
              "1e999", "-0", "0x1p3", "1_000", "  ", "abc", "猫", "\u2028", "\x85", "9" * 400, "1.5", "2", "0", "1"]


# ----------------------------------------------------------------------------- generic byte mutations


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        at = rng.randrange(len(out) + 1) if out else 0
        if op == 0 and out:  # flip bits
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1 and out:
            out[min(at, len(out) - 1)] = rng.choice([0, 0xFF, 0x7F, 0x80, 0x0A, 0x22, 0x2C])
        elif op == 2:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 3:
            del out[at:at + rng.randint(1, 64)]
        elif op == 4 and len(out) < 1 << 20:
            end = min(len(out), at + rng.randint(1, 256))
            out[at:at] = out[at:end] * rng.randint(1, 8)
        elif op == 5:
            out = out[:at]
        elif op == 6 and len(out) >= 4:  # a 32-bit size somewhere, either byte order
            pos = rng.randrange(len(out) - 3)
            out[pos:pos + 4] = struct.pack(rng.choice("<>") + "I", rng.choice(BIG) & 0xFFFFFFFF)
        else:
            out += bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(out)


# ----------------------------------------------------------------------------- npz


def npz_seeds() -> list[bytes]:
    rng = np.random.default_rng(0)
    sets = [
        {"inputs": rng.normal(size=(8, 2)), "targets": rng.integers(0, 3, 8)},
        {"inputs": rng.normal(size=(6, 3)), "targets": rng.normal(size=(6, 2)), "task": np.array("regression")},
        {"inputs": rng.integers(0, 255, (5, 4, 4), dtype=np.uint8), "targets": np.eye(5)[:, :3][[0, 1, 2, 0, 1]],
         "test_inputs": np.zeros((2, 4, 4), dtype=np.uint8), "test_targets": np.eye(3)[:2],
         "feature_names": np.array([f"p{i}" for i in range(16)]), "target_names": np.array(["a", "b", "c"]),
         "image_shape": np.array([4, 4])},
        {"inputs": np.zeros((4, 2), dtype=np.float32), "targets": np.array([[0.0], [1.0], [1.0], [0.0]]),
         "target_names": np.array(["no", "yes"]), "task": np.array("classification")},
    ]
    out = []
    for k, arrays in enumerate(sets):
        stream = io.BytesIO()
        (np.savez_compressed if k % 2 else np.savez)(stream, **arrays)
        out.append(stream.getvalue())
    return out


def _npy_header_text(rng: random.Random) -> str:
    shape = tuple(rng.choice(BIG[:10] + [3, 4, 8]) for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])))
    fields = {"descr": rng.choice(DESCRS), "fortran_order": rng.choice([False, True, 1, "no"]), "shape": shape}
    if rng.random() < 0.1:
        fields.pop(rng.choice(list(fields)))
    text = repr(fields)
    if rng.random() < 0.1:
        text = rng.choice(["{", "[" * 500, "{'descr': " * 60, "__import__('os')", "{'shape': (1,) * 40}", ""])
    return text


def _mutate_member(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.6 and data.startswith(b"\x93NUMPY"):
        version = rng.choice([1, 1, 2, 3, 0, 9])
        text = _npy_header_text(rng).encode("utf-8", "replace")
        size = 2 if version in (0, 1) else 4
        length = len(text) if rng.random() < 0.9 else rng.choice(BIG) & (0xFFFF if size == 2 else 0xFFFFFFFF)
        header = b"\x93NUMPY" + bytes([version, 0]) + length.to_bytes(size, "little") + text
        body_at = 10 if data[6] == 1 else 12
        body_at += int.from_bytes(data[8:body_at], "little")
        return header + data[body_at:] * rng.choice([0, 1, 1, 2, 100])
    return mutate_bytes(rng, data)


def mutate_npz(rng: random.Random, seed: bytes) -> bytes:
    kind = rng.randrange(3)
    if kind == 0:
        return mutate_bytes(rng, seed)
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    names = list(members)
    name = rng.choice(names)
    if kind == 1:
        members[name] = _mutate_member(rng, members[name])
    else:  # rename, drop or add members
        choice = rng.randrange(3)
        if choice == 0:
            members[rng.choice(["inputs.npy", "targets.npy", "task.npy", "x.npy", "test_inputs.npy"])] = members.pop(name)
        elif choice == 1:
            members.pop(name)
        else:
            members[rng.choice(["image_shape.npy", "feature_names.npy", "test_targets.npy"])] = _mutate_member(
                rng, members[name])
    stream = io.BytesIO()
    method = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
    with zipfile.ZipFile(stream, "w", method) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    data = stream.getvalue()
    return mutate_bytes(rng, data) if rng.random() < 0.2 else data


# ----------------------------------------------------------------------------- csv


CSV_SEEDS = [
    "sepal_length,sepal_width,species\n5.1,3.5,setosa\n4.9,3.0,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n",
    "1,2,0\n3,4,1\n5,6,0\n7,8,1\n",
    "a;b;y1;y2\n0.1;0.2;1;0\n0.3;0.4;0;1\n0.5;0.6;1;0\n",
    '\ufeff"x","label"\n1,"red, dark"\n2,blue\n3,"red, dark"\n',
    "x\ty\n1\t0.5\n2\t1.5\n3\t2.25\n",
    "长度,标签\n1.5,甲\n2.5,乙\n3.5,甲\n",
]


_MAX_CSV_CHARS = 200_000  # repeated repetitions would grow a mutant without end


def mutate_csv(rng: random.Random, seed: str) -> bytes:
    if rng.random() < 0.3:
        return mutate_bytes(rng, seed.encode("utf-8"))
    text = seed
    for _ in range(rng.randint(1, 5)):
        op = rng.randrange(5)
        lines = text.split("\n")
        if op == 0:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(CSV_TOKENS) + text[at:]
        elif op == 1 and lines:
            line = rng.choice(lines)
            lines.insert(rng.randrange(len(lines) + 1), line * rng.choice([1, 2, 50]))
            text = "\n".join(lines)
        elif op == 2 and lines:
            lines.pop(rng.randrange(len(lines)))
            text = "\n".join(lines)
        elif op == 3:
            text = "\n".join(lines * rng.choice([2, 10, 200]))
        else:
            at = rng.randrange(len(text) + 1)
            text = text[:at]
        text = text[:_MAX_CSV_CHARS]
    raw = text.encode(rng.choice(["utf-8", "utf-8", "gb18030", "utf-16", "latin-1"]), "replace")
    return mutate_bytes(rng, raw) if rng.random() < 0.2 else raw


# ----------------------------------------------------------------------------- idx


def idx_file(type_code: int, array: np.ndarray) -> bytes:
    return (bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
            + array.astype(array.dtype.newbyteorder(">")).tobytes())


def idx_seeds() -> list[tuple[bytes, bytes]]:
    rng = np.random.default_rng(1)
    images = rng.integers(0, 256, (6, 4, 3), dtype=np.uint8)
    labels = np.array([0, 9, 3, 3, 1, 7], dtype=np.uint8)
    raw = (idx_file(0x08, images), idx_file(0x08, labels))
    return [raw, tuple(gzip.compress(part) for part in raw)]


def mutate_idx_file(rng: random.Random, data: bytes) -> bytes:
    compressed = data[:2] == b"\x1f\x8b"
    raw = gzip.decompress(data) if compressed else data
    op = rng.randrange(4)
    if op == 0 and len(raw) >= 4:  # the magic number: type and dimensions
        raw = bytes([rng.choice([0, 0, 1]), 0, rng.choice([8, 9, 0x0B, 0x0C, 0x0D, 0x0E, 0x0A, 0xFF]),
                     rng.choice([0, 1, 2, 3, 4, 5, 255])]) + raw[4:]
    elif op == 1 and len(raw) >= 8:  # one dimension
        ndim = max(1, min(raw[3], (len(raw) - 4) // 4))
        at = 4 + 4 * rng.randrange(ndim)
        raw = raw[:at] + struct.pack(">I", rng.choice(BIG) & 0xFFFFFFFF) + raw[at + 4:]
    elif op == 2:
        raw = raw + bytes(rng.choice([1, 100, 10_000]))
    else:
        raw = mutate_bytes(rng, raw)
    if compressed or rng.random() < 0.2:
        packed = gzip.compress(raw)
        return mutate_bytes(rng, packed) if rng.random() < 0.3 else packed
    return raw


# ----------------------------------------------------------------------------- running


def check_dataset(d) -> None:
    """What every loaded data set must satisfy."""
    for part in (d.train_inputs, d.train_targets, d.test_inputs, d.test_targets):
        assert part.dtype == np.float64 and part.ndim == 2 and np.all(np.isfinite(part))
    assert d.n_train >= 1 and d.train_inputs.size <= limits.INPUT_VALUES.value
    assert d.train_targets.size <= limits.TARGET_VALUES.value and d.n_classes <= limits.CLASSES.value
    assert len(d.feature_names) == d.input_size


def run(fmt: str, count: int, seed: int, folder: Path) -> dict:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = {"npz": npz_seeds, "csv": lambda: CSV_SEEDS, "idx": idx_seeds}[fmt]()
    outcome = {"format": fmt, "mutants": 0, "loaded": 0, "refused": 0, "failures": [], "slowest_s": 0.0}
    started = time.perf_counter()
    for k in range(count):
        files = _mutant(fmt, rng, rng.choice(seeds), folder)
        t = time.perf_counter()
        try:
            check_dataset(_load(fmt, files, k))
            outcome["loaded"] += 1
        except DataError as exc:
            outcome["refused"] += 1
            if "not enough memory" in str(exc) or "\n" in str(exc) or not str(exc):
                _keep(outcome, k, files, f"DataError: {exc!r}")
        except Exception as exc:  # noqa: BLE001 - anything else is what we are looking for
            _keep(outcome, k, files, "".join(traceback.format_exception_only(exc)).strip()[-300:])
        outcome["slowest_s"] = max(outcome["slowest_s"], time.perf_counter() - t)
        outcome["mutants"] += 1
    outcome["seconds"] = round(time.perf_counter() - started, 2)
    outcome["slowest_s"] = round(outcome["slowest_s"], 3)
    return outcome


def _mutant(fmt: str, rng: random.Random, seed, folder: Path) -> list[Path]:
    if fmt == "npz":
        (folder / "m.npz").write_bytes(mutate_npz(rng, seed))
        return [folder / "m.npz"]
    if fmt == "csv":
        (folder / "m.csv").write_bytes(mutate_csv(rng, seed))
        return [folder / "m.csv"]
    images, labels = seed
    which = rng.randrange(3)
    (folder / "images").write_bytes(mutate_idx_file(rng, images) if which != 1 else images)
    (folder / "labels").write_bytes(mutate_idx_file(rng, labels) if which != 0 else labels)
    return [folder / "images", folder / "labels"]


def _load(fmt: str, files: list[Path], k: int):
    if fmt == "npz":
        return load_npz(files[0])
    if fmt == "csv":
        return load_csv(files[0], header=("auto", True, False)[k % 3], task=("auto", "classification", "regression")[k % 5 % 3],
                        normalise=("none", "zscore", "minmax")[k % 7 % 3], test_fraction=0.25)
    pair = {"test_images_path": files[0], "test_labels_path": files[1]} if k % 2 else {}
    return load_idx_pair(files[0], files[1], **pair)


def _keep(outcome: dict, k: int, files: list[Path], what: str) -> None:
    kept = []
    for path in files:
        target = path.with_name(f"failure-{k}-{path.name}")
        target.write_bytes(path.read_bytes())
        kept.append(str(target))
    outcome["failures"].append({"mutant": k, "error": what, "files": kept})


if __name__ == "__main__":
    fmt, count, seed, folder = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    print(json.dumps(run(fmt, count, seed, folder)))
