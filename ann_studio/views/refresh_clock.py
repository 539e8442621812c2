"""Rate limiting: one clock per training session drives every view's refresh — the plots, the
canvas overlay and weights, the math view and the training panel.

While training plays, the session trains in short timer ticks. Views do not redraw on every
change: a single :class:`RefreshClock` (a child of the session) polls the trainer at a capped rate
(~33 Hz) and tells the views to refresh from the *latest* state when it changed. When the session
is paused, single steps refresh at once (Next Sample too: the sample in focus is part of the
state). Hidden views (a dock behind another tab) skip the work and catch up when they are shown.
Plot panels subscribe to :attr:`RefreshClock.ticked` directly (``views/plots/base.py``); the other
views through :class:`ann_studio.views.panels.refresh_throttle.RefreshThrottle`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

#: the shortest time between two refreshes of a panel, in milliseconds (≈ 33 Hz)
REFRESH_INTERVAL_MS = 30
#: while playing, at most this share of the time goes to refreshing and repainting the panels;
#: when a frame costs more, the clock waits longer so training keeps its speed
GUI_SHARE = 0.25
#: while playing, the clock looks this often whether a refresh is due (a coarse poll would round
#: every period up to a multiple of it)
POLL_MS = 5
#: and this often while the worker process trains (the window has a core to itself then; a frame
#: waiting up to 5 ms for the next poll cost ~15 % of the frame rate)
POLL_MS_ELSEWHERE = 2
#: the refresh period cap while the worker process trains (40 Hz): the window's core is its own
#: then, and a frame of all eight panels (~27 ms at 1920 × 1080) follows the last one at once
INTERVAL_MS_ELSEWHERE = 25


def _state_key(session) -> tuple | None:
    """What identifies the state the views show: the trainer, its step and phase, the furthest
    recorded step, the edits typed in, and the sample in focus (Next Sample moves only that)."""
    trainer = session.trainer
    if trainer is None:
        return None
    return (id(trainer), trainer.step, trainer.phase_index, trainer.horizon, len(trainer.edits),
            session.focus_sample)


class RefreshClock(QObject):
    """Emits :attr:`ticked` at most every ``interval_ms`` while the trainer's state changes.

    Parameters
    ----------
    session : TrainingSession
        Its ``updated`` and ``play_state_changed`` signals drive the clock.
    interval_ms : int
        The refresh period cap.
    """

    #: the trainer's state changed since the last tick: panels should refresh now
    ticked = Signal()

    def __init__(self, session, interval_ms: int = REFRESH_INTERVAL_MS):
        super().__init__(session)
        self.setObjectName("plot_refresh_clock")
        self.session = session
        self.interval_ms = interval_ms
        self._last_key: tuple | None = None
        self._last_tick = 0.0
        self._next_ms = float(interval_ms)
        #: the share of time the panels may take while playing (1.0: always the capped rate)
        self.gui_share = GUI_SHARE
        self._frame_start = 0.0
        #: the time the panels may still spend (token bucket) and a frame's smoothed cost, ms
        self._budget_ms = 0.0
        self._cost_ms = 0.0
        self._last_poll = time.perf_counter()
        #: what the last frame cost while playing (refresh and repaint of every shown panel), ms
        self.last_cost_ms = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        session.updated.connect(self._on_session_updated)
        session.play_state_changed.connect(self._on_session_play_state_changed)
        session.reset_done.connect(self._on_session_reset_done)
        session.destroyed.connect(self._timer.stop)

    @staticmethod
    def of(session) -> RefreshClock:
        """The session's clock, created on first use."""
        clock = session.findChild(RefreshClock, "plot_refresh_clock")
        return clock if clock is not None else RefreshClock(session)

    def stop(self) -> None:
        """Stop polling (teardown)."""
        self._timer.stop()

    @Slot()
    def _on_session_reset_done(self) -> None:
        self._last_key = None

    @Slot(str)
    def _on_session_play_state_changed(self, state: str) -> None:
        if state == "playing":
            self._last_poll = time.perf_counter()
            self._timer.start(POLL_MS)
        else:
            self._timer.stop()
            self._tick()

    @Slot()
    def _on_session_updated(self) -> None:
        if self.session.playing:
            if not self._timer.isActive():
                self._last_poll = time.perf_counter()
                self._timer.start(POLL_MS)
            return
        self._tick()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self.session.playing:
            self._timer.stop()
        now = time.perf_counter()
        # while the worker process trains, a frame takes nothing from training: only the cap holds
        elsewhere = getattr(self.session, "training_elsewhere", False)
        share = 1.0 if elsewhere else self.gui_share
        # a token bucket: the panels earn gui_share of the time that passes and spend what their
        # frames really cost, so the share holds however late the poll comes (between training
        # ticks) and however the frame cost varies; at most two frames can be saved up
        self._budget_ms = min(self._budget_ms + (now - self._last_poll) * 1000 * share,
                              2 * self._cost_ms)
        self._last_poll = now
        poll = POLL_MS_ELSEWHERE if elsewhere else POLL_MS
        if self._timer.interval() != poll:
            self._timer.setInterval(poll)
        interval = INTERVAL_MS_ELSEWHERE if elsewhere else self.interval_ms
        due = (now - self._last_tick) * 1000 >= interval - poll / 2
        if due and self._budget_ms >= self._cost_ms:
            self._tick()

    @property
    def interval(self) -> float:
        """The current refresh period in ms (longer than ``interval_ms`` when frames are costly)."""
        return self._next_ms

    def _tick(self) -> None:
        key = _state_key(self.session)
        if key == self._last_key and key is not None:
            return
        self._last_key = key
        self._last_tick = self._frame_start = time.perf_counter()
        self.ticked.emit()
        if self.session.playing:
            # paint now, not after the session's next training tick: the frame is on screen at
            # once and its whole cost (the scene's dirty-item pass and the repaint it posts,
            # which Qt queues behind any timer or queued call) is what the clock measures
            QCoreApplication.sendPostedEvents()
            self._on_frame_painted()

    def _on_frame_painted(self) -> None:
        cost_ms = (time.perf_counter() - self._frame_start) * 1000
        self.last_cost_ms = cost_ms
        self._budget_ms -= cost_ms
        self._cost_ms = 0.7 * self._cost_ms + 0.3 * cost_ms
        share = 1.0 if getattr(self.session, "training_elsewhere", False) else self.gui_share
        self._next_ms = max(float(self.interval_ms), self._cost_ms / share)
