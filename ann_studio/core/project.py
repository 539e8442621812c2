"""Project file v1 (``.annproj``): JSON holding the network, the loss, the optimiser, the training
settings and the data. See ``docs/file-format.md``.

Loading never executes code and never crashes on bad input: every problem becomes a
:class:`ProjectError` naming the JSON path. Saving is atomic (temporary file, fsync, rename).
Unknown keys survive a load/save round trip; weights are written with full float64 precision.
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import jsonpath as jp
from .errors import DataError, ProjectError
from .losses import LOSSES
from .network import Network
from .optimizer_file import optimizer_to_json, parse_optimizer
from .optimizers import OptimizerSettings
from .spec import NetworkSpec, dense_in_order, network_to_json, parse_network, validate
from .trainer import DTYPES, Trainer, TrainingSettings

FORMAT = "ann-studio-project"
VERSION = 2
MAX_FILE_BYTES = 512 * 2**20
_KNOWN_TOP = {"format", "version", "network", "loss", "optimizer", "training", "data", "run", "run_aside", "arrays",
              "runs"}
_KNOWN_TRAIN = {"batch_size", "shuffle", "seed", "max_epochs", "target_loss", "target_accuracy", "dtype"}


@dataclass
class Project:
    """Everything a project file holds. ``data`` is the raw ``"data"`` object (resolved on demand
    by :meth:`dataset`); ``extra`` keeps unknown top-level keys."""

    network: NetworkSpec
    loss: str = "half_sse"
    optimizer: OptimizerSettings = field(default_factory=OptimizerSettings)
    training: TrainingSettings = field(default_factory=TrainingSettings)
    data: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    optimizer_extra: dict = field(default_factory=dict)
    path: Path | None = None
    #: the run state (:meth:`Trainer.state_dict`) or None for a run at step 0. ``network`` holds
    #: the *starting* weights (the definition); the run holds the current ones.
    run: dict | None = None
    #: every run of the project (:class:`~.run_tree.RunTree`); the current one is ``network``/``run``
    runs: Any = None

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def copy(self) -> Project:
        """A copy; the other runs' stored states are shared (they are never changed in place), so
        copying a project of many long runs (Save, export) stays cheap."""
        return Project(self.network.copy(), self.loss, self.optimizer.copy(), copy.deepcopy(self.training),
                       copy.deepcopy(self.data), copy.deepcopy(self.extra), copy.deepcopy(self.optimizer_extra),
                       self.path, copy.deepcopy(self.run), self.runs.copy() if self.runs is not None else None)

    def dataset(self):
        """The project's data as a :class:`ann_studio.core.datasets.Dataset`."""
        from .datasets import dataset_from_section

        return dataset_from_section(self.data, self.base_dir, "data")

    def build_network(self) -> Network:
        """The network, drawing missing weights from ``training.seed``."""
        return Network(self.network, np.random.default_rng(self.training.seed))

    def build_trainer(self, dataset=None, evaluate: bool = True, restart: bool = False) -> Trainer:
        """A :class:`Trainer` that continues the project's run (``restart``: at step 0, from the
        starting weights). Checks that the network is complete and that the data fits it."""
        validate(self.network)  # a project may hold an unfinished graph (saved mid-edit)
        ds = dataset if dataset is not None else self.dataset()
        n_in, n_out = self.network.n_inputs(), self.network.n_outputs()
        if ds.train_inputs.shape[1] != n_in:
            raise ProjectError("data", f"the data has {ds.train_inputs.shape[1]} inputs but the network's input "
                               f"layers have {n_in} units")
        if ds.train_targets.shape[1] != n_out:
            raise ProjectError("data", f"the data has {ds.train_targets.shape[1]} targets but the output layer "
                               f"'{self.network.output}' has {n_out} units")
        if len(ds.train_inputs) == 0:
            raise ProjectError("data.train", "there are no training samples")
        from .losses import check_targets

        try:  # targets must make sense for the loss: cross-entropy of [5, -2, 0] "trains" to -2.25
            check_targets(self.loss, ds.train_targets)
            if ds.test_targets is not None and len(ds.test_targets):
                check_targets(self.loss, ds.test_targets, "test")
        except DataError as exc:
            raise ProjectError("data", str(exc)) from None
        trainer = Trainer(self.build_network(), self.loss, self.optimizer, self.training,
                          ds.train_inputs, ds.train_targets, ds.test_inputs, ds.test_targets, evaluate=evaluate)
        if self.run is not None and not restart and not self.run.get("aside"):
            from .run_file import resume

            resume(trainer, self.run)
        return trainer


# ----------------------------------------------------------------------------- reading

MAX_NUMBER_DIGITS = 300  # an integer literal longer than this cannot become a float64


