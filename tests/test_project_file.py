"""Project file v1 on bad input and on a failing disk: every malformed file gives one
ProjectError naming where (JSON path, or line and column); saving never damages the previous
file; unknown keys and float64 values survive a round trip exactly."""

import copy
import errno
import json
import os

import numpy as np
import pytest

from ann_studio.core import AnnError, ProjectError, load_project, parse_project, project_to_json, save_project
from ann_studio.core import project as project_module
from ann_studio.core.project import MAX_FILE_BYTES, dumps, parse_text, write_atomic
from ann_studio.core.spec import MAX_LAYERS, MAX_PARAMETERS, MAX_UNITS
from tests.helpers import EXAMPLES

XOR = json.loads((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"))


def xor(**changes):
    """The XOR example's JSON with ``changes`` applied: {"a.b.0.c": value}; value ... deletes."""
    obj = copy.deepcopy(XOR)
    for dotted, value in changes.items():
        keys = [int(k) if k.isdigit() else k for k in dotted.split(".")]
        target = obj
        for key in keys[:-1]:
            target = target[key]
        if value is ...:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
    return obj


def error_of(obj) -> ProjectError:
    with pytest.raises(ProjectError) as info:
        parse_project(obj).build_trainer()
    return info.value


def text_error(text: str | bytes) -> ProjectError:
    with pytest.raises(ProjectError) as info:
        parse_project(parse_text(text if isinstance(text, bytes) else text.encode("utf-8"), "p.annproj"))
    return info.value


# ----------------------------------------------------------------------------- wrong types, missing keys


@pytest.mark.parametrize("changes, path, message", [
    ({"network.layers.1.units": "2"}, "network.layers[1].units", 'expected a positive integer, got "2"'),
    ({"network.layers.1.units": 2.0}, "network.layers[1].units", "expected a positive integer, got 2.0"),
    ({"network.layers.1.units": True}, "network.layers[1].units", "expected a positive integer, got true"),
    ({"network.layers.1.units": 0}, "network.layers[1].units", "must be at least 1, got 0"),
    ({"network.layers.1.activation": "sigmod"}, "network.layers[1].activation", 'unknown name "sigmod"'),
    ({"network.layers.1.inputs": "in"}, "network.layers[1].inputs", 'expected a list, got "in"'),
    ({"network.layers.2.inputs": ["nowhere"]}, "network.layers[2].inputs[0]",
     "layer 'out' takes input from unknown layer 'nowhere'"),
    ({"network.layers": {}}, "network.layers", "expected a list, got {}"),
    ({"network.layers": []}, "network.layers", "needs at least an input and an output layer"),
    ({"network.layers.0": 7}, "network.layers[0]", "expected an object, got 7"),
    ({"network.output": 3}, "network.output", "expected a non-empty string, got 3"),
    ({"loss": ["half_sse"]}, "loss", 'unknown name ["half_sse"]'),
    ({"optimizer": "sgd"}, "optimizer", 'expected an object, got "sgd"'),
    ({"optimizer.type": "lbfgs"}, "optimizer.type", 'unknown name "lbfgs"; expected one of adam, rmsprop, sgd'),
    ({"optimizer.learning_rate": "fast"}, "optimizer.learning_rate", 'expected a finite number, got "fast"'),
    ({"optimizer.momentum": 1.5}, "optimizer.momentum", "must be at most 1.0, got 1.5"),
    ({"optimizer.betas": [0.9]}, "optimizer.betas", "expected 2 numbers, got 1"),
    ({"optimizer.betas": [0.9, 1.0]}, "optimizer.betas[1]", "must be in [0, 1), got 1.0"),
    ({"training.batch_size": 0}, "training.batch_size", "must be at least 1, got 0"),
    ({"training.shuffle": "yes"}, "training.shuffle", 'expected true or false, got "yes"'),
    ({"training.seed": -1}, "training.seed", "must be at least 0, got -1"),
    ({"training": None}, "training", "expected an object, got null"),
    ({"data.train.inputs": [[0, 0], [0, 1], [1, 0]]}, "data.train.targets", "4 rows, but data.train.inputs has 3"),
    ({"data.train.inputs.2": [1, "0"]}, "data.train.inputs[2][1]", 'expected a number, got "0"'),
    ({"data": []}, "data", "expected an object, got []"),
    ({"format": "something-else"}, "format", 'not an ANN Studio project (expected "ann-studio-project"'),
    ({"version": "1"}, "version", 'expected an integer, got "1"'),
    ({"version": 0}, "version", "unknown file format version 0"),
])
def test_wrong_types_name_the_json_path(changes, path, message):
    err = error_of(xor(**changes))
    assert err.path == path
    assert message in err.message
    assert str(err).startswith(f"{path}: ")


@pytest.mark.parametrize("key, path, message", [
    ("network", "network", "expected an object, got null"),
    ("network.output", "network.output", "expected a non-empty string, got null"),
    ("network.layers.1.units", "network.layers[1].units", "expected a positive integer, got null"),
    ("network.layers.1.inputs", "network.layers[1].inputs", "expected a list, got null"),
    ("network.layers.1.id", "network.layers[1].id", "expected a non-empty string, got null"),
    ("format", "format", "not an ANN Studio project"),
    ("version", "version", "expected an integer, got null"),
    ("data.train.targets", "data.train", '"targets" is missing'),
])
def test_missing_keys_name_the_json_path(key, path, message):
    err = error_of(xor(**{key: ...}))
    assert (err.path, message in err.message) == (path, True)


@pytest.mark.parametrize("key", ["loss", "optimizer", "training", "network.layers.1.activation",
                                 "network.layers.1.init", "network.layers.1.type", "optimizer.learning_rate"])
def test_optional_keys_take_their_defaults(key):
    project = parse_project(xor(**{key: ...}))
    defaults = {"loss": ("loss", "half_sse"), "network.layers.1.activation": ("activation", "sigmoid"),
                "network.layers.1.init": ("init", "randn_scaled"), "network.layers.1.type": ("type", "dense")}
    if key in defaults:
        attr, value = defaults[key]
        assert getattr(project.network.layers[1] if key.startswith("network") else project, attr) == value
    project.build_trainer().train_step()


def test_adam_defaults_to_its_own_learning_rate():
    assert parse_project(xor(**{"optimizer": {"type": "adam"}})).optimizer.learning_rate == 0.001


# ----------------------------------------------------------------------------- NaN, huge numbers, nesting


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_line_and_column(token):
    text = (EXAMPLES / "xor.annproj").read_text(encoding="utf-8").replace('"learning_rate": 2.0',
                                                                          f'"learning_rate": {token}')
    line = next(i for i, t in enumerate(text.splitlines(), 1) if token in t)
    err = text_error(text)
    assert f"line {line}, column" in str(err) and f"{token} is not allowed in a project file" in str(err)


def test_nan_in_a_string_is_fine_and_the_real_one_is_located():
    text = json.dumps(xor(**{"title.en": "NaN is not a number"}), indent=1).replace('"seed": 3', '"seed": NaN')
    line, column = next((i, t.index("NaN") + 1) for i, t in enumerate(text.splitlines(), 1) if '"seed"' in t)
    assert f"line {line}, column {column}: NaN is not allowed" in str(text_error(text))


@pytest.mark.parametrize("literal, message", [
    ("1e999", 'the number "1e999" is too large for a float64'),
    ("-1e400", 'the number "-1e400" is too large for a float64'),
    ("1" + "0" * 400, "has 401 digits; at most 300 are allowed"),
    ("9" * 5000, "has 5,000 digits; at most 300 are allowed"),
])
def test_numbers_beyond_float64_are_refused_even_in_unknown_keys(literal, message):
    text = json.dumps(xor(), indent=1).replace('"version": 1,', f'"version": 1,\n "zoom": {literal},')
    err = text_error(text)
    assert "line 4, column 10: " in str(err) and message in str(err)


def test_huge_integers_given_as_python_values_are_refused():
    err = error_of(xor(**{"optimizer.learning_rate": 10**400}))
    assert err.path == "optimizer.learning_rate" and "expected a finite number" in err.message
    assert len(str(err)) < 120  # the number is abbreviated


def test_nan_given_as_a_python_value_names_the_weight():
    obj = xor(**{"network.layers.1.weights": [[0.1, float("nan")], [0.3, 0.4]]})
    err = error_of(obj)
    assert (err.path, err.message) == ("network.layers[1].weights[0][1]", "expected a finite number, got NaN")


@pytest.mark.parametrize("depth", [101, 990, 5_000, 100_000])
def test_deep_nesting_is_refused(depth):
    text = '{"format": "ann-studio-project", "version": 1, "canvas": ' + "[" * depth + "]" * depth + "}"
    err = text_error(text)
    assert "nested" in str(err)


def test_nesting_limit_names_where():
    value = 0
    for _ in range(150):
        value = {"k": value}
    err = error_of(xor(canvas=value))
    assert (err.path, err.message) == ("canvas.k.k", "nested more than 100 levels deep")


def test_unpaired_surrogate_escapes_are_refused_but_pairs_kept():
    text = json.dumps(xor(), indent=1)
    err = text_error(text.replace('"XOR with', '"\\ud800XOR with'))
    assert "unpaired UTF-16 surrogate" in str(err)
    str(err).encode("utf-8")  # the message itself can be printed
    project = parse_project(parse_text(text.replace('"XOR with', '"\\ud83d\\ude00 XOR with').encode()))
    assert project.extra["title"]["en"].startswith("😀 XOR")


# ----------------------------------------------------------------------------- garbage, truncation, sizes


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "p.annproj is not a text (UTF-8) file: byte 0"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe", "is not a text (UTF-8) file: byte 10"),
    (bytes(range(256)), "is not a text (UTF-8) file: byte 128"),
    (b"", "not valid JSON: Expecting value at line 1, column 1"),
    (b"   \n\n", "not valid JSON: Expecting value at line 3, column 1"),
    (b"\x00\x00\x00", "not valid JSON: Expecting value at line 1, column 1"),
    (b"[1, 2, 3]", "(top level): expected an object, got [1, 2, 3]"),
    (b'"ann-studio-project"', "(top level): expected an object"),
])
def test_binary_garbage_and_non_objects(data, message):
    assert message in str(text_error(data))


