"""Shared test setup: Qt runs offscreen unless told otherwise."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# As in the GUI (ann_studio/__main__.py): one BLAS thread, so tests and timings stay steady on 2 cores.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


import hashlib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QStandardPaths  # noqa: E402

# No test reads or writes the user's real application data (recovery files, …).
QStandardPaths.setTestModeEnabled(True)

_RESOURCES = Path(__file__).resolve().parent.parent / "resources"
#: built from the committed .ts files at test time (ann_studio/i18n_build.py): not a saved file
_GENERATED = {".qm"}


def _resource_digests() -> dict[str, str]:
    """Every file below resources/ (except the generated .qm catalogues) and its SHA-256."""
    return {path.relative_to(_RESOURCES).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(_RESOURCES.rglob("*")) if path.is_file() and path.suffix not in _GENERATED}


@pytest.fixture(autouse=True)
def _resources_stay_untouched():
    """Fail the test that writes anything into resources/ (a saved example, lesson or data set
    would ship changed)."""
    before = _resource_digests()
    yield
    after = _resource_digests()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"this test changed files in resources/: {', '.join(changed)}"


@pytest.fixture(autouse=True)
def _unsaved_work_is_discarded_on_close(monkeypatch):
    """A window closed at teardown with unsaved work (training marks it modified) would ask in a
    modal dialog and block the run: the tests answer "discard" unless a test injects its own
    ``window.discard_prompt``. (Production code never asks whether tests are running.)"""
    monkeypatch.setattr("ann_studio.views.main_window._ask_discard", lambda _window: "discard")