class _Refused(ValueError):
    """A JSON token the project format does not accept; ``token`` is its text."""

    def __init__(self, token: str, message: str):
        super().__init__(message)
        self.token = token


def _reject_constant(name: str):
    raise _Refused(name, f"{name} is not allowed in a project file (numbers must be finite)")


def _parse_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _Refused(token, f"the number {jp.show(token)} is too large for a float64")
    return value


def _parse_int(token: str) -> int:
    if len(token.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _Refused(token, f"the number {jp.show(token)} has {len(token.lstrip('-')):,} digits; at most "
                       f"{MAX_NUMBER_DIGITS} are allowed")
    return int(token)


def _locate(text: str, token: str) -> str:
    """``line L, column C`` of the first ``token`` outside a string in the JSON ``text``."""
    pattern = r'"(?:[^"\\]|\\.)*"|(?<![\w.+-])(' + re.escape(token) + r")(?![\w.])"
    for match in re.finditer(pattern, text):
        if match.group(1):
            line = text.count("\n", 0, match.start(1)) + 1
            column = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1) + 1
            return f"line {line}, column {column}: "
    return ""


def _check_strings(obj: Any) -> None:
    """Refuse lone UTF-16 surrogates (``"\\ud800"``): valid JSON, but not text that can be saved."""
    todo = [obj]
    while todo:
        item = todo.pop()
        values = list(item.items()) if isinstance(item, dict) else item
        for entry in values:
            for v in (entry if isinstance(item, dict) else (entry,)):
                if isinstance(v, str):
                    try:
                        v.encode("utf-8")
                    except UnicodeEncodeError:
                        raise ProjectError("", f"the text {jp.show(v)} holds an unpaired UTF-16 surrogate "
                                           "escape (\\ud800–\\udfff)") from None
                elif isinstance(v, (dict, list)):
                    todo.append(v)