def test_a_truncated_file_names_line_and_column():
    text = (EXAMPLES / "xor.annproj").read_text(encoding="utf-8")
    cut = text[: text.index('"optimizer"') + 5]
    err = text_error(cut)
    lines = cut.splitlines()
    assert f"at line {len(lines)}, column" in str(err) and str(err).startswith("not valid JSON: ")


def test_utf8_bom_is_accepted():
    data = b"\xef\xbb\xbf" + (EXAMPLES / "xor.annproj").read_bytes()
    assert parse_project(parse_text(data)).loss == "half_sse"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.annproj"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space used
    err = pytest.raises(ProjectError, load_project, path).value
    assert f"huge.annproj is 512 MB; the limit is {MAX_FILE_BYTES // 2**20} MB" in str(err)


def test_missing_file_and_directory(tmp_path):
    assert "cannot read" in str(pytest.raises(ProjectError, load_project, tmp_path / "none.annproj").value)
    assert "cannot read" in str(pytest.raises(ProjectError, load_project, tmp_path).value)


@pytest.mark.parametrize("changes, path, message", [
    ({"network.layers.1.units": MAX_UNITS + 1}, "network.layers[1].units", f"must be at most {MAX_UNITS}"),
    ({"training.batch_size": 10**12}, "training.batch_size", "must be at most 10000000"),
    ({"training.seed": 2**64}, "training.seed", "must be at most 9223372036854775807"),
])
def test_absurd_sizes_are_refused_with_the_limit(changes, path, message):
    err = error_of(xor(**changes))
    assert err.path == path and message in err.message


