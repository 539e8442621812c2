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


# ----------------------------------------------------------------------------- odd files (issue 17)


def test_an_unclosed_quote_is_one_plain_line(tmp_path):
    assert message(write(tmp_path, 'x,y\n0.5,"0\n0.7,1\n0.9,1\n', "q.csv")) == (
        'q.csv: line 2: a quoted cell goes on past the end of its line (is a closing " missing?)')
    assert message(write(tmp_path, 'x,y\n1,0\n0.5,"0', "end.csv")) == (
        'end.csv: line 3: a quoted cell goes on past the end of its line (is a closing " missing?)')
    closed = write(tmp_path, 'x,y\n1,"a\nb"\n2,c\n', "closed.csv")
    assert message(closed).startswith("closed.csv: line 2: a quoted cell goes on past the end of its line")


def test_a_lone_header_line_has_no_data_rows(tmp_path):
    assert message(write(tmp_path, "x1,x2,y\n", "h.csv")) == "h.csv: no data rows (only a header)"
    assert message(write(tmp_path, "\n\nx1,x2,y", "h2.csv")) == "h2.csv: no data rows (only a header)"
    d = load_csv(write(tmp_path, "1,2,3\n"), test_fraction=0.0)  # one row of numbers is data
    assert d.n_train == 1 and not d.meta["header"]


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_endings_and_chunk_boundaries(tmp_path, monkeypatch, ending):
    import ann_studio.core.datasets.csv_text as csv_text

    monkeypatch.setattr(csv_text, "_CHUNK", 7)  # line ends, \r\n pairs and characters split across reads
    text = ending.join(["a,b,名前", "1,2,甲", "", "3,4,乙", "5,6,甲"]) + ending
    d = load_csv(write(tmp_path, text), test_fraction=0.0)
    assert d.feature_names == ["a", "b"] and d.target_names == ["乙", "甲"] and d.n_train == 3
    bad = write(tmp_path, text.replace("5,6", "5,x"), "bad.csv")
    assert message(bad) == 'bad.csv: line 5, column "b": "x" is not a number'


def test_a_bad_byte_far_into_the_file_names_its_line(tmp_path):
    rows = "".join(f"{i},{i % 2}\n" for i in range(200_000)).encode()
    path = write(tmp_path, b"x,y\n" + rows + b"1,\xff\n", "late.csv")
    assert message(path).startswith("late.csv: line 200002: not valid utf-8 text (byte 0xff)")


def test_rows_lines_and_values_are_refused_as_they_are_read(tmp_path, monkeypatch):
    from dataclasses import replace

    from ann_studio.core.datasets import limits

    monkeypatch.setattr(limits, "ROWS", replace(limits.ROWS, value=100))
    many = write(tmp_path, "x,y\n" + "1,0\n" * 101, "many.csv")
    assert message(many) == "many.csv: too large: more than 100 rows (limit MAX_ROWS = 100)"
    assert load_csv(write(tmp_path, "x,y\n" + "1,0\n0,1\n" * 50)).n_train + 0 == 80
    monkeypatch.setattr(limits, "LINE_BYTES", replace(limits.LINE_BYTES, value=1000))
    long = write(tmp_path, "x,y\n1,0\n" + "1," * 2000 + "1\n", "long.csv")
    assert message(long) == "long.csv: line 3: too large: more than 1,000 bytes on one line (limit MAX_LINE_BYTES = 1,000)"
    monkeypatch.setattr(limits, "FILE_BYTES", replace(limits.FILE_BYTES, value=50))
    assert message(write(tmp_path, "x,y\n" + "1,0\n" * 20, "big.csv")) == (
        "big.csv: too large: 84 bytes (limit MAX_FILE_BYTES = 50)")


def test_too_many_classes_and_many_regression_values(tmp_path):
    words = "x,y\n" + "".join(f"{i},w{i}\n" for i in range(1500))
    assert message(write(tmp_path, words, "w.csv")) == (
        'w.csv: line 1002, column "y": too many classes: more than 1,000 different labels (limit MAX_CLASSES = 1,000); is this really a '
        "class label?")
    numbers = "x,y\n" + "".join(f"{i},{i * 0.5}\n" for i in range(1500))
    d = load_csv(write(tmp_path, numbers, "r.csv"), test_fraction=0.0)
    assert d.task == "regression" and d.train_targets[-1, 0] == 749.5
    assert "too many classes: more than 1,000" in message(write(tmp_path, numbers, "c.csv"), task="classification")
    late_word = numbers + "1,oops\n"
    assert message(write(tmp_path, late_word, "late.csv"), task="regression") == (
        'late.csv: line 1502, column "y": "oops" is not a number')
    assert "too many classes" in message(write(tmp_path, late_word, "late2.csv"))


def test_long_names_and_values_are_cut_in_messages(tmp_path):
    name = "n" * 500
    path = write(tmp_path, f"{name},y\nabc{'d' * 500},1\n2,0\n", "long.csv")
    text = message(path)
    assert text.startswith('long.csv: line 2, column "nnnn') and len(text) < 160
    assert len(message(path, target_columns="z" * 300)) < 300


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX only")
def test_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.csv")
    assert message(tmp_path / "pipe.csv") == (
        "pipe.csv: not a data file: this is a named pipe (FIFO); choose a regular file")
    assert message(Path("/dev/zero")) == "zero: not a data file: this is a device; choose a regular file"