def parse_text(text: str | bytes, source: str = "") -> Any:
    """JSON text → values. NaN/Infinity, numbers too large for float64, deep nesting, bad
    encodings and unpaired surrogates are reported as :class:`ProjectError` (with line and column
    where known)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ProjectError("", f"{source or 'file'} is not a text (UTF-8) file: byte {exc.start}") from None
    try:
        obj = json.loads(text, parse_constant=_reject_constant, parse_float=_parse_float, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise ProjectError("", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except _Refused as exc:
        raise ProjectError("", _locate(text, exc.token) + str(exc)) from None
    except ValueError as exc:
        raise ProjectError("", str(exc)) from None
    except RecursionError:
        raise ProjectError("", "the JSON is nested too deeply") from None
    if re.search(r"\\u[dD][89a-fA-F]", text):
        _check_strings(obj)
    return obj


def load_project(path: str | os.PathLike) -> Project:
    """Read and validate a project file. Raises :class:`ProjectError` (or DataError for data files)."""
    from .datasets.files import read_regular_file
    from .datasets.limits import Limit

    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectError("", f"{path.name} is {size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")
        # a regular file only (a FIFO would block for ever, /dev/zero never ends), read with the cap
        raw = read_regular_file(path, Limit("MAX_FILE_BYTES", MAX_FILE_BYTES, "bytes", "a project file"),
                                "a project file")
    except OSError as exc:
        raise ProjectError("", f"cannot read {path}: {exc.strerror or exc}") from None
    except DataError as exc:
        raise ProjectError("", f"cannot read {path.name}: {exc.message}") from None
    obj = parse_text(raw, path.name)
    if isinstance(obj, dict) and obj.get("arrays") is not None:
        from .array_store import open_sidecar, resolving

        with open_sidecar(path, obj["arrays"]) as npz, resolving(npz):
            project = parse_project(obj)
    else:
        project = parse_project(obj)
    project.path = path.resolve()
    return project


def parse_project(obj: Any) -> Project:
    """Validate decoded JSON and build a :class:`Project`."""
    jp.need_dict(obj, "(top level)")
    jp.check_depth(obj)
    if obj.get("format") != FORMAT:
        raise ProjectError("format", f"not an ANN Studio project (expected \"{FORMAT}\", got {jp.show(obj.get('format'))})")
    version = obj.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProjectError("version", f"expected an integer, got {jp.show(version)}")
    if len(str(abs(version))) > 6:
        raise ProjectError("version", "unknown file format version (a number with "
                           f"{len(str(abs(version))):,} digits)")
    if version > VERSION:
        raise ProjectError("version", f"this project was written by a newer ANN Studio (file format version "
                           f"{version}); this version reads version {VERSION}. Please update ANN Studio.")
    if version < 1:
        raise ProjectError("version", f"unknown file format version {version}")
    try:
        network = parse_network(obj.get("network"), "network", draft=True)
    except RecursionError:
        raise ProjectError("network", "nested too deeply") from None
    loss = jp.need_choice(obj.get("loss", "half_sse"), "loss", LOSSES)
    optimizer, opt_extra = parse_optimizer(obj.get("optimizer", {}), "optimizer")
    training = _parse_training(obj.get("training", {}), "training")
    data = jp.need_dict(obj.get("data", {}), "data")
    extra = {k: copy.deepcopy(v) for k, v in obj.items() if k not in _KNOWN_TOP}
    project = Project(network, loss, optimizer, training, copy.deepcopy(data), extra, opt_extra)
    if obj.get("run") is not None:
        from .run_file import parse_run

        project.network, project.run = parse_run(obj["run"], "run", project)
    elif obj.get("run_aside") is not None:
        project.run = _parse_run_aside(obj["run_aside"], project)
    if obj.get("runs") is not None:
        from .run_tree_file import parse_runs

        project.runs = parse_runs(obj["runs"], project)
    else:
        from .run_tree import RunTree

        project.runs = RunTree()
    return project


def _parse_run_aside(obj: Any, project: Project) -> dict:
    """A run saved while the network could not take it: its own network, then the run."""
    from .run_file import parse_run

    jp.need_dict(obj, "run_aside")
    aside = project.copy()
    aside.network = parse_network(obj.get("network"), "run_aside.network")
    spec, state = parse_run(obj.get("run"), "run_aside.run", aside)
    state.update(aside=True, network_spec=with_current_weights(Project(spec, run=state)).network)
    return state


def _parse_training(obj: Any, path: str) -> TrainingSettings:
    jp.need_dict(obj, path)
    t = TrainingSettings()
    t.batch_size = jp.need_int(obj.get("batch_size", 1), f"{path}.batch_size", 1, 10_000_000)
    t.shuffle = jp.need_bool(obj.get("shuffle", False), f"{path}.shuffle")
    t.seed = jp.need_int(obj.get("seed", 0), f"{path}.seed", 0, 2**63 - 1)
    if obj.get("max_epochs") is not None:
        t.max_epochs = jp.need_int(obj["max_epochs"], f"{path}.max_epochs")
    if obj.get("target_loss") is not None:
        t.target_loss = jp.need_number(obj["target_loss"], f"{path}.target_loss", 0.0)
    if obj.get("target_accuracy") is not None:
        t.target_accuracy = jp.need_number(obj["target_accuracy"], f"{path}.target_accuracy", 0.0, 1.0)
    t.dtype = jp.need_choice(obj.get("dtype", "float64"), f"{path}.dtype", DTYPES)
    t.extra = {k: copy.deepcopy(v) for k, v in obj.items() if k not in _KNOWN_TRAIN}
    return t


# ----------------------------------------------------------------------------- writing

def project_to_json(project: Project) -> dict:
    """The JSON object of a project (format v2: the network's weights are the run's current ones;
    the run, when there is one, is under ``"run"``)."""
    from .run_file import run_to_json

    opt = optimizer_to_json(project.optimizer, project.optimizer_extra)
    t = project.training
    training: dict[str, Any] = {"batch_size": t.batch_size, "shuffle": t.shuffle, "seed": t.seed}
    for key in ("max_epochs", "target_loss", "target_accuracy"):
        if getattr(t, key) is not None:
            training[key] = getattr(t, key)
    if t.dtype != "float64":
        training["dtype"] = t.dtype
    training.update(copy.deepcopy(t.extra))
    aside = project.run is not None and project.run.get("aside")
    network = with_current_weights(project).network if project.run is not None else project.network
    out = {"format": FORMAT, "version": VERSION, "network": network_to_json(network),
           "loss": project.loss, "optimizer": opt, "training": training, "data": copy.deepcopy(project.data)}
    out.update(copy.deepcopy(project.extra))
    if aside:  # a run the network cannot take now: kept with the network it fits
        spec = project.run["network_spec"]
        out["run_aside"] = {"network": network_to_json(spec), "run": run_to_json(project.run, spec)}
    elif project.run is not None:
        out["run"] = run_to_json(project.run, project.network)
    from .run_tree_file import runs_to_json

    runs = runs_to_json(project)
    if runs is not None:
        out["runs"] = runs
    return out


def dumps(obj: Any, indent: int = 0) -> str:
    """JSON with nested objects indented and lists of numbers kept on one line (readable weights)."""
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f'{pad}  {json.dumps(str(k), ensure_ascii=False)}: {dumps(v, indent + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(obj, list):
        if all(not isinstance(v, (dict, list)) for v in obj):
            return json.dumps(obj, ensure_ascii=False, allow_nan=False)
        if all(isinstance(v, list) and all(not isinstance(u, (dict, list)) for u in v) for v in obj) and len(obj) <= 64:
            rows = [f"{pad}  {json.dumps(v, ensure_ascii=False, allow_nan=False)}" for v in obj]
            return "[\n" + ",\n".join(rows) + f"\n{pad}]"
        items = [f"{pad}  {dumps(v, indent + 1)}" for v in obj]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` so that a crash or a full disk never damages the previous file: write a
    temporary file beside it, flush and fsync it, then rename it over the target. A symlink is
    written through, to the file it points at (the link stays a link)."""
    path = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        _set_mode(tmp, path)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _set_mode(tmp: str, path: Path) -> None:
    """Give the temporary file the permissions of the file it replaces (mkstemp makes it 0600),
    or for a new file the usual 0666 less the umask."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        mode = 0o666 & ~mask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


def save_project(project: Project, path: str | os.PathLike | None = None) -> Path:
    """Write the project atomically to ``path`` (default: where it was loaded from); a symlink is
    written through, to its target."""
    target = Path(path) if path is not None else project.path
    if target is None:
        raise ValueError("no path to save to")
    target = write_project_file(project, target)
    project.path = target.resolve()
    return target


def write_project_file(project: Project, path: str | os.PathLike, data: dict | None = None) -> Path:
    """Write ``project`` atomically to ``path`` as Save does, big arrays (above
    ``SIDECAR_PARAMETERS`` parameters) in a sibling ``<file>.arrays*.npz``, without changing
    ``project.path``. ``data`` replaces the data section written (e.g. with relocated paths).
    Returns the path written (a symlink resolved to its target)."""
    from .array_store import SIDECAR_PARAMETERS, collecting, remove_old_sidecars, sidecar_path, write_sidecar

    target = Path(os.path.realpath(path))
    try:
        big = project.network.parameter_count() > SIDECAR_PARAMETERS
    except (ProjectError, KeyError, ValueError):  # an invalid network: no big arrays to place
        big = False
    with collecting(big) as arrays:
        obj = project_to_json(project)
    if data is not None:
        obj["data"] = copy.deepcopy(data)
    side = None
    if arrays:  # the big arrays go beside the file, under a new name: the old pair stays intact
        side = sidecar_path(target)
        write_sidecar(side, arrays)
        obj["arrays"] = side.name
    else:
        obj.pop("arrays", None)
    try:
        write_atomic(target, dumps(obj) + "\n")
    except BaseException:
        if side is not None:
            side.unlink(missing_ok=True)
        raise
    remove_old_sidecars(target, side.name if side is not None else None)
    return target


def with_current_weights(project: Project) -> Project:
    """A copy of ``project`` whose network carries the run's current weights (itself at step 0)."""
    out = project.copy()
    if project.run is None or project.run.get("aside"):
        return out
    params = iter(project.run["params"])
    for layer in dense_in_order(out.network):
        layer.weights, layer.bias = np.array(next(params)), np.array(next(params))
    return out


