"""The error of a malformed lesson or assignment file (its own module: the checks and the
practice requirements both raise it)."""

from __future__ import annotations

from ..core.errors import ProjectError


class LessonError(ProjectError):
    """A malformed lesson or assignment file: ``path`` is the JSON path of the problem."""
