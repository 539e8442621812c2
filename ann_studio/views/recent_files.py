"""The list of recently opened projects, kept in QSettings (newest first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
_KEY = "recent_files"


def recent_files() -> list[str]:
    value = QSettings().value(_KEY, [])
    return [str(v) for v in (value if isinstance(value, list) else [value] if value else [])]


def add_recent(path: Path) -> None:
    name = str(Path(path).resolve())
    QSettings().setValue(_KEY, ([name] + [f for f in recent_files() if f != name])[:MAX_RECENT])


def clear_recent() -> None:
    QSettings().setValue(_KEY, [])
