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


def offer_recovery(window, prompt=None) -> bool:
    """Restore ``window``'s autosaved work if a crashed session left some and ``prompt(window,
    recovery)`` (default: :func:`ask_restore`) agrees; otherwise discard it. True when restored."""
    from ...core import AnnError
    from ...document.autosave import find_recovery

    recovery = find_recovery(window.autosaver.directory)
    if recovery is None:
        return False
    if not (prompt or ask_restore)(window, recovery):
        recovery.discard()
        return False
    try:
        project = recovery.load()
    except AnnError as exc:
        window.last_error = str(exc)
        recovery.discard()
        return False
    window.document.replace_project(project)
    window.document.undo_stack.resetClean()
    window.autosaver.wrote = True
    window._update_title()
    return True
