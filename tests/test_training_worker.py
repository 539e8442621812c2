"""Full-speed training in the worker process: the window's trainer must end exactly where training
in the window would have ended (parameters, optimizer, random generator, history, keyframes),
stop criteria and divergence must behave as in the window, and the session must use it."""

from __future__ import annotations

import pickle
import time

import numpy as np
import pytest

from ann_studio.core import DivergenceError, load_project
from ann_studio.core.activations import get_activation
from ann_studio.core.losses import get_loss
from ann_studio.core.worker import parameters_equal
from ann_studio.core.worker_client import WorkerClient
from ann_studio.document import training_worker
from ann_studio.document.project_document import ProjectDocument
from ann_studio.document.session import TrainingSession
from tests.helpers import EXAMPLES


@pytest.fixture(scope="module")
def client():
    c = WorkerClient()
    c.start()
    deadline = time.perf_counter() + 30
    while not c.check_ready():
        assert time.perf_counter() < deadline, "the worker process did not start"
        time.sleep(0.01)
    yield c
    c.stop()
    assert c.process is None


def _project(name="spirals", **training):
    project = load_project(EXAMPLES / f"{name}.annproj")
    project.training.max_epochs = None
    for key, value in training.items():
        setattr(project.training, key, value)
    return project


def _run(client, trainer, seconds=0.6, target_epoch=None):
    client.play(trainer, target_epoch)
    end, ended = time.perf_counter() + seconds, None
    while ended is None and time.perf_counter() < end:
        time.sleep(0.02)
        ended = client.pump()
    return ended if ended is not None else client.pause()


def _assert_same(a, b):
    assert (a.step, a.epoch, a.cursor, a.phase_index, a.horizon) == (b.step, b.epoch, b.cursor, b.phase_index, b.horizon)
    assert parameters_equal(a, b)
    assert a.step_losses == b.step_losses
    assert a.epoch_records == b.epoch_records
    sa, sb = a.optimizer.get_state(), b.optimizer.get_state()
    assert sa.keys() == sb.keys()
    for key in sa:
        if key == "t":
            assert sa[key] == sb[key]
        else:
            assert all(np.array_equal(x, y) for x, y in zip(sa[key], sb[key]))
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    assert np.array_equal(a.order, b.order)


def test_activations_and_losses_travel_by_name():
    assert pickle.loads(pickle.dumps(get_activation("tanh"))) is get_activation("tanh")
    assert pickle.loads(pickle.dumps(get_loss("cross_entropy"))) is get_loss("cross_entropy")


