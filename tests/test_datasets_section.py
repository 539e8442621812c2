"""The project file's "data" section: every form, and errors located by JSON path."""

from __future__ import annotations

import gzip
import json
import struct

import numpy as np
import pytest

from ann_studio.core.datasets import (
    builtin,
    dataset_from_section,
    save_npz,
    section_for_builtin,
    section_for_dataset,
)
from ann_studio.core.errors import DataError, ProjectError

XOR = {"train": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}}


def project_error(section, base_dir=".") -> ProjectError:
    with pytest.raises(ProjectError) as info:
        dataset_from_section(section, base_dir)
    return info.value


def test_inline_train_and_test(tmp_path):
    section = {**XOR, "test": {"inputs": [[0.5, 0.5]], "targets": [[1]]}, "name": "xor"}
    d = dataset_from_section(section, tmp_path)
    assert d.name == "xor" and d.task == "classification" and d.target_names == ["0", "1"]
    assert d.train_inputs.shape == (4, 2) and d.test_inputs.tolist() == [[0.5, 0.5]]


def test_inline_regression_names_and_flat_targets(tmp_path):
    section = {"train": {"inputs": [[0.05, 0.1]], "targets": [[0.01, 0.99]]}}
    d = dataset_from_section(section, tmp_path)
    assert d.task == "regression" and d.target_names == ["y1", "y2"]
    section = {"train": {"inputs": [1, 2, 3], "targets": [0.5, 1.5, 2.5]}, "feature_names": ["t"],
               "target_names": ["v"], "task": "regression"}
    d = dataset_from_section(section, tmp_path)
    assert d.train_inputs.shape == (3, 1) and d.feature_names == ["t"] and d.target_names == ["v"]


def test_inline_class_numbers_become_one_hot(tmp_path):
    section = {"train": {"inputs": [[1], [2], [3]], "targets": [0, 2, 1]}, "task": "classification"}
    d = dataset_from_section(section, tmp_path)
    assert d.train_targets.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]


@pytest.mark.parametrize(
    ("section", "path", "message"),
    [
        ({"train": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1, 1]], "targets": [[0], [1], [1], [0]]}},
         "data.train.inputs[3]", "expected 2 numbers, got 3"),
        ({"train": {"inputs": [[0, "a"]], "targets": [[0]]}}, "data.train.inputs[0][1]",
         'expected a number, got "a"'),
        ({"train": {"inputs": [[0, True]], "targets": [[0]]}}, "data.train.inputs[0][1]",
         "expected a number, got true"),
        ({"train": {"inputs": [[0, float("nan")]], "targets": [[0]]}}, "data.train.inputs[0][1]",
         "expected a finite number, got NaN"),
        ({"train": {"inputs": [[0, 1]], "targets": [[float("inf")]]}}, "data.train.targets[0][0]",
         "expected a finite number, got Infinity"),
        ({"train": {"inputs": [[0], [1]], "targets": [[0]]}}, "data.train.targets",
         "1 rows, but data.train.inputs has 2"),
        ({"train": {"inputs": [], "targets": []}}, "data.train.inputs", "expected at least one row"),
        ({"train": {"inputs": "abc", "targets": [[0]]}}, "data.train.inputs", 'expected a list of rows, got "abc"'),
        ({"train": {"inputs": [[0]]}}, "data.train", '"targets" is missing'),
        ({"train": {"inputs": [[0]], "targets": [[1]], "extra": 1}}, "data.train.extra",
         "unknown key (expected one of: inputs, targets)"),
        ({**XOR, "test": {"inputs": [[0, 0, 0]], "targets": [[1]]}}, "data.test.inputs[0]",
         "expected 2 numbers, got 3"),
        ({**XOR, "task": "classification", "train": {"inputs": [[0], [1]], "targets": [[0, 0], [1, 1]]}},
         "data.train.targets[0]", "classification targets in several columns must be one-hot: 0s and a single 1 per row"),
        ({**XOR, "task": "clustering"}, "data.task", 'expected "classification" or "regression", got "clustering"'),
        ({**XOR, "feature_names": ["a"]}, "data", "1 feature names for 2 inputs"),
        ([], "data", "expected an object, got a list"),
        ({}, "data", 'expected one of "train" (inline or .npz file), "builtin", "csv" or "idx"'),
        ({**XOR, "builtin": "xor"}, "data", 'give only one of "train" and "builtin"'),
        ({**XOR, "name": 3}, "data.name", "expected text, got 3"),
    ],
)
def test_inline_errors(section, path, message):
    error = project_error(section)
    assert (error.path, error.message) == (path, message)


def test_builtin_form_matches_builtin():
    section = {"builtin": "spirals", "samples": 400, "noise": 0.1, "seed": 1, "test_fraction": 0.2,
               "arms": 3, "features": ["x1", "x2", "x1*x2"]}
    d = dataset_from_section(section, ".")
    e = builtin("spirals", samples=400, noise=0.1, seed=1, test_fraction=0.2, arms=3, features=["x1", "x2", "x1*x2"])
    assert np.array_equal(d.train_inputs, e.train_inputs) and np.array_equal(d.test_targets, e.test_targets)
    assert d.feature_names == ["x1", "x2", "x1*x2"] and d.output_size == 3


