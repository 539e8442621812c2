"""Training in a worker process while the window plays at full speed (Qt-free).

On a two-core machine the window's panels (~30 ms a frame with every plot shown) and the training
loop (the engine's small-matrix steps hold the GIL, so a thread would not help) each want a core.
While the session plays at full speed, a worker process runs the very same :class:`Trainer` code
on a copy of the trainer, and the window's trainer *mirrors* it: every frame the window asks for a
snapshot (the parameters, the current pass, the counters and the history since the last
snapshot) and copies it in. On pause the worker hands back everything else (optimizer state,
random generator, order, settings), so the window's trainer ends exactly where training in the
window would have ended, bit for bit — the tests compare them.

The messages are Python objects over a ``multiprocessing`` pipe between the app and its own
worker (pickle is never used on files or on anything a user supplies). The data set itself never
goes through the pipe: the window copies it once into shared memory (:mod:`.shared_data`, in a
background thread) and the worker maps it, whatever its size.

Protocol (window → worker):

- ``("data", key, descriptor)`` — map the shared data set ``descriptor`` (from
  :meth:`SharedDataset.descriptor <.shared_data.SharedDataset.descriptor>`) under ``key``;
- ``("play", key, state, target_epoch)`` — build the trainer from ``state`` and train;
- ``("snapshot", keyframe_interval)`` — send a snapshot now (while training); the window owns the
  keyframe spacing (it thins the keyframes it collects);
- ``("pause",)`` — stop at the next step boundary and send the final state;
- ``("quit",)``.

Worker → window: ``("ready",)``, ``("snapshot", snap)``, and once per play
``("ended", why, detail, snap, final)`` with ``why`` one of ``"paused"``, ``"stopped"`` (a stop
criterion; ``detail`` names it), ``"target"`` (the target epoch), ``"diverged"`` (``detail`` is
the error message) or ``"failed"`` (any other exception; ``detail`` names it).
"""

from __future__ import annotations

import queue
import threading
import time
from multiprocessing.reduction import ForkingPickler

import numpy as np

from .errors import DivergenceError
from .history import EpochRecords, StepLosses
from .shared_data import AttachedDataset
from .trainer import KEYFRAME_BUDGET, Trainer

#: what a snapshot carries for the views besides the run state (the batch and the current pass)
_VIEW = ("batch", "pass_")
#: how often the worker looks for a message from the window, in seconds
POLL_S = 0.002
#: the worker keeps keyframes up to this many times less often than the window would: sending
#: one over the pipe costs ~0.15 ms (its dicts and arrays), more than the step itself for a small
#: network. The factor shrinks as the window's spacing grows (big networks, whose steps are slow
#: anyway), so a rewind into a played stretch replays at most ~KEYFRAME_STEPS more steps.
KEYFRAME_FACTOR = 32
KEYFRAME_STEPS = 256


def keyframe_factor(interval: int) -> int:
    """How many times sparser the worker keeps keyframes than the window's ``interval`` (a power
    of two, so they stay on the window's thinning grid)."""
    factor = 1
    while factor < KEYFRAME_FACTOR and 2 * factor * interval <= KEYFRAME_STEPS:
        factor *= 2
    return factor


# ---------------------------------------------------------------------------------------------- rules


def stop_criterion(trainer: Trainer) -> str | None:
    """The stop criterion met at this step boundary (``"max_epochs"``, ``"target_loss"`` or
    ``"target_accuracy"``), or None. Criteria are checked only at the end of an epoch."""
    t, s = trainer, trainer.training
    if not (t.phase_index == 0 and t.epoch_records and t.cursor == 0):
        return None
    record = t.epoch_records[-1]
    if s.max_epochs is not None and t.epoch >= s.max_epochs:
        return "max_epochs"
    if s.target_loss is not None and record.loss <= s.target_loss:
        return "target_loss"
    if s.target_accuracy is not None and (record.accuracy or 0) >= s.target_accuracy:
        return "target_accuracy"
    return None


# ---------------------------------------------------------------------------------------------- state


def start_state(trainer: Trainer) -> dict:
    """What the worker needs to continue ``trainer`` (:meth:`Trainer.state_dict` without the
    history, and the history's tail: an epoch's step losses and the last epoch record)."""
    return {"network": trainer.network, "training": trainer.training, "evaluate": trainer.evaluate_epochs,
            "state": trainer.state_dict(history=False),
            "losses": trainer.step_losses.tail(trainer.steps_per_epoch() + 1),
            "records": list(trainer.epoch_records[-1:])}


