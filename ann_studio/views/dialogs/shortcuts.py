"""Help → Keyboard Shortcuts: every action with a shortcut, and the canvas gestures."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("shortcuts", text)


def canvas_gestures() -> list[tuple[str, str]]:
    return [
        (_tr("Mouse wheel, + / −"), _tr("Zoom")),
        (_tr("Middle drag, Space + drag"), _tr("Pan")),
        (_tr("Drag on empty canvas"), _tr("Select several layers (rubber band)")),
        (_tr("Drag from an output port to an input port"), _tr("Connect two layers")),
        (_tr("Double-click on empty canvas"), _tr("Add a dense layer")),
        (_tr("Arrow keys (Shift: fine)"), _tr("Move the selected layers")),
        (_tr("Right-click"), _tr("Context menu")),
    ]


def shortcut_rows(actions: dict) -> list[tuple[str, str]]:
    """``(keys, description)`` for every action with a shortcut, then the canvas gestures."""
    rows = []
    for action in actions.values():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((keys, action.text().replace("&", "")))
    return rows + canvas_gestures()


class ShortcutSheet(QDialog):
    def __init__(self, actions: dict, parent=None):
        super().__init__(parent)
        self.setObjectName("shortcut_sheet")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(actions)
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
        for r, (keys, text) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(keys))
            table.setItem(r, 1, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 520)
