#!/usr/bin/env python3
"""Render ``docs/images/lesson-zh.png``: ANN Studio in Chinese during lesson 1 (the forward pass).

Needs a CJK font (Debian: ``apt-get install fonts-wqy-microhei``). Runs offscreen:
``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot_lesson.py [OUT.png]``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ANN_STUDIO_LANGUAGE"] = "zh_CN"
os.environ.setdefault("ANN_STUDIO_NO_RECOVERY", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ann_studio.app import create_main_window, ensure_application
    from ann_studio.i18n import cjk_font_family

    app = ensure_application([])
    if cjk_font_family() is None:
        print("no CJK font installed: the screenshot would show boxes", file=sys.stderr)
        return 1
    window = create_main_window()
    window.resize(1500, 950)
    window.show()
    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("source-article", step=5)
    for _ in range(2):  # input, hidden layer: the step is under way
        window.actions["step_phase"].trigger()
    for _ in range(20):
        app.processEvents()
    window.docks["lessons_panel"].raise_()  # the default layout fronts the training panel in its tab group
    for _ in range(5):
        app.processEvents()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs/images/lesson-zh.png"
    window.grab().save(str(out))
    print(out)
    window.session.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
