"""Runs as a tree (issue 15): forks, the `--set`/`--fork`/`--run` CLI, `runs`, the file's "runs".

The equivalence the issue asks for, for every optimizer: a branch forked at step k with a changed
setting and trained m steps equals `train --steps k` then `train --steps m --set …`, bit for bit.
"""

import json

import numpy as np
import pytest

from ann_studio.cli import run
from ann_studio.core import load_project, save_project
from ann_studio.core.project import with_current_weights
from ann_studio.core.run_tree import fork_run, snapshot, switch_run
from tests.helpers import EXAMPLES

CIRCLES = EXAMPLES / "circles.annproj"  # shuffled mini-batches of 10: the data order matters

OPTIMIZERS = {
    "sgd": {"type": "sgd", "learning_rate": 0.3},
    "momentum": {"type": "sgd", "learning_rate": 0.3, "momentum": 0.9},
    "nesterov": {"type": "sgd", "learning_rate": 0.3, "momentum": 0.9, "nesterov": True},
    "rmsprop": {"type": "rmsprop", "learning_rate": 0.01},
    "adam": {"type": "adam", "learning_rate": 0.01},
}
#: the setting each fork changes, per starting optimizer
CHANGES = {"sgd": ["optimizer.learning_rate=1.5"], "momentum": ["optimizer.momentum=0.5", "training.batch_size=16"],
           "nesterov": ["optimizer.type=adam", "optimizer.learning_rate=0.02"],
           "rmsprop": ["optimizer.alpha=0.9", "loss=mse"], "adam": ["optimizer.betas=[0.8, 0.99]"]}