def test_too_many_layers_says_the_limit():
    layers = [{"id": "in", "type": "input", "units": 2}]
    layers += [{"id": f"h{i}", "units": 1, "inputs": [layers[-1]["id"] if i == 0 else f"h{i - 1}"]}
               for i in range(MAX_LAYERS)]
    err = error_of(xor(**{"network.layers": layers, "network.output": f"h{MAX_LAYERS - 1}"}))
    assert (err.path, err.message) == ("network.layers", f"at most {MAX_LAYERS} layers are supported, got 1001")


def test_too_many_parameters_says_the_limit():
    layers = [{"id": "in", "type": "input", "units": 2},
              {"id": "a", "units": MAX_UNITS, "inputs": ["in"]},
              {"id": "b", "units": 600, "inputs": ["a"]},
              {"id": "out", "units": 1, "inputs": ["b"]}]
    err = error_of(xor(**{"network.layers": layers}))
    assert err.path == "network" and f"the limit is {MAX_PARAMETERS:,}" in err.message


def test_too_much_inline_data_says_the_limit(monkeypatch):
    from dataclasses import replace

    from ann_studio.core.datasets import limits

    monkeypatch.setattr(limits, "INPUT_VALUES", replace(limits.INPUT_VALUES, value=1000))  # really 50,000,000
    rows = [[0.0] * 10] * 101
    with pytest.raises(ProjectError, match=r"^data.train.inputs: too large: 1,010 input values "
                                           r"\(limit MAX_INPUT_VALUES = 1,000\)"):
        parse_project(xor(**{"data.train.inputs": rows})).dataset()


