"""The teacher's "Save Assignment…" dialog: pick which controls students see, cannot use, or do
not see at all, and save an ``.annclass`` file that opens on the current lesson."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...lessons import Assignment, save_assignment

#: controls a teacher cannot hide (the lesson itself and the ways back in)
KEEP = {"lessons_panel", "quit"}
STATES = ("shown", "locked", "hidden")


def _tr(text: str) -> str:
    return QCoreApplication.translate("AssignmentDialog", text)


def controls(window) -> list[tuple[str, str]]:
    """(objectName, visible text) of every action and dock a teacher may hide or lock."""
    items = [(name, action.text().replace("&", "")) for name, action in window.actions.items()
             if not name.startswith(("recent_file_", "language_")) and name not in KEEP]
    items += [(name, dock.windowTitle()) for name, dock in window.docks.items() if name not in KEEP]
    return items


class AssignmentDialog(QDialog):
    def __init__(self, window, lesson):
        super().__init__(window)
        self.setObjectName("assignment_dialog")
        self.setWindowTitle(_tr("Save Classroom Assignment"))
        self.window_, self.lesson = window, lesson
        self.saved_path: Path | None = None
        self.saved: Assignment | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Students who open the file start on this lesson. Choose what they may "
                                    "use:"), self))
        self.items = controls(window)
        self.table = QTableWidget(len(self.items), 2, self)
        self.table.setObjectName("assignment_table")
        self.table.setHorizontalHeaderLabels([_tr("Control"), _tr("For students")])
        names = {"shown": _tr("shown"), "locked": _tr("locked (visible, disabled)"), "hidden": _tr("hidden")}
        for row, (name, text) in enumerate(self.items):
            item = QTableWidgetItem(text)
            item.setToolTip(name)
            self.table.setItem(row, 0, item)
            combo = QComboBox(self.table)
            for state in STATES:
                combo.addItem(names[state], state)
            self.table.setCellWidget(row, 1, combo)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        # practice mode: what the student must compute (the practice panel reports the progress)
        self.require_deltas = QCheckBox(_tr("Practice: require correct δ in a row:"), self,
                                        objectName="assignment_practice_deltas")
        self.delta_count = QSpinBox(self, objectName="assignment_practice_delta_count", minimum=1, maximum=100,
                                    value=5)
        self.require_full_step = QCheckBox(_tr("Practice: require every quantity of one full step"), self,
                                           objectName="assignment_practice_full_step")
        row = QHBoxLayout()
        row.addWidget(self.require_deltas)
        row.addWidget(self.delta_count)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.require_full_step)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_state(self, name: str, state: str) -> None:
        row = [n for n, _ in self.items].index(name)
        combo = self.table.cellWidget(row, 1)
        combo.setCurrentIndex(combo.findData(state))

    def assignment(self) -> Assignment:
        chosen = {name: self.table.cellWidget(row, 1).currentData() for row, (name, _) in enumerate(self.items)}
        path = self.window_.document.path
        project = Path(path) if path is not None and Path(path).resolve() != self.lesson.project else None
        practice = []
        if self.require_deltas.isChecked():
            practice.append({"quantity": "delta", "in_a_row": self.delta_count.value()})
        if self.require_full_step.isChecked():
            practice.append({"full_step": True})
        return Assignment(self.lesson.id, [n for n, s in chosen.items() if s == "hidden"],
                          [n for n, s in chosen.items() if s == "locked"], project, practice=practice)

    def save_to(self, path: str | Path) -> Path:
        """Save the assignment to ``path``; :attr:`saved` holds it (its code for the teacher)."""
        self.saved = self.assignment()
        self.saved_path = save_assignment(self.saved, path)
        return self.saved_path

    @Slot()
    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Save assignment"), f"{self.lesson.id}.annclass",
                                              _tr("Classroom assignments (*.annclass)"))
        if path:
            self.save_to(path)
            self.accept()
