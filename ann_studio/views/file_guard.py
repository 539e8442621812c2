"""What Save checks before it writes: never into the application's own ``resources/`` folder,
and never silently over a file that changed on disk since this window opened or saved it."""

from __future__ import annotations

import os
from pathlib import Path

from ..paths import resources_dir


def inside_resources(path: str | os.PathLike | None) -> bool:
    """Whether ``path`` lies in the application's ``resources/`` folder (shipped examples,
    lessons, data sets, translations): files no save may change."""
    if path is None:
        return False
    try:
        Path(path).resolve().relative_to(resources_dir().resolve())
    except ValueError:
        return False
    return True


def file_stamp(path: str | os.PathLike | None) -> tuple | None:
    """What identifies this version of the file at ``path``: (inode, size, mtime in ns); None when
    there is no such file. An atomic save by anyone (a new file renamed over it) changes the inode."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class DiskGuard:
    """Remembers the stamp of the window's file when it was opened or saved, and tells whether the
    file changed on disk since (another window, another program, another instance saved it)."""

    def __init__(self):
        self._path: Path | None = None
        self._stamp: tuple | None = None

    def remember(self, path: str | os.PathLike | None, stamp: tuple | None = None) -> None:
        """``path`` was just opened or saved (None: an untitled project). ``stamp``: the version
        seen then, when that was earlier than now (a restored autosave); default the file as it is."""
        self._path = Path(path).resolve() if path is not None else None
        self._stamp = tuple(stamp) if stamp is not None else file_stamp(self._path)

    def stamp_of(self, path: str | os.PathLike | None) -> tuple | None:
        """The stamp of ``path`` as this window last opened or saved it (None for another file)."""
        if path is None or self._path is None or Path(path).resolve() != self._path:
            return None
        return self._stamp

    def take_over(self, other: DiskGuard) -> None:
        """Remember what ``other`` remembers (the window it guarded is being replaced by this one's)."""
        self._path, self._stamp = other._path, other._stamp

    def changed_on_disk(self, target: str | os.PathLike) -> bool:
        """Whether saving to ``target`` would overwrite a version of the remembered file that this
        window never saw (False for another file, or one that no longer exists)."""
        if self._path is None or Path(target).resolve() != self._path:
            return False
        now = file_stamp(self._path)
        return now is not None and now != self._stamp
