"""``ann-studio --self-test``: prove that an installed copy works, without a screen.

Starts the GUI offscreen, opens Mazur's worked example, steps forward through every phase of one
backpropagation step and back again, trains briefly, renders the window and every panel to an
image, and exits 0 — or 1 with a message saying what failed. Installers run it after installing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


class SelfTestFailure(Exception):
    pass


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def _non_blank(image) -> bool:
    """True when the image has more than one colour (something was drawn)."""
    w, h = image.width(), image.height()
    if w < 2 or h < 2:
        return False
    first = image.pixel(0, 0)
    step_x, step_y = max(1, w // 40), max(1, h // 40)
    return any(image.pixel(x, y) != first for x in range(0, w, step_x) for y in range(0, h, step_y))


def _run(out_dir: Path, say) -> None:
    import numpy as np

    from .app import create_main_window, ensure_application
    from .paths import resource_path

    app = ensure_application([])
    example = resource_path("examples", "mazur.annproj")
    _check(example.is_file(), f"example project missing: {example}")
    window = create_main_window(example)
    window.show()
    app.processEvents()
    _check(window.document.path is not None and window.document.path.name == "mazur.annproj",
           f"could not open {example}: {getattr(window, 'last_error', 'unknown error')}")
    session = window.session
    trainer = session.trainer
    _check(trainer is not None, f"the example did not build a trainer: {session.error}")
    say(f"opened {example.name}: {window.status_network.text()}")

    before = trainer.network.get_parameters()
    step_phase = window.actions.get("step_phase")
    n = len(trainer.phases)
    for _ in range(n):
        step_phase.trigger() if step_phase is not None else session.step_phase()
        app.processEvents()
    _check(trainer.step == 1, f"after {n} phases the step counter is {trainer.step}, expected 1")
    w5 = trainer.network.layer("out").W[0, 0]
    _check(abs(w5 - 0.35891648) < 1e-8, f"w5 after one step is {w5:.9f}, expected 0.35891648 (Mazur)")
    say(f"stepped forward through {n} phases: w5 = {w5:.8f} (Mazur: 0.35891648)")
    for _ in range(n):
        session.step_back()
        app.processEvents()
    after = trainer.network.get_parameters()
    _check(trainer.step == 0 and all(np.array_equal(a, b) for a, b in zip(before, after)),
           "stepping back did not restore the initial weights")
    say("stepped back to the start: weights restored exactly")

    for _ in range(50):
        session.step_epoch()
    app.processEvents()
    loss = trainer.epoch_records[-1].loss
    _check(np.isfinite(loss) and loss < 0.2983711087600027, f"training did not reduce the error (E = {loss})")
    say(f"trained 50 epochs: E = {loss:.6f}")

    _check_worker(trainer, say)

    blank = []
    shots = [("window", window)] + list(window.docks.items())
    for name, widget in shots:
        if widget is not window:
            widget.show()
            widget.raise_()  # bring a tabbed panel to the front so it refreshes
            for _ in range(3):
                app.processEvents()
        image = widget.grab().toImage()
        image.save(str(out_dir / f"{name}.png"))
        if not _non_blank(image):
            blank.append(name)
    _check(not blank, f"these panels rendered blank: {', '.join(blank)}")
    say(f"rendered the window and {len(window.docks)} panels to {out_dir}")
    window.discard_prompt = lambda _window: "discard"  # the trained example is not the user's work
    window.close()


def _check_worker(trainer, say) -> None:
    """Full-speed play trains in a worker process: start it, train 3,000 steps there and compare
    with the same steps in this process (bit for bit)."""
    import copy
    import time

    from .core.worker import parameters_equal
    from .core.worker_client import WorkerClient

    start = time.perf_counter()
    client = WorkerClient()
    client.start()
    try:
        while not client.check_ready():
            _check(time.perf_counter() - start < 60, "the training worker process did not start")
            time.sleep(0.01)
        mine, reference = copy.deepcopy(trainer), copy.deepcopy(trainer)
        mine.training.max_epochs = reference.training.max_epochs = None
        client.play(mine)
        while mine.step < reference.step + 3000:
            _check(time.perf_counter() - start < 60, "the training worker made no progress")
            time.sleep(0.01)
            client.pump()
        client.pause()
        while reference.step < mine.step:
            reference.train_step()
        _check(parameters_equal(mine, reference) and mine.step_losses == reference.step_losses,
               "training in the worker process differs from training in the window")
    finally:
        client.stop()
    say(f"trained {mine.step - trainer.step} steps in the worker process, identical to the window's "
        f"({time.perf_counter() - start:.2f} s with its start)")


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    out_dir = Path(os.environ.get("ANN_STUDIO_SELFTEST_DIR") or tempfile.mkdtemp(prefix="ann-studio-selftest-"))
    out_dir.mkdir(parents=True, exist_ok=True)

    def say(text: str) -> None:
        print(f"self-test: {text}", flush=True)

    try:
        _run(out_dir, say)
    except SelfTestFailure as exc:
        print(f"self-test FAILED: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - report anything unexpected as a failure, with its type
        import traceback

        traceback.print_exc()
        print(f"self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    say(f"passed in {time.perf_counter() - start:.2f} s")
    return 0
