"""The training control panel (dock ``training_panel``): where training stands (epoch, step, sample,
phase in words), the play speed, hyperparameters editable while paused or playing, stop criteria
and a timeline scrubber over the recorded history.

Widget → session through session slots only; session → widgets with signals blocked.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.losses import LOSSES
from ...core.optimizers import OPTIMIZERS
from ..phase_names import phase_label
from ..plain_text import plain
from ..setting_names import loss_title, optimizer_title
from .refresh_throttle import RefreshThrottle
from .registry import PanelSpec
from .timeline import TimelineSlider

_BUTTONS = ("rewind_start", "step_back", "step_phase", "step_sample", "step_batch", "step_epoch", "play_pause")
#: the actions that take the run back: while either is off (e.g. locked by an assignment), so is the timeline
_BACKWARD = ("rewind_start", "step_back")


class TrainingPanel(QWidget):
    """See the module docstring; ``window`` offers ``session``, ``document`` and ``actions``."""

    def __init__(self, window):
        super().__init__()
        self.setObjectName("training_controls")
        self.session = window.session
        self.actions = window.actions
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self._build_counters())
        layout.addWidget(self._build_timeline())
        layout.addWidget(self._build_hyperparameters())
        layout.addWidget(self._build_stop())
        layout.addStretch(1)
        # a scroll area: the dock fits a small screen (it scrolls instead of making the window
        # taller) and a long message wraps instead of widening the dock for good
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._throttle = RefreshThrottle(self.refresh, self.session, self, widget=self)
        self.session.updated.connect(self._throttle.request)
        self.session.reset_done.connect(self._on_session_reset_done)
        self.session.document.settings_changed.connect(self._on_document_settings_changed)
        self.session.settings_applied.connect(self._on_session_settings_applied)
        self.session.speed_changed.connect(self._on_session_speed_changed)
        self.session.stopped.connect(self._on_session_stopped)
        self.session.play_state_changed.connect(self._on_session_play_state_changed)
        self._on_session_reset_done()

    # ------------------------------------------------------------------ construction

    def _label(self, name: str) -> QLabel:
        label = plain(QLabel(self, objectName=name))
        label.setWordWrap(True)  # a narrow dock or a long translation wraps instead of clipping
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for name in _BUTTONS:
            if name in self.actions:
                button = QToolButton(self, objectName=f"button_{name}")
                button.setDefaultAction(self.actions[name])
                button.setAutoRaise(True)
                row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_counters(self) -> QGroupBox:
        box = QGroupBox(self.tr("Where training stands"), self)
        form = QFormLayout(box)
        self.epoch_label = self._label("counter_epoch")
        self.step_label = self._label("counter_step")
        self.sample_label = self._label("counter_sample")
        self.phase_label = self._label("counter_phase")
        self.next_label = self._label("counter_next_phase")
        self.loss_label = self._label("counter_loss")
        for label in (self.phase_label, self.next_label):  # phases and errors can be long: they wrap
            label.setWordWrap(True)
        self.phase_label.setStyleSheet("font-weight: bold; color: #0d47a1;")
        for text, label in ((self.tr("Epoch"), self.epoch_label), (self.tr("Step"), self.step_label),
                            (self.tr("Sample"), self.sample_label), (self.tr("Phase done"), self.phase_label),
                            (self.tr("Next phase"), self.next_label), (self.tr("Last loss"), self.loss_label)):
            form.addRow(text, label)
        return box

    def _build_timeline(self) -> QGroupBox:
        box = QGroupBox(self.tr("Timeline"), self)
        row = QHBoxLayout(box)
        self.timeline = TimelineSlider(self, objectName="timeline")
        self.timeline.setMinimumHeight(28)  # room for the edit marks under the groove
        self.timeline.setToolTip(self.tr("Drag to go back to any recorded step; the numbers come back exactly. "
                                         "Orange marks: weights typed in; grey marks: settings changed"))
        self.timeline_label = self._label("timeline_label")
        row.addWidget(self.timeline, 1)
        row.addWidget(self.timeline_label)
        self.timeline.valueChanged.connect(self._on_timeline_value_changed)
        self._backward = [self.actions[name] for name in _BACKWARD if name in self.actions]
        for action in self._backward:
            action.changed.connect(self._on_backward_action_changed)
        self._on_backward_action_changed()
        return box

    def _build_hyperparameters(self) -> QGroupBox:
        box = QGroupBox(self.tr("Hyperparameters"), self)
        form = QFormLayout(box)
        self.speed_box = QComboBox(self, objectName="training_speed")
        for key, text in (("slow", self.tr("Slow motion (a phase every 0.6 s)")),
                          ("medium", self.tr("Phase by phase (fast)")),
                          ("fast", self.tr("Step by step")), ("full", self.tr("Full speed"))):
            self.speed_box.addItem(text, key)
        self.lr_box = QDoubleSpinBox(self, objectName="training_learning_rate", decimals=5, minimum=1e-5, maximum=100.0,
                                     singleStep=0.01)
        self.lr_box.setToolTip(self.tr("η: applies from the next update, without resetting"))
        self.batch_box = QSpinBox(self, objectName="training_batch_size", minimum=1, maximum=1_000_000)
        self.batch_box.setToolTip(self.tr("1 = online (Zhou's standard BP); all samples = full batch "
                                          "(accumulated BP). Applies at the next step."))
        self.optimizer_box = QComboBox(self, objectName="training_optimizer")
        for key in OPTIMIZERS:
            self.optimizer_box.addItem(optimizer_title(key), key)
        self.loss_box = QComboBox(self, objectName="training_loss")
        for key, loss in LOSSES.items():
            self.loss_box.addItem(loss_title(key), key)
            self.loss_box.setItemData(self.loss_box.count() - 1, loss.formula, Qt.ItemDataRole.ToolTipRole)
        self.pending_label = self._label("pending_settings")
        self.pending_label.setWordWrap(True)
        self.pending_label.setStyleSheet("color: #ef6c00;")
        for text, w in ((self.tr("Speed"), self.speed_box), (self.tr("Learning rate η"), self.lr_box),
                        (self.tr("Batch size"), self.batch_box), (self.tr("Optimizer"), self.optimizer_box),
                        (self.tr("Loss"), self.loss_box), ("", self.pending_label)):
            form.addRow(text, w)
        self.speed_box.currentIndexChanged.connect(self._on_speed_box_changed)
        self.lr_box.valueChanged.connect(self.session.set_learning_rate)
        self.batch_box.valueChanged.connect(self._on_batch_box_changed)
        self.optimizer_box.currentIndexChanged.connect(self._on_optimizer_box_changed)
        self.loss_box.currentIndexChanged.connect(self._on_loss_box_changed)
        return box

    def _build_stop(self) -> QGroupBox:
        box = QGroupBox(self.tr("Stop when"), self)
        form = QFormLayout(box)
        self.max_epochs_box = QSpinBox(self, objectName="training_max_epochs", minimum=0, maximum=1_000_000)
        self.max_epochs_box.setSpecialValueText(self.tr("no limit"))
        self.target_loss_box = QDoubleSpinBox(self, objectName="training_target_loss", decimals=6, minimum=0.0,
                                              maximum=1e6, singleStep=0.001)
        self.target_loss_box.setSpecialValueText(self.tr("off"))
        self.target_acc_box = QSpinBox(self, objectName="training_target_accuracy", minimum=0, maximum=100, suffix=" %")
        self.target_acc_box.setSpecialValueText(self.tr("off"))
        self.stop_label = self._label("stop_reason")
        self.stop_label.setWordWrap(True)
        form.addRow(self.tr("Epochs reach"), self.max_epochs_box)
        form.addRow(self.tr("Loss falls to"), self.target_loss_box)
        form.addRow(self.tr("Accuracy reaches"), self.target_acc_box)
        form.addRow("", self.stop_label)
        for w in (self.max_epochs_box, self.target_loss_box, self.target_acc_box):
            w.valueChanged.connect(self._on_stop_box_changed)
        return box

    # ------------------------------------------------------------------ widget → session

    @Slot(int)
    def _on_speed_box_changed(self, _index: int) -> None:
        self.session.set_speed(self.speed_box.currentData())

    @Slot(int)
    def _on_batch_box_changed(self, value: int) -> None:
        self.session.set_hyperparameters(batch_size=value)

    @Slot(int)
    def _on_optimizer_box_changed(self, _index: int) -> None:
        self.session.set_hyperparameters(optimizer=self.optimizer_box.currentData())

    @Slot(int)
    def _on_loss_box_changed(self, _index: int) -> None:
        self.session.set_hyperparameters(loss=self.loss_box.currentData())

    @Slot()
    def _on_stop_box_changed(self, *_args) -> None:
        self.session.set_stop_criteria(self.max_epochs_box.value() or None, self.target_loss_box.value() or None,
                                       (self.target_acc_box.value() / 100) or None)

    @Slot(int)
    def _on_timeline_value_changed(self, value: int) -> None:
        t = self.session.trainer
        if t is None or (value == t.step and not t.phase_index):
            return
        if not self.timeline.isEnabled() and (value < t.step or t.phase_index):  # going back is locked
            with QSignalBlocker(self.timeline):
                self.timeline.setValue(t.step)
            return
        self.session.goto(value)

    @Slot()
    def _on_backward_action_changed(self) -> None:
        self.timeline.setEnabled(all(action.isEnabled() for action in self._backward))

    # ------------------------------------------------------------------ session → widgets

    @Slot()
    def _on_session_reset_done(self) -> None:
        self._on_document_settings_changed()
        self.stop_label.clear()
        self.refresh()

    @Slot()
    def _on_document_settings_changed(self) -> None:
        """Show the project's settings, whoever changed them (this panel, the inspector, undo)."""
        project = self.session.document.project
        with QSignalBlocker(self.lr_box), QSignalBlocker(self.batch_box), QSignalBlocker(self.optimizer_box), \
                QSignalBlocker(self.loss_box), QSignalBlocker(self.speed_box):
            self.lr_box.setValue(project.optimizer.learning_rate)
            self.batch_box.setValue(project.training.batch_size)
            self.optimizer_box.setCurrentIndex(self.optimizer_box.findData(project.optimizer.type))
            self.loss_box.setCurrentIndex(self.loss_box.findData(project.loss))
            self.speed_box.setCurrentIndex(self.speed_box.findData(self.session.speed))
        s = project.training
        with QSignalBlocker(self.max_epochs_box), QSignalBlocker(self.target_loss_box), \
                QSignalBlocker(self.target_acc_box):
            self.max_epochs_box.setValue(s.max_epochs or 0)
            self.target_loss_box.setValue(s.target_loss or 0.0)
            self.target_acc_box.setValue(round((s.target_accuracy or 0) * 100))

    @Slot()
    def _on_session_settings_applied(self) -> None:
        pending = self.session.pending_settings
        names = {"batch_size": self.tr("batch size"), "optimizer": self.tr("optimizer"), "loss": self.tr("loss")}
        self.pending_label.setText(self.tr("Applies at the next step: %1").replace(
            "%1", ", ".join(names[k] for k in pending)) if pending else "")

    @Slot(str)
    def _on_session_speed_changed(self, speed: str) -> None:
        with QSignalBlocker(self.speed_box):
            self.speed_box.setCurrentIndex(self.speed_box.findData(speed))

    @Slot(str)
    def _on_session_stopped(self, reason: str) -> None:
        self.stop_label.setText(self.tr("Stopped: %1").replace("%1", reason))

    @Slot(str)
    def _on_session_play_state_changed(self, state: str) -> None:
        if state == "playing":
            self.stop_label.clear()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._throttle.catch_up()

    @Slot()
    def refresh(self) -> None:
        """Counters and timeline from the session's current state."""
        t = self.session.trainer
        if t is None:
            for label in (self.epoch_label, self.step_label, self.sample_label, self.phase_label, self.next_label,
                          self.loss_label):
                label.setText("–")
            self.phase_label.setText(self.session.error or "–")
            return
        n = t.steps_per_epoch()
        per = self.tr("(1 step per epoch)") if n == 1 else self.tr("(%1 steps per epoch)").replace("%1", str(n))
        self.epoch_label.setText(f"{t.epoch}  {per}")
        self.step_label.setText(str(t.step))
        row = self.session.sample_row()
        sample = self.tr("%1 of %2 in the batch").replace("%1", str(self.session.focus_sample + 1)).replace(
            "%2", str(self.session.batch_size_now))
        if row is not None:
            sample += " " + self.tr("(data row %1)").replace("%1", str(row + 1))
        self.sample_label.setText(sample)
        self.phase_label.setText(phase_label(self.session.current_phase, t.network))
        self.next_label.setText(phase_label(t.next_phase, t.network))
        self.loss_label.setText(f"{t.step_losses[-1]:.6g}" if t.step_losses else "–")
        with QSignalBlocker(self.timeline):
            self.timeline.setRange(t.first_step, t.horizon)
            self.timeline.setValue(t.step)
        self.timeline.set_marks([e.step for e in t.edits], [when for when, _ in t.settings_log])
        text = self.tr("step %1 / %2").replace("%1", str(t.step)).replace("%2", str(t.horizon))
        if t.edits:
            last = t.edits[-1]
            where = f"b{last.index[0] + 1}" if last.param == "bias" else f"w[{last.index[0] + 1}, {last.index[1] + 1}]"
            text += "\n" + self.tr("edited at step %1: %2 of '%3'").replace("%1", str(last.step)).replace(
                "%2", where).replace("%3", last.layer)
        self.timeline_label.setText(text)


def _title() -> str:
    return QCoreApplication.translate("TrainingPanel", "Training")


PANELS = [PanelSpec("training_panel", _title, TrainingPanel, Qt.DockWidgetArea.LeftDockWidgetArea)]
