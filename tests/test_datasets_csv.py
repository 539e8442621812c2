"""CSV import: header detection, targets, normalisation, and exact error messages."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ann_studio.core.datasets import apply_normalisation, load_csv
from ann_studio.core.errors import DataError

IRIS_LIKE = """sepal_length,sepal_width,petal_width,species
5.1,3.5,0.2,setosa
4.9,3.0,0.2,setosa
7.0,3.2,1.4,versicolor
6.4,3.2,1.5,versicolor
6.3,3.3,2.5,virginica
5.8,2.7,1.9,virginica
"""


def write(tmp_path: Path, text: str | bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def message(path: Path, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        load_csv(path, **kwargs)
    return str(info.value)


def test_header_detected_and_string_labels_one_hot(tmp_path):
    d = load_csv(write(tmp_path, IRIS_LIKE, "iris.csv"), test_fraction=0.0)
    assert d.name == "iris.csv" and d.task == "classification"
    assert d.feature_names == ["sepal_length", "sepal_width", "petal_width"]
    assert d.target_names == ["setosa", "versicolor", "virginica"]
    assert d.train_targets.tolist() == [[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]]
    assert d.train_inputs[0].tolist() == [5.1, 3.5, 0.2]
    assert d.meta["header"] is True and d.meta["columns"][-1] == "species"


def test_no_header_numeric_file(tmp_path):
    d = load_csv(write(tmp_path, "1,2,0.5\n3,4,1.5\n5,6,2.25\n"), test_fraction=0.0)
    assert d.meta["header"] is False and d.task == "regression"
    assert d.feature_names == ["x1", "x2"] and d.target_names == ["y"]
    assert d.train_targets[:, 0].tolist() == [0.5, 1.5, 2.25]


def test_header_forced_either_way(tmp_path):
    path = write(tmp_path, "1,2,3\n4,5,6\n7,8,9\n")
    assert load_csv(path, header=True, test_fraction=0.0).feature_names == ["1", "2"]
    assert load_csv(path, header=False, test_fraction=0.0).n_train == 3


def test_two_string_classes_make_one_binary_column(tmp_path):
    d = load_csv(write(tmp_path, "x,label\n1,yes\n2,no\n3,yes\n"), test_fraction=0.0)
    assert d.target_names == ["no", "yes"] and d.train_targets[:, 0].tolist() == [1, 0, 1]


def test_numeric_class_labels_auto_detected(tmp_path):
    d = load_csv(write(tmp_path, "a,b,c\n1,2,0\n3,4,2\n5,6,1\n7,8,2.0\n0,0,1\n0,1,0\n"), test_fraction=0.0)
    assert d.task == "classification" and d.target_names == ["0", "1", "2"]
    assert d.train_targets.argmax(axis=1).tolist() == [0, 2, 1, 2, 1, 0]
    assert load_csv(write(tmp_path, "a,b\n1,0\n3,1\n")).task == "classification"
    few = write(tmp_path, "a,b,c\n1,2,3\n3,4,2\n3,4,7\n")
    assert load_csv(few).task == "regression"
    assert load_csv(few, task="classification").target_names == ["2", "3", "7"]


def test_target_columns_by_name_index_and_several(tmp_path):
    path = write(tmp_path, "a,b,y1,y2\n1,2,0.1,0.2\n3,4,0.3,0.4\n5,6,0.5,0.6\n")
    d = load_csv(path, target_columns=["y1", "y2"], test_fraction=0.0)
    assert d.feature_names == ["a", "b"] and d.target_names == ["y1", "y2"] and d.task == "regression"
    d = load_csv(path, target_columns=0, test_fraction=0.0)
    assert d.feature_names == ["b", "y1", "y2"] and d.train_targets[:, 0].tolist() == [1, 3, 5]
    onehot = write(tmp_path, "x,c0,c1,c2\n1,1,0,0\n2,0,0,1\n3,0,1,0\n", "oh.csv")
    d = load_csv(onehot, target_columns=[1, 2, 3], test_fraction=0.0)
    assert d.task == "classification" and d.target_names == ["c0", "c1", "c2"]


def test_target_column_errors(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,3\n4,5,6\n", "t.csv")
    assert message(path, target_columns="z") == 't.csv: no column named "z" (columns: a, b, c)'
    assert message(path, target_columns=7) == "t.csv: there is no column 7 (the file has 3 columns, counted from 0)"
    assert "no input columns" in message(path, target_columns=[0, 1, 2])
    assert message(path, target_columns=[1, 1]).startswith("target_columns:")


def test_normalisation_fitted_on_train_only(tmp_path):
    rows = "\n".join(f"{i},{i * i % 7},{i % 2}" for i in range(50))
    path = write(tmp_path, "a,b,label\n" + rows + "\n")
    raw = load_csv(path, test_fraction=0.3, seed=4)
    for method in ("minmax", "zscore"):
        d = load_csv(path, normalise=method, test_fraction=0.3, seed=4)
        params = d.meta["normalisation"]
        assert params["method"] == method
        assert np.allclose(apply_normalisation(raw.train_inputs, params), d.train_inputs)
        assert np.allclose(apply_normalisation(raw.test_inputs, params), d.test_inputs)
        if method == "minmax":
            assert np.allclose(d.train_inputs.min(axis=0), 0) and np.allclose(d.train_inputs.max(axis=0), 1)
            assert np.allclose(params["shift"], raw.train_inputs.min(axis=0))
        else:
            assert np.allclose(d.train_inputs.mean(axis=0), 0) and np.allclose(d.train_inputs.std(axis=0), 1)
            assert not np.allclose(params["shift"], np.concatenate([raw.train_inputs, raw.test_inputs]).mean(0))


def test_split_is_deterministic(tmp_path):
    path = write(tmp_path, IRIS_LIKE)
    a, b = load_csv(path, test_fraction=0.5, seed=1), load_csv(path, test_fraction=0.5, seed=1)
    assert np.array_equal(a.test_inputs, b.test_inputs) and a.n_test == 3


def test_bad_number_message(tmp_path):
    lines = IRIS_LIKE.splitlines()
    lines[4] = "6.4,3.2,abc,versicolor"
    path = write(tmp_path, "\n".join(lines) + "\n", "iris.csv")
    assert message(path) == 'iris.csv: line 5, column "petal_width": "abc" is not a number'
    no_header = write(tmp_path, "1,2,3\n4,x,6\n", "plain.csv")
    assert message(no_header) == 'plain.csv: line 2, column 2: "x" is not a number'


def test_empty_cell_nan_and_regression_target_messages(tmp_path):
    assert message(write(tmp_path, "a,b,c\n1,,3\n4,5,6\n", "e.csv")) == (
        'e.csv: line 2, column "b": empty cell (missing values are not supported)')
    assert message(write(tmp_path, "a,b,c\n1,2,3\n4,nan,6\n", "n.csv")) == (
        'n.csv: line 3, column "b": NaN and infinity are not allowed')
    assert message(write(tmp_path, "a,b,c\n1,2,3\n4,5,six\n", "r.csv"), task="regression") == (
        'r.csv: line 3, column "c": "six" is not a number')


def test_ragged_rows_message(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,3\n4,5\n", "ragged.csv")
    assert message(path) == "ragged.csv: line 3: expected 3 columns, got 2"


def test_blank_lines_skipped_and_line_numbers_kept(tmp_path):
    path = write(tmp_path, "a,b,c\n\n1,2,0\n,,\n3,x,1\n", "gaps.csv")
    assert message(path) == 'gaps.csv: line 5, column "b": "x" is not a number'


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_empty_file_message(tmp_path, text):
    assert message(write(tmp_path, text, "empty.csv")) == "empty.csv: the file is empty"


def test_header_only_and_single_column(tmp_path):
    assert message(write(tmp_path, "a,b\n", "h.csv"), header=True) == "h.csv: no data rows (only a header)"
    assert "only one column" in message(write(tmp_path, "1\n2\n", "one.csv"))


def test_binary_garbage_message(tmp_path):
    garbage = bytes(range(256)) * 4
    assert message(write(tmp_path, garbage, "blob.csv")) == (
        "blob.csv: not CSV text: the file holds NUL bytes (a binary file, or UTF-16 text; save it as CSV UTF-8)")


def test_non_utf8_message_and_encoding_option(tmp_path):
    text = "长度,标签\n1.5,甲\n2.5,乙\n"
    path = write(tmp_path, text.encode("gb18030"), "gbk.csv")
    assert message(path) == ("gbk.csv: line 1: not valid utf-8 text (byte 0xb3); save the file as CSV UTF-8, "
                             "or give its encoding (e.g. gb18030)")
    d = load_csv(path, encoding="gb18030", test_fraction=0.0)
    assert d.feature_names == ["长度"] and d.target_names == ["乙", "甲"]
    assert message(path, encoding="klingon") == 'encoding: unknown text encoding "klingon"'


def test_bom_semicolons_tabs_and_quotes(tmp_path):
    d = load_csv(write(tmp_path, "\ufeffa;b;c\n1;2;x\n3;4;y\n"), test_fraction=0.0)
    assert d.feature_names == ["a", "b"] and d.meta["delimiter"] == ";"
    d = load_csv(write(tmp_path, "a\tb\tc\n1\t2\t0.5\n3\t4\t0.7\n"), test_fraction=0.0)
    assert d.meta["delimiter"] == "\t"
    d = load_csv(write(tmp_path, '"a","b","kind"\n1,2,"red, dark"\n3,4,blue\n'), test_fraction=0.0)
    assert d.target_names == ["blue", "red, dark"]


def test_missing_file_and_bad_options(tmp_path):
    assert message(tmp_path / "gone.csv").startswith("gone.csv: file not found")
    path = write(tmp_path, IRIS_LIKE)
    assert message(path, normalise="log").startswith("normalise:")
    assert message(path, task="clustering").startswith("task:")
    assert message(path, seed="x").startswith("seed:")
    assert message(path, test_fraction=2).startswith("test_fraction:")
    assert message(path, delimiter="ab").startswith("delimiter:")


def test_one_class_only(tmp_path):
    assert "only one class" in message(write(tmp_path, "x,y\n1,a\n2,a\n"))


def test_size_limit_message(tmp_path, monkeypatch):
    from dataclasses import replace

    from ann_studio.core.datasets import limits

    monkeypatch.setattr(limits, "INPUT_VALUES", replace(limits.INPUT_VALUES, value=10))
    rows = "\n".join(f"{i},{i},{i % 2}" for i in range(20))
    assert message(write(tmp_path, rows, "big.csv")) == "big.csv: too large: 12 input values (limit MAX_INPUT_VALUES = 10)"


_cells = st.sampled_from(["1", "2.5", "-3e2", "abc", "", " ", "nan", "inf", "\"", "\"q,\"", "猫", "1_0",
                          "0x10", "\r", "\t", ";"])
_csv_text = st.lists(st.lists(_cells, min_size=0, max_size=5), max_size=8).map(
    lambda rows: "\n".join(",".join(row) for row in rows))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=st.one_of(st.binary(max_size=300), st.text(max_size=300), _csv_text),
       header=st.sampled_from(["auto", True, False]), task=st.sampled_from(["auto", "classification", "regression"]),
       normalise=st.sampled_from(["none", "minmax", "zscore"]))
def test_only_data_errors_escape(payload, header, task, normalise):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass"))
        try:
            d = load_csv(path, header=header, task=task, normalise=normalise, test_fraction=0.25)
        except DataError:
            return
        assert np.all(np.isfinite(d.train_inputs)) and d.n_train >= 1
