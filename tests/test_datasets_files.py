"""IDX (MNIST) files, the checked download over a loopback server, and NPZ archives."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import io
import os
import struct
import threading
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from ann_studio.core.datasets import (
    FASHION_MNIST_CLASSES,
    DownloadCancelled,
    builtin,
    download_mnist,
    limits,
    load_idx_pair,
    load_npz,
    one_hot,
    read_idx,
    save_npz,
)
from ann_studio.core.errors import DataError
from tests.helpers import ROOT
from tests.hostile_data import idx_header, npy_header, write_zip

RNG = np.random.default_rng(0)
IMAGES = RNG.integers(0, 256, size=(6, 4, 3), dtype=np.uint8)
LABELS = np.array([0, 9, 3, 3, 1, 7], dtype=np.uint8)


def idx_bytes(array: np.ndarray) -> bytes:
    """The IDX encoding of an unsigned-byte array."""
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def write_idx(path: Path, array: np.ndarray, gz: bool = False) -> Path:
    data = idx_bytes(array)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def error(call, *args, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        call(*args, **kwargs)
    return str(info.value)


@pytest.mark.parametrize("gz", [False, True])
def test_idx_pair_raw_and_gz(tmp_path, gz):
    images = write_idx(tmp_path / "img", IMAGES, gz)
    labels = write_idx(tmp_path / "lab", LABELS, gz)
    d = load_idx_pair(images, labels, test_images_path=images, test_labels_path=labels)
    assert d.train_inputs.shape == (6, 12) and d.image_shape == (4, 3)
    assert np.allclose(d.train_inputs, IMAGES.reshape(6, -1) / 255.0)
    assert d.train_inputs.min() >= 0 and d.train_inputs.max() <= 1
    assert d.train_targets.shape == (6, 10) and d.train_targets.argmax(axis=1).tolist() == LABELS.tolist()
    assert d.n_test == 6 and d.target_names == [str(i) for i in range(10)]
    assert d.feature_names[:4] == ["r0c0", "r0c1", "r0c2", "r1c0"]


def test_read_idx_other_types(tmp_path):
    values = np.array([[1.5, -2.0]], dtype=">f4")
    path = tmp_path / "f.idx"
    path.write_bytes(bytes([0, 0, 0x0D, 2]) + struct.pack(">2I", 1, 2) + values.tobytes())
    assert read_idx(path).tolist() == [[1.5, -2.0]]


def test_idx_truncated_bad_magic_and_trailing_bytes(tmp_path):
    data = idx_bytes(IMAGES)
    (tmp_path / "cut").write_bytes(data[:-5])
    assert error(read_idx, tmp_path / "cut") == "cut: truncated: expected 72 bytes of data for 6 × 4 × 3 values, found 67"
    (tmp_path / "short").write_bytes(data[:6])
    assert "truncated" in error(read_idx, tmp_path / "short")
    (tmp_path / "magic").write_bytes(b"\x12\x34\x08\x03" + data[4:])
    assert error(read_idx, tmp_path / "magic").startswith("magic: not an IDX file (magic number 0x12340803")
    (tmp_path / "long").write_bytes(data + b"\x00")
    assert "goes on after" in error(read_idx, tmp_path / "long")
    (tmp_path / "cut.gz").write_bytes(gzip.compress(data)[:-12])
    assert error(read_idx, tmp_path / "cut.gz").startswith("cut.gz: ")
    assert "file not found" in error(read_idx, tmp_path / "absent")


def test_idx_size_limit(tmp_path):
    path = tmp_path / "huge"
    path.write_bytes(bytes([0, 0, 0x08, 3]) + struct.pack(">3I", 100000, 28, 28))
    assert error(read_idx, path) == "huge: too large: 78,400,000 input values (limit MAX_INPUT_VALUES = 50,000,000)"


def test_idx_pair_mismatches(tmp_path):
    images = write_idx(tmp_path / "img", IMAGES)
    assert "5 labels for 6 images" in error(load_idx_pair, images, write_idx(tmp_path / "l5", LABELS[:5]))
    bad = write_idx(tmp_path / "l10", np.array([0, 1, 2, 3, 4, 10], dtype=np.uint8))
    assert "labels must lie in 0..9" in error(load_idx_pair, images, bad)
    labels = write_idx(tmp_path / "lab", LABELS)
    assert "expected images" in error(load_idx_pair, labels, labels)
    other = write_idx(tmp_path / "img2", np.zeros((6, 2, 6), dtype=np.uint8))
    assert "test images are 2×6" in error(load_idx_pair, images, labels, test_images_path=other,
                                          test_labels_path=labels)
    assert "both" in error(load_idx_pair, images, labels, test_images_path=images)
    d = load_idx_pair(images, labels, class_names=FASHION_MNIST_CLASSES)
    assert d.target_names[9] == "Ankle boot"


# ----------------------------------------------------------------------------- download


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def mirror(tmp_path):
    """A loopback HTTP server serving tiny IDX files; yields (url, {name: sha256})."""
    served = tmp_path / "served"
    served.mkdir()
    files = {"train-images-idx3-ubyte.gz": IMAGES, "train-labels-idx1-ubyte.gz": LABELS}
    sums = {}
    for name, array in files.items():
        write_idx(served / name, array, gz=True)
        sums[name] = hashlib.sha256((served / name).read_bytes()).hexdigest()
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sums
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_download_with_good_checksums(tmp_path, mirror):
    url, sums = mirror
    seen = []
    paths = download_mnist(tmp_path / "mnist", url, files=list(sums), sha256=sums,
                           progress=lambda name, done, total: seen.append((name, done, total)))
    assert sorted(paths) == sorted(sums) and all(p.is_file() for p in paths.values())
    assert seen[-1][1] == seen[-1][2] and {s[0] for s in seen} == set(sums)
    d = load_idx_pair(paths["train-images-idx3-ubyte.gz"], paths["train-labels-idx1-ubyte.gz"])
    assert d.n_train == 6
    seen.clear()
    download_mnist(tmp_path / "mnist", url, files=list(sums), sha256=sums, progress=lambda *a: seen.append(a))
    assert seen == []  # already there with the right checksum: not fetched again
    assert not list((tmp_path / "mnist").glob("*.part"))


def test_download_with_bad_checksum_is_refused_and_deleted(tmp_path, mirror):
    url, sums = mirror
    name = "train-labels-idx1-ubyte.gz"
    wrong = {name: "0" * 64}
    text = error(download_mnist, tmp_path / "mnist", url, files=[name], sha256=wrong)
    assert text.startswith(f"{name}: SHA-256 mismatch: expected {'0' * 64}, got {sums[name]}")
    assert list((tmp_path / "mnist").iterdir()) == []


def test_download_refusals(tmp_path, mirror):
    url, sums = mirror
    name = "train-labels-idx1-ubyte.gz"
    assert "no SHA-256" in error(download_mnist, tmp_path, url, files=[name], sha256={})
    assert error(download_mnist, tmp_path, "file:///etc/", files=[name], sha256=sums).startswith("mirror_url:")
    assert "HTTP 404" in error(download_mnist, tmp_path, url, files=["absent.gz"], sha256={"absent.gz": "ab"})
    assert "limit" in error(download_mnist, tmp_path / "d", url, files=[name], sha256=sums, max_bytes=10)
    with pytest.raises(DownloadCancelled):
        download_mnist(tmp_path / "c", url, files=[name], sha256=sums, progress=lambda *a: False)
    assert list((tmp_path / "c").iterdir()) == []


def test_download_connection_refused(tmp_path):
    import socket

    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    text = error(download_mnist, tmp_path, f"http://127.0.0.1:{port}/", files=["x"], sha256={"x": "ab"},
                 timeout=5)
    assert "cannot download" in text


# ----------------------------------------------------------------------------- npz


def test_npz_round_trip(tmp_path):
    for d in (builtin("spirals", arms=3), builtin("xor"), builtin("sine"), builtin("digits", samples=50)):
        back = load_npz(save_npz(tmp_path / f"{d.name}.npz", d))
        for a, b in zip([d.train_inputs, d.train_targets, d.test_inputs, d.test_targets],
                        [back.train_inputs, back.train_targets, back.test_inputs, back.test_targets]):
            assert np.array_equal(a, b)
        assert (back.task, back.target_names, back.feature_names, back.image_shape) == (
            d.task, d.target_names, d.feature_names, d.image_shape)


def test_npz_minimal_with_labels_and_images(tmp_path):
    path = tmp_path / "m.npz"
    np.savez(path, inputs=np.zeros((4, 2, 2)), targets=np.array([0, 2, 1, 2]))
    d = load_npz(path)
    assert d.image_shape == (2, 2) and d.input_size == 4 and d.task == "classification"
    assert d.target_names == ["0", "1", "2"] and d.train_targets.shape == (4, 3)
    np.savez(path, inputs=np.ones((3, 2)), targets=np.array([[0.5], [1.5], [2.7]]))
    assert load_npz(path).task == "regression"


def test_npz_object_arrays_refused(tmp_path):
    path = tmp_path / "obj.npz"
    np.savez(path, inputs=np.array([[1, 2]], dtype=object), targets=np.array([[1]]))
    assert "pickle" in error(load_npz, path) and error(load_npz, path).startswith("obj.npz: inputs: ")


def test_npz_errors(tmp_path):
    path = tmp_path / "d.npz"
    np.savez(path, inputs=np.ones((2, 2)))
    assert error(load_npz, path) == 'd.npz: no array named "targets" (found: inputs)'
    np.savez(path, inputs=np.array([["a", "b"]]), targets=np.ones((1, 1)))
    assert "expected numbers" in error(load_npz, path)
    np.savez(path, inputs=np.array([[np.nan, 1]]), targets=np.ones((1, 1)))
    assert "NaN" in error(load_npz, path)
    np.savez(path, inputs=np.ones((2, 2)), targets=np.ones((3, 1)))
    assert "2 training inputs but 3 targets" in error(load_npz, path)
    np.savez(path, inputs=np.ones((2, 2)), targets=np.ones((2, 1)), test_inputs=np.ones((1, 2)))
    assert "must come together" in error(load_npz, path)
    np.save(tmp_path / "single.npy", np.ones(3))
    assert "single .npy array" in error(load_npz, tmp_path / "single.npy")
    (tmp_path / "junk.npz").write_bytes(b"PK\x03\x04 not really a zip")
    assert error(load_npz, tmp_path / "junk.npz").startswith("junk.npz: not a NumPy .npz archive")
    assert "file not found" in error(load_npz, tmp_path / "none.npz")


# ----------------------------------------------------------------------------- hostile files (issue 17)


def _npz(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _npy(array: np.ndarray, version=(1, 0)) -> bytes:
    stream = io.BytesIO()
    np.lib.format.write_array(stream, array, version=version)
    return stream.getvalue()


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
def test_npz_header_versions_and_fortran_order_load(tmp_path, version):
    inputs = np.asfortranarray(np.arange(12.0).reshape(4, 3))
    path = _npz(tmp_path / "v.npz", {"inputs.npy": _npy(inputs, version),
                                     "targets.npy": _npy(np.array([0, 1, 2, 1]), version)})
    d = load_npz(path)
    assert d.train_inputs.tolist() == inputs.tolist() and d.target_names == ["0", "1", "2"]


@pytest.mark.parametrize("version", [1, 2, 3])
def test_npz_declared_sizes_are_refused_before_reading(tmp_path, version):
    """Headers alone, no data: each size is refused from what it declares (once read whole first,
    or allocated and then found missing)."""
    small = {"targets.npy": _npy(np.zeros(4))}
    cases = [("inputs", "<f8", (200_000, 300), "60,000,000 input values (limit MAX_INPUT_VALUES = 50,000,000)"),
             ("inputs", "|u1", (2_000_000, 2), "2,000,000 samples (limit MAX_ROWS = 1,000,000)"),
             ("targets", "<f8", (1000, 60_000), "60,000,000 target values (limit MAX_TARGET_VALUES"),
             ("feature_names", "<U1000000", (8,), "32,000,000 bytes of text (limit MAX_TEXT_BYTES")]
    for key, descr, shape, words in cases:
        members = {"inputs.npy": _npy(np.zeros((4, 2))), **small, f"{key}.npy": npy_header(descr, shape, version)}
        message = error(load_npz, _npz(tmp_path / "h.npz", members))
        assert message.startswith(f"h.npz: {key}: too large: ") and words in message, message


@pytest.mark.parametrize("descr, words", [
    ("|O", "holds Python objects, which would need pickle"), (">c16", "expected numbers or text, got the type >c16"),
    ([("a", "<i4")], "expected numbers or text"), ("<M8[s]", "expected numbers or text"),
    ("nonsense", "an unknown type"), ("<U0", "expected numbers or text")])
def test_npz_types_refused_from_the_header(tmp_path, descr, words):
    members = {"inputs.npy": npy_header(descr, (4, 2)), "targets.npy": _npy(np.zeros(4))}
    message = error(load_npz, _npz(tmp_path / "t.npz", members))
    assert message.startswith("t.npz: inputs: ") and words in message, message


@pytest.mark.parametrize("header, words", [
    (b"\x93NUMPY\x09\x00", "unknown .npy format version 9.0"),
    (b"\x93NUMPY\x01\x00\xff\xff" + b"{" * 65535, "65,535 bytes of array header (limit MAX_HEADER_BYTES = 10,000)"),
    (b"\x93NUMPY\x01\x00\x10\x00" + b"__import__('os')", "not a Python dictionary"),
    (b"\x93NUMPY\x01\x00\x20\x00" + b"{'descr': '<f8', 'shape': (2,)}".ljust(32), "expected descr, fortran_order"),
    (b"\x93NUMPY\x01\x00\x33\x00" + b"{'descr':'<f8','fortran_order':False,'shape':(-1,)}", "not a list"),
    (b"\x93NUMPY\x01\x00", "truncated: expected 2 bytes of array header, found 0")])
def test_npz_damaged_headers(tmp_path, header, words):
    members = {"inputs.npy": header, "targets.npy": _npy(np.zeros(4))}
    message = error(load_npz, _npz(tmp_path / "d.npz", members))
    assert message.startswith("d.npz: inputs: ") and words in message and "\n" not in message, message


def test_npz_missing_values_are_a_plain_message(tmp_path):
    members = {"inputs.npy": npy_header("<f8", (4, 2)) + bytes(8), "targets.npy": _npy(np.zeros(4))}
    assert error(load_npz, _npz(tmp_path / "cut.npz", members)) == (
        "cut.npz: inputs: truncated: expected 64 bytes of array data, found 8")


def test_npz_small_arrays_that_break_the_rules(tmp_path):
    base = {"inputs": np.zeros((4, 2)), "targets": np.array([0, 1, 0, 1])}
    for extra, words in [({"task": np.array([], dtype=str)}, 'task: expected one word, "classification"'),
                         ({"task": np.array("x" * 500)}, 'task: must be "classification" or "regression", not "xxx'),
                         ({"image_shape": np.array([np.nan, 2])}, "image_shape: expected two whole numbers"),
                         ({"image_shape": np.array([2, 1, 1])}, "image_shape: expected two whole numbers"),
                         ({"feature_names": np.array([["a", "b"]])}, "expected a list of names, got 2 dimensions"),
                         ({"feature_names": np.array(["a", "b", "c"])}, "expected at most 2 names, the array holds 3"),
                         ({"inputs": np.zeros((2000, 1)), "targets": np.arange(2000)}, "too many classes: 2,000"),
                         ({"targets": np.array([0, 1, np.inf, 1])}, "targets row 3, column 1: NaN and infinity"),
                         ({"test_inputs": np.ones((1, 2)), "test_targets": np.array([[np.nan]])},
                          "test_targets row 1, column 1: NaN and infinity")]:
        np.savez(tmp_path / "s.npz", **{**base, **extra})
        message = error(load_npz, tmp_path / "s.npz")
        assert words in message and len(message) < 200, message


def test_npz_zip_directories_that_declare_too_much(tmp_path):
    many = tmp_path / "many.npz"
    write_zip(many, [(f"{i}.npy", b"", 0, 0, 0) for i in range(300)])
    assert error(load_npz, many) == "many.npz: too large: 300 files in the archive (limit MAX_ARCHIVE_MEMBERS = 256)"
    hidden = tmp_path / "hidden.npz"
    write_zip(hidden, [(f"{i}.npy", b"", 0, 0, 0) for i in range(6000)], declared=2)
    assert "a ZIP directory of 322,890 bytes has room for more files than allowed (limit MAX_ARCHIVE_MEMBERS" in (
        error(load_npz, hidden))
    zip64 = bytearray(_npz(tmp_path / "z64.npz", {"inputs.npy": _npy(np.zeros(2))}).read_bytes())
    end = zip64.rfind(b"PK\x05\x06")
    zip64[end + 10:end + 12] = b"\xff\xff"  # the entry count of a ZIP64 archive
    (tmp_path / "z64.npz").write_bytes(bytes(zip64))
    assert "ZIP64 archive: not supported" in error(load_npz, tmp_path / "z64.npz")


def test_npz_damaged_members_of_every_compression(tmp_path):
    data = _npy(np.zeros((4, 2)))
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        path = tmp_path / "c.npz"
        with zipfile.ZipFile(path, "w", method) as archive:
            archive.writestr("inputs.npy", data)
            archive.writestr("targets.npy", _npy(np.zeros(4)))
        raw = bytearray(path.read_bytes())
        raw[60:80] = bytes(20)  # inside the first member's compressed data
        path.write_bytes(bytes(raw))
        assert error(load_npz, path).startswith("c.npz: inputs: damaged array (")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_files_that_are_not_files_are_refused_before_reading(tmp_path):
    os.mkfifo(tmp_path / "pipe.npz")
    (tmp_path / "folder.idx").mkdir()
    assert error(load_npz, tmp_path / "pipe.npz") == (
        "pipe.npz: not a data file: this is a named pipe (FIFO); choose a regular file")
    assert error(read_idx, tmp_path / "folder.idx") == (
        "folder.idx: not a data file: this is a folder; choose a regular file")
    assert error(read_idx, "/dev/zero") == "zero: not a data file: this is a device; choose a regular file"
    os.symlink(tmp_path / "pipe.npz", tmp_path / "link.npz")
    assert "named pipe" in error(load_npz, tmp_path / "link.npz")


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "FILE_BYTES", replace(limits.FILE_BYTES, value=100))
    path = tmp_path / "big"
    path.write_bytes(bytes(101))
    assert error(read_idx, path) == "big: too large: 101 bytes (limit MAX_FILE_BYTES = 100)"


def test_idx_headers_are_checked_before_the_data(tmp_path):
    (tmp_path / "img").write_bytes(idx_header(0x08, (0, 28, 28)))
    (tmp_path / "lab").write_bytes(idx_header(0x08, (0,)))
    assert error(load_idx_pair, tmp_path / "img", tmp_path / "lab") == "img: no images (the header announces 0)"
    (tmp_path / "img").write_bytes(idx_header(0x08, (2, 0, 5)))
    (tmp_path / "lab").write_bytes(idx_header(0x08, (2,)) + b"\x00\x01")
    assert "images of 0 × 5 pixels" in error(load_idx_pair, tmp_path / "img", tmp_path / "lab")
    (tmp_path / "lab.gz").write_bytes(gzip.compress(idx_header(0x08, (2_000_000,))))
    write_idx(tmp_path / "img", IMAGES)
    assert error(load_idx_pair, tmp_path / "img", tmp_path / "lab.gz") == (
        "lab.gz: too large: 2,000,000 samples (limit MAX_ROWS = 1,000,000)")
    (tmp_path / "img.gz").write_bytes(gzip.compress(idx_header(0x0D, (3, 2, 2)) + bytes(48)))
    assert "expected images" in error(load_idx_pair, tmp_path / "img.gz", tmp_path / "lab")
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(idx_header(0x08, (2,)) + bytes(10_000_000)))
    assert "goes on after the 2 bytes" in error(read_idx, tmp_path / "bomb.gz")


def test_idx_class_names_and_one_hot_budget(tmp_path):
    images, labels = write_idx(tmp_path / "img", IMAGES), write_idx(tmp_path / "lab", LABELS)
    assert error(load_idx_pair, images, labels, class_names=[str(i) for i in range(1001)]) == (
        "class_names: too many classes: 1,001 different labels (limit MAX_CLASSES = 1,000); is this really a "
        "class label?")
    assert "at least two" in error(load_idx_pair, images, labels, class_names=["only"])
    labels_1m, images_1m = tmp_path / "many.gz", tmp_path / "dots.gz"
    labels_1m.write_bytes(gzip.compress(idx_header(0x08, (1_000_000,)) + bytes(1_000_000)))
    images_1m.write_bytes(gzip.compress(idx_header(0x08, (1_000_000, 1, 1)) + bytes(1_000_000)))
    assert error(load_idx_pair, images_1m, labels_1m, class_names=[str(i) for i in range(100)]) == (
        "many.gz: too large: 100,000,000 target values (limit MAX_TARGET_VALUES = 50,000,000)")


def test_one_hot_checks_its_budget_before_allocating():
    with pytest.raises(DataError, match="60,000,000 target values"):
        one_hot(np.zeros(60_000, dtype=int), 1000, "x")
    with pytest.raises(DataError, match="too many classes: 1,001"):
        one_hot(np.zeros(3, dtype=int), 1001)


def test_every_limit_is_in_the_documentation():
    text = (ROOT / "docs" / "datasets.md").read_text(encoding="utf-8")
    for limit in limits.ALL:
        assert f"| `{limit.name}` | {limit.value:,} |" in text, limit.name


def test_running_out_of_memory_anyway_is_a_message(tmp_path, monkeypatch):
    """A file within the limits on a machine without the memory for it: one line, no traceback."""
    np.savez(tmp_path / "m.npz", inputs=np.zeros((4, 2)), targets=np.zeros(4))

    def no_memory(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(np, "empty", no_memory)
    assert error(load_npz, tmp_path / "m.npz") == "m.npz: not enough memory to load this file"


def test_npz_stored_members_are_read_straight_into_one_array(tmp_path):
    import tracemalloc

    rng = np.random.default_rng(0)
    inputs, labels = rng.uniform(size=(20_000, 50)), rng.integers(0, 3, 20_000)
    path = tmp_path / "big.npz"
    np.savez(path, inputs=inputs, targets=labels)
    tracemalloc.start()
    try:
        d = load_npz(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert np.array_equal(d.train_inputs, inputs) and d.train_inputs.dtype == np.float64
    assert peak < 1.3 * inputs.nbytes  # the 8 MB of inputs once, not copied on the way


def test_npz_stored_member_with_a_changed_value_fails_its_crc(tmp_path):
    path = tmp_path / "s.npz"
    np.savez(path, inputs=np.arange(20_000.0).reshape(10_000, 2), targets=np.zeros(10_000))
    raw = bytearray(path.read_bytes())
    at = raw.index(np.float64(19_000.0).tobytes())
    raw[at + 7] ^= 1  # one bit of one value far into an uncompressed member
    path.write_bytes(bytes(raw))
    assert error(load_npz, path) == "s.npz: inputs: damaged array (its CRC-32 does not match: the file is corrupt)"


def test_idx_images_are_scaled_in_one_pass_to_the_same_numbers(tmp_path):
    images = np.random.default_rng(1).integers(0, 256, (30, 4, 5), dtype=np.uint8)
    (tmp_path / "i.idx").write_bytes(b"\x00\x00\x08\x03" + struct.pack(">3I", 30, 4, 5) + images.tobytes())
    (tmp_path / "l.idx").write_bytes(b"\x00\x00\x08\x01" + struct.pack(">I", 30) + bytes(range(10)) * 3)
    d = load_idx_pair(tmp_path / "i.idx", tmp_path / "l.idx")
    expected = images.reshape(30, -1).astype(np.float64) / 255.0
    assert d.train_inputs.tobytes() == expected.tobytes()


def test_huge_finite_inputs_whose_sum_overflows_are_accepted_and_nan_is_not(tmp_path):
    path = tmp_path / "h.npz"
    np.savez(path, inputs=np.array([[1e308, 1.0], [1e308, 2.0]]), targets=np.array([0, 1]))
    assert load_npz(path).train_inputs[1, 0] == 1e308  # the sum is infinite, every value finite
    np.savez(path, inputs=np.array([[1.0, 2.0], [np.nan, 2.0]]), targets=np.array([0, 1]))
    assert "row 2, column 1 holds NaN or infinity" in error(load_npz, path)
