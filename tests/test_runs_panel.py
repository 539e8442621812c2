"""The Runs panel and the run commands in the window (issue 15): fork (at a rewound step too),
make current (the trainer follows), rename / recolour / delete with undo, Save → reopen of a tree
of three runs, and a race shown in the panel."""

from __future__ import annotations

import time

import numpy as np
import pytest
from helpers import EXAMPLES
from PySide6.QtCore import Qt
from qt_helpers import make_window

from ann_studio.core import load_project
from ann_studio.core.run_tree import switch_run


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("ANN_STUDIO_WORKER", "0")
    w = make_window(qtbot, tmp_path, EXAMPLES / "circles.annproj",
                    panels=["ann_studio.views.panels.inspector", "ann_studio.views.panels.runs_panel"])
    w.session.use_worker = False
    return w


def panel(window):
    return window.docks["runs_panel"].widget()


def train(window, steps):
    for _ in range(steps):
        window.session.step_batch()


def params(trainer):
    return [p.copy() for p in trainer.network.get_parameters()]


def test_fork_keeps_both_runs_and_clicking_a_run_makes_it_current(window):
    s, doc = window.session, window.document
    train(window, 12)
    at_fork = params(s.trainer)
    window.actions["fork_run"].trigger()
    fork = doc.current_run
    assert fork != "main" and doc.runs.get(fork).parent == "main" and doc.runs.get(fork).fork_step == 12
    s.set_learning_rate(1.5)
    train(window, 8)
    forked = params(s.trainer)
    p = panel(window)
    texts = p.row_texts(fork)
    assert texts[0] == fork and texts[1] == "12" and "\u03b7 0.3 \u2192 1.5" in texts[2] and texts[3] == "20"
    assert p.row_texts("main")[3] == "12"
    # click "main": the session's trainer is main's again, at step 12 with its weights
    item = p._items["main"]
    p.tree.itemClicked.emit(item, 0)
    assert doc.current_run == "main" and s.trainer.step == 12
    assert all(np.array_equal(a, b) for a, b in zip(at_fork, params(s.trainer)))
    assert s.trainer.learning_rate == 0.3 and doc.project.optimizer.learning_rate == 0.3
    assert p._items["main"].font(0).bold() and not p._items[fork].font(0).bold()
    # and back: the fork continues where it was
    p.tree.itemClicked.emit(p._items[fork], 0)
    assert s.trainer.step == 20 and all(np.array_equal(a, b) for a, b in zip(forked, params(s.trainer)))
    assert s.trainer.learning_rate == 1.5
    # undo the switch, then the fork's own steps are not undo steps: undo the switch back and the fork
    doc.undo_stack.undo()
    assert doc.current_run == "main"


def test_a_fork_at_a_rewound_step_starts_a_new_future_and_the_parent_keeps_its_own(window):
    s = window.session
    train(window, 30)
    s.goto(10)
    s.fork_run("from 10")
    assert s.trainer.step == 10 and s.trainer.horizon == 10
    train(window, 5)
    assert s.trainer.step == 15
    s.make_run_current("main")
    assert s.trainer.step == 10 and s.trainer.horizon == 30  # the parent can still go to 30
    s.goto(30)
    assert s.trainer.step == 30


def test_fork_equals_training_with_the_setting_changed(window, tmp_path):
    """The window's fork and a changed η give the CLI's `train --steps k` then `--set`."""
    from ann_studio.cli import run

    s = window.session
    train(window, 9)
    s.fork_run("b")
    s.set_learning_rate(0.9)
    train(window, 11)
    assert run(["train", str(EXAMPLES / "circles.annproj"), "--steps", "9", "--out", str(tmp_path / "k.annproj")]) == 0
    assert run(["train", str(tmp_path / "k.annproj"), "--steps", "11", "--set", "optimizer.learning_rate=0.9",
                "--out", str(tmp_path / "m.annproj")]) == 0
    cli = load_project(tmp_path / "m.annproj").run["params"]
    assert all(np.array_equal(a, b) for a, b in zip(cli, params(s.trainer)))


def test_rename_recolour_delete_are_undoable(window):
    s, doc = window.session, window.document
    train(window, 3)
    s.fork_run("b")
    p = panel(window)
    item = p._items["b"]
    item.setText(0, "fast")  # what editing the name in place does
    assert "fast" in doc.runs and doc.current_run == "fast"
    p._items["main"].setText(0, "fast")  # taken: refused in one line, the old name stays
    assert "already a run named" in p.status.text() and "main" in doc.runs
    s.recolour_run("main", "#123456")
    assert doc.runs.get("main").colour == "#123456"
    assert s.delete_run("fast")  # the current run: its parent becomes current
    assert doc.runs.names() == ["main"] and doc.current_run == "main"
    doc.undo_stack.undo()
    assert doc.runs.names() == ["main", "fast"] and doc.current_run == "fast" and s.trainer.step == 3
    doc.undo_stack.undo()
    assert doc.runs.get("main").colour != "#123456"
    doc.undo_stack.undo()
    assert "b" in doc.runs
    doc.undo_stack.undo()  # the fork
    assert doc.runs.names() == ["main"] and s.trainer.step == 3


