"""An ANN Studio instance for the recovery tests (tests/test_recovery.py), run as a subprocess:

    python recovery_child.py RECOVERY_DIR SETTINGS_DIR MODE WINDOWS INTERVAL_MS QUIT_FILE

Opens WINDOWS main windows autosaving into RECOVERY_DIR every INTERVAL_MS. MODE ``edit`` makes one
undoable edit in each; ``train`` takes one Next Batch and then plays. After every autosave it
prints one JSON line: the window's number, the recovery file, the step and the parameters the
window's trainer had. It closes its windows normally when QUIT_FILE appears.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QAction


def main() -> int:
    recovery, settings, mode, windows, interval, quit_file = sys.argv[1:7]
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, settings)
    from ann_studio.app import ensure_application
    from ann_studio.document import commands as c
    from ann_studio.views.main_window import MainWindow

    app = ensure_application([])
    opened = []
    for k in range(int(windows)):
        window = MainWindow(recovery_dir=Path(recovery))
        window.discard_prompt = lambda _w: "discard"
        window.autosaver.set_interval(int(interval))
        window.autosaver.saved.connect(lambda path, k=k, w=window: _report(k, w, path))
        window.show()
        doc = window.document
        if mode == "edit":
            doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=3 + k),
                                                     "units"))
        else:
            window.findChild(QAction, "step_batch").trigger()
            window.findChild(QAction, "play_pause").trigger()
        opened.append(window)
    print(json.dumps({"ready": [str(w.autosaver.path) for w in opened]}), flush=True)

    def poll() -> None:
        if Path(quit_file).exists():
            for w in opened:
                w.close()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    return app.exec()


def _report(k: int, window, path) -> None:
    t = window.session.trainer
    print(json.dumps({"window": k, "path": str(path), "step": t.step,
                      "params": [p.tolist() for p in t.network.get_parameters()]}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