def with_trained_weights(project: Project, network: Network) -> Project:
    """A copy of ``project`` whose network carries ``network``'s current weights."""
    out = project.copy()
    trained = network.to_spec()
    for layer in out.network.layers:
        if layer.type == "dense":
            t = trained.layer(layer.id)
            layer.weights, layer.bias = t.weights, t.bias
    return out


#: the keys of a data section whose values name files (relative to the project's folder)
DATA_PATH_KEYS = {"file", "csv", "train_images", "train_labels", "test_images", "test_labels"}


def relocate_data_paths(section: Any, old_dir: Path, new_dir: Path) -> Any:
    """A copy of a data section whose relative file paths still point at the same files when the
    project is saved in ``new_dir`` instead of ``old_dir``."""
    if isinstance(section, dict):
        out = {}
        for key, value in section.items():
            if key in DATA_PATH_KEYS and isinstance(value, str) and not Path(value).is_absolute():
                target = (old_dir / value).resolve()
                out[key] = os.path.relpath(target, new_dir.resolve()).replace(os.sep, "/")
            else:
                out[key] = relocate_data_paths(value, old_dir, new_dir)
        return out
    if isinstance(section, list):
        return [relocate_data_paths(v, old_dir, new_dir) for v in section]
    return copy.deepcopy(section)


__all__ = ["relocate_data_paths", "with_current_weights", "optimizer_to_json", "Project", "load_project", "parse_project", "save_project", "write_project_file", "project_to_json", "dumps",
           "write_atomic", "with_trained_weights", "ProjectError", "DataError"]