@pytest.mark.parametrize(
    ("section", "path", "start"),
    [
        ({"builtin": "nope"}, "data.builtin", 'unknown data set "nope"'),
        ({"builtin": 3}, "data.builtin", "unknown data set 3"),
        ({"builtin": "spirals", "arms": "three"}, "data.arms", "expected a number"),
        ({"builtin": "spirals", "colour": "red"}, "data.colour", '"spirals" has no parameter "colour"'),
        ({"builtin": "moons", "features": ["x1", "zz"]}, "data.features[1]", 'unknown feature "zz"'),
        ({"builtin": "moons", "seed": 1.5}, "data.seed", "expected a whole number"),
        ({"builtin": "moons", "samples": None}, "data.samples", "expected a value, got null"),
        ({"builtin": "xor", "noise": 0.1}, "data.noise", '"xor" has no parameter "noise"'),
    ],
)
def test_builtin_errors(section, path, start):
    error = project_error(section)
    assert error.path == path and error.message.startswith(start), (error.path, error.message)


def test_section_for_builtin_round_trip():
    section = section_for_builtin("gaussians", k=3, samples=90, seed=4, features=["x1", "x2^2"])
    assert section == {"builtin": "gaussians", "samples": 90, "noise": 0.2, "test_fraction": 0.2, "k": 3,
                       "seed": 4, "features": ["x1", "x2^2"]}
    assert json.loads(json.dumps(section)) == section
    d = dataset_from_section(section, ".")
    assert np.array_equal(d.train_inputs, builtin("gaussians", k=3, samples=90, seed=4,
                                                  features=["x1", "x2^2"]).train_inputs)
    assert section_for_builtin("xor") == {"builtin": "xor", "test_fraction": 0.0, "seed": 0}
    with pytest.raises(DataError):
        section_for_builtin("spirals", arms=0)


def test_section_for_dataset_round_trip():
    d = builtin("moons", samples=20)
    section = json.loads(json.dumps(section_for_dataset(d)))
    back = dataset_from_section(section, ".")
    assert np.array_equal(back.train_inputs, d.train_inputs) and np.array_equal(back.test_targets, d.test_targets)
    assert back.target_names == d.target_names and back.name == "moons"


def test_npz_form(tmp_path):
    save_npz(tmp_path / "set.npz", builtin("circles", samples=50))
    d = dataset_from_section({"train": {"file": "set.npz"}}, tmp_path)
    assert d.n_train == 40 and d.n_test == 10
    d = dataset_from_section({"train": {"file": "set.npz"}, "test": {"inputs": [[0, 0]], "targets": [[1]]}},
                             tmp_path)
    assert d.n_test == 1 and d.target_names == ["outer", "inner"]
    error = project_error({"train": {"file": "missing.npz"}}, tmp_path)
    assert error.path == "data.train.file" and error.message.startswith("missing.npz: file not found")
    error = project_error({"train": {"file": ""}}, tmp_path)
    assert (error.path, error.message) == ("data.train.file", 'expected a file name, got ""')


def test_csv_form(tmp_path):
    (tmp_path / "iris.csv").write_text("a,b,kind\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,10,x\n")
    section = {"csv": "iris.csv", "target_columns": ["kind"], "normalise": "zscore", "test_fraction": 0.2,
               "seed": 0}
    d = dataset_from_section(section, tmp_path)
    assert d.n_train == 4 and d.meta["normalisation"]["method"] == "zscore" and d.target_names == ["x", "y"]
    error = project_error({**section, "csv": "none.csv"}, tmp_path)
    assert error.path == "data.csv" and error.message.startswith("none.csv: file not found")
    error = project_error({**section, "normalise": "log"}, tmp_path)
    assert error.path == "data.normalise"
    error = project_error({**section, "target_columns": ["z"]}, tmp_path)
    assert error.path == "data.csv" and 'no column named "z"' in error.message
    error = project_error({**section, "sheet": 2}, tmp_path)
    assert error.path == "data.sheet"
    (tmp_path / "bad.csv").write_text("a,b,c\n1,2,3\n4,x,6\n")
    error = project_error({"csv": "bad.csv"}, tmp_path)
    assert error.message == 'bad.csv: line 3, column "b": "x" is not a number'


def _idx(path, array):
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    path.write_bytes(gzip.compress(header + array.astype(np.uint8).tobytes()))


def test_idx_form(tmp_path):
    _idx(tmp_path / "ti.gz", np.zeros((3, 2, 2)))
    _idx(tmp_path / "tl.gz", np.array([1, 2, 3]))
    files = {"train_images": "ti.gz", "train_labels": "tl.gz", "test_images": "ti.gz", "test_labels": "tl.gz"}
    d = dataset_from_section({"idx": files}, tmp_path)
    assert d.n_train == 3 and d.n_test == 3 and d.image_shape == (2, 2)
    error = project_error({"idx": {**files, "train_labels": "gone.gz"}}, tmp_path)
    assert error.path == "data.idx" and error.message.startswith("gone.gz: file not found")
    error = project_error({"idx": {"train_images": "ti.gz"}}, tmp_path)
    assert (error.path, error.message) == ("data.idx", '"train_labels" is missing')
    error = project_error({"idx": "ti.gz"}, tmp_path)
    assert error.path == "data.idx"


def test_example_projects_data_loads():
    from ann_studio.paths import resource_path

    for example in sorted(resource_path("examples").glob("*.annproj")):
        data = json.loads(example.read_text(encoding="utf-8")).get("data")
        if data:
            assert dataset_from_section(data, example.parent).n_train >= 1
