"""Large data sets reach the training worker through shared memory: no size limit, bit for bit
the same training as in the window, and no segment left behind in /dev/shm (after a data switch,
a closed session, a dead worker, a stopped client)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from ann_studio.core import NetworkSpec, OptimizerSettings, Project, TrainingSettings
from ann_studio.core.shared_data import AttachedDataset, SharedDataset, leftover_segments
from ann_studio.core.worker import parameters_equal
from ann_studio.core.worker_client import WorkerClient
from ann_studio.document import training_worker
from ann_studio.document.project_document import ProjectDocument
from ann_studio.document.session import TrainingSession

#: MNIST-shaped inputs: 12,000 × 784 float64 is 75 MB, over the old 64 MB limit for the worker
ROWS = 12_000


def _write_npz(path, rows=ROWS, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, (rows, 784))
    y = np.eye(10)[rng.integers(0, 10, rows)]
    np.savez(path, inputs=x, targets=y, test_inputs=x[:500], test_targets=y[:500])
    return path


def _project(tmp_path) -> Project:
    _write_npz(tmp_path / "big.npz")
    project = Project(NetworkSpec.chain([784, 30, 10]), "half_sse", OptimizerSettings(type="sgd", learning_rate=3.0),
                      TrainingSettings(batch_size=10, shuffle=True, seed=0), data={"train": {"file": "big.npz"}})
    project.path = tmp_path / "big.annproj"
    return project


def _ready(client):
    deadline = time.perf_counter() + 30
    while not client.check_ready():
        assert time.perf_counter() < deadline, "the worker process did not start"
        time.sleep(0.01)


def test_shared_arrays_round_trip_and_unlink():
    x = np.arange(12.0).reshape(4, 3)
    y = np.ones((4, 1), np.float32)
    z = np.zeros((0, 1))
    shared = SharedDataset((x, y, None, z))
    assert leftover_segments() == [shared.name]
    assert shared.wait(5) and shared.holds((x, y, None, z)) and not shared.holds((x.copy(), y, None, z))
    attached = AttachedDataset(shared.descriptor())
    ax, ay, atx, aty = attached.arrays
    assert np.array_equal(ax, x) and ay.dtype == np.float32 and atx is None and aty.shape == (0, 1)
    assert not ax.flags.writeable
    assert all(place is None or place[0] % 64 == 0 for place in shared.places)
    del ax, ay, atx, aty
    attached.close()
    shared.release()
    assert leftover_segments() == []


def test_large_data_trains_in_the_worker_bit_for_bit(tmp_path):
    project = _project(tmp_path)
    data = project.dataset()
    assert data.train_inputs.nbytes > 64 * 2**20
    mine, reference = project.build_trainer(data), project.build_trainer(data)
    client = WorkerClient()
    client.start()
    try:
        _ready(client)
        assert not client.prepare(mine) or client.shared.ready  # the copy runs in the background
        client.play(mine)
        end = time.perf_counter() + 1.5
        while time.perf_counter() < end:
            time.sleep(0.02)
            client.pump()
        assert client.pause() == ("paused", None)
        assert mine.step > 100, "the worker hardly trained"
        while reference.step < mine.step:
            reference.train_step()
        assert parameters_equal(mine, reference)
        assert mine.step_losses == reference.step_losses
        assert mine.rng.bit_generator.state == reference.rng.bit_generator.state
        assert leftover_segments() == [client.shared.name]
    finally:
        client.stop()
    assert leftover_segments() == []


def test_a_dead_worker_leaves_no_segment(tmp_path):
    project = _project(tmp_path)
    trainer = project.build_trainer()
    client = WorkerClient()
    client.start()
    try:
        _ready(client)
        client.play(trainer)
        time.sleep(0.2)
        client.process.kill()
        with pytest.raises((EOFError, OSError, TimeoutError)):
            for _ in range(100):
                client.pump()
                time.sleep(0.02)
            client.pause(timeout=0.5)
        client.fail(RuntimeError("killed"))
        assert leftover_segments() == []
    finally:
        client.stop()


def test_the_session_plays_large_data_in_the_worker_and_cleans_up(qtbot, tmp_path):
    project = _project(tmp_path)
    document = ProjectDocument(project)
    session = TrainingSession(document)
    session.set_speed("full")
    try:
        qtbot.waitUntil(training_worker.client().check_ready, timeout=30_000)
        session.play()
        qtbot.waitUntil(lambda: session.training_elsewhere, timeout=20_000)
        start = session.trainer.step
        qtbot.waitUntil(lambda: session.trainer.step > start + 200, timeout=20_000)
        session.pause()
        assert not session.training_elsewhere
        reference = project.build_trainer(session.dataset, restart=True)
        while reference.step < session.trainer.step:
            reference.train_step()
        assert parameters_equal(session.trainer, reference)
        assert len(leftover_segments()) == 1  # kept for the next play of the same data
        # a network edit keeps the data: the segment stays; new data releases it
        document.set_data({"builtin": "xor"})
        assert leftover_segments() == []
    finally:
        session.shutdown()
    assert leftover_segments() == []