def new_trainer(start: dict, data: tuple) -> Trainer:
    """A trainer of ``start``'s network and settings on ``data`` = ``(x, y, test_x, test_y)``,
    before its state is loaded (the worker's and the race's)."""
    settings = start["state"]["settings"]
    x, y, test_x, test_y = data
    return Trainer(start["network"], settings.loss, settings.optimizer, start["training"], x, y,
                   test_x=test_x, test_y=test_y, evaluate=start["evaluate"])


def build_trainer(start: dict, data: tuple) -> Trainer:
    """A trainer from :func:`start_state` and the cached ``(x, y, test_x, test_y)``."""
    state = start["state"]
    trainer = new_trainer(start, data)
    trainer._keyframes, trainer._keyframe_bytes = [], 0
    trainer.load_state_dict(state, history=False)
    trainer.step_losses.extend(start["losses"])
    trainer.epoch_records.extend(start["records"])
    trainer._marks = (len(trainer.step_losses), len(trainer.epoch_records), 0, -2)
    return trainer


def take_snapshot(trainer: Trainer) -> dict:
    """The whole run state (the epoch's order only when it is new), the current pass and the
    history appended since the last snapshot. Everything the window needs to continue exactly
    here comes in every snapshot, so a worker that dies costs only the steps since the last one."""
    losses, records, frames, order_epoch = trainer._marks
    state = trainer.state_dict(history=False)
    if state["order_epoch"] == order_epoch:
        del state["order"]  # the window has it (it can be 60,000 indices)
    snap = {"state": state, "batch": trainer.batch, "pass_": trainer.pass_,
            "new_losses": trainer.step_losses.tail(len(trainer.step_losses) - losses),
            "new_records": list(trainer.epoch_records[records:]),
            "new_keyframes": trainer._keyframes[frames:]}
    # the worker keeps one epoch of losses and the newest keyframe: its memory stays flat
    keep = trainer.steps_per_epoch() + 1
    if len(trainer.step_losses) > 4 * keep:
        trainer.step_losses = StepLosses(trainer.step_losses.tail(keep))
    del trainer._keyframes[:-1]
    if len(trainer.epoch_records) > 1:
        trainer.epoch_records = EpochRecords(trainer.epoch_records[-1:])
    trainer._keyframe_bytes = sum(f.nbytes() for f in trainer._keyframes)
    trainer._marks = (len(trainer.step_losses), len(trainer.epoch_records), len(trainer._keyframes),
                      trainer._order_epoch)
    return snap


def apply_snapshot(trainer: Trainer, snap: dict) -> None:
    """Make the window's ``trainer`` continue from the worker's position (parameters copied in
    place, so every reference to them stays valid) and append the new history."""
    state = snap["state"]
    if "order" not in state:
        state["order"] = trainer.order
    trainer.load_state_dict(state, history=False)
    trainer.batch, trainer.pass_ = snap["batch"], snap["pass_"]
    trainer.step_losses.extend(snap["new_losses"])
    trainer.epoch_records.extend(snap["new_records"])
    shared: dict[int, np.ndarray] = {}  # id of an order array in this message → the one kept
    for frame in snap["new_keyframes"]:
        if trainer._keyframes and frame.step <= trainer._keyframes[-1].step:
            continue
        order = frame.order
        if id(order) not in shared:
            # each message brings its own copy of the epoch's order: share the one the window
            # has, as the trainer does (keyframes do not count it; 200,000 rows grew ~56 MB/s)
            previous = trainer._keyframes[-1].order if trainer._keyframes else None
            same = previous is not None and previous.shape == order.shape and np.array_equal(previous, order)
            shared[id(order)] = previous if same else order
        frame.order = shared[id(order)]
        trainer._keyframes.append(frame)
        trainer._keyframe_bytes += frame.nbytes()
    _thin_keyframes(trainer)


def _thin_keyframes(trainer: Trainer) -> None:
    """Keep the keyframes within :data:`KEYFRAME_BUDGET` as the trainer does (first, newest and
    those on a doubled spacing)."""
    frames = trainer._keyframes
    while trainer._keyframe_bytes > KEYFRAME_BUDGET and len(frames) > 2:
        trainer.keyframe_interval *= 2
        first, last = frames[0], frames[-1]
        frames[:] = [f for f in frames if f is first or f is last or f.step % trainer.keyframe_interval == 0]
        trainer._keyframe_bytes = sum(f.nbytes() for f in frames)


