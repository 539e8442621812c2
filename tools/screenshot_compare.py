#!/usr/bin/env python3
"""Render ``docs/images/compare-curves.png`` and ``docs/images/landscape.png`` (issue 15): XOR
trained 20 steps, then Race Optimizers from there (SGD, momentum, Nesterov, RMSprop, Adam, 400
steps in lockstep); the compare panel's overlaid curves, and the loss landscape around the current
run with every branch's path, in the plane of the first hidden unit's two weights (``--random``:
two random directions, ``--paths``: the paths' two principal directions).
``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot_compare.py [--relief] [--random|--paths]``"""

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
STEPS, RACE_STEPS = 20, 400


def settle(app, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def undock(app, window, name: str, width: int, height: int):
    """The panel of dock ``name`` shown alone at a readable size."""
    dock = window.docks[name]
    dock.raise_()
    panel = dock.widget()
    panel.setParent(None)
    panel.resize(width, height)
    panel.show()
    settle(app)
    return panel


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ann_studio.app import create_main_window, ensure_application
    from ann_studio.document import race_driver

    app = ensure_application([])
    window = create_main_window()
    window.resize(1600, 1000)
    window.show()
    window.open_project(ROOT / "resources" / "examples" / "xor.annproj")
    session = window.session
    session.use_worker = False
    for _ in range(STEPS):
        session.step_batch()
    window.document.project.training.max_epochs = None
    race_driver.RACE_EPOCHS = RACE_STEPS // session.trainer.steps_per_epoch()
    session.race.start("optimizers")
    deadline = time.perf_counter() + 180
    while session.race.racing and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    session.make_run_current("Momentum")
    settle(app)
    compare = undock(app, window, "compare_panel", 1000, 460)
    compare.tabs.setCurrentIndex(0)
    compare.refresh_now()
    settle(app)
    compare.grab().save(str(OUT / "compare-curves.png"))
    print(OUT / "compare-curves.png")
    landscape = undock(app, window, "landscape_plot", 900, 620)
    if "--paths" in argv:
        landscape.mode_box.setCurrentIndex(landscape.mode_box.findData("paths"))
    elif "--random" not in argv:
        landscape.mode_box.setCurrentIndex(landscape.mode_box.findData("weights"))
    landscape.shade_box.setChecked("--relief" in argv)
    landscape.compute_now()
    while landscape.runner.busy:
        app.processEvents()
        time.sleep(0.01)
    settle(app)
    landscape.grab().save(str(OUT / "landscape.png"))
    print(OUT / "landscape.png", landscape.status.text())
    window.document.undo_stack.setClean()
    session.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
