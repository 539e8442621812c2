"""Time from process start to the main window's first paint (offscreen), on the default example.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py [runs]

Target (issue 4): ≤ 1.5 s. Each run is a fresh process; the script prints every run and the median.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

CHILD = r"""
import os, sys, time
t0 = float(sys.argv[1])
os.environ.setdefault("ANN_STUDIO_NO_RECOVERY", "1")
from PySide6.QtCore import QObject, QEvent, QTimer
from ann_studio.app import create_main_window, ensure_application
app = ensure_application([])
window = create_main_window()

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"{time.time() - t0:.3f}", flush=True)
            app.quit()
        return False

spy = FirstPaint()
window.canvas_view.viewport().installEventFilter(spy)
window.show()
QTimer.singleShot(10000, app.quit)
app.exec()
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD, repr(time.time())], capture_output=True, text=True,
                             env=env, timeout=60)
        times.append(float(out.stdout.strip().splitlines()[-1]))
        print(f"start → first paint of the canvas: {times[-1]:.3f} s")
    print(f"median {statistics.median(times):.3f} s over {runs} runs (target ≤ 1.5 s)")


if __name__ == "__main__":
    main()