def test_worker_training_is_bit_identical_to_training_in_the_window(client):
    project = _project()
    data = project.dataset()
    mine, reference = project.build_trainer(data), project.build_trainer(data)
    for _ in range(3):  # start mid-epoch and mid-step
        mine.train_step()
    mine.step_phase()
    assert _run(client, mine) == ("paused", None)
    assert mine.step > 100
    while reference.step < mine.step:
        reference.train_step()
    _assert_same(mine, reference)
    # a second play (the data set is cached in the worker) and training on in the window
    _run(client, mine, 0.3)
    for _ in range(25):
        mine.train_step()
    while reference.step < mine.step:
        reference.train_step()
    _assert_same(mine, reference)
    # the keyframes collected from the worker rewind into the played stretch exactly
    for step in (mine.step // 3, 7):
        mine.goto(step)
        reference.goto(step)
        _assert_same(mine, reference)


def test_worker_stops_at_a_stop_criterion_and_at_the_target_epoch(client):
    project = _project(max_epochs=4)
    trainer = project.build_trainer(project.dataset())
    assert _run(client, trainer, 10) == ("stopped", "max_epochs")
    assert (trainer.epoch, trainer.cursor, trainer.phase_index) == (4, 0, 0)
    trainer.training.max_epochs = None
    assert _run(client, trainer, 10, target_epoch=6) == ("target", None)
    assert trainer.epoch == 6 and trainer.cursor == 0


def _wild(project):
    """Linear units and η = 10⁶: the numbers overflow within a few steps."""
    for layer in project.network.layers[1:]:
        layer.activation = "linear"
    project.optimizer.learning_rate = 1e6
    return project


def test_worker_reports_divergence_like_the_window(client):
    project = _wild(_project("mazur"))
    data = project.dataset()
    mine, reference = project.build_trainer(data), project.build_trainer(data)
    why, detail = _run(client, mine, 10)
    assert why == "diverged" and "step" in detail
    with pytest.raises(DivergenceError) as error, np.errstate(all="ignore"):
        while True:
            reference.train_step()
    assert str(error.value) == detail
    assert (mine.step, mine.phase_index) == (reference.step, reference.phase_index)


def test_session_plays_in_the_worker_and_pauses_exactly(qtbot):
    project = _project()
    doc = ProjectDocument(project)
    session = TrainingSession(doc)
    session.set_speed("full")
    try:
        session.play()
        qtbot.waitUntil(lambda: session.training_elsewhere, timeout=20_000)
        start = session.trainer.step
        qtbot.waitUntil(lambda: session.trainer.step > start + 200, timeout=20_000)  # the mirror moves
        # a setting changed while the worker trains applies in the window at a step boundary,
        # then the worker carries on with it
        changed = doc.project.optimizer.copy()
        changed.learning_rate = 0.005
        from ann_studio.document.commands import SetSettingsCommand

        doc.undo_stack.push(SetSettingsCommand(doc, doc.project.loss, changed, doc.project.training, "η"))
        at = session.trainer.step
        assert session.trainer.learning_rate == 0.005
        qtbot.waitUntil(lambda: session.training_elsewhere and session.trainer.step > at + 100, timeout=20_000)
        session.pause()
        assert not session.training_elsewhere
        t = session.trainer
        reference = _project().build_trainer(session.dataset)  # (the document's project has η changed)
        while reference.step < at:
            reference.train_step()
        reference.set_learning_rate(0.005)
        while reference.step < t.step:
            reference.train_step()
        _assert_same(t, reference)
    finally:
        session.shutdown()


def test_session_stop_criterion_and_divergence_through_the_worker(qtbot):
    project = _project(max_epochs=600)
    session = TrainingSession(ProjectDocument(project))
    session.set_speed("full")
    seen = []
    session.updated.connect(lambda: seen.append(session.training_elsewhere))
    try:
        with qtbot.waitSignal(session.stopped, timeout=60_000) as stopped:
            session.play()
        assert "600" in stopped.args[0]
        assert session.trainer.epoch == 600 and not session.playing
        assert any(seen), "the worker never trained"
    finally:
        session.shutdown()
    session = TrainingSession(ProjectDocument(_wild(_project("mazur"))))
    session.set_speed("full")
    try:
        with qtbot.waitSignal(session.problem, timeout=30_000) as problem:
            session.play()
        assert "step" in problem.args[0] and not session.playing
    finally:
        session.shutdown()


def _session(project, qtbot):
    session = TrainingSession(ProjectDocument(project))
    session.set_speed("full")
    return session


def _play_until_elsewhere(session, qtbot):
    session.play()
    qtbot.waitUntil(lambda: session.training_elsewhere, timeout=20_000)


def test_a_setting_made_mid_step_applies_at_that_step_boundary_with_the_worker(qtbot):
    logs = []
    for use_worker in (False, True):
        session = _session(_project(), qtbot)
        session.use_worker = use_worker
        try:
            session.step_phase()
            session.step_phase()  # mid-step: a new batch size waits for the step boundary
            session.set_hyperparameters(batch_size=5)
            assert session.pending_settings
            session.play()
            if use_worker:
                qtbot.waitUntil(lambda s=session: s.training_elsewhere, timeout=20_000)
            qtbot.wait(200)
            session.pause()
            log = session.trainer.state_dict(history=False)["settings_log"]
            logs.append([(when, s.batch_size) for when, s in log])
        finally:
            session.shutdown()
    assert logs[0] == logs[1] == [(0, 16), (1, 5)]


def test_a_slower_speed_takes_the_trainer_back_at_once(qtbot):
    session = _session(_project(), qtbot)
    try:
        _play_until_elsewhere(session, qtbot)
        session.set_speed("slow")
        assert not session.training_elsewhere and session.playing
        step = session.trainer.step
        qtbot.wait(700)  # one phase every 600 ms now, in the window
        assert session.trainer.step in (step, step + 1) and not session.training_elsewhere
    finally:
        session.shutdown()


def test_a_reset_after_the_worker_diverged_reports_nothing_stale(qtbot):
    session = _session(_wild(_project("mazur")), qtbot)
    problems = []
    try:
        worker = training_worker.client()
        qtbot.waitUntil(worker.check_ready, timeout=20_000)
        session.play()
        assert session.handover.offload()  # hand over now, before the first tick
        time.sleep(0.5)  # the worker diverges; its "ended" waits in the pipe, unread
        session.problem.connect(problems.append)
        session.rebuild()
        qtbot.wait(50)
        assert session.trainer.step == 0 and session.error is None and problems == []
    finally:
        session.shutdown()


def test_keyframes_from_the_worker_share_each_epoch_order(client):
    project = _project(batch_size=1)
    trainer = project.build_trainer(project.dataset())
    _run(client, trainer, 0.5)
    orders = {id(f.order) for f in trainer._keyframes}
    assert trainer.epoch >= 1 and len(orders) <= trainer.epoch + 2  # one per epoch, as in the window
