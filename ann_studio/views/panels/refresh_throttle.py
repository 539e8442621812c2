"""Rate-limited panel refresh: at once when the user steps, at most ~30 times a second while the
session plays (the latest state is drawn; intermediate ones are skipped)."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Slot

MIN_INTERVAL_S = 1 / 30


class RefreshThrottle(QObject):
    """Calls ``callback()`` for :meth:`request`: immediately while the session is paused, else
    no more often than every :data:`MIN_INTERVAL_S` (a single-shot timer draws the latest state)."""

    def __init__(self, callback, session, parent: QObject):
        super().__init__(parent)
        self._callback = callback
        self._session = session
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    @Slot()
    def request(self) -> None:
        if not self._session.playing:
            self._timer.stop()
            self._run()
            return
        if not self._timer.isActive():
            wait = MIN_INTERVAL_S - (time.perf_counter() - self._last)
            self._timer.start(max(0, int(wait * 1000)))

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._run()

    def _run(self) -> None:
        self._last = time.perf_counter()
        self._callback()

    def stop(self) -> None:
        self._timer.stop()
