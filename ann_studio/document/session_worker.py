"""Handing full-speed play to the training worker process (:mod:`ann_studio.core.worker`) and
taking the trainer back: :class:`WorkerHandover`, one per :class:`TrainingSession` (composition:
the session owns it and calls :meth:`offload`, :meth:`pump` and :meth:`reclaim`).

While the worker trains, the session's timer polls it (every :data:`WORKER_POLL_MS`) and the
window's trainer mirrors its snapshots. Each snapshot carries the whole run state
(``Trainer.state_dict(history=False)``), applied with ``load_state_dict``: the window's trainer is
always a complete, consistent run. Pause, any step or rewind, a settings change, a slower speed
and a rebuild first take the trainer back. A worker that dies or stops answering (1 s) costs only
the steps since its last snapshot; the session keeps the mirrored state and trains in the window.
"""

from __future__ import annotations

import sys
import time

from . import training_worker

#: while the worker process trains, the window looks for its snapshots this often (ms) and asks
#: for one at most every WORKER_SNAPSHOT_S: a panel frame can only show a new snapshot, so the
#: snapshots must come more often than the ~30 Hz frames (at 33 ms they capped frames at ~24 Hz);
#: one costs the worker ~0.1 ms
WORKER_POLL_MS = 5
WORKER_SNAPSHOT_S = 0.010
#: for networks of more than LARGE_NETWORK parameters a snapshot is large (MNIST's [784, 30, 10]:
#: ~0.5 MB with the current pass, ~1.5 ms of the worker's time to pickle and send), so it is asked
#: for every WORKER_SNAPSHOT_LARGE_S: still more often than the panels' frames (≤ 40 Hz)
LARGE_NETWORK = 10_000
WORKER_SNAPSHOT_LARGE_S = 0.020


class WorkerHandover:
    """The session's side of the worker process.

    The session it serves provides: ``trainer``, ``use_worker``, ``target_epoch``,
    ``settings_waiting()``, ``set_poll_interval(ms | None)`` (None: the play speed's interval),
    ``worker_progressed()``, ``worker_play_ended(why, detail)`` and ``worker_lost(exc)``.
    """

    def __init__(self, session):
        self.session = session
        #: the worker client while it trains this session's trainer, else None
        self.client = None
        self._last_request = 0.0
        self._snapshot_interval = WORKER_SNAPSHOT_S

    @property
    def active(self) -> bool:
        return self.client is not None

    def offload(self) -> bool:
        """Hand the trainer to the worker process if it is free and ready; True if it took it."""
        s = self.session
        # at a step boundary with no setting waiting for one: the window finishes the step first,
        # so a setting made mid-step applies where it would have without the worker
        if not s.use_worker or s.trainer is None or s.trainer.phase_index or s.settings_waiting():
            return False
        client = training_worker.client()
        if client.busy or not client.check_ready():
            return False
        try:
            # the data set goes into shared memory in the background (MNIST: ~0.2 s); the window
            # trains meanwhile and hands over at a later tick
            if not client.prepare(s.trainer):
                return False
            client.play(s.trainer, s.target_epoch)
        except Exception as exc:  # noqa: BLE001 - a broken pipe, or a trainer that cannot be sent
            print(f"ann-studio: training in the window ({type(exc).__name__}: {exc})", file=sys.stderr)
            client.trainer = None
            client.release_data()
            s.use_worker = False
            return False
        self.client = client
        self._last_request = 0.0
        large = s.trainer.network.parameter_count() > LARGE_NETWORK
        self._snapshot_interval = WORKER_SNAPSHOT_LARGE_S if large else WORKER_SNAPSHOT_S
        s.set_poll_interval(WORKER_POLL_MS)
        return True

    def pump(self) -> None:
        """Mirror the worker's latest snapshot; handle the end of its play."""
        now = time.perf_counter()
        request = now - self._last_request >= self._snapshot_interval
        try:
            ended = self.client.pump(request=request)
        except (OSError, EOFError, ValueError, TypeError) as exc:
            self._lost(exc)
            return
        if request:
            self._last_request = now
        if ended is not None:
            self.client = None
            self.session.worker_play_ended(*ended)
        else:
            self.session.worker_progressed()

    def reclaim(self) -> tuple[str, str | None] | None:
        """Take the trainer back from the worker (its whole state, exactly where it got to).
        Returns how the worker's play ended when it ended on its own (a stop criterion, the target
        epoch, divergence) before it saw the request, for the caller to report; else None."""
        if self.client is None:
            return None
        client, self.client = self.client, None
        try:
            ended = client.pause()
        except (OSError, EOFError, TimeoutError, ValueError) as exc:
            self.client = client
            self._lost(exc)
            return None
        self.session.set_poll_interval(None)
        return None if ended is None or ended[0] == "paused" else ended

    def release(self, trainer, keep=None) -> None:
        """The session is done with ``trainer`` (new data, or the window closes): unlink its data
        set's shared memory if the worker client holds it, unless ``keep`` (the trainer that
        replaces it) has the very same arrays (a network edit keeps the data)."""
        client = training_worker.existing_client()
        if client is None or trainer is None or client.busy:
            return
        if keep is not None and all(a is b for a, b in zip(client.arrays_of(trainer), client.arrays_of(keep))):
            return
        client.release_data(trainer)

    def _lost(self, exc: Exception) -> None:
        """The worker died or stopped answering: end it; the session keeps its last snapshot."""
        client, self.client = self.client, None
        if client is not None:
            client.fail(exc)
        self.session.use_worker = False
        self.session.set_poll_interval(None)
        self.session.worker_lost(exc)
