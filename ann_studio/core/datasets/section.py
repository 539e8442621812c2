"""The ``"data"`` object of a project file: turning it into a :class:`Dataset`, and back.

Forms (exactly one of ``train``, ``builtin``, ``csv``, ``idx``; every form may add ``"name"``)::

    {"train": {"inputs": [[0, 1], ...], "targets": [[1], ...]}, "test": {...}}   # inline
    {"train": {"file": "data.npz"}}                                          # NumPy archive
    {"builtin": "spirals", "samples": 400, "noise": 0.1, "seed": 1, "arms": 3, "features": [...]}
    {"csv": "iris.csv", "target_columns": ["species"], "normalise": "zscore", "seed": 0}
    {"idx": {"train_images": "...", "train_labels": "...", "test_images": "...", "test_labels": "..."}}

File names are relative to the project file's folder. Structural problems raise
``ProjectError(json_path, message)``; problems inside a data file are wrapped the same way, the
message naming the file.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError, ProjectError
from ..jsonpath import show
from . import limits
from .base import TASKS, Dataset, check_seed
from .catalog import BUILTINS, builtin, resolve_params
from .csv_import import load_csv
from .features import check_features
from .idx_import import load_idx_pair
from .npz_import import load_npz
from .targets import encode_numeric_targets, guess_task

FORMS = ("train", "builtin", "csv", "idx")
_COMMON = ("name",)
_INLINE_KEYS = ("train", "test", "task", "feature_names", "target_names", "image_shape")
_CSV_KEYS = ("csv", "target_columns", "header", "normalise", "test_fraction", "seed", "task", "delimiter",
             "encoding")
_IDX_FILES = ("train_images", "train_labels", "test_images", "test_labels")


def _show(value) -> str:
    """A short JSON-like rendering of a bad value for messages."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "an object"
    return show(value)


def _check_keys(section: dict, allowed, path: str) -> None:
    for key in section:
        if key not in allowed:
            raise ProjectError(f"{path}.{key}", f"unknown key (expected one of: {', '.join(allowed)})")


