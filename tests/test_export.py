"""Export round trips: the NumPy script trains to the same weights as the engine (to 1e-12), its
printed metrics match the app's, and the CSV tables hold the history and a layer's values."""

import csv
import importlib.util
import io
import json
import subprocess
import sys

import numpy as np
import pytest

from ann_studio.cli import run as cli_run
from ann_studio.core import (
    LayerSpec,
    NetworkSpec,
    OptimizerSettings,
    Project,
    ProjectError,
    TrainingSettings,
    load_project,
    save_project,
)
from ann_studio.core.datasets import section_for_builtin
from ann_studio.core.export import export_project, history_csv, layer_values_csv, script_data
from tests.helpers import EXAMPLES, merge_spec

_counter = iter(range(10_000))


def load_script(path):
    """Import an exported script as a module (its ``main`` does not run)."""
    spec = importlib.util.spec_from_file_location(f"exported_{next(_counter)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def two_inputs_spec():
    """Two input layers feeding separate branches that merge: in1 → a, [in2, a] → out."""
    return NetworkSpec([
        LayerSpec("in1", "input", 1), LayerSpec("in2", "input", 1),
        LayerSpec("a", "dense", 3, "elu", ["in1"]),
        LayerSpec("out", "dense", 3, "softmax", ["in2", "a"]),
    ], "out")


def chain(sizes, hidden="sigmoid", out="sigmoid"):
    spec = NetworkSpec.chain(sizes, hidden)
    spec.layers[-1].activation = out
    return spec


def make_project(spec, loss="half_sse", data=None, batch_size=7, shuffle=True, seed=5, **opt):
    data = data or section_for_builtin("gaussians", samples=60, k=spec.layer(spec.output).units
                                       if spec.layer(spec.output).units > 1 else 2, seed=2)
    return Project(spec, loss, OptimizerSettings(**opt), TrainingSettings(batch_size=batch_size, shuffle=shuffle,
                                                                          seed=seed), data)


def spirals3(samples=60):
    return section_for_builtin("spirals", samples=samples, arms=3, seed=1)


CASES = {
    "chain sigmoid half_sse sgd": lambda: make_project(NetworkSpec.chain([2, 5, 1]), learning_rate=2.0),
    "chain tanh/softmax cross_entropy adam": lambda: make_project(
        chain([2, 8, 8, 3], "tanh", "softmax"), "cross_entropy", spirals3(), type="adam", learning_rate=0.01),
    "chain relu mse rmsprop + weight decay": lambda: make_project(
        chain([2, 6, 1], "relu", "linear"), "mse", type="rmsprop", learning_rate=0.01, weight_decay=1e-3),
    "chain leaky_relu/sigmoid bce sgd momentum": lambda: make_project(
        chain([2, 4, 1], "leaky_relu"), "binary_cross_entropy", momentum=0.9, learning_rate=0.1),
    "chain softplus nesterov + l1": lambda: make_project(
        chain([2, 4, 1], "softplus"), momentum=0.5, nesterov=True, l1=1e-3, weight_decay=1e-4),
    "graph merge tanh/sigmoid": lambda: make_project(
        merge_spec(outputs=1), "binary_cross_entropy",
        section_for_builtin("gaussians", samples=40, k=2, seed=3, features=["x1", "x2", "x1*x2"])),
    "graph merge softmax adam + l1": lambda: make_project(
        merge_spec("relu", "softmax", 3), "cross_entropy",
        section_for_builtin("spirals", samples=45, arms=3, seed=1, features=["x1", "x2", "x1^2"]),
        type="adam", learning_rate=0.01, l1=1e-4),
    "chain sigmoid bce sgd + weight decay + l1, weights only": lambda: make_project(
        chain([2, 5, 1], "sigmoid"), "binary_cross_entropy", learning_rate=0.5, weight_decay=0.05, l1=1e-3),
    "chain sigmoid bce sgd + weight decay + l1, biases too": lambda: make_project(
        chain([2, 5, 1], "sigmoid"), "binary_cross_entropy", learning_rate=0.5, weight_decay=0.05, l1=1e-3,
        regularize_bias=True),
    "graph merge adam + weight decay + l1, biases too": lambda: make_project(
        merge_spec("relu", "softmax", 3), "cross_entropy",
        section_for_builtin("spirals", samples=45, arms=3, seed=1, features=["x1", "x2", "x1^2"]),
        type="adam", learning_rate=0.01, weight_decay=0.01, l1=1e-3, regularize_bias=True),
    "graph two input layers, linear mse": lambda: make_project(two_inputs_spec(), "cross_entropy", spirals3(),
                                                               batch_size=60, shuffle=False, learning_rate=0.3),
}


def _frozen_mazur():
    return load_project(EXAMPLES / "mazur.annproj")


CASES["mazur (frozen biases)"] = _frozen_mazur


def export_and_load(project, tmp_path, name="net.py"):
    out = tmp_path / name
    assert export_project(project, "python", out) == out
    return load_script(out)


@pytest.mark.parametrize("case", list(CASES))
def test_script_reproduces_the_engine_weights(case, tmp_path):
    project = CASES[case]()
    steps = 23
    module = export_and_load(project, tmp_path)
    trainer = project.build_trainer()
    trainer.train(steps=steps)
    net = module.build_network()
    costs = net.SGD((module.TRAIN_INPUTS, module.TRAIN_TARGETS), None, module.BATCH_SIZE, module.LEARNING_RATE,
                    steps=steps)
    assert costs == pytest.approx(trainer.step_losses, abs=1e-12)
    ours = [p for layer in trainer.network.dense for p in (layer.W, layer.b)]
    theirs = [p for pair in zip(net.weights, net.biases) for p in pair]
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert a.shape == b.shape
        assert np.max(np.abs(a - b)) <= 1e-12


def test_regularize_bias_changes_only_what_it_says(tmp_path):
    """Weights only (the default) leaves the bias update unregularised; the cases above differ."""
    runs = {}
    for which in ("weights only", "biases too"):
        trainer = CASES[f"chain sigmoid bce sgd + weight decay + l1, {which}"]().build_trainer()
        trainer.train(steps=20)
        runs[which] = trainer.network.dense
    assert all(np.max(np.abs(a.b - b.b)) > 1e-6 for a, b in zip(runs["weights only"], runs["biases too"]))
    text = (tmp_path / "w.py")
    export_project(CASES["chain sigmoid bce sgd + weight decay + l1, weights only"](), "python", text)
    assert "if not is_weight:" in text.read_text()
    export_project(CASES["chain sigmoid bce sgd + weight decay + l1, biases too"](), "python", text)
    assert "if not is_weight:" not in text.read_text()


def test_script_has_the_lesson_names_and_a_chain_reads_like_nielsen(tmp_path):
    project = load_project(EXAMPLES / "lesson.annproj")
    module = export_and_load(project, tmp_path)
    text = (tmp_path / "net.py").read_text(encoding="utf-8")
    sizes = [layer.units for layer in project.network.layers]
    for name in ("class Network", "def feedforward", "def backprop", "def SGD", "def update_mini_batch",
                 "def evaluate", "def sigmoid(z)", "def sigmoid_prime"):
        assert name in text
    assert f"Network({sizes}" in text
    assert module.Network.__init__.__code__.co_varnames[1] == "sizes"
    assert "import ann_studio" not in text and "pickle" not in text


def test_script_run_prints_the_apps_epoch_numbers(tmp_path):
    project = CASES["chain tanh/softmax cross_entropy adam"]()
    out = tmp_path / "spirals.py"
    export_project(project, "python", out)
    result = subprocess.run([sys.executable, str(out), "--epochs", "3", "--json"], capture_output=True, text=True,
                            check=True, cwd=tmp_path)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    trainer = project.build_trainer()
    trainer.train(epochs=3)
    assert len(lines) == 3
    for line, record in zip(lines, trainer.epoch_records):
        expected = record.as_dict()
        assert set(line) == set(expected)
        for key, value in expected.items():
            assert line[key] == pytest.approx(value, rel=1e-12, abs=1e-15), key


def test_digits_script_reaches_the_apps_accuracy(tmp_path):
    project = load_project(EXAMPLES / "digits.annproj")
    module = export_and_load(project, tmp_path)
    records = []
    net = module.build_network()
    net.SGD((module.TRAIN_INPUTS, module.TRAIN_TARGETS), 2, module.BATCH_SIZE, module.LEARNING_RATE,
            (module.TEST_INPUTS, module.TEST_TARGETS), report=records.append)
    trainer = project.build_trainer()
    trainer.train(epochs=2)
    assert [r["test_accuracy"] for r in records] == [r.test_accuracy for r in trainer.epoch_records]
    assert records[-1]["loss"] == pytest.approx(trainer.epoch_records[-1].loss, rel=1e-12)


def test_large_data_goes_to_a_npz_beside_the_script(tmp_path, monkeypatch):
    monkeypatch.setattr(script_data, "MAX_INLINE_VALUES", 50)
    project = CASES["chain sigmoid half_sse sgd"]()
    module = export_and_load(project, tmp_path, "big.py")
    assert (tmp_path / "big.npz").exists()
    assert "np.load(" in (tmp_path / "big.py").read_text(encoding="utf-8")
    ds = project.dataset()
    assert np.array_equal(module.TRAIN_INPUTS, ds.train_inputs)
    assert np.array_equal(module.TEST_TARGETS, ds.test_targets)


def test_export_of_trained_weights_starts_from_them(tmp_path):
    project = load_project(EXAMPLES / "xor.annproj")
    trainer = project.build_trainer()
    trainer.train(steps=50)
    from ann_studio.core import with_trained_weights

    trained = with_trained_weights(project, trainer.network)
    module = export_and_load(trained, tmp_path)
    net = module.build_network()
    assert np.array_equal(net.feedforward(module.TRAIN_INPUTS), trainer.network.predict(trainer.x))


def test_cli_export_writes_a_runnable_script(tmp_path, capsys):
    out = tmp_path / "xor.py"
    assert cli_run(["export", str(EXAMPLES / "xor.annproj"), "--to", "python", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    result = subprocess.run([sys.executable, str(out), "--steps", "4", "--json"], capture_output=True, text=True,
                            check=True)
    assert json.loads(result.stdout.splitlines()[-1])["step"] == 4


def test_cli_export_to_a_missing_folder_fails_with_one_line(tmp_path, capsys):
    code = cli_run(["export", str(EXAMPLES / "xor.annproj"), "--to", "python", str(tmp_path / "no" / "x.py")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "cannot write" in err and "Traceback" not in err


def test_export_rejects_an_unknown_kind(tmp_path):
    with pytest.raises(ProjectError, match="unknown export kind"):
        export_project(load_project(EXAMPLES / "xor.annproj"), "matlab", tmp_path / "x.m")


def test_export_of_data_that_does_not_fit_names_the_data(tmp_path):
    project = make_project(NetworkSpec.chain([3, 2, 1]))
    with pytest.raises(ProjectError, match="^data: the data has 2 inputs"):
        export_project(project, "python", tmp_path / "x.py")


ODD_IDS = {"in": "x", "a": "1 hidden", "b": 'b"""\nimport os', "c": "class", "out": "résultat"}


def odd_ids_spec():
    """merge_spec with layer ids that are not Python names (or try to break out of a string)."""
    spec = merge_spec(outputs=1)
    for layer in spec.layers:
        layer.inputs = [ODD_IDS[src] for src in layer.inputs]
        layer.id = ODD_IDS[layer.id]
    spec.output = ODD_IDS["out"]
    return spec


def test_odd_layer_ids_are_written_safely(tmp_path):
    project = make_project(odd_ids_spec(), data=section_for_builtin(
        "gaussians", samples=20, k=2, seed=3, features=["x1", "x2", "x1*x2"]))
    module = export_and_load(project, tmp_path)
    net = module.build_network()
    assert [layer[0] for layer in net.layers] == ["1 hidden", 'b"""\nimport os', "class", "résultat"]
    trainer = project.build_trainer()
    assert np.array_equal(net.predict(module.TRAIN_INPUTS), trainer.network.predict(trainer.x))


# ----------------------------------------------------------------------------- CSV


def test_history_csv_has_one_row_per_step_and_epoch_metrics(tmp_path):
    project = load_project(EXAMPLES / "lesson.annproj")
    trainer = project.build_trainer()
    trainer.train(epochs=2)
    rows = list(csv.DictReader(io.StringIO(history_csv(trainer))))
    n = trainer.steps_per_epoch()
    assert len(rows) == trainer.step == 2 * n
    assert [float(r["batch_loss"]) for r in rows] == trainer.step_losses
    assert [r["epoch"] for r in rows] == ["1"] * n + ["2"] * n
    ends = [r for r in rows if r["loss"]]
    assert [int(r["step"]) for r in ends] == [n, 2 * n]
    assert float(ends[-1]["loss"]) == trainer.epoch_records[-1].loss
    assert float(ends[-1]["accuracy"]) == trainer.epoch_records[-1].accuracy
    assert ends[-1]["test_loss"] == ""  # no test set


def test_layer_values_csv_matches_the_forward_pass():
    project = load_project(EXAMPLES / "lesson.annproj")
    trainer = project.build_trainer()
    trainer.train(steps=5)
    text = layer_values_csv(trainer, "hidden")
    rows = list(csv.reader(io.StringIO(text)))
    q = trainer.network.layer("hidden").units
    assert rows[0] == ["sample"] + [f"z{j}" for j in range(1, q + 1)] + [f"a{j}" for j in range(1, q + 1)]
    assert len(rows) == 1 + trainer.n_samples
    layer = trainer.network.layer("hidden")
    z = trainer.x @ layer.W.T + layer.b
    values = np.array([[float(v) for v in row[1:]] for row in rows[1:]])
    assert np.allclose(values[:, :q], z, rtol=0, atol=1e-15)
    assert np.allclose(values[:, q:], 1 / (1 + np.exp(-z)), atol=1e-12)
    inputs = list(csv.reader(io.StringIO(layer_values_csv(trainer, "input"))))
    assert inputs[0] == ["sample", "a1", "a2"] and float(inputs[3][1]) == trainer.x[2, 0]


def test_layer_values_csv_errors_name_the_problem():
    trainer = load_project(EXAMPLES / "lesson.annproj").build_trainer()
    with pytest.raises(ProjectError, match="unknown layer 'nope'"):
        layer_values_csv(trainer, "nope")
    with pytest.raises(ProjectError, match="no test set"):
        layer_values_csv(trainer, "hidden", "test")


def test_exported_digits_project_file_round_trip_is_unchanged(tmp_path):
    """Saving a loaded example and exporting it again gives the same script body."""
    project = load_project(EXAMPLES / "xor.annproj")
    save_project(project, tmp_path / "copy.annproj")
    a = export_and_load(project, tmp_path, "a.py")
    b = export_and_load(load_project(tmp_path / "copy.annproj"), tmp_path, "b.py")
    for wa, wb in zip(a.build_network().weights, b.build_network().weights):
        assert np.array_equal(wa, wb)
