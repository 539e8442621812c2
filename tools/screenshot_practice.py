#!/usr/bin/env python3
"""Render practice mode's screenshots (issue 14) on Mazur's example: a question (δ_o1 with its result
blank), a named slip (σ′ left out) and the worked answer, in English and Chinese::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot_practice.py [OUT_DIR]

writes ``practice-question-en.png``, ``practice-slip-en.png``, ``practice-worked-en.png`` and the
``-zh`` ones into ``docs/images`` (Chinese needs a CJK font: ``apt-get install fonts-wqy-microhei``).
Each language runs in its own process (the language is chosen at start).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shoot(language: str, out_dir: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ANN_STUDIO_LANGUAGE"] = "zh_CN" if language == "zh" else "en"
    os.environ.setdefault("ANN_STUDIO_NO_RECOVERY", "1")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ann_studio.app import create_main_window, ensure_application

    app = ensure_application([])
    window = create_main_window()
    window.show()

    def settle() -> None:
        for _ in range(20):
            app.processEvents()

    window.open_project(ROOT / "resources/examples/mazur.annproj")
    settle()
    window.actions["practice_mode"].trigger()
    practice = window.practice
    while (practice.question.quantity, practice.question.layer_id) != ("delta", "out"):
        practice.reveal()
        practice.next_question()
    edit = window.findChild(object, "practice_answer")
    settle()
    shots = [("question", None), ("slip", "0.74136507"), ("worked", None)]
    for name, typed in shots:
        if name == "worked":
            for _ in range(2):
                edit.setText("0.74136507")
                edit.returnPressed.emit()
        elif typed:
            edit.setText(typed)
            edit.returnPressed.emit()
        settle()
        path = out_dir / f"practice-{name}-{language}.png"
        window.grab().save(str(path))
        print(path)
    window.session.shutdown()
    return 0


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--language":
        return shoot(sys.argv[2], Path(sys.argv[3]))
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/images"
    config = Path(tempfile.mkdtemp()) / "screens.json"  # a 1600 × 1000 offscreen desktop
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 1600, "height": 1000,
                                               "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    for language in ("en", "zh"):
        done = subprocess.run([sys.executable, __file__, "--language", language, str(out_dir)], check=False, env=env)
        if done.returncode:
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