def test_save_and_reopen_a_tree_of_three_runs_keeps_curves_and_weights(window, tmp_path, qtbot):
    s = window.session
    train(window, 15)
    s.fork_run("fast")
    s.set_learning_rate(1.2)
    train(window, 10)
    s.make_run_current("main")
    train(window, 4)
    s.fork_run("slow")
    s.set_learning_rate(0.05)
    train(window, 6)
    expected = {snap.name: (snap.step, snap.step_losses.values().copy(), [a.copy() for a in snap.params])
                for snap in s.run_snapshots()}
    assert window.save_project(tmp_path / "tree.annproj")
    other = make_window(qtbot, tmp_path / "second", tmp_path / "tree.annproj", all_panels=True)
    assert other.document.runs.names() == ["main", "fast", "slow"] and other.document.current_run == "slow"
    for snap in other.session.run_snapshots():
        step, losses, weights = expected[snap.name]
        assert snap.step == step and np.array_equal(snap.step_losses.values(), losses)
        assert all(np.array_equal(a, b) for a, b in zip(snap.params, weights)), snap.name
    project = load_project(tmp_path / "tree.annproj")
    switch_run(project, "fast")
    assert project.runs.get("main").state["step"] == 19 and project.run["step"] == 25


def test_race_optimizers_in_the_window(window, qtbot, monkeypatch):
    from ann_studio.document import race_driver

    monkeypatch.setattr(race_driver, "RACE_EPOCHS", 3)
    s, doc = window.session, window.document
    doc.project.training.max_epochs = None  # (circles stops at 100 epochs)
    train(window, 5)
    names = s.race.start("optimizers")
    assert names == ["SGD", "Momentum", "Nesterov", "RMSprop", "Adam"]
    assert doc.runs.names() == ["main", *names] and doc.current_run == "main"
    p = panel(window)
    assert p.stop_button.isEnabled()
    deadline = time.perf_counter() + 60
    while s.race.racing and time.perf_counter() < deadline:
        qtbot.wait(20)
    assert not s.race.racing
    end = 5 + 3 * s.trainer.steps_per_epoch()
    for name in names:
        assert doc.runs.get(name).state["step"] == end
        assert p.row_texts(name)[3] == f"{end:,}"
    assert "optimizer" in p.row_texts("Adam")[2]
    doc.undo_stack.undo()
    assert doc.runs.names() == ["main"]


def test_panel_is_registered_and_actions_exist(window):
    assert window.docks["runs_panel"].objectName() == "runs_panel"
    for name in ("fork_run", "race_optimizers", "race_learning_rates"):
        assert window.actions[name].objectName() == name
    assert panel(window).tree.headerItem().text(0)
    assert panel(window)._items["main"].data(0, Qt.ItemDataRole.UserRole) == "main"


def test_a_branch_with_another_structure_switches_saves_and_reopens(window, tmp_path, qtbot):
    from ann_studio.document import commands as c

    s, doc = window.session, window.document
    train(window, 10)
    s.fork_run("wide")
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=8), "units"))
    assert s.trainer.network.layer("hidden").W.shape[0] == 8 and s.trainer.step == 10
    train(window, 5)
    s.make_run_current("main")
    assert s.trainer.network.layer("hidden").W.shape[0] == 6 and s.trainer.step == 10
    assert doc.network.layer("hidden").units == 6
    assert window.save_project(tmp_path / "shapes.annproj")
    other = make_window(qtbot, tmp_path / "second", tmp_path / "shapes.annproj", all_panels=True)
    assert other.session.trainer.network.layer("hidden").W.shape[0] == 6
    other.session.make_run_current("wide")
    assert other.session.trainer.network.layer("hidden").W.shape[0] == 8 and other.session.trainer.step == 15
    other.document.undo_stack.undo()  # back to main, its own structure
    assert other.session.trainer.network.layer("hidden").W.shape[0] == 6


def test_opening_another_project_ends_a_race_without_touching_it(window, qtbot):
    s, doc = window.session, window.document
    doc.project.training.max_epochs = None
    train(window, 3)
    assert s.race.start("learning_rates")
    assert window.open_project(EXAMPLES / "circles.annproj")
    assert not s.race.racing and doc.runs.names() == ["main"]


def test_a_fork_mid_step_starts_at_the_step_boundary(window):
    s = window.session
    train(window, 4)
    s.step_phase()
    s.step_phase()
    assert s.trainer.phase_index == 2
    s.fork_run("b")
    assert s.trainer.phase_index == 0 and s.trainer.step == 4 and window.document.runs.get("b").fork_step == 4
