"""Classroom assignments (``*.annclass``): a lesson to open, and controls to hide or lock.

Like TensorFlow Playground's classroom links: a teacher saves the file from the Lessons panel,
students open it (``ann-studio homework.annclass`` or the Lessons panel's "Open Assignment…"), and
the window opens on the lesson with the chosen actions and panels hidden or disabled::

    {"format": "ann-studio-classroom", "version": 1,
     "lesson": "learning-rate",
     "project": "my-net.annproj",          (optional; relative to this file; default: the lesson's)
     "hidden": ["new_project", "weights_panel"],
     "locked": ["step_epoch"],
     "practice": [{"quantity": "delta", "in_a_row": 5}, {"full_step": true}]}   (optional)

``hidden`` and ``locked`` name QAction or dock objectNames (``docs/actions.md``). ``practice``
lists what the student must do in practice mode (:mod:`.practice_checks`); the window reports
the student's progress and score (:func:`practice_report`). Qt-free.

Saving adds ``"checksum"``: the SHA-256 of what the assignment imposes (the lesson, the hidden and
locked names, the project file's bytes). The window shows its first eight digits as the
assignment's *code*, which a teacher compares with the code shown when saving: a student who
writes an ``.annclass`` with fewer locks (which is easy, and brings the controls back) gets
another code, and a file edited after saving is marked as changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.datasets.files import read_regular_file
from ..core.datasets.limits import Limit
from ..core.errors import DataError, ProjectError
from ..core.jsonpath import show
from ..core.project import parse_text, write_atomic
from .checks import LessonError, check_header
from .practice_checks import Progress, parse_requirement, progress

FORMAT = "ann-studio-classroom"
VERSION = 1
SUFFIX = ".annclass"
#: an assignment is a few hundred bytes of JSON; anything far larger is not one
MAX_FILE_BYTES = Limit("MAX_ASSIGNMENT_BYTES", 2**20, "bytes", "an .annclass file")


_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class Assignment:
    lesson: str
    hidden: list[str] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)
    project: Path | None = None
    path: Path | None = None
    #: the checksum the file carries (None: none, e.g. written by hand or by an older version)
    stored_checksum: str | None = None
    #: practice requirements (:mod:`.practice_checks`): "5 correct δ in a row", "one full step"
    practice: list[dict] = field(default_factory=list)

    def checksum(self) -> str:
        """SHA-256 (64 hex digits) of the lesson, the hidden and locked names (in any order) and
        the project file's bytes. Raises OSError if the project file cannot be read."""
        project = None
        if self.project is not None:
            digest = hashlib.sha256()
            with open(self.project, "rb") as stream:
                for chunk in iter(lambda: stream.read(1 << 16), b""):
                    digest.update(chunk)
            project = digest.hexdigest()
        imposed: dict[str, Any] = {"lesson": self.lesson, "hidden": sorted(set(self.hidden)), "locked": sorted(set(self.locked)),
                   "project": project}
        if self.practice:  # (only when set: the codes of assignments without practice stay as they were)
            imposed["practice"] = self.practice
        return hashlib.sha256(json.dumps(imposed, sort_keys=True).encode("utf-8")).hexdigest()

    def code(self) -> str:
        """The checksum's first eight digits, as a teacher reads them: ``"3F9A-12C4"``."""
        digits = self.checksum()[:8].upper()
        return f"{digits[:4]}-{digits[4:]}"

    def changed_since_saved(self) -> bool:
        """Whether the file's checksum no longer matches what it imposes (edited after saving)."""
        return self.stored_checksum is not None and self.stored_checksum != self.checksum()


def _names(obj: dict, key: str) -> list[str]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LessonError(key, f"expected a list of objectNames, got {show(value)}")
    return list(dict.fromkeys(value))


def parse_assignment(obj: Any, base: Path) -> Assignment:
    check_header(obj, FORMAT, VERSION)
    lesson = obj.get("lesson")
    if not isinstance(lesson, str) or not lesson:
        raise LessonError("lesson", f"expected a lesson id, got {show(lesson)}")
    assignment = Assignment(lesson, _names(obj, "hidden"), _names(obj, "locked"))
    practice = obj.get("practice", [])
    if not isinstance(practice, list):
        raise LessonError("practice", f"expected a list of practice requirements, got {show(practice)}")
    assignment.practice = [parse_requirement(req, f"practice[{k}]") for k, req in enumerate(practice[:100])]
    if obj.get("project") is not None:
        if not isinstance(obj["project"], str) or not obj["project"]:
            raise LessonError("project", f"expected a project file path, got {show(obj['project'])}")
        assignment.project = (base / obj["project"]).resolve()
        if not assignment.project.is_file():
            raise LessonError("project", f"no such project file: {show(obj['project'])}")
    checksum = obj.get("checksum")
    if checksum is not None and not (isinstance(checksum, str) and _HEX64.fullmatch(checksum)):
        raise LessonError("checksum", f"expected 64 hexadecimal digits, got {show(checksum)}")
    assignment.stored_checksum = checksum
    return assignment


def load_assignment(path: str | Path) -> Assignment:
    """Read and validate an ``.annclass`` file (the lesson id is checked when it is opened)."""
    path = Path(path)
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES, "an assignment file")
    except DataError as exc:
        raise LessonError("", f"cannot read {path.name}: {exc.message}") from None
    try:
        obj = parse_text(raw, path.name)
        assignment = parse_assignment(obj, path.parent)
    except OSError as exc:
        raise LessonError("", f"cannot read {path}: {exc.strerror}") from None
    except ProjectError as exc:
        raise LessonError(exc.path, f"{path.name}: {exc.message}") from None
    assignment.path = path
    return assignment


def save_assignment(assignment: Assignment, path: str | Path) -> Path:
    """Write ``assignment`` to ``path`` (``.annclass`` added when missing); the project path is
    stored relative to the file when possible."""
    path = Path(path)
    if path.suffix != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    obj: dict[str, Any] = {"format": FORMAT, "version": VERSION, "lesson": assignment.lesson,
                           "hidden": list(assignment.hidden), "locked": list(assignment.locked)}
    if assignment.practice:
        obj["practice"] = list(assignment.practice)
    try:
        obj["checksum"] = assignment.stored_checksum = assignment.checksum()
    except OSError as exc:
        raise LessonError("project", f"cannot read {assignment.project}: {exc.strerror or exc}") from None
    if assignment.project is not None:
        try:
            obj["project"] = Path(os.path.relpath(assignment.project, path.parent.resolve())).as_posix()
        except ValueError:  # another drive (Windows)
            obj["project"] = str(assignment.project)
    write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
    assignment.path = path
    return path


@dataclass
class PracticeReport:
    """The student's practice for an assignment: each requirement's :class:`Progress`, the
    score (right at the first try / asked) and whether every requirement is met."""

    progress: list[Progress]
    right: int
    asked: int

    @property
    def complete(self) -> bool:
        return all(p.met for p in self.progress)


def practice_report(assignment: Assignment, log, trainer) -> PracticeReport:
    """How the practice ``log`` (:class:`~ann_studio.core.practice_log.PracticeLog`) stands
    against ``assignment.practice``; ``trainer`` gives the size of a full step."""
    total, _kinds = log.score()
    return PracticeReport([progress(req, log, trainer) for req in assignment.practice], total.right, total.asked)
