"""The run is part of the project (issue 12): Trainer.state_dict / load_state_dict, file format v2,
the CLI continuing a run bit for bit, mid-run edits, structural carry-over, bounded history."""

import json
import os

import numpy as np
import pytest

from ann_studio.cli import run
from ann_studio.core import load_project, save_project
from ann_studio.core.history import EpochRecord, EpochRecords, StepLosses
from ann_studio.core.run_carry import carry_over
from tests.helpers import EXAMPLES

OPTIMIZERS = {
    "sgd": {"type": "sgd", "learning_rate": 0.3},
    "momentum": {"type": "sgd", "learning_rate": 0.1, "momentum": 0.9},
    "nesterov": {"type": "sgd", "learning_rate": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 1e-3},
    "rmsprop": {"type": "rmsprop", "learning_rate": 0.01},
    "adam": {"type": "adam", "learning_rate": 0.01},
}


def spirals(tmp_path, optimizer: str, batch_size: int = 7):
    """Spirals (shuffled; 7 does not divide the sample count, so the last batch is ragged)."""
    obj = json.loads((EXAMPLES / "spirals.annproj").read_text(encoding="utf-8"))
    obj["optimizer"] = OPTIMIZERS[optimizer]
    obj["training"].update(batch_size=batch_size, shuffle=True)
    path = tmp_path / f"{optimizer}.annproj"
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


def params_equal(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b))


def cli(capsys, *args):
    code = run([str(a) for a in args])
    return code, *capsys.readouterr()


