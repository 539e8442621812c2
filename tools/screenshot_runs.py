#!/usr/bin/env python3
"""Render ``docs/images/runs-panel.png``: the Runs panel with a tree of runs — the circles
project trained 200 steps, a fork at step 120 (from a rewind) with η raised and trained 150 steps,
and the five branches of Race Optimizers raced ~600 steps from that fork.
``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot_runs.py``"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

_SCREEN = Path(tempfile.gettempdir()) / "ann_studio_screen_1920.json"
_SCREEN.write_text('{"screens": [{"name": "s", "x": 0, "y": 0, "width": 1920, "height": 1080, '
                   '"logicalDpi": 96, "dpr": 1}]}', encoding="utf-8")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ANN_STUDIO_LANGUAGE", "en")
os.environ.setdefault("ANN_STUDIO_NO_RECOVERY", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"


def main() -> int:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ann_studio.app import create_main_window, ensure_application
    from ann_studio.document import race_driver

    app = ensure_application([])
    window = create_main_window()
    window.resize(1600, 1000)
    window.show()
    window.open_project(ROOT / "resources" / "examples" / "circles.annproj")
    session = window.session
    session.use_worker = False
    for _ in range(200):
        session.step_batch()
    session.goto(120)
    session.fork_run("fast start")
    session.set_learning_rate(0.9)
    for _ in range(150):
        session.step_batch()
    window.document.project.training.max_epochs = None
    race_driver.RACE_EPOCHS = 600 // session.trainer.steps_per_epoch()
    session.race.start("optimizers")
    deadline = time.perf_counter() + 120
    while session.race.racing and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    dock = window.docks["runs_panel"]
    dock.raise_()
    panel = dock.widget()
    panel.setParent(None)  # the dock's width is the window's business: show the panel at a readable size
    panel.resize(820, 300)
    panel.show()
    panel.tree.clearSelection()
    for _ in range(30):
        app.processEvents()
    picture = panel.grab()
    picture.save(str(OUT / "runs-panel.png"))
    print(OUT / "runs-panel.png")
    window.document.undo_stack.setClean()
    session.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
