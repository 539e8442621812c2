r"""Lesson checks: declarative conditions that advance a lesson step when they hold.

A check is a JSON object with a ``"check"`` kind and its fields; :func:`parse_check` validates it
(raising :class:`LessonError` with a JSON path) and :func:`holds` evaluates it against an
:class:`Observation` of the application (Qt-free: the Lessons panel fills the observation).

=================== ==================================== ============================================
kind                fields                               holds when
=================== ==================================== ============================================
action_triggered    action, times (1)                    the action ran ≥ times since the step began
step_at_least       value                                the trainer's step ≥ value
epoch_at_least      value                                completed epochs ≥ value
phase_is            value (a phase kind), layer (opt.)   the phase just completed is that one
loss_below          value                                the loss (last epoch's, else last step's) < value
loss_above          value                                that loss > value (e.g. divergence, slow start)
accuracy_at_least   value, set ("train" | "test")        the last epoch's accuracy ≥ value
close               quantity…, value, tolerance (1e-6)   \|quantity − value\| ≤ tolerance
below / above       quantity…, value                     quantity < value / > value
dock_visible        dock                                 that dock (panel) is shown
layer_selected      layer                                that canvas layer is selected
practice            quantity, layer, index, correct |      the practice log meets it (see
                    in_a_row; or full_step: true         :mod:`.practice_checks`)
all / any           of: [checks]                         every / some sub-check holds
=================== ==================================== ============================================

Quantities (fields of ``close``/``below``/``above``): ``"quantity"`` is one of ``loss``,
``step_loss``, ``epoch_loss``, ``accuracy``, ``test_accuracy``, ``learning_rate``, ``step``,
``epoch``; or ``weight`` (``layer``, ``index: [i, j]``), ``bias`` (``layer``, ``index: i``),
``output`` (``index: i``, ``sample`` 0), ``gradient`` (``layer``, ``index: [i, j]``), ``grad_norm``
(``layer``: ‖∂E/∂W‖ of the last step) and ``grad_ratio`` (``layer`` over ``of``: how much smaller
one layer's gradient norm is than another's).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.jsonpath import show
from ..core.phases import PHASE_KINDS
from .errors import LessonError

SCALARS = ("loss", "step_loss", "epoch_loss", "accuracy", "test_accuracy", "learning_rate", "step", "epoch")
LAYERED = ("weight", "bias", "gradient", "grad_norm", "grad_ratio")
QUANTITIES = SCALARS + LAYERED + ("output",)




def check_header(obj: Any, file_format: str, version: int) -> None:
    """A lesson or assignment file's top level: a JSON object whose ``"format"`` and
    ``"version"`` are ``file_format`` and ``version``; else :class:`LessonError`."""
    if not isinstance(obj, dict):
        raise LessonError("", f"expected a JSON object, got {show(obj)}")
    if obj.get("format") != file_format:
        raise LessonError("format", f'expected "{file_format}", got {show(obj.get("format"))}')
    if obj.get("version") != version:
        raise LessonError("version", f"expected {version}, got {show(obj.get('version'))}")


@dataclass
class Observation:
    """What a check can see. ``trainer`` is a :class:`ann_studio.core.Trainer` (or None);
    ``phase`` the phase just completed (None at a step boundary before any phase ran);
    ``triggered`` counts each action's triggers since the current step began."""

    trainer: Any = None
    phase: Any = None
    triggered: Counter = field(default_factory=Counter)
    visible_docks: set[str] = field(default_factory=set)
    selected_layers: set[str] = field(default_factory=set)
    #: practice mode's log (:class:`ann_studio.core.practice_log.PracticeLog`), or None
    practice_log: Any = None


# ---------------------------------------------------------------------------- parsing


def _number(check: dict, key: str, path: str, default: float | None = None) -> float:
    value = check.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LessonError(f"{path}.{key}", f"expected a number, got {show(value)}")
    return float(value)


def _text(check: dict, key: str, path: str) -> str:
    value = check.get(key)
    if not isinstance(value, str) or not value:
        raise LessonError(f"{path}.{key}", f"expected a non-empty string, got {show(value)}")
    return value


def _index(check: dict, path: str, length: int) -> None:
    value = check.get("index")
    if length == 1 and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return
    if not (isinstance(value, list) and len(value) == length
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)):
        want = "a non-negative integer" if length == 1 else f"a list of {length} non-negative integers"
        raise LessonError(f"{path}.index", f"expected {want}, got {show(value)}")


def _quantity(check: dict, path: str) -> None:
    name = check.get("quantity")
    if name not in QUANTITIES:
        raise LessonError(f"{path}.quantity", f"expected one of {', '.join(QUANTITIES)}, got {show(name)}")
    if name in LAYERED:
        _text(check, "layer", path)
    if name in ("weight", "gradient"):
        _index(check, path, 2)
    elif name in ("bias", "output"):
        _index(check, path, 1)
    elif name == "grad_ratio":
        _text(check, "of", path)


