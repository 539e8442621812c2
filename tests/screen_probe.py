"""Open a fresh main window on the offscreen screen that ``QT_QPA_PLATFORM`` configures and print
what fits, as JSON (run by ``test_screen_fit.py`` in a subprocess: the screen is fixed when the
QApplication starts).

``python tests/screen_probe.py SETTINGS_DIR [LANGUAGE] [SHOT.png]``
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("ANN_STUDIO_NO_RECOVERY", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main() -> int:
    from PySide6.QtCore import QSettings

    settings_dir = sys.argv[1]
    if len(sys.argv) > 2:
        os.environ["ANN_STUDIO_LANGUAGE"] = sys.argv[2]
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, settings_dir)
    from ann_studio.app import create_main_window, ensure_application

    app = ensure_application([])
    window = create_main_window()
    window.show()
    for _ in range(30):
        app.processEvents()
    screen = window.screen()
    avail = screen.availableGeometry()
    frame = window.frameGeometry()
    docks = {name: [dock.width(), dock.height()] for name, dock in window.docks.items()
             if dock.isVisible() and not dock.visibleRegion().isEmpty()}
    math = window.docks["math_panel"].widget()
    rows = math.model.rowCount()
    last = math.table.visualRect(math.model.index(rows - 1, 0)) if rows else None
    from PySide6.QtWidgets import QTabBar

    bars = [bar for bar in window.findChildren(QTabBar) if bar.parent() is window and bar.isVisible()]
    out = {
        "visible_tab_bars": len(bars),
        "table_rows_all_visible": bool(last is not None and last.bottom() <= math.table.viewport().height()),
        "screen": [avail.x(), avail.y(), avail.width(), avail.height()],
        "dpr": screen.devicePixelRatio(),
        "window": [frame.x(), frame.y(), frame.width(), frame.height()],
        "canvas": [window.canvas_view.width(), window.canvas_view.height()],
        "docks": docks,
        "status_bar_visible": window.statusBar().isVisible() and window.statusBar().geometry().bottom() < window.height(),
    }
    if len(sys.argv) > 3:
        window.grab().save(sys.argv[3])
    print(json.dumps(out))
    window.session.shutdown()
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
