"""Classroom assignments (``*.annclass``): a lesson to open, and controls to hide or lock.

Like TensorFlow Playground's classroom links: a teacher saves the file from the Lessons panel,
students open it (``ann-studio homework.annclass`` or the Lessons panel's "Open Assignment…"), and
the window opens on the lesson with the chosen actions and panels hidden or disabled::

    {"format": "ann-studio-classroom", "version": 1,
     "lesson": "learning-rate",
     "project": "my-net.annproj",          (optional; relative to this file; default: the lesson's)
     "hidden": ["new_project", "weights_panel"],
     "locked": ["step_epoch"]}

``hidden`` and ``locked`` name QAction or dock objectNames (``docs/actions.md``). Qt-free.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import ProjectError
from ..core.jsonpath import show
from ..core.project import parse_text, write_atomic
from .checks import LessonError

FORMAT = "ann-studio-classroom"
VERSION = 1
SUFFIX = ".annclass"


@dataclass
class Assignment:
    lesson: str
    hidden: list[str] = field(default_factory=list)
    locked: list[str] = field(default_factory=list)
    project: Path | None = None
    path: Path | None = None


def _names(obj: dict, key: str) -> list[str]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LessonError(key, f"expected a list of objectNames, got {show(value)}")
    return list(dict.fromkeys(value))


def parse_assignment(obj: Any, base: Path) -> Assignment:
    if not isinstance(obj, dict):
        raise LessonError("", f"expected a JSON object, got {show(obj)}")
    if obj.get("format") != FORMAT:
        raise LessonError("format", f'expected "{FORMAT}", got {show(obj.get("format"))}')
    if obj.get("version") != VERSION:
        raise LessonError("version", f"expected {VERSION}, got {show(obj.get('version'))}")
    lesson = obj.get("lesson")
    if not isinstance(lesson, str) or not lesson:
        raise LessonError("lesson", f"expected a lesson id, got {show(lesson)}")
    assignment = Assignment(lesson, _names(obj, "hidden"), _names(obj, "locked"))
    if obj.get("project") is not None:
        if not isinstance(obj["project"], str) or not obj["project"]:
            raise LessonError("project", f"expected a project file path, got {show(obj['project'])}")
        assignment.project = (base / obj["project"]).resolve()
        if not assignment.project.is_file():
            raise LessonError("project", f"no such project file: {obj['project']}")
    return assignment


def load_assignment(path: str | Path) -> Assignment:
    """Read and validate an ``.annclass`` file (the lesson id is checked when it is opened)."""
    path = Path(path)
    try:
        obj = parse_text(path.read_bytes(), path.name)
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
    if assignment.project is not None:
        try:
            obj["project"] = Path(os.path.relpath(assignment.project, path.parent.resolve())).as_posix()
        except ValueError:  # another drive (Windows)
            obj["project"] = str(assignment.project)
    write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")
    assignment.path = path
    return path
