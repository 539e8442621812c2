"""The window's end of the training worker (:mod:`.worker`): :class:`WorkerClient` starts the
worker process, hands it a trainer (its data set through shared memory, :mod:`.shared_data`),
mirrors it from the snapshots it sends and takes it back. Qt-free.

A reader thread takes every message off the pipe as soon as it arrives, so the worker never waits
in ``send`` for a busy GUI thread.
"""

from __future__ import annotations

import os
import queue
import threading
import time

from .shared_data import SharedDataset
from .trainer import Trainer
from .worker import apply_snapshot, start_state, worker_main


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


def _read_messages(conn, inbox: queue.SimpleQueue) -> None:
    """The window's reader thread: every message from the worker into ``inbox``, then
    ``("lost", exc)`` once the pipe closes."""
    try:
        while True:
            inbox.put(conn.recv())
    except Exception as exc:  # noqa: BLE001 - EOFError/OSError when the worker ends; anything else too
        inbox.put(("lost", exc if isinstance(exc, EOFError | OSError) else OSError(f"{type(exc).__name__}: {exc}")))
