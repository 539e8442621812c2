"""The training session: drives the engine's :class:`Trainer` for the GUI.

A small state machine (idle → playing ⇄ paused) driven by a QTimer whose ticks each run a bounded
amount of training (a few milliseconds), so the event loop stays responsive. Panels listen to
:attr:`TrainingSession.updated` and read :attr:`TrainingSession.trainer`; while playing, ``updated``
is emitted at most ~30 times a second.

The trainer is a *cache* of the document's run (house style: one source of truth). The session
builds it from the project's run (so an opened file continues where it was saved), hands its
state back to the document when asked (``document.set_run_source``: before Save and autosave,
and at pause), and marks the document modified whenever training moves the run. Structural
edits carry the run over to the new network (every surviving weight keeps its current value, see
:mod:`ann_studio.core.run_carry`); a weight typed in mid-run is an edit of the run at this step
(:meth:`TrainingSession._on_document_run_parameter_edited`); changing the learning rate keeps
the weights and applies from the next update; batch size, optimizer and loss apply at the next
step boundary. Reset Training goes back to the run's starting weights.

Besides the trainer, the session keeps what the stepping views need and the engine does not:
the phase just completed (:attr:`current_phase`, also right after the update), the sample of the
batch in focus (:attr:`focus_sample`) and the parameter change of the last update
(:meth:`parameter_change`).
"""

from __future__ import annotations

import copy
import time

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from ..core import AnnError, DivergenceError, Trainer
from ..core.practice_log import PracticeLog
from ..core.worker import stop_criterion
from . import training_worker
from .session_parts import SessionInspectMixin, SessionSettingsMixin
from .session_runs import SessionRunsMixin
from .session_worker import WorkerHandover

#: play speeds: (what one tick runs, tick interval ms); "budget" runs whole steps for TICK_BUDGET_S
SPEEDS = {
    "slow": ("phase", 600),
    "medium": ("phase", 150),
    "fast": ("step", 30),
    "full": ("budget", 0),
}
TICK_BUDGET_S = 0.012
#: the tick budget adapts to the time the GUI spends between ticks (training gets 3/4 of the time),
#: within these bounds (the upper one bounds the event-loop latency)
MIN_TICK_BUDGET_S, MAX_TICK_BUDGET_S = 0.010, 0.030
TRAINING_SHARE = 0.75
REFRESH_INTERVAL_S = 1 / 30
#: how many structures' trained weights are kept for Undo of structural edits
MAX_REMEMBERED_STRUCTURES = 8
#: an epoch is run synchronously by step_epoch when steps × parameters stays below this
SYNC_EPOCH_WORK = 4_000_000


