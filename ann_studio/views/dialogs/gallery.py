"""File → New: a blank project (an input and an output layer, connected) and a gallery of the
example projects (title and description of each)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from ...paths import resource_path
from ..plain_text import plain


def _localised(value, fallback: str) -> str:
    if isinstance(value, dict):
        lang = QLocale().name().split("_")[0]
        return str(value.get(lang) or value.get("en") or fallback)
    return str(value) if value else fallback


def examples() -> list[tuple[Path, str, str]]:
    """``(path, title, description)`` of every example project, sorted by title."""
    out = []
    for path in sorted(resource_path("examples").glob("*.annproj")):
        try:
            obj = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append((path, _localised(obj.get("title"), path.stem), _localised(obj.get("description"), "")))
    # the blank project first (File → New starts from scratch), then the lesson's network
    return sorted(out, key=lambda e: (e[0].stem != "blank", e[0].stem != "lesson", e[1]))


class NewProjectGallery(QDialog):
    """Pick an example to start from; :attr:`chosen` is its path after ``accept``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("new_project_gallery")
        self.setWindowTitle(self.tr("New Project"))
        self.chosen: Path | None = None
        self.list = QListWidget(self)
        self.description = plain(QLabel(self))
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(60)
        for path, title, text in examples():
            item = QListWidgetItem(title, self.list)
            item.setData(Qt.ItemDataRole.UserRole, (str(path), text))
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Start from scratch or from an example:"), self))
        layout.addWidget(self.list)
        layout.addWidget(self.description)
        layout.addWidget(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(520, 420)

    def _on_list_current_changed(self, current, _previous) -> None:
        self.description.setText(current.data(Qt.ItemDataRole.UserRole)[1] if current else "")

    def accept(self) -> None:
        item = self.list.currentItem()
        self.chosen = Path(item.data(Qt.ItemDataRole.UserRole)[0]) if item else None
        super().accept()
