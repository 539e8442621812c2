"""The run in the window (issue 12): training marks the window modified, Save → reopen → continue
gives exactly the numbers of an uninterrupted run, a weight typed mid-run continues the run and
Undo keeps it, the language switch keeps it, and a killed worker loses nothing before its last
snapshot."""

from __future__ import annotations

import os
import signal

import numpy as np
from PySide6.QtGui import QAction

from ann_studio.core import load_project
from ann_studio.document.selection import Selected
from tests.helpers import EXAMPLES
from tests.qt_helpers import make_window


def trigger(window, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None and action.isEnabled(), name
    action.trigger()


def params(window) -> list[np.ndarray]:
    return window.session.trainer.network.get_parameters()


def test_training_marks_the_window_modified_and_save_reopen_continues_exactly(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj")
    window.session.use_worker = False
    assert not window.isWindowModified()
    for _ in range(50):
        trigger(window, "step_batch")
    assert window.isWindowModified() and window.document.is_modified()
    path = tmp_path / "trained.annproj"
    assert window.save_project(path)
    assert not window.isWindowModified()
    trained = params(window)
    losses = list(window.session.trainer.step_losses)
    epochs = list(window.session.trainer.epoch_records)
    for _ in range(7):  # the uninterrupted run, for comparison
        trigger(window, "step_batch")
    uninterrupted = params(window)

    other = make_window(qtbot, tmp_path / "w2", path)
    other.session.use_worker = False
    t = other.session.trainer
    assert t.step == 50 and not other.isWindowModified()
    assert all(np.array_equal(a, b) for a, b in zip(trained, params(other)))
    assert list(t.step_losses) == losses and list(t.epoch_records) == epochs
    for _ in range(7):
        trigger(other, "step_batch")
    assert all(np.array_equal(a, b) for a, b in zip(uninterrupted, params(other)))
    # rewinding into the reopened run replays from run.initial
    other.session.goto(10)
    window.session.goto(10)
    assert all(np.array_equal(a, b) for a, b in zip(params(window), params(other)))


def test_a_weight_typed_mid_run_continues_the_run_and_undo_keeps_it(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "mazur.annproj")
    window.session.use_worker = False
    for _ in range(30):
        trigger(window, "step_batch")
    inspector = window.docks["inspector"].widget()
    window.selection.select(Selected("weight", "out", 0, 1))
    field = inspector.param_value
    current = window.session.trainer.network.layer("out").W[0, 1]
    assert float(field.text()) == round(float(current), 12) or abs(float(field.text()) - current) < 1e-11
    assert "step 30" in inspector.param_current.text() and "0.45" in inspector.param_current.text()
    field.setText("0,5")
    field.editingFinished.emit()
    t = window.session.trainer
    assert t.step == 30 and t.network.layer("out").W[0, 1] == 0.5
    assert [(e.step, e.layer, e.index, e.value) for e in t.edits] == [(30, "out", (0, 1), 0.5)]
    assert window.document.layer("out").weights[0, 1] == 0.45  # the starting value is untouched
    trigger(window, "step_batch")
    assert t.step == 31
    window.document.undo_stack.undo()  # types the old value back, at step 31: the run goes on
    assert window.session.trainer.step == 31
    assert window.session.trainer.network.layer("out").W[0, 1] == current


def test_switching_the_language_keeps_the_run(qtbot, tmp_path):
    from ann_studio.views.language_menu import rebuild_window

    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj")
    window.session.use_worker = False
    for _ in range(20):
        trigger(window, "step_batch")
    before = params(window)
    new = rebuild_window(window)
    qtbot.addWidget(new)
    assert new.session.trainer.step == 20
    assert all(np.array_equal(a, b) for a, b in zip(before, params(new)))
    assert new.isWindowModified()
    new.session.shutdown()


def test_killing_the_worker_mid_play_keeps_its_last_snapshot(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "spirals.annproj")
    session = window.session
    session.use_worker = True
    session.set_speed("full")
    session.play()
    qtbot.waitUntil(lambda: session.training_elsewhere and session.trainer.step > 2000, timeout=20000)
    client = session.handover.client  # the test plays the crash
    mirrored_step = session.trainer.step
    os.kill(client.process.pid, signal.SIGKILL)
    problems = []
    session.problem.connect(problems.append)
    qtbot.waitUntil(lambda: not session.training_elsewhere, timeout=5000)
    t = session.trainer
    assert t.step >= mirrored_step > 0  # never back to step 0
    assert problems and "stopped unexpectedly" in problems[0]
    # the run continues in the window from a consistent state: a replay from a keyframe matches
    session.pause()
    now = t.step
    state = t.network.get_parameters()
    t.goto(max(0, now - 5))
    t.goto(now)
    assert all(np.array_equal(a, b) for a, b in zip(state, t.network.get_parameters()))
    assert len(t.step_losses) == now


def test_reset_training_returns_to_the_starting_weights(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "mazur.annproj")
    window.session.use_worker = False
    start = load_project(EXAMPLES / "mazur.annproj").build_trainer().network.get_parameters()
    for _ in range(5):
        trigger(window, "step_batch")
    trigger(window, "reset_training")
    assert window.session.trainer.step == 0
    assert all(np.array_equal(a, b) for a, b in zip(start, params(window)))


def test_use_current_weights_as_start_is_one_undoable_command(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "mazur.annproj")
    window.session.use_worker = False
    for _ in range(12):
        trigger(window, "step_batch")
    trained = params(window)
    losses = list(window.session.trainer.step_losses)
    trigger(window, "use_current_weights")
    t = window.session.trainer
    assert t.step == 0 and all(np.array_equal(a, b) for a, b in zip(trained, params(window)))
    assert np.array_equal(window.document.layer("out").weights, trained[2])
    window.document.undo_stack.undo()
    t = window.session.trainer
    assert t.step == 12 and list(t.step_losses) == losses
    assert window.document.layer("out").weights[0, 0] == 0.4
    trigger(window, "reset_training")
    assert window.session.trainer.network.layer("out").W[0, 0] == 0.4


def test_a_structural_edit_mid_run_keeps_the_run(qtbot, tmp_path):
    from ann_studio.document.commands import NetworkEditCommand, with_layer_edited

    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj")
    window.session.use_worker = False
    for _ in range(40):
        trigger(window, "step_batch")
    hidden = window.session.trainer.network.layer("hidden").W.copy()
    spec = with_layer_edited(window.document.network, "hidden", units=3)
    window.document.undo_stack.push(NetworkEditCommand(window.document, spec, "Add a neuron"))
    t = window.session.trainer
    assert t.step == 40 and len(t.step_losses) == 40
    assert np.array_equal(t.network.layer("hidden").W[:2], hidden)
    trigger(window, "step_batch")
    assert window.session.trainer.step == 41


def test_the_timeline_marks_an_edit_and_stops_at_a_structural_edit(qtbot, tmp_path):
    from ann_studio.document.commands import NetworkEditCommand, with_layer_edited

    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj", all_panels=True)
    window.session.use_worker = False
    for _ in range(20):
        trigger(window, "step_batch")
    window.document.edit_run_parameter("hidden", "bias", (1,), 0.25)
    for _ in range(5):
        trigger(window, "step_batch")
    panel = window.docks["training_panel"].widget()
    panel.refresh()
    assert panel.timeline.edit_steps == [20]
    assert "edited at step 20: b2 of 'hidden'" in panel.timeline_label.text()
    spec = with_layer_edited(window.document.network, "hidden", units=3)
    window.document.undo_stack.push(NetworkEditCommand(window.document, spec, "Add a neuron"))
    panel.refresh()
    assert panel.timeline.minimum() == 25
    trigger(window, "rewind_start")  # back to the structural edit, not before it
    assert window.session.trainer.step == 25
    trigger(window, "step_back")
    assert window.session.trainer.step == 25


def test_a_hung_worker_costs_at_most_a_second_and_keeps_the_run(qtbot, tmp_path):
    import time

    window = make_window(qtbot, tmp_path, EXAMPLES / "spirals.annproj")
    session = window.session
    session.use_worker = True
    session.set_speed("full")
    session.play()
    qtbot.waitUntil(lambda: session.training_elsewhere and session.trainer.step > 1000, timeout=20000)
    client = session.handover.client
    os.kill(client.process.pid, signal.SIGSTOP)  # hung: alive, never answers
    try:
        qtbot.wait(100)
        mirrored = session.trainer.step
        started = time.perf_counter()
        session.pause()  # asks the worker for its state; gives up after 1 s
        blocked = time.perf_counter() - started
    finally:
        try:
            os.kill(client.process.pid, signal.SIGCONT)
        except (ProcessLookupError, TypeError, AttributeError):
            pass
    assert blocked < 1.6, f"the window froze for {blocked:.1f} s"
    assert not session.training_elsewhere and session.trainer.step >= mirrored > 0
    trigger(window, "step_batch")  # the run goes on in the window
    assert session.trainer.step == mirrored + 1 or session.trainer.step > mirrored


def test_undoing_a_removed_neuron_brings_back_its_trained_weights(qtbot, tmp_path):
    from ann_studio.document.commands import NetworkEditCommand, with_layer_edited

    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj")
    window.session.use_worker = False
    for _ in range(60):
        trigger(window, "step_batch")
    hidden = window.session.trainer.network.layer("hidden")
    trained_second = hidden.W[1].copy(), hidden.b[1]
    spec = with_layer_edited(window.document.network, "hidden", units=1)
    window.document.undo_stack.push(NetworkEditCommand(window.document, spec, "Remove a neuron"))
    assert window.session.trainer.network.layer("hidden").units == 1
    window.document.undo_stack.undo()
    t = window.session.trainer
    assert t.step == 60 and np.array_equal(t.network.layer("hidden").W[1], trained_second[0])
    assert t.network.layer("hidden").b[1] == trained_second[1]


def test_a_loss_the_targets_cannot_use_is_refused_and_undo_keeps_the_run(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj")
    window.session.use_worker = False
    problems = []
    window.session.problem.connect(problems.append)
    for _ in range(30):
        trigger(window, "step_batch")
    window.session.set_hyperparameters(loss="cross_entropy")  # XOR's one 0/1 column is no distribution
    assert window.session.trainer is None and problems and "not" in problems[-1]
    window.document.undo_stack.undo()
    assert window.session.trainer is not None and window.session.trainer.step == 30


def test_a_weight_typed_during_play_keeps_playing_from_that_step(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "spirals.annproj")
    session = window.session
    session.use_worker = True
    session.set_speed("full")
    session.play()
    qtbot.waitUntil(lambda: session.trainer.step > 1500, timeout=20000)
    window.selection.select(Selected("weight", "out", 0, 0))
    field = window.docks["inspector"].widget().param_value
    field.setText("0,5")
    field.editingFinished.emit()
    edits = session.trainer.edits
    assert len(edits) == 1 and edits[0].value == 0.5 and edits[0].step > 1500
    at = edits[0].step
    assert session.playing
    qtbot.waitUntil(lambda: session.trainer.step > at + 200, timeout=20000)  # it goes on from there
    session.pause()
    assert session.trainer.edits[0].step == at and len(session.trainer.step_losses) == session.trainer.step


def test_a_run_set_aside_by_a_network_that_does_not_fit_survives_save_and_reopen(qtbot, tmp_path):
    from ann_studio.document.commands import NetworkEditCommand, with_layer_edited

    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj")
    window.session.use_worker = False
    for _ in range(25):
        trigger(window, "step_batch")
    trained = params(window)
    doc = window.document
    doc.undo_stack.push(NetworkEditCommand(doc, with_layer_edited(doc.network, "in", units=3), "3 inputs"))
    assert window.session.trainer is None  # the data has 2 columns
    path = tmp_path / "aside.annproj"
    assert window.save_project(path)
    other = make_window(qtbot, tmp_path / "w2", path)  # opens: the run is set aside
    other.session.use_worker = False
    assert other.session.trainer is None
    odoc = other.document
    odoc.undo_stack.push(NetworkEditCommand(odoc, with_layer_edited(odoc.network, "in", units=2), "2 inputs"))
    t = other.session.trainer
    assert t is not None and t.step == 25
    assert all(np.array_equal(a, b) for a, b in zip(trained, params(other)))
