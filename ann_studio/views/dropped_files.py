"""Files a user may drop on the window or the canvas: projects and classroom assignments."""

from __future__ import annotations

OPENABLE_SUFFIXES = (".annproj", ".annclass")
ASSIGNMENT_SUFFIX = ".annclass"


def openable_file(mime) -> str | None:
    """The first dropped local file ANN Studio opens, or None."""
    for url in mime.urls():
        path = url.toLocalFile()
        if path.lower().endswith(OPENABLE_SUFFIXES):
            return path
    return None


def is_assignment(path: str) -> bool:
    """Whether ``path`` names a classroom assignment (which opens even where projects may not)."""
    return path.lower().endswith(ASSIGNMENT_SUFFIX)