# ----------------------------------------------------------------------------- CLI chaining


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
def test_train_a_then_b_equals_train_a_plus_b_bit_for_bit(tmp_path, capsys, optimizer):
    src = spirals(tmp_path, optimizer)
    n = load_project(src).dataset().train_inputs.shape[0]
    a, b = 150, 2 * (-(-n // 7)) + 3  # b crosses two epoch ends, mid-epoch start and finish
    assert cli(capsys, "train", src, "--steps", a, "--out", tmp_path / "a.annproj")[0] == 0
    assert cli(capsys, "train", tmp_path / "a.annproj", "--steps", b, "--out", tmp_path / "ab.annproj")[0] == 0
    assert cli(capsys, "train", src, "--steps", a + b, "--out", tmp_path / "c.annproj")[0] == 0
    chained = json.loads((tmp_path / "ab.annproj").read_text(encoding="utf-8"))
    direct = json.loads((tmp_path / "c.annproj").read_text(encoding="utf-8"))
    assert chained["version"] == 2 and chained["run"]["step"] == a + b
    assert chained["network"] == direct["network"]  # the current weights, bit for bit (JSON repr)
    assert chained["run"]["optimizer_state"] == direct["run"]["optimizer_state"]
    assert chained["run"]["data_order"] == direct["run"]["data_order"]
    assert chained["run"]["history"] == direct["run"]["history"]
    # the starting weights are kept: --restart trains from them again
    assert chained["run"]["initial"] == direct["run"]["initial"]
    assert cli(capsys, "train", tmp_path / "ab.annproj", "--restart", "--steps", a + b,
               "--out", tmp_path / "again.annproj")[0] == 0
    again = json.loads((tmp_path / "again.annproj").read_text(encoding="utf-8"))
    assert again["network"] == direct["network"]


def test_export_writes_current_weights_and_initial_on_request(tmp_path, capsys):
    trained = tmp_path / "t.annproj"
    assert cli(capsys, "train", EXAMPLES / "mazur.annproj", "--steps", 1, "--out", trained)[0] == 0
    for flag, expected in (((), 0.35891647971788465), (("--initial",), 0.4)):
        out = tmp_path / f"net{len(flag)}.py"
        assert cli(capsys, "export", trained, "--to", "python", *flag, out)[0] == 0
        text = out.read_text(encoding="utf-8")
        assert repr(expected) in text, flag  # w5 of Mazur's example after one step, or before


def test_help_prints_usage_without_a_display(capsys):
    from ann_studio.__main__ import main

    assert main(["--help"]) == 0
    assert "usage: ann-studio" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["train", "--help"])
    assert info.value.code == 0 and "--restart" in capsys.readouterr().out


def test_out_is_checked_before_training_and_written_through_a_symlink(tmp_path, capsys):
    code, _, err = cli(capsys, "train", EXAMPLES / "xor.annproj", "--steps", 10, "--out", "")
    assert code == 2 and err.strip() == "ann-studio: --out needs a file name"
    code, _, err = cli(capsys, "train", EXAMPLES / "xor.annproj", "--steps", 10**9, "--out", tmp_path / "no" / "x")
    assert code == 2 and "does not exist" in err  # at once: 10⁹ steps would take hours
    target = tmp_path / "real.annproj"
    target.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.annproj"
    link.symlink_to(target)
    assert cli(capsys, "train", EXAMPLES / "xor.annproj", "--steps", 5, "--out", link)[0] == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["run"]["step"] == 5


def test_divergence_is_one_line_without_numpy_warnings(tmp_path, capsys):
    obj = json.loads((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"))
    obj["optimizer"] = {"type": "sgd", "learning_rate": 1e6}
    obj["loss"] = "half_sse"
    for layer in obj["network"]["layers"]:
        layer.pop("weights", None)
        layer.pop("bias", None)
        if layer.get("type") == "dense":
            layer["activation"] = "linear"
    path = tmp_path / "wild.annproj"
    path.write_text(json.dumps(obj), encoding="utf-8")
    code, _, err = cli(capsys, "train", path, "--steps", 1000)
    assert code == 3
    assert len(err.strip().splitlines()) == 1 and "RuntimeWarning" not in err


# ----------------------------------------------------------------------------- API


def test_state_dict_round_trip_through_a_file_continues_exactly(tmp_path):
    project = load_project(spirals(tmp_path, "adam"))
    trainer = project.build_trainer()
    trainer.train(steps=200)
    for _ in range(3):
        trainer.step_phase()  # saved mid-step: reopening replays the phases
    project.run = trainer.state_dict()
    save_project(project, tmp_path / "mid.annproj")
    reopened = load_project(tmp_path / "mid.annproj").build_trainer()
    assert (reopened.step, reopened.phase_index) == (200, 3)
    trainer.train(steps=40)
    reopened.train(steps=40)
    assert params_equal(trainer.network.get_parameters(), reopened.network.get_parameters())
    assert reopened.step_losses == trainer.step_losses
    # rewinding into the reopened run replays from run.initial, bit for bit
    trainer.goto(17)
    reopened.goto(17)
    assert params_equal(trainer.network.get_parameters(), reopened.network.get_parameters())


def test_a_v1_file_opens_as_a_run_at_step_zero():
    project = load_project(EXAMPLES / "mazur.annproj")
    assert project.run is None and project.build_trainer().step == 0


def test_an_edit_mid_run_continues_and_replays(tmp_path):
    project = load_project(EXAMPLES / "xor.annproj")
    t = project.build_trainer()
    t.train(steps=100)
    t.set_parameter("hidden", "weights", (0, 1), 0.5)
    assert t.step == 100 and t.network.layer("hidden").W[0, 1] == 0.5
    t.train(steps=50)
    after = t.network.get_parameters()
    t.goto(30)
    t.goto(150)  # replay passes the edit at step 100
    assert params_equal(after, t.network.get_parameters())
    project.run = t.state_dict()
    save_project(project, tmp_path / "edited.annproj")
    obj = json.loads((tmp_path / "edited.annproj").read_text(encoding="utf-8"))
    assert obj["run"]["edits"] == [{"step": 100, "layer": "hidden", "param": "weights", "index": [0, 1],
                                    "value": 0.5, "old": obj["run"]["edits"][0]["old"]}]
    again = load_project(tmp_path / "edited.annproj").build_trainer()
    again.goto(0)
    again.goto(150)
    assert params_equal(after, again.network.get_parameters())


def test_structural_edit_keeps_surviving_weights_and_the_run(tmp_path):
    from ann_studio.document.commands import with_layer_edited

    project = load_project(EXAMPLES / "xor.annproj")
    old = project.build_trainer()
    old.train(steps=300)
    before = {layer.id: (layer.W.copy(), layer.b.copy()) for layer in old.network.dense}
    project.network = with_layer_edited(project.network, "hidden", units=3)
    new = project.build_trainer(restart=True)
    carry_over(new, old)
    assert new.step == 300 and len(new.step_losses) == 300
    hidden, out = new.network.layer("hidden"), new.network.layer(new.network.output_id)
    assert np.array_equal(hidden.W[:2], before["hidden"][0]) and np.array_equal(hidden.b[:2], before["hidden"][1])
    assert np.array_equal(out.W[:, :2], before[out.id][0])
    new.train(steps=10)
    assert new.step == 310 and new.first_step == 300


# ----------------------------------------------------------------------------- bounded history


def test_step_losses_stay_bounded_and_exact_at_the_end():
    losses = StepLosses()
    values = np.random.default_rng(0).random(1_000_000)
    for chunk in np.array_split(values, 97):
        losses.extend(chunk)
    assert len(losses) == 1_000_000 and losses.nbytes() < 4 * 2**20
    assert losses[-1] == values[-1] and np.array_equal(losses.tail(5000), values[-5000:])
    steps, mean, low, high = losses.envelope()
    assert low.min() == pytest.approx(values[: losses.exact_from].min())
    assert high.max() == pytest.approx(values[: losses.exact_from].max())
    text = json.dumps(losses.to_json())
    assert len(text) < 3 * 2**20
    assert StepLosses.from_json(json.loads(text), "h") == losses
    losses.truncate(123_457)
    assert len(losses) == 123_457


def test_epoch_records_stay_bounded():
    records = EpochRecords()
    for e in range(1, 100_001):
        records.append(EpochRecord(e, e, 1.0 / e))
    assert len(records) <= 3 * EpochRecords.EXACT and records[-1].epoch == 100_000
    records.truncate_to_epoch(99_000)
    assert records[-1].epoch == 99_000


def test_a_million_step_run_saves_small(tmp_path):
    project = load_project(EXAMPLES / "xor.annproj")
    t = project.build_trainer()
    t.step_losses.extend(np.random.default_rng(1).random(1_000_000))  # the history of a long run
    t.step += 1_000_000
    project.run = t.state_dict()
    save_project(project, tmp_path / "long.annproj")
    assert os.path.getsize(tmp_path / "long.annproj") < 10 * 2**20


def test_100k_steps_of_xor_stay_under_150_mb(tmp_path):
    """Memory stays flat on long runs (was 288 MB peak for 100k steps, 805 MB for 300k)."""
    import subprocess
    import sys

    # the child's own high-water mark (VmHWM starts afresh at exec; ru_maxrss would count the
    # pages it shared with this big test process right after the fork)
    script = ("import sys; from ann_studio.__main__ import main; code = main(sys.argv[1:]); "
              "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]; "
              "print(hwm.split()[1], file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, "train", str(EXAMPLES / "xor.annproj"), "--steps", "100000",
                           "--out", str(tmp_path / "long.annproj")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    assert peak_mb < 150, f"peak RSS {peak_mb:.0f} MB"
    reopened = load_project(tmp_path / "long.annproj")
    assert reopened.run["step"] == 100_000 and len(reopened.run["step_losses"]) == 100_000


def test_big_projects_keep_their_arrays_in_a_sibling_npz(tmp_path, monkeypatch):
    from ann_studio.core import array_store

    monkeypatch.setattr(array_store, "SIDECAR_PARAMETERS", 10)
    monkeypatch.setattr(array_store, "SIDECAR_MIN_VALUES", 4)
    project = load_project(EXAMPLES / "spirals.annproj")
    t = project.build_trainer()
    t.train(steps=30)
    project.run = t.state_dict()
    save_project(project, tmp_path / "big.annproj")
    obj = json.loads((tmp_path / "big.annproj").read_text(encoding="utf-8"))
    assert obj["arrays"] == "big.annproj.arrays.npz" and (tmp_path / "big.annproj.arrays.npz").is_file()
    hidden = next(layer for layer in obj["network"]["layers"] if layer["type"] == "dense")
    assert set(hidden["weights"]) == {"npz"}
    again = load_project(tmp_path / "big.annproj").build_trainer()
    t.train(steps=5)
    again.train(steps=5)
    assert params_equal(t.network.get_parameters(), again.network.get_parameters())
    (tmp_path / "big.annproj.arrays.npz").unlink()
    with pytest.raises(Exception, match="array file big.annproj.arrays.npz is missing"):
        load_project(tmp_path / "big.annproj")


def test_a_failed_save_keeps_the_previous_file_and_its_arrays(tmp_path, monkeypatch):
    from ann_studio.core import array_store
    from ann_studio.core import project as project_mod

    monkeypatch.setattr(array_store, "SIDECAR_PARAMETERS", 10)
    monkeypatch.setattr(array_store, "SIDECAR_MIN_VALUES", 4)
    project = load_project(EXAMPLES / "spirals.annproj")
    t = project.build_trainer()
    t.train(steps=10)
    project.run = t.state_dict()
    save_project(project, tmp_path / "p.annproj")
    before = params_equal  # (name kept short below)
    first = load_project(tmp_path / "p.annproj").build_trainer().network.get_parameters()
    t.train(steps=10)
    project.run = t.state_dict()

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_mod, "write_atomic", fail)
    with pytest.raises(OSError):
        save_project(project, tmp_path / "p.annproj")
    again = load_project(tmp_path / "p.annproj").build_trainer()
    assert before(first, again.network.get_parameters())  # the old pair, intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.annproj", "p.annproj.arrays.npz"]