def parse_check(check: Any, path: str) -> dict:
    """Validate ``check`` (see the module docstring); returns it unchanged."""
    if not isinstance(check, dict):
        raise LessonError(path, f"expected an object, got {show(check)}")
    kind = check.get("check")
    if kind in ("step_at_least", "epoch_at_least", "loss_below", "loss_above"):
        _number(check, "value", path)
    elif kind == "action_triggered":
        _text(check, "action", path)
        if _number(check, "times", path, 1) < 1:
            raise LessonError(f"{path}.times", "expected at least 1")
    elif kind == "phase_is":
        if check.get("value") not in PHASE_KINDS:
            raise LessonError(f"{path}.value", f"expected one of {', '.join(PHASE_KINDS)}, "
                                               f"got {show(check.get('value'))}")
        if "layer" in check:
            _text(check, "layer", path)
    elif kind == "accuracy_at_least":
        _number(check, "value", path)
        if check.get("set", "train") not in ("train", "test"):
            raise LessonError(f"{path}.set", f'expected "train" or "test", got {show(check.get("set"))}')
    elif kind in ("close", "below", "above"):
        _quantity(check, path)
        _number(check, "value", path)
        if kind == "close" and _number(check, "tolerance", path, 1e-6) < 0:
            raise LessonError(f"{path}.tolerance", "expected a non-negative number")
    elif kind == "dock_visible":
        _text(check, "dock", path)
    elif kind == "layer_selected":
        _text(check, "layer", path)
    elif kind == "practice":
        from .practice_checks import parse_requirement

        parse_requirement(check, path)
    elif kind in ("all", "any"):
        items = check.get("of")
        if not isinstance(items, list) or not items:
            raise LessonError(f"{path}.of", f"expected a non-empty list of checks, got {show(items)}")
        for k, item in enumerate(items):
            parse_check(item, f"{path}.of[{k}]")
    else:
        kinds = ("action_triggered, step_at_least, epoch_at_least, phase_is, loss_below, loss_above, "
                 "accuracy_at_least, close, below, above, dock_visible, layer_selected, practice, all, any")
        raise LessonError(f"{path}.check", f"unknown check {show(kind)}; expected one of {kinds}")
    return check


# ---------------------------------------------------------------------------- evaluating


def _layer(trainer, layer_id: str):
    network = trainer.network
    return network.layer(layer_id) if layer_id in network.index else None


def _grad_norm(trainer, layer_id: str) -> float | None:
    layer = _layer(trainer, layer_id)
    grad = None if layer is None else trainer.pass_.grad_W[layer.index]
    return None if grad is None else float(np.linalg.norm(grad))


def quantity(check: dict, obs: Observation) -> float | None:
    """The value a ``close``/``below``/``above`` check compares, or None when it does not exist
    (yet): no trainer, no step run, an unknown layer, an index out of range."""
    t = obs.trainer
    if t is None:
        return None
    name = check["quantity"]
    records = t.epoch_records
    scalars = {
        "step_loss": lambda: t.step_losses[-1] if t.step_losses else None,
        "epoch_loss": lambda: records[-1].loss if records else None,
        "loss": lambda: records[-1].loss if records else (t.step_losses[-1] if t.step_losses else None),
        "accuracy": lambda: records[-1].accuracy if records else None,
        "test_accuracy": lambda: records[-1].test_accuracy if records else None,
        "learning_rate": lambda: t.learning_rate,
        "step": lambda: t.step,
        "epoch": lambda: t.epoch,
    }
    try:
        if name in scalars:
            value = scalars[name]()
        elif name == "grad_norm":
            value = _grad_norm(t, check["layer"])
        elif name == "grad_ratio":
            top, bottom = _grad_norm(t, check["layer"]), _grad_norm(t, check["of"])
            value = None if top is None or not bottom else top / bottom
        elif name == "output":
            a = t.pass_.a[t.network.output_index]
            value = None if a is None else a[check.get("sample", 0), check["index"]]
        else:
            layer = _layer(t, check["layer"])
            if layer is None:
                return None
            array = {"weight": layer.W, "bias": layer.b, "gradient": t.pass_.grad_W[layer.index]}[name]
            index = check["index"]
            value = None if array is None else array[tuple(index) if isinstance(index, list) else index]
    except (IndexError, KeyError, TypeError):
        return None
    return None if value is None else float(value)


def holds(check: dict, obs: Observation) -> bool:
    """Whether ``check`` (validated by :func:`parse_check`) holds for ``obs``."""
    kind = check["check"]
    t = obs.trainer
    if kind == "all":
        return all(holds(c, obs) for c in check["of"])
    if kind == "any":
        return any(holds(c, obs) for c in check["of"])
    if kind == "action_triggered":
        return obs.triggered[check["action"]] >= check.get("times", 1)
    if kind == "dock_visible":
        return check["dock"] in obs.visible_docks
    if kind == "layer_selected":
        return check["layer"] in obs.selected_layers
    if kind == "practice":
        from .practice_checks import progress

        return obs.practice_log is not None and progress(check, obs.practice_log, t).met
    if kind == "phase_is":
        phase = obs.phase
        return phase is not None and phase.kind == check["value"] and check.get("layer", phase.layer) == phase.layer
    if t is None:
        return False
    if kind == "step_at_least":
        return t.step >= check["value"]
    if kind == "epoch_at_least":
        return t.epoch >= check["value"]
    if kind == "accuracy_at_least":
        field_name = "test_accuracy" if check.get("set") == "test" else "accuracy"
        value = quantity({"quantity": field_name}, obs)
        return value is not None and value >= check["value"]
    name = "loss" if kind in ("loss_below", "loss_above") else check["quantity"]
    value = quantity({**check, "quantity": name}, obs)
    if value is None or not math.isfinite(value):
        return kind == "loss_above" and value is not None  # a diverged (inf/nan) loss is "above"
    if kind in ("loss_below", "below"):
        return value < check["value"]
    if kind in ("loss_above", "above"):
        return value > check["value"]
    return abs(value - check["value"]) <= check.get("tolerance", 1e-6)
