"""Rate-limited panel refresh: at once when the user steps, at most ~30 times a second while the
session plays (the latest state is drawn; intermediate ones are skipped). A panel that is not on
screen (closed, or a dock behind another tab) skips the work and catches up when shown."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QDockWidget

MIN_INTERVAL_S = 1 / 30


class RefreshThrottle(QObject):
    """Calls ``callback()`` for :meth:`request`: immediately while the session is paused, else
    no more often than every :data:`MIN_INTERVAL_S` (a single-shot timer draws the latest state)."""

    def __init__(self, callback, session, parent: QObject, widget=None, interval_s: float = MIN_INTERVAL_S):
        super().__init__(parent)
        self._interval = interval_s
        self._widget = widget
        self._dock_watched = False
        self.stale = False
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
            wait = self._interval - (time.perf_counter() - self._last)
            self._timer.start(max(0, int(wait * 1000)))

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._run()

    def _run(self) -> None:
        w = self._widget
        if w is not None and not (w.isVisible() and not w.visibleRegion().isEmpty()):
            self.stale = True
            self._watch_dock()
            return
        self.stale = False
        self._last = time.perf_counter()
        self._callback()

    def _watch_dock(self) -> None:
        """Catch up when the dock holding the widget comes to the front of its tab group."""
        if self._dock_watched:
            return
        parent = self._widget.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is not None:
            self._dock_watched = True
            parent.visibilityChanged.connect(self._on_dock_visibility_changed)

    @Slot(bool)
    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.catch_up()

    def catch_up(self) -> None:
        """Refresh now if a refresh was skipped while the widget was hidden (call from showEvent)."""
        if self.stale:
            self.stale = False
            self._callback()

    def stop(self) -> None:
        self._timer.stop()
