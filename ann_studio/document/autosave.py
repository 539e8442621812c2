"""Autosave: while a window's project has unsaved changes, write it to that window's own recovery
file every minute.

Every window of every running instance has its own recovery files in
``QStandardPaths.AppDataLocation``, named by a unique id (process id, a counter and a random part)::

    recovery-<id>.annproj   the project, with its run (file format v2)
    recovery-<id>.annproj.arrays*.npz   its big arrays, above 1 M parameters (as Save writes them)
    recovery-<id>.json      where it came from (and that file's stamp when the window last opened
                            or saved it), when it was written, the step it had reached
    recovery-<id>.lock      locked (flock) for as long as the window lives

A clean save or a normal close removes them. A recovery file whose lock nobody holds was left by a
crashed instance or window: the next start lists these *orphans* (:func:`find_recoveries`) and
offers to restore or discard each one. A running instance's autosave is never an orphan, since its
lock is held, and a second instance claims an orphan's lock while it asks, so two instances
starting together never both restore the same one.
"""

from __future__ import annotations

import itertools
import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal, Slot

from ..core import AnnError, Project, load_project
from ..core.array_store import remove_old_sidecars
from ..core.project import relocate_data_paths, write_atomic, write_project_file

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
    import msvcrt

INTERVAL_MS = 60_000
PREFIX = "recovery-"
#: the single recovery file pair of versions before per-window recovery (still offered once)
LEGACY = "recovery"
_counter = itertools.count(1)


def recovery_dir() -> Path:
    """Where recovery files go (created on demand)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def new_recovery_id() -> str:
    """An id no other window of this or any other instance has: pid, counter, random part."""
    return f"{os.getpid()}-{next(_counter)}-{secrets.token_hex(4)}"


# ----------------------------------------------------------------------------- the lock


class FileLock:
    """An exclusive, non-blocking lock on ``path`` (created if missing), held until :meth:`release`
    or until the process dies (the operating system drops it then, even after ``kill -9``)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False when someone (another window or process) holds it."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return False
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover - Windows
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]  # (Windows only)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self, delete: bool = False) -> None:
        """Give the lock up; ``delete`` also removes the lock file (while still holding it, so no
        one else sees a window between)."""
        if self._fd is None:
            return
        if delete:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:  # pragma: no cover - Windows keeps an open file
                pass
        os.close(self._fd)
        self._fd = None


# ----------------------------------------------------------------------------- found recoveries


@dataclass(eq=False)
class Recovery:
    """A recovery file left by a crashed window: the project file it came from (None if never
    saved), when it was written (seconds since the epoch), the training step it had reached and
    the stamp of the original (``views.file_guard.file_stamp``) as that window last opened or saved
    it (None if unknown). While offered it holds its lock (:attr:`claim`), so no other instance
    offers it too."""

    path: Path
    original: Path | None
    saved_at: float
    step: int = 0
    claim: FileLock | None = field(default=None, repr=False)
    original_stamp: tuple | None = None

    @property
    def info_path(self) -> Path:
        return self.path.with_suffix(".json")

    @property
    def lock_path(self) -> Path:
        return self.path.with_suffix(".lock")

    def load(self) -> Project:
        """The recovered project with its run, and its original path (so Save writes back there)."""
        project = load_project(self.path)
        home = self.original.parent if self.original is not None else Path.cwd()
        project.data = relocate_data_paths(project.data, self.path.parent, home)
        project.path = self.original
        return project

    def discard(self) -> None:
        """Delete this recovery's files (and no other's)."""
        _remove_files(self.path)
        if self.claim is not None:
            self.claim.release(delete=True)
        else:
            self.lock_path.unlink(missing_ok=True)

    def release(self) -> None:
        """Keep the files for a later start and let other instances offer them."""
        if self.claim is not None:
            self.claim.release()


def _read_recovery(path: Path) -> Recovery:
    try:
        info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        original = Path(info["original"]) if info.get("original") else None
        saved_at = float(info.get("saved_at", path.stat().st_mtime))
        step = int(info.get("step", 0))
        stamp = tuple(int(v) for v in info["stamp"]) if info.get("stamp") else None
    except (OSError, ValueError, KeyError, TypeError):
        original, saved_at, step, stamp = None, path.stat().st_mtime, 0, None
    return Recovery(path, original, saved_at, step, original_stamp=stamp)


def _remove_files(path: Path) -> None:
    """Delete the recovery file ``path``, its arrays and its info (not its lock)."""
    path.unlink(missing_ok=True)
    remove_old_sidecars(path, None)
    path.with_suffix(".json").unlink(missing_ok=True)