def _number(value, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProjectError(path, f"expected a number, got {_show(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise ProjectError(path, "the number is too large") from None
    if not math.isfinite(number):
        raise ProjectError(path, f"expected a finite number, got {_show(value)}")
    return number


def _matrix(rows, path: str, width: int | None = None, allow_empty: bool = False,
            values: limits.Limit | None = None) -> np.ndarray:
    """A list of rows of numbers (or a flat list of numbers, one per row) as an (N, d) array,
    within :data:`.limits.ROWS` and ``values`` (default :data:`.limits.INPUT_VALUES`)."""
    if not isinstance(rows, list):
        raise ProjectError(path, f"expected a list of rows, got {_show(rows)}")
    if not rows:
        if allow_empty:
            return np.empty((0, width or 0))
        raise ProjectError(path, "expected at least one row")
    if all(not isinstance(row, list) for row in rows):
        rows = [[value] for value in rows]
        flat = True
    else:
        flat = False
    width = width if width is not None else (len(rows[0]) if isinstance(rows[0], list) else 1)
    if width == 0:
        raise ProjectError(f"{path}[0]", "expected at least one number")
    try:
        limits.check_table("", len(rows), width, values or limits.INPUT_VALUES)
    except DataError as exc:
        raise ProjectError(path, exc.message) from None
    out = np.empty((len(rows), width))
    for i, row in enumerate(rows):
        where = f"{path}[{i}]"
        if not isinstance(row, list):
            raise ProjectError(where, f"expected a list of {width} numbers, got {_show(row)}")
        if len(row) != width:
            raise ProjectError(where, f"expected {width} number{'s' * (width != 1)}, got {len(row)}")
        for j, value in enumerate(row):
            out[i, j] = _number(value, where if flat else f"{where}[{j}]")
    return out


def _names(section: dict, key: str, path: str):
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProjectError(f"{path}.{key}", "expected a list of names (strings)")
    return value


def _file(value, path: str, base_dir: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ProjectError(path, f"expected a file name, got {_show(value)}")
    return base_dir / value


def _part(part, path: str, base_dir: Path, widths=(None, None)):
    """Inputs and targets of a ``train`` or ``test`` object: inline rows or ``{"file": ...}``."""
    if not isinstance(part, dict):
        raise ProjectError(path, f"expected an object, got {_show(part)}")
    if "file" in part:
        _check_keys(part, ("file",), path)
        data = _wrap(lambda: load_npz(_file(part["file"], f"{path}.file", base_dir)), f"{path}.file")
        return data.train_inputs, data.train_targets, data
    _check_keys(part, ("inputs", "targets"), path)
    for key in ("inputs", "targets"):
        if key not in part:
            raise ProjectError(path, f'"{key}" is missing')
    allow_empty = widths[0] is not None
    inputs = _matrix(part["inputs"], f"{path}.inputs", widths[0], allow_empty)
    targets = _matrix(part["targets"], f"{path}.targets", widths[1], allow_empty, limits.TARGET_VALUES)
    if len(inputs) != len(targets):
        raise ProjectError(f"{path}.targets", f"{len(targets)} rows, but {path}.inputs has {len(inputs)}")
    return inputs, targets, None


def _wrap(load, path: str, keys=()):
    """Run a loader; a DataError becomes a ProjectError at ``path`` (or at the key it names)."""
    try:
        return load()
    except DataError as exc:
        root = exc.location.split("[")[0]
        if root in keys:
            raise ProjectError(f"{path.rsplit('.', 1)[0]}.{exc.location}", exc.message) from exc
        raise ProjectError(path, str(exc)) from exc


def _inline(section: dict, base_dir: Path, path: str) -> Dataset:
    _check_keys(section, _INLINE_KEYS + _COMMON, path)
    train_x, train_y, from_file = _part(section["train"], f"{path}.train", base_dir)
    if "test" in section:
        widths = (train_x.shape[1], train_y.shape[1] if from_file is None else None)
        test_x, test_y, _ = _part(section["test"], f"{path}.test", base_dir, widths)
    elif from_file is not None:
        test_x, test_y = from_file.test_inputs, from_file.test_targets
    else:
        test_x, test_y = train_x[:0], train_y[:0]
    if from_file is not None and "test" not in section:
        return from_file
    return _assemble(section, path, train_x, train_y, test_x, test_y, from_file)


def _assemble(section, path, train_x, train_y, test_x, test_y, from_file) -> Dataset:
    task = section.get("task")
    if task is not None and task not in TASKS:
        raise ProjectError(f"{path}.task", f'expected "classification" or "regression", got {_show(task)}')
    if from_file is not None:
        task = task or from_file.task
    if test_y.shape[1] != train_y.shape[1]:
        raise ProjectError(f"{path}.test", f"{test_y.shape[1]} target columns, but the training data has "
                           f"{train_y.shape[1]}")
    all_y, n = np.concatenate([train_y, test_y]), len(train_x)
    task = task or guess_task(all_y)
    names = _names(section, "target_names", path) or (from_file.target_names if from_file else None)

    def where(i: int) -> str:
        return f"{path}.train.targets[{i}]" if i < n else f"{path}.test.targets[{i - n}]"

    features = _names(section, "feature_names", path) or [f"x{i + 1}" for i in range(train_x.shape[1])]
    try:
        all_y, names = encode_numeric_targets(all_y, task, names, where, f"{path}.train.targets")
        return Dataset(section.get("name", "data"), train_x, all_y[:n], test_x, all_y[n:],
                       feature_names=features, target_names=names, task=task,
                       image_shape=section.get("image_shape"), meta={"source": "inline"})
    except DataError as exc:
        raise ProjectError(exc.location if exc.location.startswith(path) else path, exc.message) from exc


def _builtin(section: dict, base_dir: Path, path: str) -> Dataset:
    name = section["builtin"]
    if not isinstance(name, str) or name not in BUILTINS:
        raise ProjectError(f"{path}.builtin", f'unknown data set {_show(name)} (choices: {", ".join(BUILTINS)})')
    params = {k: v for k, v in section.items() if k not in ("builtin",) + _COMMON}
    for key, value in params.items():
        if value is None:
            raise ProjectError(f"{path}.{key}", "expected a value, got null")
    dataset = _wrap(lambda: builtin(name, **params), f"{path}.builtin", tuple(params))
    dataset.name = section.get("name", dataset.name)
    return dataset


def _csv(section: dict, base_dir: Path, path: str) -> Dataset:
    _check_keys(section, _CSV_KEYS + _COMMON, path)
    options = {k: section[k] for k in _CSV_KEYS[1:] if k in section}
    file = _file(section["csv"], f"{path}.csv", base_dir)
    dataset = _wrap(lambda: load_csv(file, **options), f"{path}.csv", tuple(options))
    dataset.name = section.get("name", dataset.name)
    return dataset


def _idx(section: dict, base_dir: Path, path: str) -> Dataset:
    _check_keys(section, ("idx", "class_names") + _COMMON, path)
    files = section["idx"]
    if not isinstance(files, dict):
        raise ProjectError(f"{path}.idx", f"expected an object with {', '.join(_IDX_FILES)}, got {_show(files)}")
    _check_keys(files, _IDX_FILES, f"{path}.idx")
    for key in _IDX_FILES[:2]:
        if key not in files:
            raise ProjectError(f"{path}.idx", f'"{key}" is missing')
    paths = {k: _file(files[k], f"{path}.idx.{k}", base_dir) for k in _IDX_FILES if k in files}
    names = _names(section, "class_names", path)
    dataset = _wrap(lambda: load_idx_pair(paths["train_images"], paths["train_labels"],
                                          test_images_path=paths.get("test_images"),
                                          test_labels_path=paths.get("test_labels"), class_names=names),
                    f"{path}.idx")
    dataset.name = section.get("name", dataset.name)
    return dataset


_LOADERS = {"train": _inline, "builtin": _builtin, "csv": _csv, "idx": _idx}


def dataset_from_section(section: dict, base_dir, path: str = "data") -> Dataset:
    """Build the :class:`Dataset` a project file's ``"data"`` object describes.

    Parameters
    ----------
    section : dict
        The parsed JSON object (see the module docstring for its forms).
    base_dir : str or Path
        The project file's folder; data file names are relative to it.
    path : str
        The object's JSON path, the prefix of every error location.

    Returns
    -------
    Dataset

    Raises
    ------
    ProjectError
        ``ProjectError("data.train.inputs[3]", "expected 2 numbers, got 3")``, or for a data file
        ``ProjectError("data.csv", 'iris.csv: line 17, column "x": "abc" is not a number')``.
    """
    if not isinstance(section, dict):
        raise ProjectError(path, f"expected an object, got {_show(section)}")
    forms = [form for form in FORMS if form in section]
    if not forms:
        raise ProjectError(path, 'expected one of "train" (inline or .npz file), "builtin", "csv" or "idx"')
    if len(forms) > 1:
        raise ProjectError(path, f'give only one of "{forms[0]}" and "{forms[1]}"')
    if "name" in section and not isinstance(section["name"], str):
        raise ProjectError(f"{path}.name", f"expected text, got {_show(section['name'])}")
    return _LOADERS[forms[0]](section, Path(base_dir), path)


def section_for_builtin(name: str, **params) -> dict:
    """The project-file object for a built-in data set: every parameter written out.

    ``dataset_from_section(section_for_builtin(name, **p), base_dir)`` equals
    ``builtin(name, **p)``.

    Raises
    ------
    DataError
        As :func:`builtin` would, for an unknown set or a bad parameter.
    """
    seed, features = params.pop("seed", 0), params.pop("features", None)
    section = {"builtin": name, **resolve_params(name, **params), "seed": check_seed(seed)}
    if features is not None:
        section["features"] = check_features(features)
    return section


def section_for_dataset(dataset: Dataset) -> dict:
    """An inline project-file object holding a :class:`Dataset`'s numbers (for small data)."""
    section: dict[str, Any] = {
        "name": dataset.name,
        "train": {"inputs": dataset.train_inputs.tolist(), "targets": dataset.train_targets.tolist()},
        "task": dataset.task,
        "feature_names": list(dataset.feature_names),
        "target_names": list(dataset.target_names),
    }
    if dataset.n_test:
        section["test"] = {"inputs": dataset.test_inputs.tolist(), "targets": dataset.test_targets.tolist()}
    if dataset.image_shape:
        section["image_shape"] = list(dataset.image_shape)
    return section
