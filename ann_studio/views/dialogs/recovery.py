"""The start-up prompt listing the autosaved work that crashed windows and instances left, and
restoring each piece the student picks into a window of its own (the first into the window that
asks, when that one holds nothing yet)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

RESTORE, DISCARD, KEEP = "restore", "discard", "keep"

#: windows opened for the second and later restored recoveries (kept alive here)


def _tr(text: str) -> str:
    return QCoreApplication.translate("recovery", text)


def recovery_label(recovery) -> str:
    """One line for ``recovery``: its file (or "an unsaved project"), when it was kept, its step."""
    when = datetime.fromtimestamp(recovery.saved_at).strftime("%Y-%m-%d %H:%M")
    name = recovery.original.name if recovery.original else _tr("an unsaved project")
    text = _tr("%1, kept at %2").replace("%1", name).replace("%2", when)
    if recovery.step:
        text += " " + _tr("(trained to step %1)").replace("%1", str(recovery.step))
    return text


class RecoveryDialog(QDialog):
    """Lists the recoveries, each with a check box (checked: restore, unchecked: discard).
    "Restore Checked" applies that; "Decide Later" keeps them all for the next start."""

    def __init__(self, parent, recoveries):
        super().__init__(parent)
        self.setObjectName("recovery_dialog")
        self.setWindowTitle(_tr("Restore unsaved work?"))
        self.recoveries = list(recoveries)
        self.decisions = [KEEP] * len(self.recoveries)
        layout = QVBoxLayout(self)
        intro = QLabel(_tr("ANN Studio did not close normally. It kept the unsaved work below. "
                           "Checked items are restored, each in its own window; unchecked items are discarded."), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("recovery_list")
        for recovery in self.recoveries:
            item = QListWidgetItem(recovery_label(recovery), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(self)
        restore = buttons.addButton(_tr("Restore Checked"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setObjectName("recovery_restore")
        later = buttons.addButton(_tr("Decide Later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("recovery_later")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.decisions = [RESTORE if self.list.item(k).checkState() == Qt.CheckState.Checked else DISCARD
                          for k in range(self.list.count())]
        super().accept()


def ask_restore(parent, recoveries) -> list[str]:
    """The modal dialog (the default prompt): a decision per recovery (RESTORE, DISCARD or KEEP)."""
    dialog = RecoveryDialog(parent, recoveries)
    dialog.exec()
    return dialog.decisions


def restore(window, recovery) -> bool:
    """Open ``recovery`` in ``window`` (marked modified) and move it into the window's own
    recovery file; the orphan is deleted only once that is written. True when restored."""
    from ...core import AnnError

    try:
        project = recovery.load()
    except AnnError as exc:  # never deleted unasked: a later version may read it, or the student can
        window.last_error = str(exc)
        recovery.release()
        window.statusBar().showMessage(_tr("Could not restore %1 (%2); its recovery file is kept: %3").replace(
            "%1", recovery_label(recovery)).replace("%2", str(exc)).replace("%3", str(recovery.path)), 30000)
        return False
    window.document.replace_project(project, modified=True)
    if recovery.original_stamp is not None:  # Save asks before overwriting a version saved since
        window.disk_guard.remember(project.path, recovery.original_stamp)
    if window.autosaver.save_now():
        recovery.discard()
    else:
        recovery.release()  # could not copy it: keep the orphan for the next start
    return True


def offer_recovery(window, prompt, open_window) -> list:
    """List the recoveries crashed windows and instances left (in ``window.autosaver.directory``),
    ask ``prompt(window, recoveries)`` (default :func:`ask_restore`) for a decision on each, and
    apply them: restore into ``window`` when it holds nothing yet, else into ``open_window(window)``
    (a new window beside it: ``MainWindow.open_window_beside``); discard; or keep for the next start. Returns the windows that
    received a recovery."""
    from ...document.autosave import find_recoveries

    recoveries = find_recoveries(window.autosaver.directory)
    if not recoveries:
        return []
    decisions = list((prompt or ask_restore)(window, recoveries))
    restored = []
    for recovery, decision in zip(recoveries, decisions + [KEEP] * (len(recoveries) - len(decisions))):
        if decision == RESTORE:
            fresh = not restored and window.document.path is None and not window.document.is_modified()
            target = window if fresh else open_window(window)
            if restore(target, recovery):
                restored.append(target)
        elif decision == DISCARD:
            recovery.discard()
        else:
            recovery.release()
    return restored
