"""The training commands as QActions: the Train menu, the "Training" toolbar and the tests all use
these (``window.actions[name]``).

=============== =========== ==========================================================
objectName      shortcut    what it does
=============== =========== ==========================================================
step_phase      F10         the next phase (forward through one layer, error, δ, …)
step_back       Shift+F10   back one phase, across step boundaries (exact rewind)
step_sample     F11         the next sample of the batch (a step in online training)
step_batch      F8          finish the current step (one mini-batch)
step_epoch      Ctrl+F8     train to the end of the epoch
play_pause      F5          continuous training at the chosen speed
reset_training  Ctrl+F5     re-initialise the weights with the same seed
new_seed        Ctrl+Alt+F5 re-initialise with a new seed
rewind_start    Ctrl+Home   back to step 0 (history is kept for the scrubber)
=============== =========== ==========================================================
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QToolBar


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainingActions", text)


def _die_icon() -> QIcon:
    """A painted die (five pips) for "new seed"."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#37474f"))
    painter.setBrush(QColor("#fafafa"))
    painter.drawRoundedRect(QRectF(3, 3, 26, 26), 5, 5)
    painter.setBrush(QColor("#37474f"))
    for x, y in ((10, 10), (22, 10), (16, 16), (10, 22), (22, 22)):
        painter.drawEllipse(QPointF(x, y), 2.6, 2.6)
    painter.end()
    return QIcon(pixmap)


def _specs(window):
    """(name, text, tip, shortcut, icon, slot) for each action."""
    s = window.session
    sp = QStyle.StandardPixmap
    return [
        ("step_phase", _tr("Next &Phase"),
         _tr("Run the next phase: forward through one layer, the error, δ of one layer, its gradients, the update"),
         "F10", sp.SP_MediaSeekForward, s.step_phase),
        ("step_back", _tr("Phase &Back"),
         _tr("Go back one phase (the earlier numbers come back exactly)"),
         "Shift+F10", sp.SP_MediaSeekBackward, s.step_back),
        ("step_sample", _tr("Next &Sample"),
         _tr("Show the next sample of the mini-batch; after the last one (and in online training) run a step"),
         "F11", sp.SP_ArrowRight, s.step_sample),
        ("step_batch", _tr("Next &Batch (Step)"),
         _tr("Finish the current step: one update on one mini-batch"),
         "F8", sp.SP_MediaSkipForward, s.step_batch),
        ("step_epoch", _tr("Next &Epoch"), _tr("Train to the end of the current epoch"),
         "Ctrl+F8", sp.SP_ArrowForward, s.step_epoch),
        ("play_pause", _tr("&Play"), _tr("Train continuously at the chosen speed; press again to pause"),
         "F5", sp.SP_MediaPlay, s.toggle_play),
        ("reset_training", _tr("&Reset Training"),
         _tr("Re-initialise the weights with the same seed and start again at step 0"),
         "Ctrl+F5", sp.SP_BrowserReload, s.reset_same_seed),
        ("new_seed", _tr("Reset with &New Seed"),
         _tr("Re-initialise the weights with a new random seed"),
         "Ctrl+Alt+F5", None, s.reset_new_seed),
        ("rewind_start", _tr("Rewind to &Start"),
         _tr("Go back to step 0; the recorded history stays available on the timeline"),
         "Ctrl+Home", sp.SP_MediaSkipBackward, s.rewind_start),
    ]


def install_training_actions(window) -> QToolBar:
    """Create the training actions on ``window`` (a :class:`MainWindow`): registered in
    ``window.actions``, added to ``window.menus["train"]`` and to a "Training" toolbar.

    Returns
    -------
    QToolBar
        The toolbar (objectName ``training_toolbar``).
    """
    toolbar = QToolBar(_tr("Training"), window)
    toolbar.setObjectName("training_toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    style = window.style()
    menu = window.menus["train"]
    for name, text, tip, shortcut, pixmap, slot in _specs(window):
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setStatusTip(tip)
        action.setIcon(style.standardIcon(pixmap) if pixmap is not None else _die_icon())
        action.triggered.connect(slot)
        window.actions[name] = action
        window.addAction(action)
        menu.addAction(action)
        toolbar.addAction(action)
        if name in ("step_epoch", "play_pause", "new_seed"):
            menu.addSeparator()
            toolbar.addSeparator()
    _PlayPauseLook(window, window.actions["play_pause"])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    return toolbar


class _PlayPauseLook(QObject):
    """Keeps the play/pause action's text, icon and checked state in step with the session."""

    def __init__(self, window, action: QAction):
        super().__init__(action)
        self.window, self.action = window, action
        action.setCheckable(True)
        window.session.play_state_changed.connect(self._on_session_play_state_changed)
        self._on_session_play_state_changed("playing" if window.session.playing else "paused")

    @Slot(str)
    def _on_session_play_state_changed(self, state: str) -> None:
        playing = state == "playing"
        style = self.window.style()
        sp = QStyle.StandardPixmap
        self.action.setChecked(playing)
        self.action.setText(_tr("&Pause") if playing else _tr("&Play"))
        self.action.setIcon(style.standardIcon(sp.SP_MediaPause if playing else sp.SP_MediaPlay))
