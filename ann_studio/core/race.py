"""Racing runs (issue 15): branches of one state trained in lockstep in worker processes (Qt-free).

:func:`race_variants` names the branches of a race — the optimizers (SGD, momentum, Nesterov,
RMSprop, Adam) or the learning rates (η × 0.1, 0.3, 1, 3, 10) — as settings changes;
:func:`branch_trainer` builds a branch's trainer from the forked state with its settings applied
at the fork step (exactly as a fork in the window or ``train --fork … --set …`` does).

:class:`RaceRunner` trains the branches at full speed in worker processes (one per core, at most
one per branch), in *lockstep*: the window grants a target step, every process trains each of its
branches to it, and the next target is granted when all have reported. Each branch runs the very
same :class:`Trainer` code on the same data order as it would alone, so its numbers are
bit-identical to training it alone (``tests/test_race.py``). The data set is shared memory
(:mod:`.shared_data`), mapped by every process; states come back as :meth:`Trainer.state_dict`
over the processes' own pipes (nothing a user supplies is unpickled).

Protocol (window → process): ``("start", descriptor, [(name, start), …])``,
``("go", target, want_states)``, ``("stop",)``, ``("quit",)``. Process → window: ``("ready",)``,
``("at", target, {name: (step, loss, state or None)}, {name: divergence message})``,
``("final", {name: state})``.
"""

from __future__ import annotations

import copy
import os
import time

from .errors import AnnError, DivergenceError
from .trainer import Trainer

LEARNING_RATE_FACTORS = (0.1, 0.3, 1.0, 3.0, 10.0)
#: each lockstep round aims at this much training time (the chunk of steps adapts to it)
ROUND_S = 0.04
#: lockstep rounds granted ahead (a process starts the next round without waiting for the window)
ROUNDS_IN_FLIGHT = 3
#: the window asks for whole states (curves, weights) at most this often
STATES_EVERY_S = 0.25


def race_variants(kind: str, flat: dict) -> list[tuple[str, dict]]:
    """``(name, settings changes)`` of each branch of a race from settings ``flat`` (see
    :func:`~.run_tree.settings_of`). ``kind``: ``"optimizers"`` or ``"learning_rates"``.

    Optimizers: the SGD family keeps the current η when the run uses SGD (else 0.1), momentum
    and Nesterov use 0.9; RMSprop and Adam keep the current η when the run already uses them,
    else PyTorch's defaults (0.01 and 0.001)."""
    lr = float(flat.get("optimizer.learning_rate", 0.1))
    kind_now = flat.get("optimizer.type", "sgd")
    if kind == "learning_rates":
        return [(f"\u03b7 \u00d7 {f:g}", {"optimizer.learning_rate": lr * f}) for f in LEARNING_RATE_FACTORS]
    if kind != "optimizers":
        raise ValueError(f"unknown race {kind!r}")
    sgd_lr = lr if kind_now == "sgd" else 0.1
    plain = {"optimizer.momentum": 0.0, "optimizer.nesterov": False}
    return [
        ("SGD", {"optimizer.type": "sgd", "optimizer.learning_rate": sgd_lr, **plain}),
        ("Momentum", {"optimizer.type": "sgd", "optimizer.learning_rate": sgd_lr, "optimizer.momentum": 0.9,
                      "optimizer.nesterov": False}),
        ("Nesterov", {"optimizer.type": "sgd", "optimizer.learning_rate": sgd_lr, "optimizer.momentum": 0.9,
                      "optimizer.nesterov": True}),
        ("RMSprop", {"optimizer.type": "rmsprop", "optimizer.learning_rate": lr if kind_now == "rmsprop" else 0.01,
                     **plain}),
        ("Adam", {"optimizer.type": "adam", "optimizer.learning_rate": lr if kind_now == "adam" else 0.001, **plain}),
    ]


def branch_project(project, changes: dict):
    """A copy of ``project``'s definition (no runs) with the settings ``changes`` applied."""
    from .setting_paths import apply_assignments

    out = copy.copy(project)
    out.optimizer, out.training = project.optimizer.copy(), copy.deepcopy(project.training)
    out.run, out.runs = None, None
    items = list(changes.items())
    if any(k == "optimizer.nesterov" and not v for k, v in items):  # momentum may drop to 0 after it
        items.sort(key=lambda kv: kv[0] != "optimizer.nesterov")
    apply_assignments(out, items)
    return out


def branch_trainer(project, dataset, state: dict | None, changes: dict) -> Trainer:
    """The trainer of a branch forked at ``state`` (the project's run) with ``changes`` applied
    from the fork step on."""
    from .run_tree import without_future

    branch = branch_project(project, changes)
    branch.run = without_future(state) if state is not None else None
    trainer = branch.build_trainer(dataset)
    if trainer.phase_index:
        trainer.goto(trainer.step)
    trainer.configure(optimizer=branch.optimizer, batch_size=branch.training.batch_size, loss=branch.loss)
    return trainer


