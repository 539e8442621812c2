"""Racing runs (issue 15): five branches at full speed in worker processes, and the Runs panel.

Prints, all measured in this run on this machine:

- steps/s of ONE run trained alone in this process (the reference) and alone in one race process;
- steps/s of EACH of five racing runs (Race Optimizers from the same state, lockstep rounds in
  one process per core) and the ratio per run against one run alone — ideal ≈ cores / 5 — and the
  total throughput against one run alone (ideal ≈ cores);
- (each figure is the better of two interleaved measurements: the machine may be shared);
- the Runs panel's refresh rate while a race runs in an offscreen window (refreshes per second of
  the numbers, and the tree's state updates per second), and the longest gap between two
  event-loop turns (how responsive the window stays).

Usage: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_race.py [--quick] [--example circles]``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

from ann_studio.core import load_project  # noqa: E402
from ann_studio.core.race import RacePool, RaceRunner, branch_trainer, process_count, race_variants  # noqa: E402
from ann_studio.core.run_tree import settings_of  # noqa: E402


def forked(example: str, steps: int = 20):
    project = load_project(ROOT / "resources" / "examples" / f"{example}.annproj")
    dataset = project.dataset()
    trainer = project.build_trainer(dataset)
    trainer.train(steps=steps)
    project.run = trainer.state_dict()
    project.training.max_epochs = None
    return project, dataset


def alone_rate(project, dataset, seconds: float) -> float:
    changes = race_variants("optimizers", settings_of(project))[1][1]  # momentum
    t = branch_trainer(project, dataset, project.run, changes)
    start, n = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        for _ in range(50):
            t.train_step()
        n += 50
    return n / (time.perf_counter() - start)


def race_rates(project, dataset, pool, seconds: float, which=None, processes=None) -> dict:
    variants = race_variants("optimizers", settings_of(project))
    if which is not None:
        variants = [variants[i] for i in which]
    trainers = {name: branch_trainer(project, dataset, project.run, c) for name, c in variants}
    start_step = next(iter(trainers.values())).step
    runner = RaceRunner(trainers, start_step + 10**9, pool, processes)
    # warm up (the processes build their trainers), then measure
    while runner.rounds < 3:
        runner.poll()
        time.sleep(0.001)
    steps0 = {n: p[0] for n, p in runner.progress.items()}
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        runner.poll()
        time.sleep(0.001)
    elapsed = time.perf_counter() - t0
    rates = {n: (runner.progress[n][0] - steps0[n]) / elapsed for n in steps0}
    runner.stop()
    return rates


def panel_rates(example: str, seconds: float) -> tuple[float, float, float, float]:
    """(panel refreshes/s, tree state updates/s, longest event-loop gap in ms, steps/s per run)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ann_studio.views.main_window import MainWindow

    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    assert window.open_project(ROOT / "resources" / "examples" / f"{example}.annproj")
    window.document.project.training.max_epochs = None
    session = window.session
    for _ in range(20):
        session.step_batch()
    dock = window.docks["runs_panel"]
    dock.show()
    dock.raise_()
    panel = dock.widget()
    updates = [0]
    window.document.runs_changed.connect(lambda: updates.__setitem__(0, updates[0] + 1))
    names = session.race.start("optimizers")
    gaps, last = [0.0], [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now

    heart = QTimer()
    heart.timeout.connect(beat)
    heart.start(5)
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:  # warm up
        app.processEvents()
    refreshes0, updates0 = panel.refreshes, updates[0]
    steps0 = {n: session.race.progress()[n][0] for n in names}
    gaps[0], last[0] = 0.0, time.perf_counter()
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - t0
    progress = session.race.progress()
    per_run = sum(progress[n][0] - steps0[n] for n in names) / len(names) / elapsed
    result = ((panel.refreshes - refreshes0) / elapsed, (updates[0] - updates0) / elapsed, gaps[0] * 1000, per_run)
    session.race.stop()
    heart.stop()
    window.document.undo_stack.setClean()
    window.session.shutdown()
    window.deleteLater()
    return result


def main() -> None:
    quick = "--quick" in sys.argv
    example = sys.argv[sys.argv.index("--example") + 1] if "--example" in sys.argv else "circles"
    seconds = 1.5 if quick else 4.0
    project, dataset = forked(example)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{example}: {project.network.parameter_count()} parameters, batch {project.training.batch_size}; "
          f"{cores} cores, {process_count(5)} race processes for 5 runs; load average {os.getloadavg()[0]:.1f}")
    pool = RacePool()
    try:
        # the machine may be shared: each figure is the better of two measurements, interleaved
        ref = alone_rate(project, dataset, seconds)
        five = race_rates(project, dataset, pool, seconds)
        ref = max(ref, alone_rate(project, dataset, seconds))
        print(f"one run alone, in this process:        {ref:10,.0f} steps/s  (reference)")
        one = race_rates(project, dataset, pool, seconds, which=[1], processes=1)
        print(f"one run alone, in one race process:    {next(iter(one.values())):10,.0f} steps/s  "
              f"({next(iter(one.values())) / ref:.2f} x reference)")
        again = race_rates(project, dataset, pool, seconds)
        five = max(five, again, key=lambda rates: sum(rates.values()))
        for name, rate in five.items():
            print(f"  racing {name:<10}                    {rate:10,.0f} steps/s  ({rate / ref:.2f} x one run alone)")
        total = sum(five.values())
        print(f"five racing runs: slowest {min(five.values()) / ref:.2f} x alone per run, total {total / ref:.2f} x "
              f"one run alone (ideal per run {min(cores, 5) / 5:.2f}, total {min(cores, 5):.2f})")
    finally:
        pool.close()
    refresh, updates, gap, per_run = panel_rates(example, seconds)
    print(f"Runs panel during the race (offscreen window): {refresh:.1f} refreshes/s, {updates:.1f} state "
          f"updates/s, longest event-loop gap {gap:.0f} ms; {per_run:,.0f} steps/s per racing run "
          f"({per_run / ref:.2f} x alone)")


if __name__ == "__main__":
    main()
