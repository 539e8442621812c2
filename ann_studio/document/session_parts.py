"""Parts of :class:`ann_studio.document.session.TrainingSession` kept apart to keep modules small:
the hyperparameters a student edits while training, and what the stepping views read besides the
trainer (the phase just completed, the sample in focus, the change made by the last update).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from ..core.phases import Phase

if TYPE_CHECKING:
    from ..core.trainer import Trainer
    from .project_document import ProjectDocument

#: undo-merge id of successive learning-rate edits (a spin box sends one per click)
LEARNING_RATE_MERGE = 7101


class SessionSettingsMixin:
    """Hyperparameters and stop criteria; expects ``document``, ``trainer``, ``_pending`` and the
    ``settings_applied`` signal of the session."""

    # what the session provides (declared for the type checker)
    document: ProjectDocument
    trainer: Trainer | None
    _pending: dict[str, Any]

    # ------------------------------------------------------------------ hyperparameters

    def set_learning_rate(self, lr: float) -> None:
        """Change η without resetting: an undoable edit of the project (successive edits merge);
        the trainer takes it from the next update."""
        optimizer = self.document.project.optimizer.copy()
        optimizer.learning_rate = float(lr)
        self._push_settings(QCoreApplication.translate("TrainingSession", "Set learning rate"),
                            optimizer=optimizer, merge=LEARNING_RATE_MERGE)

    def set_hyperparameters(self, batch_size: int | None = None, optimizer: str | None = None,
                            loss: str | None = None) -> None:
        """Batch size, optimizer type and loss (None: unchanged): an undoable edit of the project
        now, applied to the trainer at the next step boundary (at once when it is at one)."""
        project = self.document.project
        settings, training = project.optimizer.copy(), copy.deepcopy(project.training)
        if optimizer is not None:
            settings.type = optimizer
        if batch_size is not None:
            training.batch_size = int(batch_size)
        self._push_settings(QCoreApplication.translate("TrainingSession", "Change training settings"),
                            loss=loss, optimizer=settings, training=training)

    @property
    def pending_settings(self) -> dict:
        """Settings chosen but waiting for the next step boundary (empty when none)."""
        return dict(self._pending)

    def set_stop_criteria(self, max_epochs: int | None, target_loss: float | None,
                          target_accuracy: float | None) -> None:
        """Stop playing at ``max_epochs``, or when the epoch loss ≤ ``target_loss``, or the
        accuracy (0..1) ≥ ``target_accuracy``; ``None`` disables a criterion."""
        training = copy.deepcopy(self.document.project.training)
        training.max_epochs, training.target_loss, training.target_accuracy = max_epochs, target_loss, target_accuracy
        self._push_settings(QCoreApplication.translate("TrainingSession", "Set stop criteria"), training=training)

    def _push_settings(self, text: str, loss=None, optimizer=None, training=None, merge: int = -1) -> None:
        """One undoable SetSettingsCommand (arguments left None keep their value); the document's
        ``settings_changed`` then reaches the trainer through the session's handler."""
        from .commands import SetSettingsCommand

        project = self.document.project
        loss = loss if loss is not None else project.loss
        optimizer = optimizer if optimizer is not None else project.optimizer
        training = training if training is not None else project.training
        if (loss, optimizer, training) != (project.loss, project.optimizer, project.training):
            self.document.undo_stack.push(SetSettingsCommand(self.document, loss, optimizer, training, text,
                                                             merge_id=merge))

    def _copy_stop_criteria(self) -> None:
        if self.trainer is not None:
            s, t = self.document.project.training, self.trainer.training
            t.max_epochs, t.target_loss, t.target_accuracy = s.max_epochs, s.target_loss, s.target_accuracy

    def _apply_pending(self) -> None:
        t = self.trainer
        if t is None or t.phase_index or not self._pending:
            return
        pending, self._pending = self._pending, {}
        optimizer = None
        if "optimizer" in pending and pending["optimizer"] != t.optimizer.settings.type:
            optimizer = t.optimizer.settings.copy()
            optimizer.type = pending["optimizer"]
        batch = pending.get("batch_size")
        loss = pending.get("loss")
        if optimizer is None and batch in (None, t.batch_size) and loss in (None, t.loss.name):
            return
        t.configure(optimizer=optimizer, batch_size=batch, loss=loss)


class SessionInspectMixin:
    """Read-only views of the session state for panels; expects ``trainer``, ``focus_sample``,
    ``_before_update`` and ``_after_update_step``."""

    trainer: Trainer | None
    focus_sample: int | None

    # ------------------------------------------------------------------ what the views read

    @property
    def current_phase(self) -> Phase | None:
        """The phase just completed; ``Phase("update")`` right after an update; ``None`` when
        nothing of the current step has been computed."""
        t = self.trainer
        if t is None:
            return None
        if t.phase_index:
            return t.phases[t.phase_index - 1]
        if t.step and t.pass_.grad_W[t.network.output_index] is not None:
            return Phase("update")
        return None

    @property
    def batch_size_now(self) -> int:
        """Samples in the batch the views show (the current pass, else the next batch)."""
        t = self.trainer
        if t is None:
            return 0
        if t.pass_.x is not None:
            return len(t.pass_.x)
        return min(t.batch_size, t.n_samples - t.cursor)

    def sample_row(self) -> int | None:
        """The data row of the sample in focus, or ``None`` before the batch is drawn."""
        t = self.trainer
        if t is None or t.batch is None or t.pass_.x is None:
            return None
        return int(t.batch[min(self.focus_sample, len(t.batch) - 1)])

    def parameter_change(self) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """Δ(W, b) of each dense layer made by the update just completed, or ``None``."""
        t = self.trainer
        if (t is None or self._before_update is None or self.current_phase != Phase("update")
                or self._after_update_step != t.step):
            return None
        now = t.network.get_parameters()
        deltas = [a - b for a, b in zip(now, self._before_update)]
        return list(zip(deltas[0::2], deltas[1::2]))

    def parameters_before_update(self) -> list[np.ndarray] | None:
        """The parameters (W, b per dense layer) before the update just completed, or ``None``."""
        return self._before_update if self.parameter_change() is not None else None

    def _remember_before_update(self) -> None:
        self._before_update = self.trainer.network.get_parameters()
        self._after_update_step = self.trainer.step + 1

    def _forget_update(self) -> None:
        self._before_update = None
        self._after_update_step = None

