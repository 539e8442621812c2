"""The application's one training worker process (see :mod:`ann_studio.core.worker`).

Started on the first full-speed play and kept for the rest of the run; a session that finds it
busy or not yet ready trains in the window as before. ``ANN_STUDIO_WORKER=0`` turns it off.
"""

from __future__ import annotations

import atexit
import os

from ..core.worker import WorkerClient

_CLIENT: WorkerClient | None = None


def enabled() -> bool:
    """Whether full-speed training may use the worker process."""
    return os.environ.get("ANN_STUDIO_WORKER", "1") not in ("0", "false", "no")


def client() -> WorkerClient:
    """The shared worker client, its process started on first use."""
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = WorkerClient()
        atexit.register(_CLIENT.stop)
    if _CLIENT.process is None and _CLIENT.failed is None:
        try:
            _CLIENT.start()
        except (OSError, RuntimeError, ValueError) as exc:  # no process: train in the window
            _CLIENT._fail(exc)
    return _CLIENT
