"""Practice requirements, shared by lesson checks (``{"check": "practice", …}``) and classroom
assignments (``"practice": [...]`` in an ``.annclass``). Qt-free.

A requirement is one of::

    {"quantity": "delta", "in_a_row": 5}        5 δ questions right at the first try, one after another
    {"quantity": "grad_w", "correct": 3}        3 ∂E/∂w questions answered right (any attempt)
    {"quantity": "grad_w", "layer": "out", "index": [0, 0]}   that question answered right
    {"full_step": true}                         every quantity of one full step answered right

``quantity`` is a practice quantity (``docs/api.md``); ``layer`` and ``index`` narrow it down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.jsonpath import show
from ..core.practice import QUANTITIES, step_questions
from .errors import LessonError

_KEYS = {"quantity", "layer", "index", "correct", "in_a_row", "full_step"}


def parse_requirement(obj: Any, path: str) -> dict:
    """Validate a requirement (see the module docstring); returns it unchanged."""
    if not isinstance(obj, dict):
        raise LessonError(path, f"expected an object, got {show(obj)}")
    unknown = sorted(set(obj) - _KEYS - {"check"})
    if unknown:
        raise LessonError(f"{path}.{unknown[0]}", f"unknown field (expected {', '.join(sorted(_KEYS))})")
    if obj.get("full_step") is not None:
        if obj["full_step"] is not True or len(set(obj) - {"check"}) != 1:
            raise LessonError(f"{path}.full_step", "expected true, alone")
        return obj
    if obj.get("quantity") not in QUANTITIES:
        raise LessonError(f"{path}.quantity", f"expected one of {', '.join(QUANTITIES)}, got {show(obj.get('quantity'))}")
    if "layer" in obj and (not isinstance(obj["layer"], str) or not obj["layer"]):
        raise LessonError(f"{path}.layer", f"expected a layer id, got {show(obj['layer'])}")
    index = obj.get("index")
    if index is not None and not (isinstance(index, list) and len(index) <= 2 and all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in index)):
        raise LessonError(f"{path}.index", f"expected a list of up to 2 non-negative integers, got {show(index)}")
    for key in ("correct", "in_a_row"):
        value = obj.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000):
            raise LessonError(f"{path}.{key}", f"expected a whole number from 1 to 10000, got {show(value)}")
    if "correct" in obj and "in_a_row" in obj:
        raise LessonError(f"{path}.in_a_row", "give either correct or in_a_row, not both")
    return obj


@dataclass
class Progress:
    """How far the student is: ``have`` of ``need``; ``met`` when have ≥ need."""

    requirement: dict
    have: int
    need: int

    @property
    def met(self) -> bool:
        return self.have >= self.need


def _matches(entry, req: dict) -> bool:
    return (entry.quantity == req["quantity"] and req.get("layer", entry.layer) == entry.layer
            and (req.get("index") is None or tuple(req["index"]) == tuple(entry.index)))


def progress(req: dict, log, trainer) -> Progress:
    """The student's progress on ``req`` from the practice ``log`` (``trainer`` gives the size of
    a full step; None counts a full step as unknown)."""
    if req.get("full_step"):
        need = len(step_questions(trainer)) if trainer is not None else 1
        best = 0
        done: dict[int, set] = {}
        for e in log.entries:
            if e.correct:
                done.setdefault(e.step, set()).add((e.quantity, e.layer, tuple(e.index)))
                best = max(best, len(done[e.step]))
        return Progress(req, min(best, need) if trainer is not None else 0, need)
    entries = [e for e in log.entries if _matches(e, req)]
    if "in_a_row" in req:
        best = current = 0
        for e in entries:
            if e.attempt != 1:
                continue
            current = current + 1 if e.correct else 0
            best = max(best, current)
        return Progress(req, min(best, req["in_a_row"]), req["in_a_row"])
    need = req.get("correct", 1)
    right = {(e.step, e.layer, tuple(e.index)) for e in entries if e.correct}
    return Progress(req, min(len(right), need), need)


def describe(req: dict) -> str:
    """English, for notebooks and reports: ``5 correct delta in a row``."""
    if req.get("full_step"):
        return "every quantity of one full step"
    what = req["quantity"] + (f" of {req['layer']}" if "layer" in req else "") + (
        f" {[v + 1 for v in req['index']]}" if req.get("index") is not None else "")
    if "in_a_row" in req:
        return f"{req['in_a_row']} correct {what} in a row"
    return f"{req.get('correct', 1)} correct {what}"