class TrainingSession(SessionRunsMixin, SessionSettingsMixin, SessionInspectMixin, QObject):
    #: the shortest time between two ``updated`` signals while playing at full speed
    EMIT_INTERVAL_S = REFRESH_INTERVAL_S

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
    #: the play speed changed (a key of SPEEDS)
    speed_changed = Signal(str)
    #: hyperparameters or stop criteria changed (learning rate, batch size, optimizer, loss, …)
    settings_applied = Signal()

    def __init__(self, document, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.trainer: Trainer | None = None
        self.dataset = None
        self.error: str | None = None
        self.speed = "full"
        self.focus_sample = 0
        #: practice mode's answers, saved with the run as ``run.practice`` (document/practice.py)
        self.practice_log = PracticeLog()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_tick)
        self._last_emit = 0.0
        self._dirty = False
        self._pending: dict = {}
        self._target_epoch: int | None = None
        self._before_update: list[np.ndarray] | None = None
        self._tick_end: float | None = None
        self._gui_gap: float | None = None
        self._after_update_step: int | None = None
        #: full-speed play may train in the worker process (see core/worker.py)
        self.use_worker = training_worker.enabled()
        self.handover = WorkerHandover(self)
        self._run_mark: tuple | None = None  # (step, phase, edits) when the document last had this run
        self._unbuilt_run: Trainer | None = None  # the last trainer while an edit leaves the network unbuildable
        self._structures: list[tuple] = []  # (structure, weights) before recent structural edits
        document.project_replaced.connect(self._on_document_project_replaced)
        document.network_changed.connect(self._on_document_network_changed)
        document.data_changed.connect(self._on_document_data_changed)
        document.settings_changed.connect(self._on_document_settings_changed)
        document.run_parameter_edited.connect(self._on_document_run_parameter_edited)
        document.run_replaced.connect(self._on_document_project_replaced)
        document.set_run_source(self.run_state)
        self._build(continue_run=True)

    # ------------------------------------------------------------------ the run in the document

    def run_state(self) -> dict | None:
        """The run as the document stores it (:meth:`Trainer.state_dict`), or None at step 0 with
        nothing typed in (a project that was never trained). While the worker trains, this is the
        state of its last snapshot."""
        t = self.trainer
        if t is None:  # a network or data the run cannot go on with (yet)
            from ..core.run_file import run_fits

            if self._unbuilt_run is not None and (self._unbuilt_run.step or self._unbuilt_run.edits):
                # kept aside with the network it fits: Save and autosave write it as "run_aside",
                # and it carries over once the network can take it again (also after reopening)
                state = self._unbuilt_run.state_dict()
                state.update(aside=True, network_spec=self._unbuilt_run.network.to_spec())
                return state
            run = self.document.project.run
            return run if run is not None and (run.get("aside") or run_fits(run, self.document.network)) else None
        if t.step == 0 and t.phase_index == 0 and not t.edits and t.horizon == 0 and not self.practice_log:
            return None
        state = t.state_dict()
        if self.practice_log:
            state["practice"] = self.practice_log.to_json()
        return state

    def _run_signature(self) -> tuple | None:
        t = self.trainer
        return None if t is None else (t.step, t.phase_index, len(t.edits), t.horizon)

    def _note_run_moved(self) -> None:
        """Training, a rewind or an edit moved the run: the document has unsaved changes."""
        mark = self._run_signature()
        if mark != self._run_mark:
            self._run_mark = mark
            self.document.mark_run_changed()

    # ------------------------------------------------------------------ building

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def training_elsewhere(self) -> bool:
        """Whether the worker process is training this session's trainer right now (the window's
        trainer mirrors it; the panels' refreshes take no time from training)."""
        return self.handover.active

    @property
    def target_epoch(self) -> int | None:
        """The epoch Train Epoch runs to (None while playing freely)."""
        return self._target_epoch

    # ------------------------------------------------------------------ the worker hand-over

    def settings_waiting(self) -> bool:
        """Whether a setting waits for the next step boundary."""
        return bool(self._pending)

    def set_poll_interval(self, ms: int | None) -> None:
        """The play timer's interval: ``ms`` while the worker trains, None for the speed's own."""
        self._timer.setInterval(self._play_interval() if ms is None else ms)

    def worker_progressed(self) -> None:
        """A snapshot was mirrored: the views may refresh (at most every EMIT_INTERVAL_S)."""
        self._dirty = True
        if time.perf_counter() - self._last_emit >= self.EMIT_INTERVAL_S:
            self._emit()

    def worker_lost(self, exc: Exception) -> None:
        """The worker process died or hung: the run is kept at its last snapshot, said in one line."""
        step = self.trainer.step if self.trainer is not None else 0
        text = QCoreApplication.translate(
            "TrainingSession", "The training process stopped unexpectedly (%1); the run is kept at step %2 and "
            "training continues in the window.")
        self.problem.emit(text.replace("%1", str(exc) or type(exc).__name__).replace("%2", f"{step:,}"))
        self._emit()

    def worker_play_ended(self, why: str, detail: str | None) -> None:
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

    def _reclaim(self):
        return self.handover.reclaim()

    def _handle_end(self, ended) -> None:
        if ended is not None:
            self.worker_play_ended(*ended)

    @Slot()
    def rebuild(self) -> None:
        """Build the trainer again from the document's definition, at step 0 (Reset Training)."""
        self._build(continue_run=False)

    @Slot()
    def _on_document_project_replaced(self) -> None:
        self._build(continue_run=True)  # an opened file continues its saved run

    @Slot()
    def _on_document_network_changed(self) -> None:
        self._build(carry=True, same_data=True)

    def _aside_trainer(self):
        """The trainer of a run saved aside (with the network it fits), or None if it cannot be built."""
        state = dict(self.document.project.run)
        project = self.document.project.copy()
        project.network = state.pop("network_spec")
        state.pop("aside", None)
        project.run = state
        try:
            return project.build_trainer(self._load_dataset(self.document.project))
        except AnnError:
            return None

    def _remember_structure(self, trainer) -> None:
        """Keep ``trainer``'s weights under its structure before an edit changes it, so that Undo
        brings back trained weights of what the edit removed (small networks; the last few)."""
        from ..core.run_carry import parameters_by_name, signature

        if trainer is not None and trainer.network.parameter_count() <= 1_000_000:
            self._structures = [entry for entry in self._structures if entry[0] != signature(trainer.network)]
            self._structures = self._structures[-(MAX_REMEMBERED_STRUCTURES - 1):] + [
                (signature(trainer.network), parameters_by_name(trainer.network))]

    def _remembered(self, trainer) -> dict | None:
        from ..core.run_carry import signature

        key = signature(trainer.network)
        return next((params for sig, params in reversed(self._structures) if sig == key), None)

    @Slot()
    def _on_document_data_changed(self) -> None:
        # new data is a new problem: a new run at step 0 (the loss curve of the old data would
        # mislead); the old curve stays faded in the error plot
        self._build(continue_run=False)

    def _build(self, continue_run: bool = False, carry: bool = False, same_data: bool = True) -> None:
        """Build the trainer from the document. ``continue_run``: continue the project's saved run;
        ``carry``: carry the current run over to the edited network or data; neither: step 0 from
        the run's starting weights. Problems are reported, not raised."""
        self._reclaim()  # how the worker's play ended no longer matters: this trainer goes
        self.pause()
        old, self.trainer, self.error = self.trainer or self._unbuilt_run, None, None
        self._unbuilt_run = None
        run = self.document.project.run
        if continue_run and run is not None and run.get("aside"):  # reopened with a run set aside
            old, continue_run, carry = self._aside_trainer(), False, True
        self._pending = {}
        self._forget_update()
        self.focus_sample = 0
        if continue_run:  # an opened file: its practice log (a network or data edit keeps the log)
            self.practice_log = PracticeLog.from_json((run or {}).get("practice") or [])
        moved = False
        try:
            project = self.document.project
            if self.document.problems():
                raise self.document.problems()[0]
            self.dataset = self._load_dataset(project)
            trainer = project.build_trainer(self.dataset, restart=not continue_run)
            if carry and old is not None and (old.step or old.phase_index or old.edits):
                from ..core.run_carry import carry_over

                fallback = self._remembered(trainer)
                self._remember_structure(old)
                carry_over(trainer, old, same_data, fallback)
                moved = True
            elif (not continue_run and not carry and old is not None and old.step
                  and old.training.seed == project.training.seed):
                initial = old.initial_parameters  # Reset Training: the run's own starting weights
                if [p.shape for p in initial] == [p.shape for p in trainer.network.get_parameters()]:
                    trainer.network.set_parameters(initial)
                    trainer.load_state_dict({**trainer.state_dict(), "base": trainer.start_frame(initial)})
                moved = True
            self.trainer = trainer
        except AnnError as exc:
            self.error = str(exc)
            self.problem.emit(self.error)
            if carry:  # keep the run: undoing the edit (or fixing it) carries it over again
                self._unbuilt_run = old
        self.handover.release(old, keep=self.trainer)
        self._run_mark = self._run_signature()
        if moved:
            self.document.mark_run_changed()
        self.reset_done.emit()
        self.updated.emit()

    def _load_dataset(self, project):
        """The project's data, read only when the data section changed (the document's cache:
        a network edit must not regenerate or re-read it; a 1,000,000-row CSV takes seconds).
        ``project`` is the document's own or a copy with the same data."""
        self.dataset = None
        self.dataset = self.document.dataset() if project.data == self.document.project.data else project.dataset()
        return self.dataset

    def reset(self, new_seed: bool = False) -> None:
        """Re-initialise the weights: with the same seed, or with the next seed. A new seed is an
        undoable edit of the project's ``training.seed``, so the document, the saved file and the
        trainer agree on it (the seed change rebuilds the trainer)."""
        if not new_seed:
            self.rebuild()
            return
        from .commands import SetSettingsCommand

        project = self.document.project
        training = copy.deepcopy(project.training)
        training.seed += 1
        self.document.undo_stack.push(SetSettingsCommand(
            self.document, project.loss, project.optimizer, training,
            QCoreApplication.translate("TrainingSession", "New seed")))

    @Slot()
    def use_current_weights_as_start(self) -> None:
        """One undoable command: the current weights become the starting weights, and a new run
        starts from them at step 0."""
        t = self.trainer
        if t is None or not (t.step or t.phase_index or t.edits):
            return
        self.pause()
        from .commands import UseCurrentWeightsCommand

        self.document.undo_stack.push(UseCurrentWeightsCommand(
            self.document, QCoreApplication.translate("TrainingSession", "Use current weights as starting weights")))

    @Slot()
    def reset_same_seed(self) -> None:
        self.reset(False)

    @Slot()
    def reset_new_seed(self) -> None:
        self.reset(True)

    @Slot()
    def _on_document_settings_changed(self) -> None:
        if self.trainer is None:  # (a run kept aside by a failed build carries over again)
            self._build(carry=True)
            return
        project = self.document.project
        t = self.trainer
        if project.loss != t.loss.name:
            from ..core.errors import DataError
            from ..core.losses import check_targets

            try:
                check_targets(project.loss, t.y)
            except DataError:  # targets this loss cannot use: say so (the run waits for Undo)
                self._build(carry=True)
                return
        if ((project.training.shuffle, project.training.seed, project.training.dtype)
                != (t.training.shuffle, t.training.seed, t.training.dtype)):
            self.rebuild()
            return
        ended = self._reclaim()  # settings apply to the trainer in the window; the worker resumes after
        self._copy_stop_criteria()
        # η and the other optimizer numbers apply from the next update; the optimizer type, the
        # batch size and the loss wait for a step boundary (at once when the trainer is at one)
        wanted = {"batch_size": project.training.batch_size, "loss": project.loss,
                  "optimizer": project.optimizer.type}
        current = {"batch_size": t.batch_size, "loss": t.loss.name, "optimizer": t.optimizer.settings.type}
        self._pending = {key: value for key, value in wanted.items() if value != current[key]}
        settings = project.optimizer.copy()
        settings.type = t.optimizer.settings.type
        t.configure(optimizer=settings)
        self._apply_pending()
        self.settings_applied.emit()
        self.updated.emit()
        self._handle_end(ended)

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
        if self._pending and self.trainer.phase_index == 0:
            self._apply_pending()
            self.settings_applied.emit()
        return True

    def _emit(self) -> None:
        self._last_emit = time.perf_counter()
        self._dirty = False
        self._note_run_moved()
        if self.trainer is not None:
            self.focus_sample = min(self.focus_sample, max(self.batch_size_now - 1, 0))
        self.updated.emit()

    def _one_phase(self) -> None:
        t = self.trainer
        if t.phase_index == 0:
            self.focus_sample = 0
        if t.next_phase.kind == "update":
            self._remember_before_update()
        t.step_phase()

    def _one_step(self) -> None:
        t = self.trainer
        if t.phase_index == 0:
            self.focus_sample = 0
        if t.network.parameter_count() <= 20_000:
            self._remember_before_update()
        t.train_step()

    @Slot()
    def step_phase(self) -> None:
        """Run the next phase (pauses playing first)."""
        self.pause()
        if self._guard(self._one_phase):
            self._emit()

    @Slot()
    def step_back(self) -> None:
        """Back one phase (when mid-step or after phase stepping), else one step."""
        if self.trainer is None:
            return
        self.pause()
        self._rewind(self.trainer.step_back_phase)

    def _rewind(self, action) -> None:
        t = self.trainer
        landing_after_update = t.phase_index == 1 and t.step > t.first_step
        self._forget_update()
        if landing_after_update:  # back from "input" of step n: show the update of step n − 1
            t.goto(t.step - 1, len(t.phases) - 1)
            self._one_phase()
        else:
            self._guard(action)
        self._emit()

    @Slot()
    def step_sample(self) -> None:
        """The next sample. Online training (batch 1): one step. With mini-batches: compute the
        batch up to its update and focus its first sample; then each press focuses the next
        sample (its z, a and δ); after the last one, apply the update."""
        t = self.trainer
        if t is None or min(t.batch_size, t.n_samples) <= 1:
            self.step_batch()
            return
        self.pause()
        if t.phase_index == 0:
            self._guard(self._run_to_update)
            self.focus_sample = 0
        elif t.pass_.x is not None and self.focus_sample < len(t.pass_.x) - 1 and t.next_phase.kind != "input":
            self.focus_sample += 1
        else:
            self._guard(self._one_step)
            self._check_stop()
        self._emit()

    def _run_to_update(self) -> None:
        while self.trainer.next_phase.kind != "update":
            self._one_phase()

    @Slot()
    def step_batch(self) -> None:
        """Complete the current step (the whole mini-batch)."""
        self.pause()
        if self._guard(self._one_step):
            self._check_stop()
            self._emit()

    @Slot()
    def step_epoch(self) -> None:
        """Train to the end of the current epoch: at once when small, else in timer ticks."""
        t = self.trainer
        if t is None:
            self._guard(lambda: None)
            return
        self.pause()
        remaining = max(1, -(-(t.n_samples - t.cursor) // t.batch_size))
        if remaining * t.network.parameter_count() <= SYNC_EPOCH_WORK:
            self._forget_update()
            if self._guard(t.train_epoch):
                self._check_stop()
                self._emit()
            return
        self._target_epoch = t.epoch + 1
        self._start("budget")

    def play_to_epoch(self, epoch: int) -> None:
        """Play at full speed and stop exactly when ``epoch`` epochs are done (a lesson's "train
        100 epochs"; the worker stops there too)."""
        t = self.trainer
        if t is None or t.epoch >= epoch:
            return
        self.pause()
        self._target_epoch = int(epoch)
        self._start("budget")

    @Slot()
    def rewind_start(self) -> None:
        if self.trainer is not None:
            self.goto(self.trainer.first_step)

    def goto(self, step: int, phase: int = 0) -> None:
        """Jump anywhere in the recorded history (the timeline scrubber). At a step boundary after
        step 0 the session lands just after that step's update, so its numbers stay visible."""
        if self.trainer is not None:
            self.pause()
            self._forget_update()
            self.focus_sample = 0
            if phase == 0 and step > self.trainer.first_step:  # land just after that step's update
                if self._guard(lambda: self.trainer.goto(step - 1, len(self.trainer.phases) - 1)):
                    self._guard(self._one_phase)
            else:
                self._guard(lambda: self.trainer.goto(step, phase))
            self._emit()

    # ------------------------------------------------------------------ playing

    def set_speed(self, speed: str) -> None:
        """One of :data:`SPEEDS` ("slow", "medium", "fast", "full")."""
        if speed not in SPEEDS:
            raise ValueError(f"unknown speed {speed!r}")
        changed = speed != self.speed
        self.speed = speed
        if self.playing and self._target_epoch is None:
            if self.handover.active and SPEEDS[speed][0] != "budget":
                self._handle_end(self._reclaim())  # phases and steps run in the window
            if self.playing and not self.handover.active:  # (the worker polls at its own pace)
                self._timer.start(SPEEDS[speed][1])
        if changed:
            self.speed_changed.emit(speed)

    @Slot()
    def play(self) -> None:
        if self.trainer is None or self.playing:
            return
        self._target_epoch = None
        self._start(SPEEDS[self.speed][0])

    def _start(self, mode: str) -> None:
        self._tick_end, self._gui_gap = None, None
        self._timer.start(self._play_interval())
        self.play_state_changed.emit("playing")

    def _play_interval(self) -> int:
        """The play timer's interval (ms) for the current speed, 0 while running to an epoch."""
        return SPEEDS[self.speed][1] if self._target_epoch is None else 0

    @Slot()
    def pause(self) -> None:
        if self.playing:
            ended = self._reclaim()
            self._timer.stop()
            self._target_epoch = None
            self.play_state_changed.emit("paused")
            if self._dirty:
                self._emit()
            self.document.sync_run()  # the document holds the run as it stands at every pause
            self._handle_end(ended)

    @Slot()
    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    @Slot()
    def _on_tick(self) -> None:
        mode = "budget" if self._target_epoch is not None else SPEEDS[self.speed][0]
        if self.handover.active:
            if mode == "budget":
                self.handover.pump()
                return
            ended = self._reclaim()  # the speed changed: phases and steps run in the window
            if ended is not None:
                self.worker_play_ended(*ended)
                return
        elif mode == "budget" and self.handover.offload():
            return
        t = self.trainer
        if mode == "phase":
            ok = self._guard(self._one_phase)
        elif mode == "step":
            ok = self._guard(self._one_step)
        else:
            self._forget_update()
            deadline = time.perf_counter() + self._tick_budget()
            ok = True
            while ok and time.perf_counter() < deadline:
                ok = self._guard(t.train_step)
                if ok and (self._check_stop() or self._reached_target()):
                    break
        self._tick_end = time.perf_counter()
        if not ok or self.trainer is None:
            return
        self._dirty = True
        if mode != "budget":
            self._check_stop()
        if not self.playing or mode != "budget" or time.perf_counter() - self._last_emit >= REFRESH_INTERVAL_S:
            self._emit()

    def _tick_budget(self) -> float:
        """Seconds of training for this tick: enough that training gets :data:`TRAINING_SHARE` of
        the time next to the (smoothed) time the event loop spent on everything else, clamped."""
        now = time.perf_counter()
        if self._tick_end is not None:
            gap = now - self._tick_end
            self._gui_gap = gap if self._gui_gap is None else 0.8 * self._gui_gap + 0.2 * gap
        gui = self._gui_gap if self._gui_gap is not None else TICK_BUDGET_S * 0.3
        share = gui * TRAINING_SHARE / (1 - TRAINING_SHARE)
        return min(MAX_TICK_BUDGET_S, max(MIN_TICK_BUDGET_S, share))

    def _reached_target(self) -> bool:
        if self._target_epoch is not None and self.trainer.epoch >= self._target_epoch:
            self.pause()
            return True
        return False

    def _check_stop(self) -> bool:
        """Pause when a stop criterion is met; returns True if it stopped."""
        reason = self._stop_reason()
        if reason and self.playing:
            self.pause()
            self.stopped.emit(reason)
            return True
        return False

    def _stop_reason(self) -> str | None:
        """The stop criterion met at this step boundary, in words, or None."""
        t = self.trainer
        if t is None:
            return None
        s = t.training
        reason = None
        criterion = stop_criterion(t)
        if criterion is not None:
            record = t.epoch_records[-1]
            if criterion == "max_epochs":
                reason = self.tr("reached %1 epochs").replace("%1", str(s.max_epochs))
            elif criterion == "target_loss":
                reason = self.tr("the loss %1 reached the target %2").replace(
                    "%1", f"{record.loss:.4g}").replace("%2", f"{s.target_loss:g}")
            else:
                reason = self.tr("the accuracy %1 reached the target %2").replace(
                    "%1", f"{record.accuracy:.1%}").replace("%2", f"{s.target_accuracy:.0%}")
        return reason

    @Slot(str, str, object, float)
    def _on_document_run_parameter_edited(self, layer_id: str, param: str, index, value: float) -> None:
        """A weight or bias typed in mid-run: it becomes the current value and the run continues
        from this step (the edit is on the timeline; Undo types the old value back)."""
        if self.trainer is None:
            return
        ended = self._reclaim()
        was_playing = self.playing
        if was_playing:
            self._timer.stop()
        self._forget_update()
        self._guard(lambda: self.trainer.set_parameter(layer_id, param, tuple(index), value))
        self._emit()
        if was_playing and ended is None:
            self._timer.start(self._play_interval())
        self._handle_end(ended)

    def shutdown(self) -> None:
        if self._race is not None:
            self._race.stop()
        self._reclaim()
        self.handover.release(self.trainer)
        self._timer.stop()
        self._target_epoch = None
