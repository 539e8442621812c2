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

import os
import queue
import threading
import time

import numpy as np

from .errors import DivergenceError
from .history import EpochRecords, StepLosses
from .shared_data import AttachedDataset, SharedDataset
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


def build_trainer(start: dict, data: tuple) -> Trainer:
    """A trainer from :func:`start_state` and the cached ``(x, y, test_x, test_y)``."""
    state = start["state"]
    settings = state["settings"]
    x, y, test_x, test_y = data
    trainer = Trainer(start["network"], settings.loss, settings.optimizer, start["training"], x, y,
                      test_x=test_x, test_y=test_y, evaluate=start["evaluate"])
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


def worker_main(conn) -> None:
    """The worker process: serve the window's requests until ``quit`` or a closed pipe."""
    data: dict = {}  # key → AttachedDataset
    # divergence is found by the trainer's finiteness checks; NumPy's overflow warnings would
    # only litter the terminal of the app
    np.seterr(all="ignore")
    conn.send(("ready",))
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
                _play(conn, build_trainer(start, data[key].arrays), target_epoch)
            # a late "snapshot" or "pause" after the play ended needs no answer
    except (EOFError, OSError, KeyboardInterrupt):
        return
    finally:
        for attached in data.values():
            attached.close()


def _play(conn, trainer: Trainer, target_epoch: int | None) -> None:
    why, detail = "paused", None
    trainer.keyframe_interval *= keyframe_factor(trainer.keyframe_interval)
    next_poll = time.perf_counter() + POLL_S
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
                if _answer(conn, trainer):
                    break
    except DivergenceError as exc:
        why, detail = "diverged", str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug: hand back what there is, say what happened
        why, detail = "failed", f"{type(exc).__name__}: {exc}"
    conn.send(("ended", why, detail, take_snapshot(trainer)))


def _answer(conn, trainer: Trainer) -> bool:
    """Serve waiting messages; True when asked to pause."""
    while conn.poll():
        message = conn.recv()
        kind = message[0]
        if kind == "snapshot":
            trainer.keyframe_interval = message[1] * keyframe_factor(message[1])
            conn.send(("snapshot", take_snapshot(trainer)))
        elif kind in ("pause", "quit"):
            return True
    return False


def _read_messages(conn, inbox: queue.SimpleQueue) -> None:
    """The window's reader thread: every message from the worker into ``inbox``, then
    ``("lost", exc)`` once the pipe closes."""
    try:
        while True:
            inbox.put(conn.recv())
    except Exception as exc:  # noqa: BLE001 - EOFError/OSError when the worker ends; anything else too
        inbox.put(("lost", exc if isinstance(exc, EOFError | OSError) else OSError(f"{type(exc).__name__}: {exc}")))


def parameters_equal(a: Trainer, b: Trainer) -> bool:
    """Whether two trainers hold bit-identical parameters (tests, self-test)."""
    return all(np.array_equal(x, y) for x, y in zip(a.network.get_parameters(), b.network.get_parameters()))


# ---------------------------------------------------------------------------------------------- window side


