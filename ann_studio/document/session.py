"""The training session: drives the engine's :class:`Trainer` for the GUI.

A small state machine (idle → playing ⇄ paused) driven by a QTimer whose ticks each run a bounded
amount of training (a few milliseconds), so the event loop stays responsive. Panels listen to
:attr:`TrainingSession.updated` and read :attr:`TrainingSession.trainer`; while playing, ``updated``
is emitted at most ~30 times a second.

Structural edits to the document rebuild the trainer (training restarts from step 0); changing the
learning rate or optimizer keeps the weights and applies from the next update.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..core import AnnError, DivergenceError, Trainer

#: play speeds: (phases per tick, tick interval ms); the last runs whole steps as fast as possible
SPEEDS = {
    "slow": ("phase", 600),
    "medium": ("phase", 150),
    "fast": ("step", 30),
    "full": ("budget", 0),
}
TICK_BUDGET_S = 0.012
REFRESH_INTERVAL_S = 1 / 30


class TrainingSession(QObject):
    #: the trainer's state changed (a phase, step, rewind, reset); read ``trainer``
    updated = Signal()
    #: a new trainer was built (network, data or seed changed); history starts again
    reset_done = Signal()
    #: "playing" or "paused"
    play_state_changed = Signal(str)
    #: a user-facing problem: invalid network, bad data, divergence
    problem = Signal(str)
    #: training stopped because a stop criterion (max epochs, target loss/accuracy) was met
    stopped = Signal(str)

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.trainer: Trainer | None = None
        self.dataset = None
        self.error: str | None = None
        self.speed = "full"
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        self._last_emit = 0.0
        self._dirty = False
        self._seed_offset = 0
        document.project_replaced.connect(self.rebuild)
        document.network_changed.connect(self.rebuild)
        document.data_changed.connect(self.rebuild)
        document.settings_changed.connect(self._on_document_settings_changed)
        self.rebuild()

    # ------------------------------------------------------------------ building

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def rebuild(self) -> None:
        """Build a fresh trainer from the document (step 0). Problems are reported, not raised."""
        self.pause()
        self.trainer, self.error = None, None
        try:
            project = self.document.project
            if self.document.problems():
                raise self.document.problems()[0]
            self.dataset = project.dataset()
            if self._seed_offset:
                project = project.copy()
                project.training.seed += self._seed_offset
            self.trainer = project.build_trainer(self.dataset)
        except AnnError as exc:
            self.error = str(exc)
            self.problem.emit(self.error)
        self.reset_done.emit()
        self.updated.emit()

    def reset(self, new_seed: bool = False) -> None:
        """Re-initialise the weights: with the same seed, or a new one."""
        if new_seed:
            self._seed_offset += 1
        self.rebuild()

    @Slot()
    def _on_document_settings_changed(self) -> None:
        if self.trainer is None:
            self.rebuild()
            return
        project = self.document.project
        t = self.trainer
        if project.training.shuffle != t.training.shuffle or project.training.seed != t.training.seed:
            self.rebuild()
            return
        t.training.max_epochs = project.training.max_epochs
        t.training.target_loss = project.training.target_loss
        t.training.target_accuracy = project.training.target_accuracy
        at_boundary = t.phase_index == 0
        t.configure(optimizer=project.optimizer,
                    batch_size=project.training.batch_size if at_boundary else None,
                    loss=project.loss if at_boundary else None)
        self._pending_boundary_settings = not at_boundary
        self.updated.emit()

    # ------------------------------------------------------------------ stepping

    def _guard(self, action) -> bool:
        if self.trainer is None:
            if self.error:
                self.problem.emit(self.error)
            return False
        try:
            action()
        except DivergenceError as exc:
            self.pause()
            self.error = str(exc)
            self.problem.emit(self.error)
            self.updated.emit()
            return False
        if getattr(self, "_pending_boundary_settings", False) and self.trainer.phase_index == 0:
            self._pending_boundary_settings = False
            self._on_document_settings_changed()
        return True

    def _emit(self) -> None:
        self._last_emit = time.perf_counter()
        self._dirty = False
        self.updated.emit()

    @Slot()
    def step_phase(self) -> None:
        if self._guard(lambda: self.trainer.step_phase()):
            self._emit()

    @Slot()
    def step_back(self) -> None:
        """Back one phase (when mid-step or after phase stepping), else one step."""
        if self.trainer is None:
            return
        self.pause()
        self._guard(self.trainer.step_back_phase)
        self._emit()

    @Slot()
    def step_back_step(self) -> None:
        if self.trainer is None:
            return
        self.pause()
        self._guard(self.trainer.step_back)
        self._emit()

    @Slot()
    def step_sample(self) -> None:
        """One sample: in online training (batch 1) this is one step; with mini-batches it runs
        the step of the batch that holds the next sample."""
        self.step_batch()

    @Slot()
    def step_batch(self) -> None:
        if self._guard(lambda: self.trainer.train_step()):
            self._check_stop()
            self._emit()

    @Slot()
    def step_epoch(self) -> None:
        if self._guard(lambda: self.trainer.train_epoch()):
            self._check_stop()
            self._emit()

    @Slot()
    def rewind_start(self) -> None:
        if self.trainer is not None:
            self.pause()
            self.trainer.goto(0)
            self._emit()

    def goto(self, step: int, phase: int = 0) -> None:
        """Jump anywhere in the recorded history (the timeline scrubber)."""
        if self.trainer is not None:
            self.pause()
            self._guard(lambda: self.trainer.goto(step, phase))
            self._emit()

    def set_learning_rate(self, lr: float) -> None:
        """Change η without resetting (the document's optimizer settings are updated too)."""
        if self.trainer is not None:
            self.trainer.set_learning_rate(lr)
        self.document.project.optimizer.learning_rate = lr

    # ------------------------------------------------------------------ playing

    def set_speed(self, speed: str) -> None:
        self.speed = speed
        if self.playing:
            self._timer.start(SPEEDS[speed][1])

    @Slot()
    def play(self) -> None:
        if self.trainer is None or self.playing:
            return
        self._timer.start(SPEEDS[self.speed][1])
        self.play_state_changed.emit("playing")

    @Slot()
    def pause(self) -> None:
        if self.playing:
            self._timer.stop()
            self.play_state_changed.emit("paused")
            if self._dirty:
                self._emit()

    @Slot()
    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    @Slot()
    def _on_tick(self) -> None:
        mode = SPEEDS[self.speed][0]
        t = self.trainer
        if mode == "phase":
            ok = self._guard(t.step_phase)
        elif mode == "step":
            ok = self._guard(t.train_step)
        else:
            deadline = time.perf_counter() + TICK_BUDGET_S
            ok = True
            while ok and time.perf_counter() < deadline:
                ok = self._guard(t.train_step)
                if ok and self._check_stop():
                    break
        if not ok:
            return
        self._dirty = True
        if mode != "budget" and self._check_stop():
            pass
        if mode != "budget" or time.perf_counter() - self._last_emit >= REFRESH_INTERVAL_S:
            self._emit()

    def _check_stop(self) -> bool:
        """Pause when a stop criterion is met; returns True if it stopped."""
        t = self.trainer
        s = t.training
        reason = None
        if t.phase_index == 0 and t.epoch_records and t.cursor == 0:
            record = t.epoch_records[-1]
            if s.max_epochs is not None and t.epoch >= s.max_epochs:
                reason = f"reached {s.max_epochs} epochs"
            elif s.target_loss is not None and record.loss <= s.target_loss:
                reason = f"the loss {record.loss:.4g} reached the target {s.target_loss:g}"
            elif s.target_accuracy is not None and (record.accuracy or 0) >= s.target_accuracy:
                reason = f"the accuracy {record.accuracy:.1%} reached the target {s.target_accuracy:.0%}"
        if reason and self.playing:
            self.pause()
            self.stopped.emit(reason)
            return True
        return False

    def shutdown(self) -> None:
        self._timer.stop()
