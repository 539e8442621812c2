#!/usr/bin/env python3
"""Render ``docs/images/run-edit.png``: the window after a weight was typed in mid-run — the
inspector shows the run's current value (with the starting value beside it) and the timeline
marks the step of the edit. ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot_run_edit.py``"""

from __future__ import annotations

import os
import sys
import tempfile
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
    from ann_studio.document.selection import Selected

    app = ensure_application([])
    window = create_main_window()
    window.resize(1600, 1000)
    window.show()
    window.open_project(ROOT / "resources" / "examples" / "xor.annproj")
    window.session.use_worker = False
    for _ in range(400):
        window.actions["step_batch"].trigger()
    window.selection.select(Selected("weight", "out", 0, 1))
    inspector = window.docks["inspector"].widget()
    inspector.param_value.setText("2,5")
    inspector.param_value.editingFinished.emit()
    for _ in range(250):
        window.actions["step_batch"].trigger()
    from PySide6.QtGui import QPainter, QPixmap

    shots = []
    for name in ("inspector", "training_panel"):
        window.docks[name].raise_()
        for _ in range(30):
            app.processEvents()
        shots.append(window.docks[name].grab())
    window.docks["loss_plot"].raise_()
    for _ in range(30):
        app.processEvents()
    shots.append(window.docks["loss_plot"].grab())
    width = sum(p.width() for p in shots[:2])
    height = max(p.height() for p in shots[:2]) + shots[2].height()
    picture = QPixmap(max(width, shots[2].width()), height)
    picture.fill()
    painter = QPainter(picture)
    painter.drawPixmap(0, 0, shots[0])
    painter.drawPixmap(shots[0].width(), 0, shots[1])
    painter.drawPixmap(0, max(p.height() for p in shots[:2]), shots[2])
    painter.end()
    picture.save(str(OUT / "run-edit.png"))
    print(OUT / "run-edit.png")
    window.session.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
