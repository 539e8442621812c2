"""Autosave: while the project has unsaved changes, write it to a recovery file every minute.

The recovery file lives in ``QStandardPaths.AppDataLocation`` (``recovery.annproj`` beside a small
``recovery.json`` saying which file it came from and when). A clean save or a normal close removes
it; after a crash, the next start finds it and offers to restore it (:func:`find_recovery`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal, Slot

from ..core import AnnError, Project, load_project
from ..core.project import dumps, project_to_json, relocate_data_paths, write_atomic

INTERVAL_MS = 60_000
RECOVERY_FILE = "recovery.annproj"
INFO_FILE = "recovery.json"


def recovery_dir() -> Path:
    """Where recovery files go (created on demand)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


@dataclass(frozen=True)
class Recovery:
    """A recovery file found at start-up: the project file it came from (None if never saved)
    and when it was written (seconds since the epoch)."""

    path: Path
    original: Path | None
    saved_at: float

    def load(self) -> Project:
        """The recovered project, with its original path (so Save writes back there)."""
        project = load_project(self.path)
        home = self.original.parent if self.original is not None else Path.cwd()
        project.data = relocate_data_paths(project.data, self.path.parent, home)
        project.path = self.original
        return project

    def discard(self) -> None:
        for name in (RECOVERY_FILE, INFO_FILE):
            (self.path.parent / name).unlink(missing_ok=True)


def find_recovery(directory: Path | None = None) -> Recovery | None:
    """The recovery file left by a crashed session, or None."""
    directory = Path(directory) if directory is not None else recovery_dir()
    path = directory / RECOVERY_FILE
    if not path.is_file():
        return None
    try:
        info = json.loads((directory / INFO_FILE).read_text(encoding="utf-8"))
        original = Path(info["original"]) if info.get("original") else None
        saved_at = float(info.get("saved_at", path.stat().st_mtime))
    except (OSError, ValueError, KeyError, TypeError):
        original, saved_at = None, path.stat().st_mtime
    return Recovery(path, original, saved_at)


class Autosaver(QObject):
    """Writes ``document`` to the recovery file every ``interval_ms`` while it is modified.

    Parameters
    ----------
    document : ProjectDocument
    directory : Path, optional
        Default :func:`recovery_dir`.
    interval_ms : int
    """

    #: a recovery file was written (its path)
    saved = Signal(object)

    def __init__(self, document, directory: Path | None = None, interval_ms: int = INTERVAL_MS, parent=None):
        super().__init__(parent)
        self.document = document
        self.directory = Path(directory) if directory is not None else recovery_dir()
        self.wrote = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        document.undo_stack.cleanChanged.connect(self._on_stack_clean_changed)
        document.project_replaced.connect(self._on_stack_clean_changed)
        self._on_stack_clean_changed()

    @property
    def path(self) -> Path:
        return self.directory / RECOVERY_FILE

    @Slot()
    def _on_stack_clean_changed(self, *_args) -> None:
        try:
            modified = self.document.is_modified()
        except RuntimeError:  # the document is being destroyed
            return
        if modified:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
            self.remove()

    @Slot()
    def save_now(self) -> bool:
        """Write the recovery file now (if modified). Failures are silent: autosave never interrupts."""
        if not self.document.is_modified():
            return False
        project = self.document.project
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            obj = project_to_json(project)
            obj["data"] = relocate_data_paths(obj["data"], project.base_dir, self.directory)
            write_atomic(self.path, dumps(obj) + "\n")
            info = {"original": str(project.path) if project.path else None, "saved_at": time.time()}
            write_atomic(self.directory / INFO_FILE, json.dumps(info))
        except (OSError, ValueError, AnnError):
            return False
        self.wrote = True
        self.saved.emit(self.path)
        return True

    def remove(self) -> None:
        """Delete the recovery file this autosaver wrote (after a save or a normal close)."""
        if self.wrote:
            Recovery(self.path, None, 0.0).discard()
            self.wrote = False

    def stop(self) -> None:
        self._timer.stop()
