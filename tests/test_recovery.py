"""Autosave per window and crash recovery (issue 12): every window and every instance has its own
recovery file; a running instance's autosave is never offered as a crash; recovery lists every
orphan and restores each with its run; after ``kill -9`` during training the last autosaved step
comes back with its weights."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from helpers import EXAMPLES, ROOT
from PySide6.QtCore import Qt
from qt_helpers import make_window

from ann_studio.document import commands as c
from ann_studio.document.autosave import find_recoveries
from ann_studio.views.dialogs.recovery import DISCARD, KEEP, RESTORE, RecoveryDialog

CHILD = Path(__file__).with_name("recovery_child.py")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and flock")


def edit(window, units=5):
    doc = window.document
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=units), "units"))


def orphans(directory) -> list:
    """The orphans in ``directory``, released again (so the next look sees them too)."""
    found = find_recoveries(directory)
    for recovery in found:
        recovery.release()
    return found


# ----------------------------------------------------------------------------- in one process


def test_two_windows_have_their_own_recovery_files(qtbot, tmp_path):
    rec = tmp_path / "recovery"
    one, two = make_window(qtbot, tmp_path), make_window(qtbot, tmp_path)
    edit(one, 3)
    edit(two, 7)
    assert one.autosaver.save_now() and two.autosaver.save_now()
    assert one.autosaver.path != two.autosaver.path and one.autosaver.path.is_file() and two.autosaver.path.is_file()
    assert orphans(rec) == []  # both windows live: neither is a crash
    assert two.save_project(tmp_path / "two.annproj")  # a clean save removes only window 2's file
    assert one.autosaver.path.is_file() and not two.autosaver.path.exists()
    one.autosaver.abandon()  # as a crash of window 1 would leave it
    (found,) = orphans(rec)
    assert found.path == one.autosaver.path and found.original is None


def test_recovery_lists_every_orphan_and_answering_one_keeps_the_others(qtbot, tmp_path):
    rec = tmp_path / "recovery"
    crashed = []
    for units in (3, 4, 6):
        w = make_window(qtbot, tmp_path)
        edit(w, units)
        assert w.autosaver.save_now()
        w.autosaver.abandon()
        crashed.append(w.autosaver.path)
    assert sorted(r.path for r in orphans(rec)) == sorted(crashed)
    fresh, opened, asked = make_window(qtbot, tmp_path), [], []

    def open_window(_w):
        new = make_window(qtbot, tmp_path)
        opened.append(new)
        return new

    def prompt(_w, recoveries):
        asked.append([r.path for r in recoveries])
        return [RESTORE, DISCARD, KEEP]

    from ann_studio.views.dialogs.recovery import offer_recovery

    restored = offer_recovery(fresh, prompt, open_window)
    assert asked == [crashed]  # oldest first, every one listed
    assert restored == [fresh] and fresh.document.layer("hidden").units == 3
    assert fresh.document.is_modified() and fresh.isWindowModified()
    assert fresh.autosaver.path.is_file()  # the restored work is in the new window's own file now
    assert not crashed[0].exists() and not crashed[1].exists() and crashed[2].is_file()
    assert [r.path for r in orphans(rec)] == [crashed[2]]  # "keep": offered again next time
    # the next start restores the kept one; the first window holds work now, so it gets its own window
    assert offer_recovery(fresh, lambda _w, rs: [RESTORE] * len(rs), open_window) == opened
    assert opened[0].document.layer("hidden").units == 6 and fresh.document.layer("hidden").units == 3
    assert orphans(rec) == []


def test_a_recovery_keeps_its_original_path_and_save_goes_there(qtbot, tmp_path):
    own = tmp_path / "mine.annproj"
    own.write_bytes((EXAMPLES / "xor.annproj").read_bytes())
    first = make_window(qtbot, tmp_path, path=own)
    edit(first, 4)
    assert first.autosaver.save_now()
    first.autosaver.abandon()
    second = make_window(qtbot, tmp_path)
    assert second.offer_recovery(lambda _w, rs: [RESTORE]) == [second]
    assert second.document.path == own.resolve() and second.windowTitle().startswith("mine.annproj")
    assert second.save_project()
    assert orphans(tmp_path / "recovery") == [] and not second.autosaver.path.exists()
    assert '"units": 4' in own.read_text(encoding="utf-8")


def test_the_dialog_lists_each_recovery_with_a_check_box(qtbot, tmp_path):
    for units in (3, 4):
        w = make_window(qtbot, tmp_path)
        edit(w, units)
        w.autosaver.save_now()
        w.autosaver.abandon()
    found = find_recoveries(tmp_path / "recovery")
    try:
        dialog = RecoveryDialog(None, found)
        qtbot.addWidget(dialog)
        assert dialog.list.count() == 2 and "an unsaved project" in dialog.list.item(0).text()
        dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()
        assert dialog.decisions == [RESTORE, DISCARD]
        later = RecoveryDialog(None, found)
        qtbot.addWidget(later)
        later.reject()
        assert later.decisions == [KEEP, KEEP]
    finally:
        for recovery in found:
            recovery.release()


def test_autosave_holds_the_run(qtbot, tmp_path):
    from PySide6.QtGui import QAction

    w = make_window(qtbot, tmp_path, path=EXAMPLES / "xor.annproj")
    for _ in range(5):
        w.findChild(QAction, "step_batch").trigger()
    assert w.document.is_modified() and w.autosaver.save_now()
    saved = json.loads(w.autosaver.path.read_text(encoding="utf-8"))
    assert saved["version"] == 2 and saved["run"]["step"] == 5
    info = json.loads(w.autosaver.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert info["step"] == 5 and info["pid"] == os.getpid()


def test_a_big_autosave_restores_from_its_arrays_and_is_removed_with_them(qtbot, tmp_path):
    """Above 1 M parameters the recovery file's arrays go to a sibling .npz (as Save writes them):
    the restore reads them back, and the orphan's .npz goes with the orphan."""
    from PySide6.QtGui import QAction

    from ann_studio.core import NetworkSpec, Project, save_project

    data = {"train": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}}
    path = tmp_path / "big.annproj"
    save_project(Project(NetworkSpec.chain([2, 1100, 1000, 1]), data=data), path)
    w = make_window(qtbot, tmp_path, path=path)
    w.findChild(QAction, "step_batch").trigger()
    assert w.autosaver.save_now()
    weights = w.session.trainer.network.to_spec().layer(w.document.network.output).weights.copy()
    w.session.shutdown()
    w.autosaver.abandon()
    recovery_dir = tmp_path / "recovery"
    assert len(list(recovery_dir.glob("recovery-*.annproj.arrays*.npz"))) == 1
    fresh = make_window(qtbot, tmp_path)
    assert fresh.offer_recovery(lambda _w, rs: [RESTORE] * len(rs)) == [fresh]
    assert fresh.session.trainer.step == 1
    out = fresh.session.trainer.network.to_spec().layer(fresh.document.network.output).weights
    np.testing.assert_array_equal(out, weights)
    sidecars = list(recovery_dir.glob("recovery-*.annproj.arrays*.npz"))
    assert [p.name for p in sidecars] == [fresh.autosaver.path.name + ".arrays.npz"]  # the orphan's is gone
    fresh.session.shutdown()


