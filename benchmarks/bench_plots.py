"""Live panels under continuous training (offscreen): refreshes per second, training throughput
compared with headless training in the same run, and the cost of one decision-boundary refresh.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_plots.py [seconds]

Targets: every panel ≥ 30 refreshes/s, throughput ratio ≥ 0.7, decision boundary ≤ 10 ms at 100 × 100.

Full-speed play trains in the worker process (ann_studio/core/worker.py), so "headless" is the
same trainer run in that process with no window asking for snapshots; the rate of a plain loop in
this process is printed beside it. ``ANN_STUDIO_WORKER=0`` measures training in the window.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# one BLAS thread, as the GUI runs (ann_studio/__main__.py): measure what the user gets
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from PySide6.QtCore import QEventLoop, QTimer

from ann_studio.app import ensure_application
from ann_studio.core import NetworkSpec
from ann_studio.core.datasets import builtin, section_for_builtin
from ann_studio.document import data_commands as cmd
from ann_studio.document import training_worker
from ann_studio.views.plots.host import PanelHost
from ann_studio.views.refresh_clock import RefreshClock

PLOTS = ["loss_plot", "weights_panel", "decision_plot", "activations_panel", "gradients_panel",
         "confusion_panel", "prediction_panel", "activation_function_plot"]


def make_window() -> PanelHost:
    window = PanelHost(tabbed=False)
    doc = window.document
    data = builtin("spirals", samples=400, arms=3)
    spec = NetworkSpec.chain([2, 16, 16, 3], activation="tanh")
    spec.layers[-1].activation = "sigmoid"
    doc.set_network(spec)
    doc.undo_stack.push(cmd.switch_dataset(doc, section_for_builtin("spirals", samples=400, arms=3), data, "spirals"))
    doc.project.optimizer.learning_rate = 0.1
    doc.project.training.batch_size = 10
    doc.project.training.shuffle = True
    window.session.rebuild()
    window.session.set_speed("full")
    window.resize(1920, 1080)
    window.show()
    window.arrange_grid(["data_panel", *PLOTS], columns=3)
    return window


def headless_rate(window, seconds: float) -> float:
    """Steps per second of a fresh trainer on the same project, no GUI, in this process."""
    trainer = window.document.project.build_trainer(window.session.dataset)
    end, steps = time.perf_counter() + seconds, 0
    start = time.perf_counter()
    while time.perf_counter() < end:
        trainer.train_step()
        steps += 1
    return steps / (time.perf_counter() - start)


def headless_rate_in_worker(window, seconds: float) -> float:
    """Steps per second of a fresh trainer on the same project in the training worker process
    (where full-speed play trains), with no window asking for snapshots."""
    trainer = window.document.project.build_trainer(window.session.dataset)
    client = training_worker.client()
    while not client.check_ready():
        time.sleep(0.01)
    client.play(trainer)
    start = time.perf_counter()
    time.sleep(seconds)
    client.pause()
    return trainer.step / (time.perf_counter() - start)


def run_loop(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def live_rates(window, seconds: float, gui_share: float) -> tuple[float, dict[str, float]]:
    """Training steps per second and each panel's refreshes per second while playing."""
    RefreshClock.of(window.session).gui_share = gui_share
    panels = {name: window.panel(name) for name in PLOTS}
    counts = {name: p.refresh_count for name, p in panels.items()}
    step0 = window.session.trainer.step
    start = time.perf_counter()
    window.session.play()
    run_loop(seconds)
    window.session.pause()
    elapsed = time.perf_counter() - start
    rates = {name: (p.refresh_count - counts[name]) / elapsed for name, p in panels.items()}
    return (window.session.trainer.step - step0) / elapsed, rates


def decision_cost(window, repeats: int = 60) -> float:
    panel = window.panel("decision_plot")
    trainer = window.session.trainer
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        panel.refresh(trainer)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(seconds: float = 5.0) -> int:
    app = ensure_application()
    window = make_window()
    run_loop(0.5)
    hidden = [name for name in PLOTS if not window.panel(name).is_shown()]
    print(f"panels visible: {len(PLOTS) - len(hidden)}/{len(PLOTS)}" + (f" (hidden: {hidden})" if hidden else ""))
    # warm-up: the first full-speed play starts the training worker process (~0.3 s); until it is
    # ready the window trains itself
    window.session.play()
    run_loop(1.0)
    window.session.pause()
    print(f"training in a worker process: {window.session.use_worker and training_worker.client().ready}")
    results = []
    rounds = [("worker process, round 1", True), ("worker process, round 2", True),
              ("for reference: training in the window (ANN_STUDIO_WORKER=0)", False)]
    share = RefreshClock.of(window.session).gui_share
    for label, use_worker in rounds:
        window.session.use_worker = use_worker
        in_window = headless_rate(window, seconds / 4)
        if use_worker:
            before = headless_rate_in_worker(window, seconds / 4)
        gui_rate, rates = live_rates(window, seconds, share)
        if use_worker:
            headless = (before + headless_rate_in_worker(window, seconds / 4)) / 2
            results.append((min(rates.values()), gui_rate / headless))
        else:
            headless = (in_window + headless_rate(window, seconds / 4)) / 2
        print(f"[{label}] panel refreshes per second: min {min(rates.values()):.1f}, "
              f"mean {statistics.mean(rates.values()):.1f}  (target >= 30)")
        print(f"    training: {gui_rate:,.0f} steps/s live vs {headless:,.0f} steps/s headless: ratio "
              f"{gui_rate / headless:.2f}  (target >= 0.7)  [a plain loop in this process: {in_window:,.0f}]")
    ms = decision_cost(window)
    print(f"decision boundary refresh at 100x100: {ms:.2f} ms  (target <= 10 ms)")
    refreshes = statistics.mean(r for r, _ in results)
    ratio = statistics.mean(q for _, q in results)
    print(f"mean of the worker rounds: {refreshes:.1f} refreshes/s at throughput ratio {ratio:.2f}")
    window.session.shutdown()
    window.discard_prompt = lambda _window: "discard"  # (training marks the window modified)
    window.close()
    app.processEvents()
    ok = refreshes >= 30 and ratio >= 0.7 and ms <= 10 and not hidden
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0))
