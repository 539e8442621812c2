"""The headless command line: `ann-studio train|validate|export`, its JSON lines, its output file,
its exit codes (0 ok, 2 invalid input, 3 diverged) and one-line error messages."""

import json
import subprocess
import sys

import numpy as np
import pytest

from ann_studio.cli import run
from ann_studio.core import load_project, project_to_json, save_project
from ann_studio.core.datasets import builtin, save_npz
from ann_studio.core.project import with_current_weights
from tests.helpers import EXAMPLES

MAZUR = EXAMPLES / "mazur.annproj"


def cli(capsys, *args):
    code = run([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write_project(path, **changes):
    obj = json.loads(MAZUR.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        target = obj
        keys = dotted.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[keys[-1] if not isinstance(target, list) else int(keys[-1])] = value
    path.write_text(json.dumps(obj), encoding="utf-8")
    return path


def test_mazur_one_step_gives_the_reference_weights(tmp_path, capsys):
    out = tmp_path / "one.annproj"
    code, stdout, err = cli(capsys, "train", MAZUR, "--steps", "1", "--json", "--out", out)
    assert code == 0 and err == ""
    assert json.loads(stdout) == {"epoch": 1, "step": 1, "loss": pytest.approx(0.2983711087600027, abs=1e-15)}
    net = with_current_weights(load_project(out)).network  # (in memory, .network holds the starting weights)
    assert net.layer("out").weights.ravel() == pytest.approx([0.35891648, 0.408666186, 0.51130127, 0.561370121],
                                                             abs=1e-8)
    assert net.layer("hidden").weights.ravel() == pytest.approx([0.149780716, 0.199561432, 0.249751144,
                                                                 0.299502287], abs=1e-9)
    assert net.layer("hidden").bias.tolist() == [0.35, 0.35]  # Mazur does not train the biases


def test_mazur_ten_thousand_steps_reach_the_reference_loss(tmp_path, capsys):
    out = tmp_path / "trained.annproj"
    code, stdout, _ = cli(capsys, "train", MAZUR, "--steps", "10000", "--out", out)
    assert code == 0
    assert "trained 10000 steps" in stdout
    trainer = load_project(out).build_trainer()
    assert trainer.evaluate().loss == pytest.approx(3.5101878e-05, rel=1e-7)


def test_epoch_lines_carry_every_metric(capsys):
    code, stdout, _ = cli(capsys, "train", EXAMPLES / "spirals.annproj", "--epochs", "3", "--json")
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert code == 0 and [line["epoch"] for line in lines] == [1, 2, 3]
    for line in lines:
        assert set(line) == {"epoch", "step", "loss", "accuracy", "test_loss", "test_accuracy"}
    assert lines[-1]["step"] == 3 * 15  # 240 training samples in batches of 16


def test_step_lines_carry_the_batch_loss(capsys):
    code, stdout, _ = cli(capsys, "train", EXAMPLES / "xor.annproj", "--steps", "5", "--json")
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert code == 0 and [line["step"] for line in lines] == [1, 2, 3, 4, 5]
    trainer = load_project(EXAMPLES / "xor.annproj").build_trainer()
    trainer.train(steps=5)
    assert [line["loss"] for line in lines] == trainer.step_losses


def test_out_writes_weights_that_reload_identically(tmp_path, capsys):
    out = tmp_path / "lesson-trained.annproj"
    assert cli(capsys, "train", EXAMPLES / "lesson.annproj", "--epochs", "4", "--out", out)[0] == 0
    trainer = load_project(EXAMPLES / "lesson.annproj").build_trainer()
    trainer.train(epochs=4)
    reloaded = load_project(out)
    current = with_current_weights(reloaded).network
    for layer in trainer.network.dense:
        spec = current.layer(layer.id)
        assert np.array_equal(spec.weights, layer.W) and np.array_equal(spec.bias, layer.b)
    assert reloaded.extra["title"] == load_project(EXAMPLES / "lesson.annproj").extra["title"]
    # training the reloaded project further is the same as training on
    assert np.array_equal(reloaded.build_trainer().network.predict(trainer.x), trainer.network.predict(trainer.x))


def test_out_elsewhere_keeps_relative_data_files_working(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    save_npz(tmp_path / "a" / "moons.npz", builtin("moons", samples=40))
    project = load_project(EXAMPLES / "xor.annproj")
    project.data = {"train": {"file": "moons.npz"}}
    save_project(project, tmp_path / "a" / "p.annproj")
    code, _, err = cli(capsys, "train", tmp_path / "a" / "p.annproj", "--steps", "2", "--out", tmp_path / "b" / "p.annproj")
    assert code == 0, err
    moved = load_project(tmp_path / "b" / "p.annproj")
    assert moved.data == {"train": {"file": "../a/moons.npz"}}
    moved.build_trainer()


def test_out_to_an_unwritable_place_exits_2(tmp_path, capsys):
    code, _, err = cli(capsys, "train", MAZUR, "--steps", "1", "--out", tmp_path / "missing" / "out.annproj")
    assert code == 2 and "cannot write" in err and err.count("\n") == 1


def test_validate_reports_layers_and_parameters(capsys):
    code, stdout, _ = cli(capsys, "validate", EXAMPLES / "digits.annproj")
    assert code == 0 and "valid — 3 layers, 2260 parameters" in stdout


@pytest.mark.parametrize("command", [["validate"], ["train", "--steps", "1"], ["export", "--to", "python", "x.py"]])
@pytest.mark.parametrize("change, where", [
    ({"network__layers__1__units": "two"}, "network.layers[1].units: expected a positive integer, got \"two\""),
    ({"optimizer__learning_rate": -1}, "optimizer.learning_rate: must be at least 0.0, got -1"),
    ({"network__layers__2__weights": [[0.4, 0.45]]}, "network.layers[2].weights: expected 2 rows"),
    ({"version": 7}, "version: this project was written by a newer ANN Studio"),
    ({"data__train__inputs": [[0.05]]}, "data: the data has 1 inputs but the network's input layers have 2"),
])
def test_invalid_input_exits_2_with_one_line_naming_the_json_path(tmp_path, capsys, command, change, where):
    bad = write_project(tmp_path / "bad.annproj", **change)
    args = [command[0], bad, *command[1:]]
    if command[0] == "export":
        args[-1] = tmp_path / "x.py"
    code, stdout, err = cli(capsys, *args)
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and err.startswith(f"ann-studio: {bad}: ")
    assert where in err


def test_missing_file_and_garbage_exit_2(tmp_path, capsys):
    code, _, err = cli(capsys, "validate", tmp_path / "nope.annproj")
    assert code == 2 and "cannot read" in err and "nope.annproj" in err
    (tmp_path / "junk.annproj").write_bytes(b"\x00\xff\xfe garbage")
    code, _, err = cli(capsys, "train", tmp_path / "junk.annproj", "--epochs", "1")
    assert code == 2 and "not a text (UTF-8) file" in err and err.count("\n") == 1


def test_negative_amounts_are_refused(capsys):
    code, _, err = cli(capsys, "train", MAZUR, "--steps", "-3")
    assert code == 2 and "must not be negative" in err


@pytest.mark.parametrize("amount", [["--steps", str(10**20)], ["--epochs", str(10**14)]])
def test_an_amount_past_the_files_last_step_is_refused_before_training(capsys, amount):
    code, out, err = cli(capsys, "train", MAZUR, *amount)  # would otherwise train for days
    assert code == 2 and "the most a project file holds" in err and err.count("\n") == 1 and out == ""


@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning")
def test_divergence_exits_3_naming_step_and_layer(tmp_path, capsys):
    bad = write_project(tmp_path / "wild.annproj", optimizer__learning_rate=1e6,
                        network__layers__1__activation="linear", network__layers__2__activation="linear")
    code, _, err = cli(capsys, "train", bad, "--steps", "50")
    assert code == 3
    assert err.startswith("ann-studio: training diverged at step ") and "in layer '" in err
    assert err.count("\n") == 1


def test_the_installed_command_prints_no_traceback(tmp_path):
    bad = write_project(tmp_path / "bad.annproj", network__output="nowhere")
    result = subprocess.run([sys.executable, "-m", "ann_studio", "train", str(bad), "--epochs", "1"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == f"ann-studio: {bad}: network.output: output layer 'nowhere' does not exist\n"
    ok = subprocess.run([sys.executable, "-m", "ann_studio", "validate", str(MAZUR)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stderr == ""


def test_usage_errors_exit_2():
    result = subprocess.run([sys.executable, "-m", "ann_studio", "train", str(MAZUR)], capture_output=True, text=True)
    assert result.returncode == 2 and "one of the arguments --steps --epochs is required" in result.stderr


def test_project_to_json_of_a_trained_file_keeps_unknown_keys(tmp_path, capsys):
    src = write_project(tmp_path / "extra.annproj", canvas={"zoom": 1.5})
    out = tmp_path / "out.annproj"
    assert cli(capsys, "train", src, "--steps", "1", "--out", out)[0] == 0
    assert project_to_json(load_project(out))["canvas"] == {"zoom": 1.5}
