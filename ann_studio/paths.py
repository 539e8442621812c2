"""Where the application's resources live: the source tree, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder (examples, datasets, icons, translations, lessons)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path below ``resources/``; e.g. ``resource_path("examples", "lesson.annproj")``."""
    return resources_dir().joinpath(*parts)