class WorkerClient:
    """The window's end: starts the worker process, hands it a trainer, mirrors it, takes it back.

    Use: :meth:`start` once (the process needs ~0.5 s to import NumPy; :attr:`ready` says when it
    can take work), then per play :meth:`play`, :meth:`pump` on every GUI tick (applies the
    newest snapshot to the trainer and returns how the play ended, if it did), and :meth:`pause`.
    """

    def __init__(self):
        self.process = None
        self.conn = None
        self.ready = False
        self.trainer: Trainer | None = None  # the window's trainer while the worker trains it
        #: the data set in shared memory (the newest one a trainer was prepared with)
        self.shared: SharedDataset | None = None
        self._sent: str | None = None  # the name of the segment the worker has mapped
        self._waiting = False
        self.failed: str | None = None
        #: what the worker sent, received by a reader thread as soon as it arrives: the worker
        #: never waits in ``send`` for a busy GUI thread (a [784, 30, 10] snapshot is ~200 kB,
        #: more than a pipe holds; waiting for 100 ms frames cut its training 20-fold)
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self._reader: threading.Thread | None = None

    def start(self) -> None:
        import multiprocessing

        if self.process is not None:
            return
        ctx = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
        # one BLAS thread in the worker too (inherited: it must be set before the worker imports
        # NumPy); a second one spinning on a 2-core machine makes small products many times slower
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child,), name="ann-studio-training", daemon=True)
        self.process.start()
        child.close()
        self._inbox = queue.SimpleQueue()
        self._reader = threading.Thread(target=_read_messages, args=(self.conn, self._inbox),
                                        name="ann-studio-worker-reader", daemon=True)
        self._reader.start()

    def _receive(self, timeout: float | None = 0.0):
        """The next message from the worker, or None if none came within ``timeout`` seconds
        (0: do not wait). Raises EOFError or OSError when the worker is gone."""
        try:
            message = self._inbox.get(timeout=timeout) if timeout else self._inbox.get_nowait()
        except queue.Empty:
            return None
        if message[0] == "lost":
            self._inbox.put(message)  # every later call says so too
            raise message[1]
        return message

    @property
    def busy(self) -> bool:
        return self.trainer is not None

    def check_ready(self) -> bool:
        """Whether the worker can take a play (reads its "ready" once it arrives)."""
        if not self.ready and self.conn is not None and self.failed is None:
            try:
                message = self._receive()
                if message is not None:
                    self.ready = message[0] == "ready"
            except (EOFError, OSError) as exc:
                self.fail(exc)
        return self.ready

    @staticmethod
    def arrays_of(trainer: Trainer) -> tuple:
        """The arrays of ``trainer``'s data set that the worker needs."""
        return trainer.x, trainer.y, trainer.test_x, trainer.test_y

    def prepare(self, trainer: Trainer) -> bool:
        """Start copying ``trainer``'s data set into shared memory (in the background) unless it
        is there already; whether it is ready for :meth:`play`. The previous data set's segment
        is released."""
        arrays = self.arrays_of(trainer)
        if self.shared is None or not self.shared.holds(arrays):
            self.release_data()
            self.shared = SharedDataset(arrays)
            self.shared.start_copy()
        if self.shared.error is not None:
            raise OSError(self.shared.error)
        return self.shared.ready

    def release_data(self, trainer: Trainer | None = None) -> None:
        """Unlink the shared data set (only if it is ``trainer``'s, when one is given)."""
        shared = self.shared
        if shared is None or (trainer is not None and not shared.holds(self.arrays_of(trainer))):
            return
        self.shared = None
        shared.release()

    def play(self, trainer: Trainer, target_epoch: int | None = None) -> None:
        """Hand ``trainer`` to the worker (at a step boundary or mid-step: it completes the step).
        Its data set goes into shared memory first (now, if :meth:`prepare` has not done it)."""
        self.prepare(trainer)
        if not self.shared.wait():
            raise OSError(self.shared.error or "the data set could not be shared")
        if self._sent != self.shared.name:
            self.conn.send(("data", self.shared.name, self.shared.descriptor()))
            self._sent = self.shared.name
        self.conn.send(("play", self.shared.name, start_state(trainer), target_epoch))
        self.trainer, self._waiting = trainer, False

    def pump(self, request: bool = True) -> tuple[str, str | None] | None:
        """Apply what the worker sent and (``request``) ask for the next snapshot. Returns
        ``(why, detail)`` when the play ended (the trainer then holds the worker's whole state),
        else None."""
        ended = None
        while self.trainer is not None:
            message = self._receive()
            if message is None:
                break
            if message[0] == "snapshot":
                apply_snapshot(self.trainer, message[1])
                self._waiting = False
            elif message[0] == "ended":
                ended = self._finish(message)
        if request and self.trainer is not None and not self._waiting:
            self.conn.send(("snapshot", self.trainer.keyframe_interval))
            self._waiting = True
        return ended

    def pause(self, timeout: float = 1.0) -> tuple[str, str | None] | None:
        """Stop the worker at the next step boundary and take its state back (blocks until it
        answers; a step takes micro- to milliseconds). Returns how the play ended."""
        if self.trainer is None:
            return None
        self.conn.send(("pause",))
        deadline = time.perf_counter() + timeout
        while self.trainer is not None:
            message = self._receive(max(1e-3, deadline - time.perf_counter()))
            if message is None:
                raise TimeoutError("the training worker did not answer")
            if message[0] == "snapshot":
                apply_snapshot(self.trainer, message[1])
            elif message[0] == "ended":
                return self._finish(message)
        return None

    def _finish(self, message) -> tuple[str, str | None]:
        _, why, detail, snap = message
        trainer, self.trainer, self._waiting = self.trainer, None, False
        apply_snapshot(trainer, snap)
        return why, detail

    def fail(self, exc: Exception) -> None:
        """Give up on the worker (dead, hung or unable to start): end its process; the window's
        trainer keeps the state of the last snapshot it applied."""
        self.failed = f"{type(exc).__name__}: {exc}"
        self.ready = False
        self.trainer, self._waiting = None, False
        if self.process is not None:
            try:
                self.process.kill()
                self.process.join(timeout=1.0)
            except (OSError, ValueError, AttributeError):
                pass
            self.process, self.conn = None, None
        self._sent = None
        self._join_reader()
        self.release_data()

    def stop(self) -> None:
        """End the worker process and release the shared data set."""
        if self.process is None:
            self.release_data()
            return
        try:
            if self.trainer is not None:
                self.pause(timeout=2.0)
            self.conn.send(("quit",))
        except (OSError, EOFError, TimeoutError, BrokenPipeError):
            pass
        self.process.join(timeout=2.0)
        if self.process.is_alive():
            self.process.terminate()
        self.process, self.conn, self.ready, self._sent = None, None, False, None
        self._join_reader()
        self.release_data()

    def _join_reader(self) -> None:
        """The reader thread ends when the worker's end of the pipe closes (it has exited)."""
        if self._reader is not None:
            self._reader.join(timeout=1.0)
            self._reader = None
