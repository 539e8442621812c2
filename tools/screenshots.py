#!/usr/bin/env python3
"""Render the README screenshots of the English UI into ``docs/images/`` (offscreen).

``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py``

- ``main-window.png``: the lesson's network during training, all docks in their default places;
- ``forward.png`` / ``backward.png``: Mazur's example during a forward and a backward phase;
- ``spirals.png``: the spirals example after training, with the decision boundary;
- ``panels.png``: every live panel at once (the benchmark's 3 × 3 grid) while spirals trains;
- ``screen-1366x768-en.png``, ``screen-1920x1080-en.png`` and the ``-zh`` pair: a fresh window on
  a screen of that size (each in its own process on an offscreen screen of that size), in the
  middle of a backward pass, as a student first sees it (the Chinese pair needs a CJK font).
(``lesson-zh.png`` comes from ``tools/screenshot_lesson.py``.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ANN_STUDIO_LANGUAGE", "en")
os.environ.setdefault("ANN_STUDIO_NO_RECOVERY", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"


def settle(app, n: int = 20) -> None:
    for _ in range(n):
        app.processEvents()


def shot(app, window, name: str) -> None:
    settle(app)
    window.grab().save(str(OUT / name))
    print(OUT / name)


def main() -> int:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ann_studio.app import create_main_window, ensure_application
    from ann_studio.document.selection import Selected

    app = ensure_application([])
    examples = ROOT / "resources" / "examples"

    window = create_main_window()  # 1600 × 1000 on the 1920 × 1080 screen, as a student's first window
    window.show()
    settle(app)
    for _ in range(3):
        window.actions["step_epoch"].trigger()
    for _ in range(7):  # into the backward pass of the next step
        window.actions["step_phase"].trigger()
    window.selection.select(Selected("weight", "output", 0, 1))
    shot(app, window, "main-window.png")

    window.open_project(examples / "mazur.annproj")
    settle(app)
    window.canvas_view.fit_view()
    window.selection.select(Selected("neuron", "out", 0))
    for _ in range(3):  # input, hidden, out
        window.actions["step_phase"].trigger()
    shot(app, window, "forward.png")
    window.selection.select(Selected("weight", "out", 0, 0))
    for _ in range(3):  # error, δ of out, gradients of out
        window.actions["step_phase"].trigger()
    shot(app, window, "backward.png")

    window.open_project(examples / "spirals.annproj")
    settle(app)
    window.canvas_view.fit_view()
    for _ in range(150):
        window.session.step_epoch()
    window.docks["decision_plot"].raise_()
    window.docks["data_panel"].raise_()
    shot(app, window, "spirals.png")
    window.session.shutdown()
    panels_shot(app)
    for width, height in SCREENS:
        for language in ("en", "zh_CN"):
            screen_shot_process(width, height, language)
    return 0


#: the screens of the fresh-window screenshots (logical pixels)
SCREENS = ((1366, 768), (1920, 1080))


def screen_shot_process(width: int, height: int, language: str) -> None:
    """Run :func:`screen_shot` in a new process whose offscreen screen is ``width`` × ``height``
    (the screen is fixed when the QApplication starts)."""
    config = _screen_config(width, height)
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", ANN_STUDIO_LANGUAGE=language)
    subprocess.run([sys.executable, __file__, "--screen", str(width), str(height)], env=env, check=True)


def screen_shot(width: int, height: int) -> None:
    """A fresh window on this process's screen, three phases into the lesson network's second step."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ann_studio.app import create_main_window, ensure_application

    app = ensure_application([])
    window = create_main_window()
    window.show()
    settle(app, 40)
    window.actions["step_epoch"].trigger()
    for _ in range(6):  # input, hidden, output, error, δ of the output, its gradients
        window.actions["step_phase"].trigger()
    language = "zh" if os.environ["ANN_STUDIO_LANGUAGE"].startswith("zh") else "en"
    shot(app, window, f"screen-{width}x{height}-{language}.png")
    window.session.shutdown()


def panels_shot(app) -> None:
    """Every panel of ``bench_plots`` at once, after 400 epochs of spirals [2, 16, 16, 3]."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_plots

    from ann_studio.document.selection import Selected

    host = bench_plots.make_window()
    settle(app)
    for _ in range(400):
        host.session.step_epoch()
    host.selection.select(Selected("neuron", "hidden2", 3))
    shot(app, host, "panels.png")
    host.session.shutdown()


def _screen_config(width: int, height: int) -> Path:
    config = Path(tempfile.mkdtemp()) / "screens.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "dpr": 1}]}))
    return config


if __name__ == "__main__":
    if sys.argv[1:2] == ["--screen"]:
        screen_shot(int(sys.argv[2]), int(sys.argv[3]))
        sys.exit(0)
    if "configfile" not in os.environ["QT_QPA_PLATFORM"]:  # the README shots: a 1920 × 1080 desktop
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen_config(1920, 1080)}"
        os.execv(sys.executable, [sys.executable, __file__, *sys.argv[1:]])
    sys.exit(main())
