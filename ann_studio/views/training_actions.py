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
reset_training  Ctrl+F5     back to the run's starting weights, step 0
use_current_weights         the current weights become the starting weights (a new run, undoable)
new_seed        Ctrl+Alt+F5 re-initialise with a new seed
rewind_start    Ctrl+Home   back to step 0 (history is kept for the scrubber)
=============== =========== ==========================================================
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QStyle, QToolBar


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainingActions", text)


_INK = QColor("#37474f")
#: painted icons on a 32 × 32 grid: ("tri", x, y, w, h, "r"|"l"), ("bar", x, y, w, h), ("dot", x, y, r)
_GLYPHS = {
    "step_phase": [("tri", 9, 7, 12, 18, "r"), ("bar", 22, 7, 3, 18)],
    "step_back": [("bar", 7, 7, 3, 18), ("tri", 11, 7, 12, 18, "l")],
    "step_sample": [("dot", 9, 16, 4), ("tri", 16, 9, 10, 14, "r")],
    "step_batch": [("tri", 4, 8, 10, 16, "r"), ("tri", 14, 8, 10, 16, "r"), ("bar", 25, 8, 3, 16)],
    "step_epoch": [("tri", 2, 9, 8, 14, "r"), ("tri", 10, 9, 8, 14, "r"), ("tri", 18, 9, 8, 14, "r"),
                   ("bar", 27, 9, 3, 14)],
    "play": [("tri", 9, 6, 16, 20, "r")],
    "pause": [("bar", 9, 7, 5, 18), ("bar", 18, 7, 5, 18)],
    "rewind_start": [("bar", 5, 8, 3, 16), ("tri", 8, 8, 10, 16, "l"), ("tri", 18, 8, 10, 16, "l")],
}


def _glyph_icon(name: str) -> QIcon:
    """An icon painted from :data:`_GLYPHS` (distinct shapes for each kind of step)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2e7d32") if name == "play" else _INK)
    for kind, *args in _GLYPHS[name]:
        if kind == "bar":
            painter.drawRect(QRectF(*args))
        elif kind == "dot":
            x, y, r = args
            painter.drawEllipse(QPointF(x, y), r, r)
        else:
            x, y, w, h, side = args
            tip, back = (x + w, x) if side == "r" else (x, x + w)
            painter.drawPolygon(QPolygonF([QPointF(back, y), QPointF(tip, y + h / 2), QPointF(back, y + h)]))
    painter.end()
    return QIcon(pixmap)


def _die_icon() -> QIcon:
    """A painted die (five pips) for "new seed"."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(_INK)
    painter.setBrush(QColor("#fafafa"))
    painter.drawRoundedRect(QRectF(3, 3, 26, 26), 5, 5)
    painter.setBrush(_INK)
    for x, y in ((10, 10), (22, 10), (16, 16), (10, 22), (22, 22)):
        painter.drawEllipse(QPointF(x, y), 2.6, 2.6)
    painter.end()
    return QIcon(pixmap)


def _specs(window):
    """(name, text, short text, tip, shortcut, slot) for each action."""
    s = window.session
    # a table, one row per action: the rows look alike by design (`duplicates` lists them)
    return [
        ("step_phase", _tr("Next &Phase"), _tr("Phase"),
         _tr("Run the next phase: forward through one layer, the error, δ of one layer, its gradients, the update"),
         "F10", s.step_phase),
        ("step_back", _tr("Phase &Back"), _tr("Back"),
         _tr("Go back one phase (the earlier numbers come back exactly)"),
         "Shift+F10", s.step_back),
        ("step_sample", _tr("Next &Sample"), _tr("Sample"),
         _tr("Show the next sample of the mini-batch; after the last one (and in online training) run a step"),
         "F11", s.step_sample),
        ("step_batch", _tr("Next &Batch (Step)"), _tr("Batch"),
         _tr("Finish the current step: one update on one mini-batch"),
         "F8", s.step_batch),
        ("step_epoch", _tr("Next &Epoch"), _tr("Epoch"), _tr("Train to the end of the current epoch"),
         "Ctrl+F8", s.step_epoch),
        ("play_pause", _tr("&Play"), _tr("Play"), _tr("Train continuously at the chosen speed; press again to pause"),
         "F5", s.toggle_play),
        ("reset_training", _tr("&Reset Training"), _tr("Reset"),
         _tr("Go back to the starting weights and start again at step 0"),
         "Ctrl+F5", s.reset_same_seed),
        ("use_current_weights", _tr("&Use Current Weights as Start"), _tr("Use as start"),
         _tr("Make the trained weights the starting weights and start a new run from them (undoable)"),
         "", s.use_current_weights_as_start),
        ("new_seed", _tr("Reset with &New Seed"), _tr("New seed"),
         _tr("Re-initialise the weights with a new random seed"),
         "Ctrl+Alt+F5", s.reset_new_seed),
        ("rewind_start", _tr("Rewind to &Start"), _tr("Rewind"),
         _tr("Go back to step 0; the recorded history stays available on the timeline"),
         "Ctrl+Home", s.rewind_start),
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
    reload_icon = window.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
    menu = window.menus["train"]
    for name, text, short, tip, shortcut, slot in _specs(window):
        action = QAction(text, window)
        action.setObjectName(name)
        action.setIconText(short)
        action.setShortcut(QKeySequence(shortcut))
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setStatusTip(tip)
        if name != "use_current_weights":  # (a menu command without an icon)
            icon = {"reset_training": reload_icon, "new_seed": None, "play_pause": None}.get(name, False)
            action.setIcon(_glyph_icon(name) if icon is False else icon if icon is not None else _die_icon())
        action.triggered.connect(slot)
        window.actions[name] = action
        window.addAction(action)
        menu.addAction(action)
        if name != "use_current_weights":  # a menu command: the toolbar keeps the stepping controls
            toolbar.addAction(action)
        if name in ("step_epoch", "play_pause"):
            menu.addSeparator()
            toolbar.addSeparator()
    _PlayPauseLook(window, window.actions["play_pause"])
    from .run_actions import install_run_actions

    install_run_actions(window)  # Fork Run, Race Optimizers, Race Learning Rates (issue 15)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
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
        self.action.setChecked(playing)
        self.action.setText(_tr("&Pause") if playing else _tr("&Play"))
        self.action.setIconText(_tr("Pause") if playing else _tr("Play"))
        self.action.setIcon(_glyph_icon("pause" if playing else "play"))
