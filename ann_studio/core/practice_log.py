"""The practice log: every answer a student typed (time, step, quantity, answer, verdict, slip),
its score, the requirements a classroom assignment can set, CSV export and the ``run.practice``
list of a project file (``docs/file-format.md``)."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from . import jsonpath as jp
from .errors import ProjectError
from .practice import MISTAKES, QUANTITIES

MAX_ENTRIES = 100_000  # a file's log is bounded: a hand-typed log never comes near it
CSV_COLUMNS = ("time", "step", "quantity", "layer", "index", "notation", "attempt", "answer", "value",
               "expected", "correct", "slip")
#: the kinds the score counts separately: ∂E/∂w and ∂E/∂b together, w⁺ and b⁺ together
KINDS = {"z": "z", "a": "a", "loss": "loss", "delta": "delta", "grad_w": "gradient", "grad_b": "gradient",
         "new_w": "update", "new_b": "update"}


@dataclass
class PracticeEntry:
    """One answer. ``attempt`` counts the answers to the same question (1 = first try);
    ``index`` is the question's 0-based index; ``slip`` a code of :data:`MISTAKES` or None."""

    time: str
    step: int
    quantity: str
    layer: str | None
    index: tuple
    notation: str
    attempt: int
    answer: str
    value: float
    expected: float
    correct: bool
    slip: str | None = None

    def as_json(self) -> dict:
        out = asdict(self)
        out["index"] = list(self.index)
        return out


@dataclass
class Score:
    right: int = 0
    asked: int = 0


class PracticeLog:
    """The answers of a run, oldest first. A question counts as *asked* at its first answer and
    as *right* when that first answer was correct."""

    def __init__(self, entries: list[PracticeEntry] | None = None):
        self.entries: list[PracticeEntry] = list(entries or [])

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: PracticeEntry) -> None:
        self.entries.append(entry)
        if len(self.entries) > MAX_ENTRIES:
            del self.entries[0]

    def clear(self) -> None:
        self.entries.clear()

    def score(self, since: int = 0) -> tuple[Score, dict[str, Score]]:
        """(the total, the score per kind of :data:`KINDS`) of the entries from ``since`` on."""
        total, by_kind = Score(), {}
        for e in self.entries[since:]:
            if e.attempt != 1:
                continue
            kind = by_kind.setdefault(KINDS[e.quantity], Score())
            for s in (total, kind):
                s.asked += 1
                s.right += int(e.correct)
        return total, by_kind

    def best_streak(self, quantity: str) -> int:
        """The longest run of questions about ``quantity`` right at the first try, one after another."""
        best = current = 0
        for e in self.entries:
            if e.quantity != quantity or e.attempt != 1:
                continue
            current = current + 1 if e.correct else 0
            best = max(best, current)
        return best

    def completed_steps(self, needed: int) -> list[int]:
        """The steps in which ``needed`` different questions (every question of a full step) were
        answered correctly, at any attempt."""
        done: dict[int, set] = {}
        for e in self.entries:
            if e.correct:
                done.setdefault(e.step, set()).add((e.quantity, e.layer, tuple(e.index)))
        return [step for step, got in sorted(done.items()) if len(got) >= needed]

    # ------------------------------------------------------------------ files

    def to_json(self) -> list[dict]:
        return [e.as_json() for e in self.entries]

    @classmethod
    def from_json(cls, obj, path: str = "run.practice") -> PracticeLog:
        """Read a ``run.practice`` list; a bad entry raises :class:`ProjectError` naming it."""
        items = jp.need_list(obj, path)
        if len(items) > MAX_ENTRIES:
            raise ProjectError(path, f"more than {MAX_ENTRIES} entries")
        return cls([_read_entry(item, f"{path}[{i}]") for i, item in enumerate(items)])

    def write_csv(self, path) -> int:
        """Write the log as CSV (one row per answer); returns the number of rows. The ``index``
        column numbers units from 1, as the window shows them (the log itself is 0-based)."""
        with Path(path).open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_COLUMNS)
            for e in self.entries:
                writer.writerow([e.time, e.step, e.quantity, e.layer or "", " ".join(str(v + 1) for v in e.index),
                                 e.notation, e.attempt, e.answer, repr(e.value), repr(e.expected),
                                 "yes" if e.correct else "no", e.slip or ""])
        return len(self.entries)


def _read_entry(item, path: str) -> PracticeEntry:
    jp.need_dict(item, path)
    names = {f.name for f in fields(PracticeEntry)}
    unknown = sorted(set(item) - names)
    if unknown:
        raise ProjectError(f"{path}.{unknown[0]}", "unknown key")
    quantity = item.get("quantity")
    if quantity not in QUANTITIES:
        raise ProjectError(f"{path}.quantity", f"must be one of {', '.join(QUANTITIES)}")
    slip = item.get("slip")
    if slip is not None and slip not in MISTAKES:
        raise ProjectError(f"{path}.slip", f"must be null or one of {', '.join(MISTAKES)}")
    index = jp.need_list(item.get("index", []), f"{path}.index")
    if len(index) > 2:
        raise ProjectError(f"{path}.index", "has at most two numbers")
    for key in ("time", "notation", "answer"):
        if not isinstance(item.get(key, ""), str) or len(item.get(key, "")) > 200:
            raise ProjectError(f"{path}.{key}", "must be a short text")
    layer = item.get("layer")
    if layer is not None and not isinstance(layer, str):
        raise ProjectError(f"{path}.layer", "must be a layer id or null")
    if not isinstance(item.get("correct"), bool):
        raise ProjectError(f"{path}.correct", "must be true or false")
    return PracticeEntry(
        time=item.get("time", ""), step=jp.need_int(item.get("step", 0), f"{path}.step", 0),
        quantity=quantity, layer=layer,
        index=tuple(jp.need_int(v, f"{path}.index[{n}]", 0) for n, v in enumerate(index)),
        notation=item.get("notation", "nielsen"), attempt=jp.need_int(item.get("attempt", 1), f"{path}.attempt", 1),
        answer=item.get("answer", ""), value=_number(item.get("value"), f"{path}.value"),
        expected=_number(item.get("expected"), f"{path}.expected"), correct=item["correct"], slip=slip)


def _number(value, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProjectError(path, "must be a number")
    return float(value)
