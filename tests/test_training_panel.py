"""The training panel and the actions on the lesson network: play/pause, step_epoch against the
engine's fast path, the timeline scrubber, hyperparameters while playing, stop criteria, overlay."""

from __future__ import annotations

import numpy as np
import pytest

from ann_studio.core import load_project
from ann_studio.views.main_window import MainWindow
from tests.helpers import EXAMPLES


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    for name in ("math_panel", "training_panel"):  # panels behind another tab skip their refresh
        w.docks[name].raise_()
    assert w.open_project(EXAMPLES / "lesson.annproj")
    yield w
    w.session.shutdown()


def child(window, name):
    found = window.docks["training_panel"].findChild(object, name) or window.findChild(object, name)
    assert found is not None, name
    return found


def test_step_epoch_equals_the_engine_fast_path(window):
    window.actions["step_epoch"].trigger()
    window.actions["step_epoch"].trigger()
    ref = load_project(EXAMPLES / "lesson.annproj").build_trainer()
    ref.train(epochs=2)
    for a, b in zip(window.session.trainer.network.get_parameters(), ref.network.get_parameters()):
        np.testing.assert_array_equal(a, b)
    assert child(window, "counter_epoch").text().startswith("2")


def test_play_pause_action(qtbot, window):
    action = window.actions["play_pause"]
    with qtbot.waitSignal(window.session.play_state_changed):
        action.trigger()
    assert window.session.playing and action.isChecked() and action.text() == "&Pause"
    qtbot.waitUntil(lambda: window.session.trainer.step > 50, timeout=10000)
    with qtbot.waitSignal(window.session.play_state_changed):
        action.trigger()
    assert not window.session.playing and not action.isChecked()
    step = window.session.trainer.step
    qtbot.wait(50)  # paused: nothing moves (a short real wait, no sleep)
    assert window.session.trainer.step == step
    qtbot.waitUntil(lambda: child(window, "counter_step").text() == str(step), timeout=2000)


def test_speed_box_and_phase_by_phase_play(qtbot, window):
    speed = child(window, "training_speed")
    speed.setCurrentIndex(speed.findData("medium"))
    assert window.session.speed == "medium"
    window.actions["play_pause"].trigger()
    qtbot.waitUntil(lambda: window.session.trainer.phase_index >= 3, timeout=5000)
    window.actions["play_pause"].trigger()
    assert window.session.trainer.step == 0
    assert child(window, "counter_phase").text() != "Ready: start of a step"


def test_timeline_scrubber_goes_back_exactly(window):
    t = window.session.trainer
    saved = {}
    for _ in range(6):
        window.actions["step_batch"].trigger()
        saved[t.step] = t.network.get_parameters()
    timeline = child(window, "timeline")
    assert timeline.maximum() == 6 and timeline.value() == 6
    timeline.setValue(2)
    assert t.step == 2 and t.horizon == 6
    for a, b in zip(t.network.get_parameters(), saved[2]):
        np.testing.assert_array_equal(a, b)
    assert child(window, "timeline_label").text() == "step 2 / 6"
    timeline.setValue(5)
    for a, b in zip(t.network.get_parameters(), saved[5]):
        np.testing.assert_array_equal(a, b)
    window.actions["rewind_start"].trigger()
    assert t.step == 0 and timeline.value() == 0 and timeline.maximum() == 6


def test_hyperparameters_while_playing(qtbot, window):
    window.actions["play_pause"].trigger()
    child(window, "training_learning_rate").setValue(0.25)
    assert window.session.trainer.learning_rate == 0.25
    child(window, "training_batch_size").setValue(5)
    qtbot.waitUntil(lambda: window.session.trainer.batch_size == 5, timeout=5000)
    optimizer = child(window, "training_optimizer")
    optimizer.setCurrentIndex(optimizer.findData("adam"))
    qtbot.waitUntil(lambda: window.session.trainer.optimizer.settings.type == "adam", timeout=5000)
    window.actions["play_pause"].trigger()
    assert window.document.project.training.batch_size == 5


def test_batch_size_mid_step_waits_and_says_so(window):
    window.actions["step_phase"].trigger()
    child(window, "training_batch_size").setValue(3)
    assert "batch size" in child(window, "pending_settings").text()
    assert window.session.trainer.batch_size == 1
    window.actions["step_batch"].trigger()
    assert window.session.trainer.batch_size == 3
    assert child(window, "pending_settings").text() == ""


def test_stop_criterion_from_the_panel(qtbot, window):
    child(window, "training_max_epochs").setValue(2)
    with qtbot.waitSignal(window.session.stopped, timeout=10000):
        window.actions["play_pause"].trigger()
    assert window.session.trainer.epoch == 2
    assert "2 epochs" in child(window, "stop_reason").text()


def test_reset_and_new_seed(window):
    first = window.session.trainer.network.get_parameters()
    window.actions["step_batch"].trigger()
    window.actions["reset_training"].trigger()
    for a, b in zip(window.session.trainer.network.get_parameters(), first):
        np.testing.assert_array_equal(a, b)
    window.actions["new_seed"].trigger()
    assert not np.array_equal(window.session.trainer.network.get_parameters()[0], first[0])


def test_overlay_follows_the_phases(window):
    scene = window.canvas_view.scene()
    for _ in range(2):
        window.actions["step_phase"].trigger()
    assert "hidden" in scene.highlights
    assert scene.neuron_view
    for _ in range(4):  # error, backward out, gradients out, backward hidden
        window.actions["step_phase"].trigger()
    layer = scene.layers["output"]
    assert layer.neuron_values is not None and layer.neuron_values[1] == "delta"
    values, mode, backwards = layer.connection_values
    assert mode == "gradient" and backwards
    while window.session.trainer.phase_index:
        window.actions["step_phase"].trigger()
    values, mode, _ = scene.layers["hidden"].connection_values
    assert mode == "change"
    np.testing.assert_allclose(values, window.session.parameter_change()[0][0])


def test_step_sample_counter(window):
    child(window, "training_batch_size").setValue(4)
    window.actions["step_sample"].trigger()
    window.actions["step_sample"].trigger()
    assert child(window, "counter_sample").text().startswith("2 of 4")
    assert "sample 2 of 4" in child(window, "math_heading").text()
