"""A view's refresh, driven by the session's one :class:`~ann_studio.views.refresh_clock.RefreshClock`.

At once when the user steps (the session is paused); while it plays, on the clock's frames (at
most ~30 a second, less when frames are costly) and no more often than ``interval_s``, so the
latest state is drawn and intermediate ones are skipped. A view that is not on screen (closed,
or a dock behind another tab) skips the work and catches up when shown.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QDockWidget

from ..refresh_clock import RefreshClock

MIN_INTERVAL_S = 1 / 30


class RefreshThrottle(QObject):
    """Calls ``callback()`` for :meth:`request`: immediately while the session is paused, else on
    the next tick of the session's refresh clock at least ``interval_s`` after the last call."""

    def __init__(self, callback, session, parent: QObject, widget=None, interval_s: float = MIN_INTERVAL_S):
        super().__init__(parent)
        self._interval = interval_s
        self._widget = widget
        self._dock_watched = False
        self.stale = False
        self._pending = False
        self._callback = callback
        self._session = session
        self._last = 0.0
        self._clock = RefreshClock.of(session)
        self._clock.ticked.connect(self._on_clock_ticked)
        session.play_state_changed.connect(self._on_session_play_state_changed)

    @Slot()
    def request(self) -> None:
        if not self._session.playing:
            self._pending = False
            self._run()
            return
        self._pending = True  # drawn on the clock's next frame

    @Slot()
    def _on_clock_ticked(self) -> None:
        if self._pending and time.perf_counter() - self._last >= self._interval * 0.9:
            self._pending = False
            # right after the clock's frame, in the next pass of the event loop: the plots' frame
            # and this view's refresh do not block the loop as one long piece
            QTimer.singleShot(0, self, self._run)

    @Slot(str)
    def _on_session_play_state_changed(self, state: str) -> None:
        if state != "playing" and self._pending:  # the final state of a play is always drawn
            self._pending = False
            self._run()

    def _run(self) -> None:
        w = self._widget
        # a dock behind another tab or closed is not visible; (visibleRegion is no test: a view
        # whose scroll area covers it has an empty region of its own while fully on screen)
        if w is not None and not (w.isVisible() and w.width() > 0 and w.height() > 0):
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
        self._pending = False
