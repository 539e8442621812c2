"""Computing a loss landscape off the GUI thread (issue 15).

:class:`LandscapeRunner` runs :func:`ann_studio.core.landscape_compute.compute` in a thread of its
own pool (one thread: a newer request waits for the stale one to notice it was cancelled, which it
does between grid chunks and every 64 replayed steps) and emits the picture on the GUI thread.
Only the newest request's result is delivered; :meth:`shutdown` cancels and joins.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ..core.landscape import Cancelled
from ..core.landscape_compute import LandscapeRequest, compute


class _Relay(QObject):
    """Carries a job's result from its thread to the GUI thread (queued: it lives there)."""

    #: (generation, Landscape)
    done = Signal(int, object)
    #: (generation, message)
    failed = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, request: LandscapeRequest, generation: int, stop: threading.Event, relay: _Relay):
        super().__init__()
        self.request, self.generation, self.stop, self.relay = request, generation, stop, relay

    def run(self) -> None:
        try:
            picture = compute(self.request, self.stop.is_set)
        except Cancelled:
            return
        except (ArithmeticError, ValueError, MemoryError) as exc:
            self.relay.failed.emit(self.generation, str(exc))
            return
        self.relay.done.emit(self.generation, picture)


class LandscapeRunner(QObject):
    """Starts landscape computations and delivers the newest one."""

    #: a picture was computed (a :class:`~ann_studio.core.landscape_compute.Landscape`)
    computed = Signal(object)
    #: computing the newest request failed (the message)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_relay_done)
        self._relay.failed.connect(self._on_relay_failed)
        self._generation = 0
        self._stop = threading.Event()
        self.busy = False

    def start(self, request: LandscapeRequest) -> None:
        """Compute ``request``; any computation still running is cancelled and its result dropped."""
        self._stop.set()
        self._generation += 1
        self._stop = threading.Event()
        self.busy = True
        self._pool.start(_Job(request, self._generation, self._stop, self._relay))

    def cancel(self) -> None:
        self._stop.set()
        self._generation += 1
        self.busy = False

    def wait(self, ms: int = -1) -> bool:
        """Wait for the running computation (tests, shutdown)."""
        return self._pool.waitForDone(ms)

    def shutdown(self) -> None:
        self.cancel()
        self._pool.waitForDone()

    @Slot(int, object)
    def _on_relay_done(self, generation: int, picture) -> None:
        if generation == self._generation:
            self.busy = False
            self.computed.emit(picture)

    @Slot(int, str)
    def _on_relay_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.busy = False
            self.failed.emit(message)