# ----------------------------------------------------------------------------- versions, round trips


def test_newer_version_asks_to_update():
    err = error_of(xor(version=3))
    assert err.path == "version"
    assert err.message == ("this project was written by a newer ANN Studio (file format version 3); this version "
                           "reads version 2. Please update ANN Studio.")


def test_a_huge_version_number_is_not_echoed():
    err = error_of(xor(version=10**200))
    assert err.path == "version"
    assert "0000" not in err.message and "201 digits" in err.message


def test_unknown_keys_survive_a_round_trip(tmp_path):
    obj = xor(canvas={"zoom": 1.25, "positions": {"in": [0, 0]}}, author="李雷")
    obj["network"]["layers"][1]["position"] = [120.5, 40]
    obj["network"]["view"] = {"grid": True}
    obj["optimizer"]["future_option"] = [1, 2]
    obj["training"]["schedule"] = {"kind": "cosine"}
    path = tmp_path / "p.annproj"
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    save_project(load_project(path), tmp_path / "q.annproj")
    again = json.loads((tmp_path / "q.annproj").read_text(encoding="utf-8"))
    assert again["canvas"] == obj["canvas"] and again["author"] == "李雷"
    assert again["network"]["layers"][1]["position"] == [120.5, 40]
    assert again["network"]["view"] == {"grid": True}
    assert again["optimizer"]["future_option"] == [1, 2]
    assert again["training"]["schedule"] == {"kind": "cosine"}
    assert again["title"] == XOR["title"]


