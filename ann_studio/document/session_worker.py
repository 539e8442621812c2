"""Part of :class:`ann_studio.document.session.TrainingSession`: handing full-speed play to the
training worker process (:mod:`ann_studio.core.worker`) and taking the trainer back.

While the worker trains, the session's timer polls it (every :data:`WORKER_POLL_MS`) and the
window's trainer mirrors its snapshots; pause, any step or rewind, a settings change, a slower
speed and a rebuild first take the trainer back (:meth:`SessionWorkerMixin._reclaim`).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication

from . import training_worker

#: while the worker process trains, the window looks for its snapshots this often (ms) and asks
#: for one at most every WORKER_SNAPSHOT_S: a panel frame can only show a new snapshot, so the
#: snapshots must come more often than the ~30 Hz frames (at 33 ms they capped frames at ~24 Hz);
#: one costs the worker ~0.1 ms
WORKER_POLL_MS = 5
WORKER_SNAPSHOT_S = 0.010
#: data sets larger than this (bytes of inputs and targets) train in the window: the worker needs
#: its own copy, sent once through the pipe (MNIST's 60,000 × 784 inputs are 376 MB, ~1 s of
#: pickling on the GUI thread and as much memory again)
WORKER_DATA_LIMIT = 64 * 2**20


class SessionWorkerMixin:
    """Expects the session's ``trainer``, ``use_worker``, ``_worker``, ``_timer``,
    ``_play_interval()``, ``EMIT_INTERVAL_S``, ``_pending`` and its signals."""

    def _offload(self) -> bool:
        """Hand the trainer to the worker process if it is free and ready; True if it took it."""
        # at a step boundary with no setting waiting for one: the window finishes the step first,
        # so a setting made mid-step applies where it would have without the worker
        if not self.use_worker or self.trainer is None or self.trainer.phase_index or self._pending:
            return False
        if _data_bytes(self.trainer) > WORKER_DATA_LIMIT:
            return False
        client = training_worker.client()
        if client.busy or not client.check_ready():
            return False
        try:
            client.play(self.trainer, self._target_epoch)
        except Exception as exc:  # noqa: BLE001 - a broken pipe, or a trainer that cannot be sent
            print(f"ann-studio: training in the window ({type(exc).__name__}: {exc})", file=sys.stderr)
            client.trainer = None
            self.use_worker = False
            return False
        self._worker = client
        self._last_request = 0.0
        self._timer.setInterval(WORKER_POLL_MS)
        return True

    def _pump_worker(self) -> None:
        """Mirror the worker's latest snapshot; handle the end of its play."""
        now = time.perf_counter()
        request = now - self._last_request >= WORKER_SNAPSHOT_S
        try:
            ended = self._worker.pump(request=request)
        except (OSError, EOFError, ValueError, TypeError) as exc:
            self._worker_failed(exc)
            return
        if request:
            self._last_request = now
        self._dirty = True
        if ended is not None:
            self._worker = None
            self._worker_ended(*ended)
        elif now - self._last_emit >= self.EMIT_INTERVAL_S:
            self._emit()

    def _reclaim(self) -> tuple[str, str | None] | None:
        """Take the trainer back from the worker (its whole state, exactly where it got to).
        Returns how the worker's play ended when it ended on its own (a stop criterion, the target
        epoch, divergence) before it saw the request, for the caller to report; else None."""
        if self._worker is None:
            return None
        worker, self._worker = self._worker, None
        try:
            ended = worker.pause()
        except (OSError, EOFError, TimeoutError, ValueError) as exc:
            self._worker = worker
            self._worker_failed(exc)
            return None
        self._timer.setInterval(self._play_interval())
        return None if ended is None or ended[0] == "paused" else ended

    def _handle_end(self, ended: tuple[str, str | None] | None) -> None:
        if ended is not None:
            self._worker_ended(*ended)

    def _worker_failed(self, exc: Exception) -> None:
        """The worker died or stopped answering mid-play: only its steps since the last snapshot
        are lost. Every snapshot carries the whole run state, so the window's trainer continues
        exactly from the last one it applied; training goes on in the window."""
        client, self._worker = self._worker, None
        if client is not None:
            client.fail(exc)
        self.use_worker = False
        self._timer.setInterval(self._play_interval())
        step = self.trainer.step if self.trainer is not None else 0
        text = QCoreApplication.translate(
            "TrainingSession", "The training process stopped unexpectedly (%1); the run is kept at step %2 and "
            "training continues in the window.")
        self.problem.emit(text.replace("%1", str(exc) or type(exc).__name__).replace("%2", f"{step:,}"))
        self._emit()

    def _worker_ended(self, why: str, detail: str | None) -> None:
        """The worker stopped on its own: a stop criterion, the target epoch, or divergence."""
        if why in ("diverged", "failed"):
            self.pause()
            self.error = detail
            if why == "failed":  # a bug, not the numbers: keep training in the window
                self.use_worker = False
                text = QCoreApplication.translate("TrainingSession", "Training stopped: %1")
                self.error = text.replace("%1", str(detail))
            self.problem.emit(self.error)
            self.updated.emit()
            return
        if self._pending and self.trainer is not None and self.trainer.phase_index == 0:
            self._apply_pending()
            self.settings_applied.emit()
        reason = self._stop_reason() if why == "stopped" else None
        self.pause()  # (the target epoch of Train Epoch ends here too)
        if reason:
            self.stopped.emit(reason)
        self._emit()



def _data_bytes(trainer) -> int:
    arrays = (trainer.x, trainer.y, trainer.test_x, trainer.test_y)
    return sum(a.nbytes for a in arrays if a is not None)