# ----------------------------------------------------------------------------- two processes


class Child:
    """An ANN Studio instance in a subprocess (tests/recovery_child.py), its output read by a thread."""

    def __init__(self, tmp_path: Path, name: str, mode: str, windows: int, interval_ms: int):
        self.quit_file = tmp_path / f"quit-{name}"
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
        env.update(QT_QPA_PLATFORM="offscreen", ANN_STUDIO_WORKER="0", PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(tmp_path / "recovery"), str(tmp_path / f"settings-{name}"), mode,
             str(windows), str(interval_ms), str(self.quit_file)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(tmp_path))
        self.lines: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.endswith("\n"):
                self.lines.append(json.loads(line))

    def wait_for(self, test, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not test():
            if self.proc.poll() is not None:
                raise AssertionError(f"the child ended ({self.proc.returncode}): {self.proc.stderr.read()[-2000:]}")
            assert time.monotonic() < end, "the child did not get there in time"
            time.sleep(0.02)

    def saves(self) -> list[dict]:
        return [line for line in self.lines if "step" in line]

    @property
    def files(self) -> list[str]:
        return next(line["ready"] for line in self.lines if "ready" in line)

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self._reader.join(30)

    def quit(self) -> int:
        self.quit_file.touch()
        code = self.proc.wait(60)
        self._reader.join(30)
        return code


@pytest.fixture
def children():
    started: list[Child] = []
    yield started
    for child in started:
        if child.proc.poll() is None:
            child.proc.kill()
            child.proc.wait(30)


def test_two_instances_of_two_windows_each_and_one_killed(qtbot, tmp_path, children):
    rec = tmp_path / "recovery"
    a = Child(tmp_path, "a", "edit", 2, 100)
    b = Child(tmp_path, "b", "edit", 2, 100)
    children += [a, b]
    for child in (a, b):
        child.wait_for(lambda child=child: {s["window"] for s in child.saves()} == {0, 1})
    paths = a.files + b.files
    assert len(set(paths)) == 4 and all(Path(p).is_file() for p in paths)
    assert orphans(rec) == []  # two running instances: nothing is offered as a crash
    a.kill9()
    found = orphans(rec)
    assert sorted(str(r.path) for r in found) == sorted(a.files)  # only the killed one's, each its own
    assert all(Path(p).is_file() for p in b.files)
    window = make_window(qtbot, tmp_path)
    asked = []
    restored = window.offer_recovery(lambda _w, rs: asked.append(len(rs)) or [RESTORE, DISCARD])
    assert asked == [2] and restored == [window] and window.document.is_modified()
    assert window.document.layer("hidden").units in (3, 4)
    assert orphans(rec) == [] and all(Path(p).is_file() for p in b.files)
    assert b.quit() == 0  # a normal close removes its own files, and only those
    assert not any(Path(p).exists() for p in b.files) and window.autosaver.path.is_file()


def test_kill_9_during_training_restores_the_last_autosaved_step(qtbot, tmp_path, children):
    child = Child(tmp_path, "train", "train", 1, 150)
    children.append(child)
    child.wait_for(lambda: len(child.saves()) >= 3 and child.saves()[-1]["step"] > child.saves()[0]["step"])
    child.kill9()  # during play, right after an autosave
    last = child.saves()[-1]
    assert last["step"] > 1
    window = make_window(qtbot, tmp_path)
    (found,) = orphans(tmp_path / "recovery")
    assert found.step == last["step"]
    assert window.offer_recovery(lambda _w, rs: [RESTORE]) == [window]
    trainer = window.session.trainer
    assert trainer.step == last["step"]
    for got, want in zip(trainer.network.get_parameters(), last["params"], strict=True):
        np.testing.assert_array_equal(got, np.array(want))
    assert window.isWindowModified() and window.document.is_modified()
    step = trainer.step  # and training goes on from there
    window.actions["step_batch"].trigger()
    assert window.session.trainer.step == step + 1