def test_float64_values_round_trip_exactly(tmp_path):
    rng = np.random.default_rng(7)
    specials = [0.1, 1 / 3, 2**-1074, 5e-324, 1.7976931348623157e308, -0.0, 2**53 + 1.0, np.nextafter(1.0, 2.0)]
    weights = np.concatenate([rng.standard_normal(8) * 10.0 ** rng.integers(-300, 300, 8), specials])
    obj = xor(**{"network.layers.1.units": 8, "network.layers.1.weights": weights.reshape(8, 2).tolist(),
                 "network.layers.1.bias": (weights[:8] * 1e-7).tolist(), "network.layers.2.weights": [list(weights[:8])],
                 "optimizer.learning_rate": 0.1 + 0.2})
    project = parse_project(obj)
    save_project(project, tmp_path / "w.annproj")
    again = load_project(tmp_path / "w.annproj")
    for a, b in zip(project.network.layers[1:], again.network.layers[1:]):
        assert a.weights.tobytes() == b.weights.tobytes()
    assert project.network.layers[1].bias.tobytes() == again.network.layers[1].bias.tobytes()
    assert again.optimizer.learning_rate == 0.30000000000000004
    save_project(again, tmp_path / "w2.annproj")
    assert (tmp_path / "w.annproj").read_bytes() == (tmp_path / "w2.annproj").read_bytes()


def test_every_example_saves_back_to_an_equal_project(tmp_path):
    for path in EXAMPLES.glob("*.annproj"):
        project = load_project(path)
        save_project(project, tmp_path / path.name)
        assert project_to_json(load_project(tmp_path / path.name)) == project_to_json(project)


# ----------------------------------------------------------------------------- atomic saving


def _folder_state(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "p.annproj"
    save_project(load_project(EXAMPLES / "xor.annproj"), path)
    return path


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


class _HalfWriter:
    """A file object that writes half of the text and then fails like a full disk."""

    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()

    def write(self, text):
        self.fh.write(text[: len(text) // 2])
        self.fh.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.fh, name)


@pytest.mark.parametrize("failure", ["fsync", "write", "replace", "interrupt"])
def test_a_failed_save_leaves_the_previous_file_intact_and_no_temp_file(saved, monkeypatch, failure):
    before = saved.read_bytes()
    files = _folder_state(saved.parent)
    project = load_project(saved)
    project.optimizer.learning_rate = 0.123  # the new content that must not half-arrive
    if failure == "fsync":
        monkeypatch.setattr(project_module.os, "fsync", _disk_full)
    elif failure == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(project_module.os, "fdopen", lambda *a, **k: _HalfWriter(real_fdopen(*a, **k)))
    elif failure == "replace":
        monkeypatch.setattr(project_module.os, "replace", _disk_full)
    else:
        def interrupted(fd):
            raise KeyboardInterrupt

        monkeypatch.setattr(project_module.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt if failure == "interrupt" else OSError):
        save_project(project, saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert _folder_state(saved.parent) == files  # no temporary file left behind
    assert load_project(saved).optimizer.learning_rate == 2.0


def test_a_successful_save_replaces_the_file_and_keeps_its_permissions(saved):
    os.chmod(saved, 0o640)
    project = load_project(saved)
    project.optimizer.learning_rate = 0.25
    save_project(project)
    assert load_project(saved).optimizer.learning_rate == 0.25
    assert os.stat(saved).st_mode & 0o777 == 0o640
    assert _folder_state(saved.parent) == ["p.annproj"]


def test_write_atomic_into_a_missing_folder_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        write_atomic(tmp_path / "no" / "p.annproj", "{}")


def test_saving_refuses_nothing_it_loaded(tmp_path):
    """Anything load accepts, save can write (no NaN, no unencodable text reaches the writer)."""
    project = parse_project(xor(note="ok \u2028 line separator", n=10**299))
    save_project(project, tmp_path / "p.annproj")
    assert load_project(tmp_path / "p.annproj").extra["n"] == 10**299


def test_dumps_keeps_numbers_on_one_line():
    text = dumps({"w": [[1.5, 2.0], [3.0, 4.0]], "b": [0.1, 0.2]})
    assert "[1.5, 2.0]" in text and '"b": [0.1, 0.2]' in text


def test_ann_error_is_the_base_of_project_errors():
    assert issubclass(ProjectError, AnnError)
