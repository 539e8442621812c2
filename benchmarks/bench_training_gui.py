"""Training with the GUI live: does the window slow training down or stall the event loop?

1. Throughput: the digits [64, 30, 10] network (sigmoid, half-SSE, η = 3, batch 10, shuffled)
   trains continuously in the main window (shown offscreen, every panel visible and refreshing)
   for ``--seconds``; its steps per second are compared with headless training (the engine's
   ``Trainer.train``, what ``ann-studio train`` runs) in the same process. Target ≥ 0.7.
2. Event-loop latency while it trains: a 10 ms QTimer probe records how late each tick fires.
   Target p95 ≤ 50 ms.
3. Stepping: the time from triggering ``step_phase`` on the lesson's network to every panel
   updated and painted (the action returns after the synchronous refreshes; pending events,
   paints included, are then processed). Target median ≤ 16 ms.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_training_gui.py [--seconds S]``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ANN_STUDIO_NO_RECOVERY", "1")

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from ann_studio.core import NetworkSpec, OptimizerSettings, Project, TrainingSettings

ROOT = Path(__file__).resolve().parent.parent


def digits_project() -> Project:
    """Nielsen's setup on the UCI digits: [64, 30, 10], η = 3, batch 10, shuffled, 20 % test."""
    return Project(NetworkSpec.chain([64, 30, 10]), "half_sse", OptimizerSettings(type="sgd", learning_rate=3.0),
                   TrainingSettings(batch_size=10, shuffle=True, seed=0),
                   data={"builtin": "digits", "test_fraction": 0.2})


def headless_rate(project: Project, seconds: float) -> float:
    """Steps per second of the engine alone (whole epochs, with the per-epoch evaluation)."""
    trainer = project.build_trainer()
    trainer.train_epoch()  # warm up
    start, steps = time.perf_counter(), trainer.step
    while time.perf_counter() - start < seconds:
        trainer.train_epoch()
    return (trainer.step - steps) / (time.perf_counter() - start)


def run_for(app, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def gui_rate(app, window, seconds: float) -> tuple[float, list[float]]:
    """Steps per second while playing at full speed with every panel live, and the probe's lateness (ms)."""
    lateness: list[float] = []
    clock = QElapsedTimer()
    probe = QTimer()
    probe.setInterval(10)

    def on_probe():
        lateness.append(max(0.0, clock.nsecsElapsed() / 1e6 - 10.0))
        clock.restart()

    probe.timeout.connect(on_probe)
    session = window.session
    session.set_speed("full")
    session.play()
    run_for(app, 0.5)  # warm up
    start, steps = time.perf_counter(), session.trainer.step
    clock.start()
    probe.start()
    run_for(app, seconds)
    probe.stop()
    rate = (session.trainer.step - steps) / (time.perf_counter() - start)
    session.pause()
    return rate, lateness


def step_phase_times(app, window, repeats: int) -> list[float]:
    """Milliseconds from triggering step_phase to every panel updated (events and paints processed)."""
    window.open_project(ROOT / "resources" / "examples" / "lesson.annproj")
    app.processEvents()
    action = window.actions["step_phase"]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action.trigger()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return times


#: the docks of this issue (the rest belong to the plot, data, inspector and lesson panels)
OWN_DOCKS = ("training_panel", "math_panel")


def measure(app, docks: str, seconds: float, repeats: int) -> dict:
    """All figures with ``docks`` "all" (every dock shown) or "own" (only :data:`OWN_DOCKS`)."""
    from ann_studio.document.project_document import ProjectDocument
    from ann_studio.views.main_window import MainWindow

    window = MainWindow(ProjectDocument(digits_project()))
    window.show()
    for name, dock in window.docks.items():
        dock.setVisible(docks == "all" or name in OWN_DOCKS)
    for name in OWN_DOCKS:
        window.docks[name].raise_()
    app.processEvents()
    before = headless_rate(digits_project(), seconds / 2)  # bracket the GUI run: the machine is shared
    gui, lateness = gui_rate(app, window, seconds)
    headless = (before + headless_rate(digits_project(), seconds / 2)) / 2
    times = step_phase_times(app, window, repeats)
    window.session.shutdown()
    window.discard_prompt = lambda _window: "discard"  # (training marks the window modified)
    window.close()
    return {"gui": gui, "headless": headless, "lateness": lateness, "times": times}


def report(name: str, r: dict) -> None:
    lateness, times = r["lateness"], r["times"]
    print(f"[{name}] digits [64, 30, 10], batch 10: headless {r['headless']:,.0f} steps/s, GUI {r['gui']:,.0f} "
          f"steps/s, ratio {r['gui'] / r['headless']:.2f} (target ≥ 0.7)")
    print(f"[{name}] event-loop latency while training: p50 {statistics.median(lateness):.1f} ms, "
          f"p95 {np.percentile(lateness, 95):.1f} ms, max {max(lateness):.1f} ms over {len(lateness)} probes "
          f"(target p95 ≤ 50 ms)")
    print(f"[{name}] step_phase → all panels updated (lesson network, {len(times)}×): median "
          f"{statistics.median(times):.2f} ms, p95 {np.percentile(times, 95):.2f} ms (target median ≤ 16 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--docks", choices=("all", "own", "both"), default="both",
                        help="every dock shown, only this issue's docks, or both runs")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    for docks in (("all", "own") if args.docks == "both" else (args.docks,)):
        report(docks, measure(app, docks, args.seconds, args.repeats))


if __name__ == "__main__":
    main()