def _last_loss(trainer: Trainer) -> float | None:
    return float(trainer.step_losses[-1]) if len(trainer.step_losses) else None


#: a branch's final state keeps at most this many keyframes of the raced stretch
FINAL_KEYFRAMES = 32


def _history_since(t: Trainer, marks: dict, name: str) -> dict:
    """The state without history and the history since the last report (``marks[name]``: the
    step and epoch reported last): copying a whole history costs ~0.1 s for 20,000 steps."""
    step, epoch = marks[name]
    marks[name] = (t.step, t.epoch)
    new_losses = t.step_losses.tail(min(t.step - step, len(t.step_losses)))
    new_records = list(t.epoch_records[-(t.epoch - epoch):]) if t.epoch > epoch and t.epoch_records else []
    return {"state": t.state_dict(history=False), "new_losses": new_losses, "new_records": new_records}


def _raced_keyframes(t: Trainer) -> list:
    import numpy as np

    frames = t._keyframes
    if len(frames) <= FINAL_KEYFRAMES:
        return list(frames)
    return [frames[i] for i in np.unique(np.linspace(0, len(frames) - 1, FINAL_KEYFRAMES).round().astype(int))]


def race_main(conn) -> None:
    """The race process: trains its branches to each granted target step (see the module docstring)."""
    from .shared_data import AttachedDataset
    from .worker import build_trainer

    conn.send(("ready",))
    trainers: dict[str, Trainer] = {}
    marks: dict[str, tuple] = {}
    diverged: dict[str, str] = {}
    attached = None
    while True:
        message = conn.recv()
        kind = message[0]
        if kind == "quit":
            break
        if kind == "start":
            if attached is not None:
                trainers.clear()
                attached.close()
            attached = AttachedDataset(message[1])
            trainers = {name: build_trainer(start, attached.arrays) for name, start in message[2]}
            marks = {name: (t.step, t.epoch) for name, t in trainers.items()}
            diverged = {}
        elif kind == "go":
            _, target, want = message
            out = {}
            for name, t in trainers.items():
                if name not in diverged:
                    try:
                        while t.step < target:
                            t.train_step()
                    except DivergenceError as exc:
                        diverged[name] = str(exc)
                out[name] = (t.step, _last_loss(t), _history_since(t, marks, name) if want else None)
            conn.send(("at", target, out, dict(diverged)))
        elif kind == "stop":
            final = {}
            for name, t in trainers.items():
                report = _history_since(t, marks, name)
                report["keyframes"] = _raced_keyframes(t)
                final[name] = report
            conn.send(("final", final))
    if attached is not None:
        trainers.clear()
        attached.close()


def process_count(branches: int) -> int:
    """One process per core (at most one per branch)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, branches))


class RacePool:
    """Race processes, started once and kept (spawning one costs ~0.5 s)."""

    def __init__(self):
        self.conns: list = []
        self.processes: list = []

    def ensure(self, count: int) -> list:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")
        alive = [(c, p) for c, p in zip(self.conns, self.processes) if p.is_alive()]
        self.conns, self.processes = [c for c, _ in alive], [p for _, p in alive]
        while len(self.conns) < count:
            conn, child = ctx.Pipe()
            process = ctx.Process(target=race_main, args=(child,), name="ann-studio-race", daemon=True)
            process.start()
            child.close()
            if not conn.poll(30) or conn.recv()[0] != "ready":
                process.kill()
                raise OSError("a race process did not start")
            self.conns.append(conn)
            self.processes.append(process)
        return self.conns[:count]

    def close(self) -> None:
        for conn, process in zip(self.conns, self.processes):
            try:
                conn.send(("quit",))
            except OSError:
                pass
            process.join(1)
            if process.is_alive():
                process.kill()
        self.conns, self.processes = [], []


class RaceError(AnnError):
    """A race process died or stopped answering."""


class RaceRunner:
    """Trains ``trainers`` (``{name: Trainer}``, all at the same step) in lockstep up to step
    ``end`` in the processes of ``pool``. Call :meth:`poll` often (it never blocks), :meth:`stop`
    at the end. :attr:`states` holds each branch's newest state, :attr:`progress` its
    ``(step, loss)``, :attr:`diverged` the message of each branch that diverged."""

    def __init__(self, trainers: dict, end: int, pool: RacePool, processes: int | None = None,
                 states: dict | None = None):
        from .shared_data import SharedDataset
        from .worker import start_state

        first = next(iter(trainers.values()))
        self.start_step = first.step
        if any(t.step != self.start_step for t in trainers.values()):
            raise ValueError("the branches of a race start at the same step")
        self.end = int(end)
        names = list(trainers)
        self.conns = pool.ensure(processes or process_count(len(names)))
        self.shared = SharedDataset((first.x, first.y, first.test_x, first.test_y))
        self.shared.wait()
        self.groups = [names[i::len(self.conns)] for i in range(len(self.conns))]
        for conn, group in zip(self.conns, self.groups):
            conn.send(("start", self.shared.descriptor(), [(n, start_state(trainers[n])) for n in group]))
        #: each branch's newest full state; its history objects are extended in place as reports come
        self.states: dict[str, dict] = {n: (states or {}).get(n) or t.state_dict() for n, t in trainers.items()}
        self.progress = {n: (t.step, _last_loss(t)) for n, t in trainers.items()}
        self.diverged: dict[str, str] = {}
        self.rounds = 0
        self.chunk = 8
        self.target = self.start_step
        #: the rounds granted and not yet reported by every process, oldest first: (target, pending
        #: process indices); two are in flight, so a process never waits for the window between rounds
        self._rounds: list[tuple[int, set, int]] = []
        self._round_done = time.perf_counter()
        self._last_states = time.perf_counter()
        self.running = True
        for _ in range(ROUNDS_IN_FLIGHT):
            self._grant()

    @property
    def finished(self) -> bool:
        return self.target >= self.end and not self._rounds

    def _grant(self) -> None:
        if self.target >= self.end or len(self.diverged) == len(self.progress):
            return
        chunk = min(self.end, self.target + self.chunk) - self.target
        self.target += chunk
        want = time.perf_counter() - self._last_states >= STATES_EVERY_S or self.target >= self.end
        if want:
            self._last_states = time.perf_counter()
        for conn in self.conns:
            conn.send(("go", self.target, want))
        self._rounds.append((self.target, set(range(len(self.conns))), chunk))

    def poll(self) -> bool:
        """Read what the processes sent and grant the next rounds; whether new states arrived."""
        fresh = False
        if not self.running:
            return False
        for i, conn in enumerate(self.conns):
            try:
                while conn.poll():
                    message = conn.recv()
                    if message[0] != "at":
                        continue
                    _, target, out, diverged = message
                    for name, (step, loss, report) in out.items():
                        self.progress[name] = (step, loss)
                        if report is not None:
                            self._merge(name, report)
                            fresh = True
                    self.diverged.update(diverged)
                    for when, pending, _chunk in self._rounds:
                        if when == target:
                            pending.discard(i)
            except (EOFError, OSError) as exc:
                self.running = False
                self.shared.release()
                raise RaceError(f"a race process stopped: {exc}") from None
        while self._rounds and not self._rounds[0][1]:  # every process is past the oldest round
            _target, _pending, chunk = self._rounds.pop(0)
            now = time.perf_counter()
            elapsed, self._round_done = now - self._round_done, now
            self.rounds += 1
            if elapsed > 0:  # the next rounds aim at ROUND_S of training each (damped: at most ×2 or ÷2)
                self.chunk = int(max(1, self.chunk / 2, min(self.chunk * 2, chunk * ROUND_S / elapsed)))
        while self.running and len(self._rounds) < ROUNDS_IN_FLIGHT and self.target < self.end:
            before = len(self._rounds)
            self._grant()
            if len(self._rounds) == before:
                break
        return fresh

    def _merge(self, name: str, report: dict) -> None:
        """A new full state of ``name``: the process's state, the history kept here extended."""
        old = self.states[name]
        old["step_losses"].extend(report["new_losses"])
        old["epoch_records"].extend(report["new_records"])
        state = dict(report["state"])
        for key in ("step_losses", "epoch_records", "base", "initial"):
            state[key] = old[key]
        before = [f for f in old.get("keyframes", []) if f.step < self.start_step]
        state["keyframes"] = before + [f for f in report.get("keyframes", []) if f.step >= self.start_step]
        self.states[name] = state

    def stop(self, timeout: float = 5.0) -> dict:
        """Stop after the current round and return every branch's final state."""
        if not self.running:
            return self.states
        self.running = False
        deadline = time.perf_counter() + timeout
        try:
            for conn in self.conns:
                conn.send(("stop",))
            for conn in self.conns:
                while True:
                    if not conn.poll(max(0.0, deadline - time.perf_counter())):
                        raise RaceError("a race process did not answer")
                    message = conn.recv()
                    if message[0] == "final":
                        for name, report in message[1].items():
                            self._merge(name, report)
                            state = self.states[name]
                            losses = state["step_losses"]
                            self.progress[name] = (state["step"], float(losses[-1]) if len(losses) else None)
                        break
        finally:
            self.shared.release()
        return self.states
