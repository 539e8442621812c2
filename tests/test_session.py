"""The training session (document layer): phases, rewind, hyperparameters, play/pause, stop criteria."""

from __future__ import annotations

import numpy as np
import pytest

from ann_studio.core import load_project
from ann_studio.core.phases import Phase
from ann_studio.document.project_document import ProjectDocument
from ann_studio.document.session import TrainingSession
from tests.helpers import EXAMPLES


@pytest.fixture
def session(qtbot):
    doc = ProjectDocument(load_project(EXAMPLES / "mazur.annproj"))
    s = TrainingSession(doc)
    yield s
    s.shutdown()


@pytest.fixture
def lesson(qtbot):
    doc = ProjectDocument(load_project(EXAMPLES / "lesson.annproj"))
    s = TrainingSession(doc)
    yield s
    s.shutdown()


def _state(t):
    return (t.step, t.epoch, t.phase_index, [p.copy() for p in t.network.get_parameters()],
            [None if a is None else a.copy() for a in t.pass_.a])


def _same(s1, s2):
    assert s1[:3] == s2[:3]
    for a, b in zip(s1[3], s2[3]):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(s1[4], s2[4]):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_array_equal(a, b)


def test_current_phase_runs_through_the_step_and_shows_the_update(session):
    t = session.trainer
    assert session.current_phase is None
    seen = []
    for _ in range(len(t.phases)):
        session.step_phase()
        seen.append(session.current_phase)
    assert seen == t.phases
    assert seen[-1] == Phase("update") and t.step == 1
    (dW_h, db_h), (dW_o, db_o) = session.parameter_change()
    np.testing.assert_allclose(dW_o[0, 0], 0.35891648 - 0.40, atol=1e-8)
    np.testing.assert_array_equal(db_o, 0.0)


def test_step_back_restores_every_earlier_state_exactly(lesson):
    states = [_state(lesson.trainer)]
    phases = [lesson.current_phase]
    n = 2 * len(lesson.trainer.phases) + 3
    for _ in range(n):
        lesson.step_phase()
        states.append(_state(lesson.trainer))
        phases.append(lesson.current_phase)
    for k in range(n - 1, -1, -1):
        lesson.step_back()
        _same(_state(lesson.trainer), states[k])
        assert lesson.current_phase == phases[k]


def test_step_epoch_equals_the_engine_fast_path(lesson):
    lesson.step_epoch()
    lesson.step_epoch()
    ref = lesson.document.project.build_trainer()
    ref.train(epochs=2)
    for a, b in zip(lesson.trainer.network.get_parameters(), ref.network.get_parameters()):
        np.testing.assert_array_equal(a, b)
    assert lesson.trainer.epoch_records[-1].loss == ref.epoch_records[-1].loss


def test_batch_size_waits_for_the_step_boundary(lesson):
    lesson.step_phase()
    lesson.set_hyperparameters(batch_size=4, optimizer="adam")
    assert lesson.pending_settings == {"batch_size": 4, "optimizer": "adam"}
    assert lesson.trainer.batch_size == 1
    lesson.step_batch()
    assert lesson.pending_settings == {}
    assert lesson.trainer.batch_size == 4 and lesson.trainer.optimizer.settings.type == "adam"
    assert lesson.document.project.training.batch_size == 4


def test_learning_rate_applies_at_once(lesson):
    lesson.step_phase()
    lesson.set_learning_rate(0.125)
    assert lesson.trainer.learning_rate == 0.125
    assert lesson.document.project.optimizer.learning_rate == 0.125


def test_step_sample_browses_the_batch_then_steps(lesson):
    lesson.set_hyperparameters(batch_size=3)
    lesson.step_sample()
    assert lesson.focus_sample == 0 and lesson.trainer.next_phase == Phase("update")
    lesson.step_sample()
    lesson.step_sample()
    assert lesson.focus_sample == 2 and lesson.trainer.step == 0
    assert lesson.sample_row() == 2
    lesson.step_sample()
    assert lesson.trainer.step == 1 and lesson.current_phase == Phase("update")


def test_play_pause_and_stop_criterion(qtbot, lesson):
    lesson.set_stop_criteria(max_epochs=3, target_loss=None, target_accuracy=None)
    with qtbot.waitSignal(lesson.stopped, timeout=10000) as blocker:
        lesson.play()
    assert "3" in blocker.args[0]
    assert not lesson.playing and lesson.trainer.epoch == 3
    with qtbot.waitSignal(lesson.play_state_changed):
        lesson.toggle_play()
    assert lesson.playing
    with qtbot.waitSignal(lesson.play_state_changed) as blocker:
        lesson.toggle_play()
    assert blocker.args == ["paused"] and not lesson.playing


def test_phase_speed_plays_one_phase_per_tick(qtbot, lesson):
    lesson.set_speed("medium")
    lesson.play()
    qtbot.waitUntil(lambda: lesson.trainer.phase_index >= 2, timeout=5000)
    lesson.pause()
    assert lesson.trainer.step == 0


def test_goto_and_rewind_start(lesson):
    for _ in range(5):
        lesson.step_batch()
    after3 = None
    lesson.goto(3)
    after3 = _state(lesson.trainer)
    lesson.rewind_start()
    assert lesson.trainer.step == 0 and lesson.trainer.horizon == 5
    lesson.goto(3)
    _same(_state(lesson.trainer), after3)


def test_training_panel_settings_are_undoable_edits_of_the_document(qtbot):
    """η, batch size and stop criteria typed in the Training panel mark the project modified, can be
    undone, and show in the inspector's source of truth (the document)."""
    from ann_studio.app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    doc, session = window.document, window.session
    session.set_learning_rate(0.9)
    session.set_learning_rate(0.8)  # successive η edits merge into one undo step
    assert doc.project.optimizer.learning_rate == 0.8 and session.trainer.learning_rate == 0.8
    assert doc.is_modified() and doc.undo_stack.count() == 1
    session.set_hyperparameters(batch_size=3)
    assert doc.project.training.batch_size == 3 and session.trainer.batch_size == 3
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert doc.project.optimizer.learning_rate == 0.5 and session.trainer.learning_rate == 0.5
    assert doc.project.training.batch_size == 1 and not doc.is_modified()


def test_a_new_seed_lives_in_the_document(qtbot):
    from ann_studio.app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    seed = window.document.project.training.seed
    first = window.session.trainer.network.get_parameters()
    window.actions["new_seed"].trigger()
    assert window.document.project.training.seed == seed + 1
    assert window.session.trainer.training.seed == seed + 1
    assert not all((a == b).all() for a, b in zip(first, window.session.trainer.network.get_parameters()))
    window.session.step_epoch()
    window.session.set_learning_rate(0.25)  # a later settings edit keeps the trained weights
    assert window.session.trainer.step > 0


def test_a_setting_that_changes_nothing_keeps_the_recorded_future(lesson):
    lesson.trainer.train(steps=20)
    lesson.goto(5)
    lesson.set_stop_criteria(max_epochs=50, target_loss=None, target_accuracy=None)
    assert lesson.trainer.horizon == 20
