"""The runs' commands as QActions (issue 15), in the Train menu and the Runs panel:

=================== ==========================================================================
objectName          what it does
=================== ==========================================================================
fork_run            branch a run off the current one at this very state (a rewound step too)
race_optimizers     SGD, momentum, Nesterov, RMSprop and Adam branches, trained in lockstep
race_learning_rates η × 0.1, 0.3, 1, 3 and 10 branches, trained in lockstep
=================== ==========================================================================
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunActions", text)


def install_run_actions(window) -> None:
    """Create the run actions on ``window``: registered in ``window.actions``, in the Train menu."""
    session = window.session
    specs = [
        ("fork_run", _tr("&Fork Run"), _tr("Fork"),
         _tr("Start a branch from this exact state (weights, optimizer state, data order); both runs are kept"),
         "Ctrl+Shift+F", lambda: session.fork_run()),
        ("race_optimizers", _tr("Race &Optimizers"), _tr("Race optimizers"),
         _tr("Branch SGD, momentum, Nesterov, RMSprop and Adam from the current state and train them side by "
             "side on the same data order"), "", lambda: session.race.start("optimizers")),
        ("race_learning_rates", _tr("Race &Learning Rates"), _tr("Race η"),
         _tr("Branch η × 0.1, 0.3, 1, 3 and 10 from the current state and train them side by side on the same "
             "data order"), "", lambda: session.race.start("learning_rates")),
    ]
    menu = window.menus["train"]
    menu.addSeparator()
    for name, text, short, tip, shortcut, slot in specs:
        action = QAction(text, window)
        action.setObjectName(name)
        action.setIconText(short)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText) if shortcut else ""
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        window.actions[name] = action
        window.addAction(action)
        menu.addAction(action)