# ---------------------------------------------------------------------------------------------- worker


class _Sender:
    """The worker's outgoing messages, pickled by the training loop (a consistent copy of this
    instant) and written to the pipe by a thread: training never waits for the window to read
    (a [784, 30, 10] snapshot of ~0.5 MB is more than the pipe holds, and the window's GUI thread
    reads between frames of 30-100 ms)."""

    def __init__(self, conn):
        self.conn = conn
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._pending = 0
        self.broken = False
        self._thread = threading.Thread(target=self._run, name="ann-studio-worker-sender", daemon=True)
        self._thread.start()

    @property
    def idle(self) -> bool:
        """Whether everything handed over has been written."""
        return self._pending == 0

    def send(self, message) -> None:
        data = bytes(ForkingPickler.dumps(message))
        with self._lock:
            self._pending += 1
        self._queue.put(data)

    def close(self) -> None:
        """Write what is waiting, then end the thread."""
        self._queue.put(None)
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        while (data := self._queue.get()) is not None:
            try:
                if not self.broken:
                    self.conn.send_bytes(data)
            except (OSError, EOFError):
                self.broken = True  # the window is gone: worker_main ends at its next read
            with self._lock:
                self._pending -= 1


def worker_main(conn) -> None:
    """The worker process: serve the window's requests until ``quit`` or a closed pipe."""
    data: dict = {}  # key → AttachedDataset
    # divergence is found by the trainer's finiteness checks; NumPy's overflow warnings would
    # only litter the terminal of the app
    np.seterr(all="ignore")
    sender = _Sender(conn)
    sender.send(("ready",))
    try:
        while True:
            message = conn.recv()
            kind = message[0]
            if kind == "quit":
                return
            if kind == "data":
                for attached in data.values():  # one data set at a time: the window's current one
                    attached.close()
                data.clear()
                data[message[1]] = AttachedDataset(message[2])
            elif kind == "play":
                _, key, start, target_epoch = message
                _play(conn, sender, build_trainer(start, data[key].arrays), target_epoch)
            # a late "snapshot" or "pause" after the play ended needs no answer
    except (EOFError, OSError, KeyboardInterrupt):
        return
    finally:
        sender.close()
        for attached in data.values():
            attached.close()


def _play(conn, sender: _Sender, trainer: Trainer, target_epoch: int | None) -> None:
    why, detail = "paused", None
    trainer.keyframe_interval *= keyframe_factor(trainer.keyframe_interval)
    next_poll = time.perf_counter() + POLL_S
    asked = False  # a snapshot was asked for and not sent yet (the last one is still being written)
    try:
        while True:
            trainer.train_step()
            criterion = stop_criterion(trainer)
            if criterion is not None:
                why, detail = "stopped", criterion
                break
            if target_epoch is not None and trainer.epoch >= target_epoch:
                why = "target"
                break
            now = time.perf_counter()
            if now >= next_poll:
                next_poll = now + POLL_S
                requested, stop = _answer(conn, trainer)
                if stop:
                    break
                asked = asked or requested
                if asked and sender.idle:
                    sender.send(("snapshot", take_snapshot(trainer)))
                    asked = False
    except DivergenceError as exc:
        why, detail = "diverged", str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug: hand back what there is, say what happened
        why, detail = "failed", f"{type(exc).__name__}: {exc}"
    sender.send(("ended", why, detail, take_snapshot(trainer)))


def _answer(conn, trainer: Trainer) -> tuple[bool, bool]:
    """Read waiting messages: (a snapshot was asked for, asked to pause)."""
    requested = False
    while conn.poll():
        message = conn.recv()
        kind = message[0]
        if kind == "snapshot":
            trainer.keyframe_interval = message[1] * keyframe_factor(message[1])
            requested = True
        elif kind in ("pause", "quit"):
            return requested, True
    return requested, False


def parameters_equal(a: Trainer, b: Trainer) -> bool:
    """Whether two trainers hold bit-identical parameters (tests, self-test)."""
    return all(np.array_equal(x, y) for x, y in zip(a.network.get_parameters(), b.network.get_parameters()))
