"""The application's one training worker process (see :mod:`ann_studio.core.worker`).

Started on the first full-speed play and kept for the rest of the run; a session that finds it
busy or not yet ready trains in the window as before. ``ANN_STUDIO_WORKER=0`` turns it off, and
it is off on a single core.
"""

from __future__ import annotations

import atexit
import os

from ..core.worker_client import WorkerClient

_CLIENT: WorkerClient | None = None


def enabled() -> bool:
    """Whether full-speed training may use the worker process: not when turned off, nor on a
    single core (the worker and the window would share it; training in the window then gives
    the panels a fair share through the refresh clock)."""
    if os.environ.get("ANN_STUDIO_WORKER", "1") in ("0", "false", "no"):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores >= 2


#: a worker that died or hung is replaced by a new process at most this many times a run
MAX_RESTARTS = 3
_restarts = 0


def existing_client() -> WorkerClient | None:
    """The shared worker client if one was made (never starts a process)."""
    return _CLIENT


def client() -> WorkerClient:
    """The shared worker client, its process started on first use (and started again, a few
    times a run, after a worker died: the session that lost it trains in the window, a new play
    in another window or after reopening gets a new process)."""
    global _CLIENT, _restarts
    if _CLIENT is not None and _CLIENT.failed is not None and _CLIENT.process is None and _restarts < MAX_RESTARTS:
        _restarts += 1
        _CLIENT = None
    if _CLIENT is None:
        _CLIENT = WorkerClient()
        atexit.register(_CLIENT.stop)
    if _CLIENT.process is None and _CLIENT.failed is None:
        try:
            _CLIENT.start()
        except (OSError, RuntimeError, ValueError) as exc:  # no process: train in the window
            _CLIENT.fail(exc)
    return _CLIENT
