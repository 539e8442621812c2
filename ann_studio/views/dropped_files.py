"""Files a user may drop on the window or the canvas: projects and classroom assignments."""

from __future__ import annotations

OPENABLE_SUFFIXES = (".annproj", ".annclass")


def openable_file(mime) -> str | None:
    """The first dropped local file ANN Studio opens, or None."""
    for url in mime.urls():
        path = url.toLocalFile()
        if path.lower().endswith(OPENABLE_SUFFIXES):
            return path
    return None
