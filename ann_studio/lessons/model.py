"""Lesson files (``resources/lessons/*.json``): loading and validation, Qt-free.

A lesson walks a student through a project step by step; see ``docs/lessons.md`` for the format.
Every problem raises :class:`LessonError` naming the file and the JSON path, e.g.
``lessons/xor.json: steps[3].check.value: expected a number, got "0.1"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import ProjectError
from ..core.jsonpath import show
from ..core.project import parse_text
from ..paths import resource_path
from .checks import LessonError, check_header, parse_check

FORMAT = "ann-studio-lesson"
VERSION = 1
LANGS = ("en", "zh")
TARGET_KINDS = ("action", "dock", "layer")


@dataclass(frozen=True)
class Target:
    """What a step highlights: a QAction (``kind`` "action"), a dock panel ("dock") or a canvas
    layer ("layer"), by its objectName or layer id; ``panel`` is a dock the step talks about,
    brought to the front as well (the math view while an action steps a phase)."""

    kind: str
    name: str
    panel: str | None = None


@dataclass
class Step:
    """One step: ``text`` ({"en", "zh"}), what to ``target``, the ``action`` to take (an action
    objectName the panel offers as a button), the ``check`` that advances it (None: the student
    presses Next), and a ``project`` to open on entering the step (a resolved path, or None)."""

    text: dict[str, str]
    target: Target | None = None
    action: str | None = None
    check: dict | None = None
    project: Path | None = None


@dataclass
class Lesson:
    id: str
    title: dict[str, str]
    summary: dict[str, str]
    project: Path
    steps: list[Step]
    order: int = 0
    path: Path | None = None
    extra: dict = field(default_factory=dict)


def lessons_dir() -> Path:
    return resource_path("lessons")


def _bilingual(value: Any, path: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise LessonError(path, f'expected {{"en": "…", "zh": "…"}}, got {show(value)}')
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise LessonError(f"{path}.{lang}", f"expected a non-empty string, got {show(text)}")
    return {lang: value[lang] for lang in LANGS}


def _project(value: Any, path: str, base: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise LessonError(path, f"expected a project file path, got {show(value)}")
    target = (base / value).resolve()
    if not target.is_file():
        raise LessonError(path, f"no such project file: {value} (paths are relative to the lesson file)")
    return target


def _target(value: Any, path: str) -> Target:
    value = dict(value) if isinstance(value, dict) else value
    panel = value.pop("panel", None) if isinstance(value, dict) else None
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in TARGET_KINDS:
        raise LessonError(path, f'expected one of {{"action": name}}, {{"dock": name}}, {{"layer": id}} '
                                f'(and optionally "panel": dock), got {show(value)}')
    kind, name = next(iter(value.items()))
    if not isinstance(name, str) or not name:
        raise LessonError(f"{path}.{kind}", f"expected a non-empty string, got {show(name)}")
    if panel is not None and (not isinstance(panel, str) or not panel):
        raise LessonError(f"{path}.panel", f"expected a dock objectName, got {show(panel)}")
    return Target(kind, name, panel)


def _step(value: Any, path: str, base: Path) -> Step:
    if not isinstance(value, dict):
        raise LessonError(path, f"expected an object, got {show(value)}")
    unknown = set(value) - {"text", "target", "action", "check", "project", "note"}
    if unknown:
        raise LessonError(f"{path}.{sorted(unknown)[0]}", "unknown field (expected text, target, action, "
                                                          "check, project, note)")
    step = Step(_bilingual(value.get("text"), f"{path}.text"))
    if "target" in value:
        step.target = _target(value["target"], f"{path}.target")
    if "action" in value:
        if not isinstance(value["action"], str) or not value["action"]:
            raise LessonError(f"{path}.action", f"expected an action objectName, got {show(value['action'])}")
        step.action = value["action"]
    if "check" in value:
        step.check = parse_check(value["check"], f"{path}.check")
    if "project" in value:
        step.project = _project(value["project"], f"{path}.project", base)
    return step


def parse_lesson(obj: Any, base: Path, source: str = "") -> Lesson:
    """A :class:`Lesson` from parsed JSON; relative project paths resolve against ``base``."""
    try:
        check_header(obj, FORMAT, VERSION)
        lesson_id = obj.get("id")
        if not isinstance(lesson_id, str) or not lesson_id.replace("-", "").replace("_", "").isalnum():
            raise LessonError("id", f"expected an id of letters, digits, - and _, got {show(lesson_id)}")
        order = obj.get("order", 0)
        if not isinstance(order, int) or isinstance(order, bool):
            raise LessonError("order", f"expected an integer, got {show(order)}")
        steps = obj.get("steps")
        if not isinstance(steps, list) or not steps:
            raise LessonError("steps", f"expected a non-empty list of steps, got {show(steps)}")
        return Lesson(lesson_id, _bilingual(obj.get("title"), "title"), _bilingual(obj.get("summary"), "summary"),
                      _project(obj.get("project"), "project", base),
                      [_step(s, f"steps[{k}]", base) for k, s in enumerate(steps)], order)
    except LessonError as exc:
        raise LessonError(exc.path, f"{source}: {exc.message}" if source else exc.message) from None


def load_lesson(path: str | Path) -> Lesson:
    """Load and validate one lesson file."""
    path = Path(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise LessonError("", f"cannot read {path}: {exc.strerror}") from None
    try:
        obj = parse_text(text, path.name)
    except ProjectError as exc:  # invalid JSON, with line and column
        raise LessonError("", f"{path.name}: {exc}") from None
    lesson = parse_lesson(obj, path.parent, path.name)
    lesson.path = path
    return lesson


def load_lessons(folder: Path | None = None) -> list[Lesson]:
    """Every ``*.json`` lesson in ``folder`` (default ``resources/lessons``), by ``order`` then id.
    Raises on the first malformed file; ids must be unique."""
    lessons = [load_lesson(p) for p in sorted((folder or lessons_dir()).glob("*.json"))]
    seen: dict[str, Path] = {}
    for lesson in lessons:
        if lesson.id in seen:
            raise LessonError("id", f"{lesson.path.name}: the id {lesson.id!r} is also used by {seen[lesson.id].name}")
        seen[lesson.id] = lesson.path
    return sorted(lessons, key=lambda lesson: (lesson.order, lesson.id))


def find_lesson(lesson_id: str, folder: Path | None = None) -> Lesson:
    for lesson in load_lessons(folder):
        if lesson.id == lesson_id:
            return lesson
    raise LessonError("lesson", f"no lesson with the id {lesson_id!r}")
