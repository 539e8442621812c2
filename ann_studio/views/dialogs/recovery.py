"""The start-up prompt offering to restore autosaved work after a crash."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox


def recovery_message(recovery) -> str:
    tr = QCoreApplication.translate
    when = datetime.fromtimestamp(recovery.saved_at).strftime("%Y-%m-%d %H:%M")
    name = recovery.original.name if recovery.original else tr("recovery", "an unsaved project")
    return tr("recovery", "ANN Studio did not close normally. Unsaved changes to %1 were kept at %2.\n\n"
              "Restore them?").replace("%1", name).replace("%2", when)


def ask_restore(parent, recovery) -> bool:
    """The modal question (the default prompt); True to restore, False to discard."""
    answer = QMessageBox.question(parent, QCoreApplication.translate("recovery", "Restore unsaved work?"),
                                  recovery_message(recovery),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes
