"""Shared test setup: Qt runs offscreen unless told otherwise."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# As in the GUI (ann_studio/__main__.py): one BLAS thread, so tests and timings stay steady on 2 cores.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


import hashlib  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
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


@pytest.fixture(autouse=True)
def _isolated_settings_and_recovery(tmp_path_factory, monkeypatch):
    """Every test reads and writes QSettings and its recovery files in a folder of its own (never
    the developer's real settings, nor another test's): QSettings' user scope (native and INI
    formats) and ``autosave.recovery_dir()``, the default recovery folder."""
    from PySide6.QtCore import QSettings

    from ann_studio.document import autosave

    base = tmp_path_factory.mktemp("app")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(base / "settings"))
    monkeypatch.setattr(autosave, "recovery_dir", lambda: base / "recovery")
    yield base


#: threads that live as long as the process by design: the reader of the application's one training
#: worker (document/training_worker.py keeps that client for the whole run)
_APPLICATION_THREADS = {"ann-studio-worker-reader"}
#: how long a thread a test started may take to finish after the test (it may be winding down)
_THREAD_GRACE_S = 5.0


@pytest.fixture(autouse=True)
def _no_leaked_windows_timers_or_threads(request, monkeypatch):
    """Fail a test that leaves a visible top-level widget, an active QTimer or a running thread
    behind (napari's ``_testsupport`` is the model). Runs its check after qtbot closed the widgets
    the test registered (autouse fixtures are torn down last). A test that really means to leave
    one opts out with ``@pytest.mark.allow_leaks``."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    widgets_before = set(app.topLevelWidgets()) if app is not None else set()
    threads_before = set(threading.enumerate())
    started_timers: list[QTimer] = []
    started_qthreads: list[QThread] = []
    timer_start, qthread_start = QTimer.start, QThread.start

    def start_timer(self, *args):
        started_timers.append(self)
        return timer_start(self, *args)

    def start_qthread(self, *args):
        started_qthreads.append(self)
        return qthread_start(self, *args)

    monkeypatch.setattr(QTimer, "start", start_timer)
    monkeypatch.setattr(QThread, "start", start_qthread)
    yield
    monkeypatch.undo()
    if request.node.get_closest_marker("allow_leaks") or _test_failed(request):
        return
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
        # the windows qtbot closed are deleted (as napari's tests do), and their timers with them
        for widget in app.topLevelWidgets():
            if widget not in widgets_before and not widget.isVisible():
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    deadline = time.monotonic() + _THREAD_GRACE_S
    new_threads = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()
                   and t.name not in _APPLICATION_THREADS]
    for thread in new_threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    leaks = [f"thread {t.name!r}" for t in new_threads if t.is_alive()]
    leaks += [f"QThread {t!r}" for t in started_qthreads if _alive(t) and t.isRunning()]
    leaks += [f"active QTimer {t!r} (interval {t.interval()} ms, parent {type(t.parent()).__name__})"
              for t in started_timers if _alive(t) and t.isActive()]
    if app is not None:
        leaks += [f"visible top-level widget {w!r} ({w.objectName() or type(w).__name__})"
                  for w in app.topLevelWidgets() if w not in widgets_before and w.isVisible()]
    assert not leaks, "this test left behind: " + "; ".join(leaks)


def _alive(qobject) -> bool:
    import shiboken6

    return shiboken6.isValid(qobject)


def _test_failed(request) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is not None and report.failed


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item (``rep_call``): the leak check skips a test that
    already failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