def find_recoveries(directory: Path | None = None) -> list[Recovery]:
    """Every recovery file in ``directory`` left by a crashed window or instance, oldest first.
    Each is claimed (its lock held) until it is discarded or released; the autosaves of running
    windows, whose locks are held, are never listed."""
    directory = Path(directory) if directory is not None else recovery_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.glob(f"{PREFIX}*.annproj")) + sorted(directory.glob(f"{LEGACY}.annproj")):
        claim = FileLock(path.with_suffix(".lock"))
        if not claim.acquire():
            continue  # a live window's autosave, or another instance is offering it right now
        if not path.is_file():  # discarded between the listing and the lock
            claim.release(delete=True)
            continue
        recovery = _read_recovery(path)
        recovery.claim = claim
        found.append(recovery)
    return sorted(found, key=lambda r: r.saved_at)


def find_recovery(directory: Path | None = None) -> Recovery | None:
    """The oldest orphaned recovery in ``directory``, or None (the others are released)."""
    found = find_recoveries(directory)
    for other in found[1:]:
        other.release()
    return found[0] if found else None


# ----------------------------------------------------------------------------- the autosaver


class Autosaver(QObject):
    """Writes ``document`` (with its run, :meth:`ProjectDocument.project_for_save`) to this
    window's own recovery file every ``interval_ms`` while it is modified.

    Parameters
    ----------
    document : ProjectDocument
    directory : Path, optional
        Default :func:`recovery_dir`.
    interval_ms : int
    stamp_of : callable, optional
        ``stamp_of(path) -> tuple | None``: the stamp of the project file ``path`` as this window
        last opened or saved it, kept in the info so a restored window still notices a newer version.
    """

    #: a recovery file was written (its path)
    saved = Signal(object)

    def __init__(self, document, directory: Path | None = None, interval_ms: int = INTERVAL_MS, parent=None,
                 stamp_of=None):
        super().__init__(parent)
        self.document = document
        self.stamp_of = stamp_of or (lambda _path: None)
        self.directory = Path(directory) if directory is not None else recovery_dir()
        self.recovery_id = new_recovery_id()
        self.wrote = False
        self._lock = FileLock(self.path.with_suffix(".lock"))
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)
        document.modified_changed.connect(self._on_document_modified_changed)
        self._on_document_modified_changed()

    @property
    def scheduled(self) -> bool:
        """Whether an autosave is due (the document has unsaved work): every :attr:`interval_ms`."""
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def path(self) -> Path:
        """This window's recovery file (written only once there is something to recover)."""
        return self.directory / f"{PREFIX}{self.recovery_id}.annproj"

    @Slot(bool)
    def _on_document_modified_changed(self, *_args) -> None:
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
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if not self._lock.acquire():
                return False
            project = self.document.project_for_save()
            # as Save writes it: big arrays in a sibling .npz, not megabytes of JSON on the GUI thread
            write_project_file(project, self.path, relocate_data_paths(project.data, project.base_dir,
                                                                       self.directory))
            run = project.run or {}
            stamp = self.stamp_of(project.path) if project.path else None
            info = {"original": str(project.path) if project.path else None, "saved_at": time.time(),
                    "step": int(run.get("step", 0)) if isinstance(run, dict) else 0, "pid": os.getpid(),
                    "stamp": list(stamp) if stamp else None}
            write_atomic(self.path.with_suffix(".json"), json.dumps(info))
        except (OSError, ValueError, TypeError, AnnError):
            return False
        self.wrote = True
        self.saved.emit(self.path)
        return True

    def remove(self) -> None:
        """Delete this window's recovery files (after a save or a normal close); never another's."""
        if self.wrote or self._lock.held:
            _remove_files(self.path)
            self._lock.release(delete=True)
            self.wrote = False

    def hand_over(self, successor: Autosaver) -> None:
        """Give this window's recovery files and their lock to ``successor`` (the window that
        replaces this one on the same document: a language switch, View → Reset Layout), so the
        autosaved work stays on disk throughout. This autosaver then writes and deletes nothing."""
        self.stop()
        self.document.modified_changed.disconnect(self._on_document_modified_changed)
        successor._lock.release(delete=True)
        successor.recovery_id, successor._lock, successor.wrote = self.recovery_id, self._lock, self.wrote
        self.recovery_id = new_recovery_id()
        self._lock = FileLock(self.path.with_suffix(".lock"))
        self.wrote = False
        successor._on_document_modified_changed()

    def abandon(self) -> None:
        """Stop and let go of the recovery file without deleting it, as a crash would: it becomes
        an orphan that the next start offers."""
        self.stop()
        self._lock.release()
        self.wrote = False

    def set_interval(self, interval_ms: int) -> None:
        """Autosave every ``interval_ms`` milliseconds from now on."""
        self._timer.setInterval(interval_ms)

    def stop(self) -> None:
        self._timer.stop()
