"""IDX (MNIST) files, the checked download over a loopback server, and NPZ archives."""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import struct
import threading
from pathlib import Path

import numpy as np
import pytest

from ann_studio.core.datasets import (
    FASHION_MNIST_CLASSES,
    DownloadCancelled,
    builtin,
    download_mnist,
    load_idx_pair,
    load_npz,
    read_idx,
    save_npz,
)
from ann_studio.core.errors import DataError

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