def cli(capsys, *args):
    code = run([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def project_with(tmp_path, optimizer: dict):
    obj = json.loads(CIRCLES.read_text(encoding="utf-8"))
    obj["optimizer"] = optimizer
    path = tmp_path / "start.annproj"
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


def current_weights(path, run_name=None):
    project = load_project(path)
    if run_name is not None:
        switch_run(project, run_name)
    return [a for layer in with_current_weights(project).network.layers if layer.type == "dense"
            for a in (layer.weights, layer.bias)], project


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_a_fork_equals_train_then_train_with_the_setting_set(tmp_path, capsys, name):
    start = project_with(tmp_path, OPTIMIZERS[name])
    k, m = 37, 41
    sets = [a for s in CHANGES[name] for a in ("--set", s)]
    cli(capsys, "train", start, "--steps", k, "--out", tmp_path / "k.annproj")
    cli(capsys, "train", tmp_path / "k.annproj", "--steps", m, *sets, "--out", tmp_path / "seq.annproj")
    cli(capsys, "train", tmp_path / "k.annproj", "--fork", "b", "--steps", m, *sets, "--out", tmp_path / "fork.annproj")
    seq, seq_project = current_weights(tmp_path / "seq.annproj")
    forked, fork_project = current_weights(tmp_path / "fork.annproj")
    assert all(np.array_equal(a, b) for a, b in zip(seq, forked))
    assert np.array_equal(seq_project.run["step_losses"].values(), fork_project.run["step_losses"].values())
    assert seq_project.run["optimizer_state"].keys() == fork_project.run["optimizer_state"].keys()
    # the parent is kept as it was at the fork, and continuing it matches the file trained k steps
    parent, _ = current_weights(tmp_path / "fork.annproj", "main")
    before, _ = current_weights(tmp_path / "k.annproj")
    assert all(np.array_equal(a, b) for a, b in zip(parent, before))
    lines = [json.loads(line) for line in cli(capsys, "runs", tmp_path / "fork.annproj", "--json").splitlines()]
    assert [(r["name"], r["parent"], r["fork_step"], r["step"]) for r in lines] == [
        ("main", None, 0, k), ("b", "main", k, k + m)]
    assert lines[1]["loss"] == fork_project.run["step_losses"][-1]
    assert lines[1]["changes"]


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_an_in_memory_fork_equals_the_cli(tmp_path, capsys, name):
    """The window's way (fork the live state, configure the trainer) gives the CLI's numbers."""
    start = project_with(tmp_path, OPTIMIZERS[name])
    k, m = 23, 30
    cli(capsys, "train", start, "--steps", k, "--out", tmp_path / "k.annproj")
    cli(capsys, "train", tmp_path / "k.annproj", "--steps", m, *[a for s in CHANGES[name] for a in ("--set", s)],
        "--out", tmp_path / "seq.annproj")
    project = load_project(start)
    trainer = project.build_trainer()
    trainer.train(steps=k)
    project.run = trainer.state_dict()
    fork_run(project, "b")
    from ann_studio.core.setting_paths import apply_assignments, parse_assignment

    apply_assignments(project, [parse_assignment(s) for s in CHANGES[name]])
    branch = project.build_trainer()
    branch.configure(optimizer=project.optimizer, batch_size=project.training.batch_size, loss=project.loss)
    branch.train(steps=m)
    seq, _ = current_weights(tmp_path / "seq.annproj")
    assert all(np.array_equal(a, b) for a, b in zip(seq, branch.network.get_parameters()))


def test_run_zero_steps_switches_and_the_tree_of_three_reopens(tmp_path, capsys):
    start = project_with(tmp_path, OPTIMIZERS["momentum"])
    cli(capsys, "train", start, "--steps", 20, "--out", tmp_path / "a.annproj")
    cli(capsys, "train", tmp_path / "a.annproj", "--fork", "fast", "--steps", 15, "--set",
        "optimizer.learning_rate=0.9", "--out", tmp_path / "b.annproj")
    cli(capsys, "train", tmp_path / "b.annproj", "--run", "main", "--steps", 10, "--out", tmp_path / "c.annproj")
    cli(capsys, "train", tmp_path / "c.annproj", "--fork", "slow", "--steps", 5, "--set",
        "optimizer.learning_rate=0.01", "--out", tmp_path / "d.annproj")
    project = load_project(tmp_path / "d.annproj")
    assert project.runs.names() == ["main", "fast", "slow"] and project.runs.current == "slow"
    steps = {n: snapshot(project.runs, n, project).step for n in project.runs.names()}
    assert steps == {"main": 30, "fast": 35, "slow": 35}
    # --run NAME --steps 0 only switches: the file's network then holds that run's weights
    cli(capsys, "train", tmp_path / "d.annproj", "--run", "fast", "--steps", 0, "--out", tmp_path / "e.annproj")
    fast_b, _ = current_weights(tmp_path / "b.annproj")
    fast_e, e = current_weights(tmp_path / "e.annproj")
    assert e.runs.current == "fast" and all(np.array_equal(a, b) for a, b in zip(fast_b, fast_e))
    # and each run continues exactly: "fast" trained on equals "fast" trained on from b
    cli(capsys, "train", tmp_path / "e.annproj", "--steps", 7, "--out", tmp_path / "f.annproj")
    cli(capsys, "train", tmp_path / "b.annproj", "--steps", 7, "--out", tmp_path / "g.annproj")
    assert all(np.array_equal(a, b) for a, b in zip(current_weights(tmp_path / "f.annproj")[0],
                                                    current_weights(tmp_path / "g.annproj")[0]))


def test_a_file_without_runs_has_one_run_and_writes_no_runs_key(tmp_path, capsys):
    out = tmp_path / "x.annproj"
    cli(capsys, "train", CIRCLES, "--steps", 3, "--out", out)
    assert "runs" not in json.loads(out.read_text(encoding="utf-8"))
    project = load_project(out)
    assert project.runs.names() == ["main"]
    line = json.loads(cli(capsys, "runs", out, "--json"))
    assert line["name"] == "main" and line["parent"] is None and line["fork_step"] == 0 and line["step"] == 3


def test_a_branch_shares_its_parents_keyframes_in_the_file(tmp_path, capsys):
    start = project_with(tmp_path, OPTIMIZERS["sgd"])
    cli(capsys, "train", start, "--steps", 400, "--out", tmp_path / "a.annproj")
    cli(capsys, "train", tmp_path / "a.annproj", "--fork", "b", "--steps", 50, "--set", "optimizer.learning_rate=1",
        "--out", tmp_path / "b.annproj")
    cli(capsys, "train", tmp_path / "b.annproj", "--run", "main", "--steps", 0, "--out", tmp_path / "c.annproj")
    obj = json.loads((tmp_path / "c.annproj").read_text(encoding="utf-8"))
    branch = obj["runs"]["list"][1]
    assert branch["keyframes_shared_before"] == 400
    assert all(f["step"] >= 400 for f in branch["run"].get("keyframes", []))
    project = load_project(tmp_path / "c.annproj")
    b = project.runs.get("b").state
    assert any(f.step < 400 for f in b["keyframes"])  # read back from the parent's
    save_project(project, tmp_path / "d.annproj")  # and written once again
    assert json.loads((tmp_path / "d.annproj").read_text(encoding="utf-8"))["runs"] == obj["runs"]


@pytest.mark.parametrize("setting, message", [
    ("network.layers=1", "network.layers: cannot be set mid-run"),
    ("optimizer.learning_rate=fast", "optimizer.learning_rate: expected a finite number"),
    ("optimizer.type=adamw", "optimizer.type: unknown name"),
    ("training.batch_size=0", "training.batch_size: must be at least 1"),
    ("learning_rate", "--set: expected KEY=VALUE"),
])
def test_bad_settings_are_one_plain_line(tmp_path, capsys, setting, message):
    code = run(["train", str(CIRCLES), "--steps", "1", "--set", setting])
    _out, err = capsys.readouterr()
    assert code == 2 and message in err and err.count("\n") == 1


def test_unknown_run_and_taken_fork_name(capsys):
    assert run(["train", str(CIRCLES), "--steps", "1", "--run", "nope"]) == 2
    assert "there is no run named 'nope'" in capsys.readouterr().err
    assert run(["train", str(CIRCLES), "--steps", "1", "--fork", "main"]) == 2
    assert "there is already a run named 'main'" in capsys.readouterr().err


def test_in_memory_a_branch_holds_its_parents_keyframes_before_the_fork(tmp_path):
    project = load_project(project_with(tmp_path, OPTIMIZERS["sgd"]))
    trainer = project.build_trainer()
    trainer.train(steps=600)
    project.run = trainer.state_dict()
    fork_run(project, "b")
    branch = project.build_trainer()
    branch.set_learning_rate(1.0)
    branch.train(steps=100)
    project.run = branch.state_dict()
    switch_run(project, "main")  # stores b's state: its frames before step 600 become main's objects
    mine = project.runs.get("b").state["keyframes"]
    theirs = {id(f) for f in project.run["keyframes"]}
    before = [f for f in mine if f.step < 600]
    assert before and all(id(f) in theirs for f in before)
    assert any(f.step >= 600 for f in mine) or len(mine) == len(before)


def test_a_snapshot_of_a_run_never_trained_has_its_starting_weights():
    project = load_project(CIRCLES)
    fork_run(project, "b")
    switch_run(project, "main")
    snap = snapshot(project.runs, "b", project)
    assert snap.step == 0 and snap.loss is None and len(snap.params) == 4
    assert all(np.array_equal(a, b) for a, b in zip(snap.params, project.build_network().get_parameters()))


def test_a_parent_changed_before_the_fork_shares_nothing_with_its_branch(tmp_path):
    project = load_project(project_with(tmp_path, OPTIMIZERS["sgd"]))
    trainer = project.build_trainer()
    trainer.train(steps=400)
    project.run = trainer.state_dict()
    fork_run(project, "b")
    switch_run(project, "main")
    main = project.build_trainer()
    main.goto(200)
    main.set_learning_rate(2.0)  # main's past before step 400 is no longer b's
    main.train(steps=10)
    project.run = main.state_dict()
    save_project(project, tmp_path / "t.annproj")
    obj = json.loads((tmp_path / "t.annproj").read_text(encoding="utf-8"))
    assert "keyframes_shared_before" not in obj["runs"]["list"][1]
    reopened = load_project(tmp_path / "t.annproj")
    switch_run(reopened, "b")
    b = reopened.build_trainer()
    b.goto(300)  # a rewind into b's own past replays b's settings, not main's
    alone = load_project(project_with(tmp_path, OPTIMIZERS["sgd"])).build_trainer()
    alone.train(steps=300)
    assert all(np.array_equal(x, y) for x, y in zip(b.network.get_parameters(), alone.network.get_parameters()))


def test_deleting_a_run_gives_its_later_children_its_fork_step_and_undo_restores_theirs():
    from ann_studio.core.run_tree import remove_run, restore_run

    project = load_project(CIRCLES)
    trainer = project.build_trainer()
    trainer.train(steps=10)
    project.run = trainer.state_dict()
    fork_run(project, "b")  # b parts from main at step 10 with a faster learning rate
    project.optimizer.learning_rate *= 2
    branch = project.build_trainer()
    branch.set_learning_rate(project.optimizer.learning_rate)
    branch.train(steps=20)
    project.run = branch.state_dict()
    fork_run(project, "c")  # c forks off b at step 30: its steps 10-30 are b's, not main's
    switch_run(project, "main")
    tree = project.runs
    removed = remove_run(tree, "b")
    c = tree.get("c")
    assert (c.parent, c.fork_step) == ("main", 10)  # where c's past leaves main's
    assert "optimizer.learning_rate" in snapshot(tree, "c", project).changes
    restore_run(tree, *removed)
    assert (c.parent, c.fork_step) == ("b", 30) and "optimizer.learning_rate" not in snapshot(tree, "c", project).changes
