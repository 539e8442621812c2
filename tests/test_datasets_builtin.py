"""Built-in data sets: determinism, shapes, balance, features, digits, watermelon, helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ann_studio.core.datasets import (
    BUILTINS,
    FEATURES,
    Dataset,
    apply_features,
    builtin,
    class_labels,
    class_targets,
    one_hot,
    split,
)
from ann_studio.core.errors import DataError

GENERATED = [name for name, info in BUILTINS.items() if "noise" in info.defaults]
CLASS_SETS = ["circles", "moons", "spirals", "gaussians", "checkerboard", "function"]


def _all_arrays(d: Dataset):
    return [d.train_inputs, d.train_targets, d.test_inputs, d.test_targets]


@pytest.mark.parametrize("name", list(BUILTINS))
def test_every_builtin_is_well_formed(name):
    info = BUILTINS[name]
    d = builtin(name)
    assert d.name == name and d.task == info.task
    for array in _all_arrays(d):
        assert array.dtype == np.float64 and array.ndim == 2 and np.all(np.isfinite(array))
    assert d.input_size == info.n_inputs == len(d.feature_names)
    n = info.defaults.get("samples", 4 if name != "watermelon" else 17)
    assert d.n_train + d.n_test == n
    assert d.n_test == round(n * info.defaults["test_fraction"])
    if d.task == "classification":
        assert len(d.target_names) == (2 if d.output_size == 1 else d.output_size)
        assert set(np.unique(d.train_targets)) <= {0.0, 1.0}
    assert d.meta["builtin"] == name and d.meta["params"]["seed"] == 0


@pytest.mark.parametrize("name", list(BUILTINS))
def test_same_parameters_give_identical_arrays(name):
    a, b = builtin(name, seed=3), builtin(name, seed=3)
    for x, y in zip(_all_arrays(a), _all_arrays(b)):
        assert np.array_equal(x, y)


@pytest.mark.parametrize("name", GENERATED + ["digits"])
def test_a_different_seed_gives_different_data(name):
    assert not np.array_equal(builtin(name, seed=0).train_inputs, builtin(name, seed=1).train_inputs)


def test_generated_points_are_pinned():
    """Same parameters, same points on every machine and release: saved projects depend on it.

    If this fails after a NumPy upgrade, NumPy changed a random stream; see docs/datasets.md.
    """
    d = builtin("spirals", samples=4, seed=0, test_fraction=0.0)
    expected = [[-0.07781279902279967, -0.005984049416712432], [-0.10006893241405727, -0.04794957223906361],
                [-0.011901967979831885, 0.3228749242093245], [-0.43785811108548206, -0.4894784952685911]]
    assert np.allclose(d.train_inputs, expected, rtol=1e-12, atol=1e-12)
    assert d.train_targets[:, 0].tolist() == [1, 1, 0, 0]
    digits = builtin("digits")
    assert class_labels(digits.train_targets[:3]).tolist() == [0, 4, 9]
    assert (digits.test_inputs[0, :8] * 16).tolist() == [0, 0, 1, 13, 7, 0, 0, 0]


@pytest.mark.parametrize("name", CLASS_SETS)
def test_classes_are_balanced(name):
    d = builtin(name, samples=600, test_fraction=0.0)
    counts = np.bincount(class_labels(d.train_targets))
    assert counts.min() == counts.max() == 300


@pytest.mark.parametrize("arms", [2, 3, 5])
def test_spirals_one_hot_only_beyond_two_arms(arms):
    d = builtin("spirals", samples=300, arms=arms, test_fraction=0.0)
    assert d.output_size == (1 if arms == 2 else arms)
    assert d.target_names == [f"arm {j + 1}" for j in range(arms)]
    counts = np.bincount(class_labels(d.train_targets), minlength=arms)
    assert counts.max() - counts.min() <= 1


def test_gaussians_k_blobs_and_checkerboard_cells_label_by_square():
    d = builtin("gaussians", samples=400, k=4, noise=0.05, test_fraction=0.0)
    labels = class_labels(d.train_targets)
    centres = np.array([d.train_inputs[labels == j].mean(axis=0) for j in range(4)])
    assert np.allclose(np.hypot(*centres.T), 0.6, atol=0.05)
    board = builtin("checkerboard", samples=500, cells=3, test_fraction=0.0)
    cell = np.clip(np.floor((board.train_inputs + 1) * 1.5), 0, 2).astype(int)
    assert np.array_equal(cell.sum(axis=1) % 2, class_labels(board.train_targets))


@pytest.mark.parametrize("curve", ["linear", "square", "cubic", "sin", "abs"])
def test_function_labels_points_above_the_curve(curve):
    from ann_studio.core.datasets.synthetic import CURVES

    d = builtin("function", curve=curve, samples=200, test_fraction=0.0)
    x, y = d.train_inputs.T
    assert np.array_equal((y > CURVES[curve][1](x)).astype(float), d.train_targets[:, 0])


def test_circles_inner_class_is_the_disc():
    d = builtin("circles", noise=0.0, test_fraction=0.0)
    radius = np.hypot(*d.train_inputs.T)
    inner = d.train_targets[:, 0] == 1
    assert radius[inner].max() <= 0.5 < 0.7 <= radius[~inner].min()


def test_regression_sets_follow_their_formulas():
    sine = builtin("sine", noise=0.0, periods=2.0)
    assert np.allclose(sine.train_targets[:, 0], np.sin(2 * np.pi * sine.train_inputs[:, 0]))
    plane = builtin("plane", noise=0.0)
    assert np.allclose(plane.train_targets[:, 0], plane.train_inputs.sum(axis=1) / 2)
    bump = builtin("gaussian_bump", noise=0.0, width=0.5)
    assert np.allclose(bump.train_targets[:, 0], np.exp(-(bump.train_inputs**2).sum(axis=1) / 0.5))
    assert sine.target_names == ["y"] and sine.feature_names == ["x"]


def test_truth_tables():
    for gate, outputs in {"xor": [0, 1, 1, 0], "and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "xnor": [1, 0, 0, 1]}.items():
        d = builtin(gate)
        assert d.train_targets[:, 0].tolist() == outputs and d.n_test == 0
        assert d.target_names == ["0", "1"] and d.output_size == 1


def test_watermelon_values():
    d = builtin("watermelon")
    assert d.n_train == 17 and d.feature_names == ["density", "sugar_content"]
    assert d.target_names == ["bad", "good"]
    assert d.train_inputs[0].tolist() == [0.697, 0.460]
    assert d.train_inputs[16].tolist() == [0.719, 0.103]
    assert d.train_targets[:, 0].tolist() == [1] * 8 + [0] * 9
    brief = ("1 0.697 0.460 1; 2 0.774 0.376 1; 3 0.634 0.264 1; 4 0.608 0.318 1; 5 0.556 0.215 1; "
             "6 0.403 0.237 1; 7 0.481 0.149 1; 8 0.437 0.211 1; 9 0.666 0.091 0; 10 0.243 0.267 0; "
             "11 0.245 0.057 0; 12 0.343 0.099 0; 13 0.639 0.161 0; 14 0.657 0.198 0; 15 0.360 0.370 0; "
             "16 0.593 0.042 0; 17 0.719 0.103 0")
    table = np.array([row.split() for row in brief.split(";")], dtype=float)
    assert np.array_equal(d.train_inputs, table[:, 1:3])
    assert np.array_equal(d.train_targets[:, 0], table[:, 3])


def test_digits_count_range_and_split():
    d = builtin("digits")
    assert d.n_train + d.n_test == 1797 and (d.n_train, d.n_test) == (1438, 359)
    everything = np.concatenate([d.train_inputs, d.test_inputs])
    assert everything.min() == 0.0 and everything.max() == 1.0
    assert np.all(np.isin(everything * 16, np.arange(17)))
    assert d.image_shape == (8, 8) and d.output_size == 10
    assert np.all(d.train_targets.sum(axis=1) == 1)
    counts = np.bincount(class_labels(np.concatenate([d.train_targets, d.test_targets])))
    assert counts.tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert len(builtin("digits", samples=100).train_inputs) == 80


def test_missing_digits_file_is_a_data_error(tmp_path):
    from ann_studio.core.datasets.digits import load_digits

    with pytest.raises(DataError, match="missing"):
        load_digits(tmp_path / "nope.csv.gz")
    (tmp_path / "bad.csv.gz").write_bytes(b"\x1f\x8b garbage")
    with pytest.raises(DataError, match="damaged"):
        load_digits(tmp_path / "bad.csv.gz")


def test_features_in_the_order_given():
    d = builtin("xor", features=["x1*x2", "x1", "x2^2"])
    assert d.feature_names == ["x1*x2", "x1", "x2^2"]
    assert d.train_inputs.tolist() == [[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 1, 1]]
    raw = builtin("moons", seed=2)
    engineered = builtin("moons", seed=2, features=list(FEATURES))
    assert np.allclose(engineered.train_inputs[:, 5], np.sin(np.pi * raw.train_inputs[:, 0]))
    assert np.allclose(engineered.test_inputs[:, 4], raw.test_inputs.prod(axis=1))
    assert np.array_equal(engineered.train_targets, raw.train_targets)


@pytest.mark.parametrize(
    ("kwargs", "where"),
    [
        ({"name": "nope"}, "builtin"),
        ({"name": "xor", "samples": 10}, "samples"),
        ({"name": "spirals", "arms": 1}, "arms"),
        ({"name": "spirals", "arms": 2.5}, "arms"),
        ({"name": "gaussians", "k": "three"}, "k"),
        ({"name": "moons", "noise": -1}, "noise"),
        ({"name": "moons", "samples": 0}, "samples"),
        ({"name": "moons", "seed": -1}, "seed"),
        ({"name": "moons", "test_fraction": 1.0}, "test_fraction"),
        ({"name": "function", "curve": "__import__('os')"}, "curve"),
        ({"name": "moons", "features": ["x3"]}, "features[0]"),
        ({"name": "moons", "features": ["x1", "x1"]}, "features[1]"),
        ({"name": "moons", "features": []}, "features"),
        ({"name": "digits", "features": ["x1"]}, "features"),
        ({"name": "circles", "arms": 3}, "arms"),
    ],
)
def test_bad_parameters_name_the_parameter(kwargs, where):
    with pytest.raises(DataError) as info:
        builtin(**kwargs)
    assert info.value.location == where


def test_builtins_catalogue_is_complete_for_a_gui():
    for info in BUILTINS.values():
        assert info.title and info.description and info.task in ("classification", "regression")
        assert set(info.defaults) == set(info.ranges)
        for key, bounds in info.ranges.items():
            default = info.defaults[key]
            assert default in bounds if isinstance(default, str) else bounds[0] <= default <= bounds[1]
    assert BUILTINS["xor"].accepts_features and not BUILTINS["digits"].accepts_features
    with pytest.raises(TypeError):
        BUILTINS["xor"].defaults["test_fraction"] = 0.5


def test_split_is_deterministic_and_complete():
    x, y = np.arange(20.0).reshape(10, 2), np.arange(10.0).reshape(10, 1)
    a, b = split(x, y, 0.3, seed=5), split(x, y, 0.3, seed=5)
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    tr_x, tr_y, te_x, te_y = a
    assert len(tr_x) == 7 and len(te_x) == 3
    assert sorted(np.concatenate([tr_y, te_y])[:, 0]) == list(range(10))
    assert np.array_equal(tr_x[:, 0] / 2, tr_y[:, 0])
    assert not np.array_equal(split(x, y, 0.3, seed=6)[2], te_x)
    kept = split(x, y, 0.0, seed=0)
    assert np.array_equal(kept[0], x) and kept[2].shape == (0, 2)
    assert len(split(x[:1], y[:1], 0.5, seed=0)[0]) == 1


def test_one_hot_and_class_targets():
    assert one_hot([2, 0], 3).tolist() == [[0, 0, 1], [1, 0, 0]]
    assert class_targets([1, 0], 2).tolist() == [[1], [0]]
    assert class_labels(one_hot([2, 0, 1], 3)).tolist() == [2, 0, 1]
    with pytest.raises(DataError):
        one_hot([3], 3)


def test_dataset_checks_its_shapes():
    ok = dict(feature_names=["a"], target_names=["y"], task="regression")
    with pytest.raises(DataError, match="2 training inputs but 1 targets"):
        Dataset("d", [[1], [2]], [[1]], [], [], **ok)
    with pytest.raises(DataError, match="NaN"):
        Dataset("d", [[np.nan]], [[1]], [], [], **ok)
    with pytest.raises(DataError, match="feature names"):
        Dataset("d", [[1, 2]], [[1]], [], [], **ok)
    d = Dataset("d", [1, 2], [3, 4], [], [], **ok)
    assert d.train_inputs.shape == (2, 1) and d.test_inputs.shape == (0, 1) and d.test_targets.shape == (0, 1)


def test_apply_features_needs_two_inputs():
    with pytest.raises(DataError, match="need 2 inputs"):
        apply_features(np.zeros((3, 3)), ["x1"])


def test_datasets_import_no_qt_and_no_pickle_loading():
    code = (
        "import sys, ann_studio.core.datasets as d; d.builtin('digits'); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "[]"
    package = Path(__file__).resolve().parent.parent / "ann_studio" / "core" / "datasets"
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "import pickle" not in text and "allow_pickle=True" not in text, source.name
