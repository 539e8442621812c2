"""The Runs panel (dock ``runs_panel``, issue 15): the project's runs as a tree.

Each row is a run: its colour and name, the step it forked at, what changed since the fork, its
current step and loss. The current run is bold. Clicking a run makes it current (the canvas, the
math view and the plots follow); double-click (or F2) renames it; the buttons fork the current
run (also at a rewound step), race the optimizers or the learning rates, recolour, delete and
stop a race. Every change is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..numbers import format_number
from ..plain_text import plain
from ..setting_names import loss_title, optimizer_title
from .refresh_throttle import RefreshThrottle
from .registry import PanelSpec

COLUMNS = ("name", "fork", "changes", "step", "loss")
#: the race's live step and loss are shown this often (ms)
RACE_REFRESH_MS = 100


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunsPanel", text)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def change_text(changes: dict) -> str:
    """What changed since the fork, in words: "η 0.3 → 1.5, optimizer SGD → Adam, 2 weights typed in"."""
    names = {"optimizer.learning_rate": "\u03b7", "optimizer.type": _tr("optimizer"),
             "optimizer.momentum": _tr("momentum"), "optimizer.nesterov": _tr("Nesterov"),
             "optimizer.weight_decay": "L2", "optimizer.l1": "L1", "loss": _tr("loss"),
             "training.batch_size": _tr("batch size")}
    parts = []
    for key, value in changes.items():
        if key == "edits":
            parts.append(_tr("%1 weights typed in").replace("%1", str(value)))
            continue
        old, new = value
        label = names.get(key, key.split(".")[-1])
        parts.append(f"{label} {_value(key, old)} \u2192 {_value(key, new)}")
    return ", ".join(parts)


def _value(key: str, value) -> str:
    if value is None:
        return "\u2013"
    if key == "optimizer.type":
        return optimizer_title(value)
    if key == "loss":
        return loss_title(value)
    if isinstance(value, bool):
        return _tr("on") if value else _tr("off")
    if isinstance(value, float):
        return format_number(value)
    return str(value)


class RunsPanel(QWidget):
    """See the module docstring; ``window`` offers ``session``, ``document`` and ``actions``."""

    def __init__(self, window):
        super().__init__()
        self.setObjectName("runs_view")
        self.session = window.session
        self.document = window.session.document
        self.actions = window.actions
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("runs_tree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([_tr("Run"), _tr("Forked at"), _tr("Changed"), _tr("Step"), _tr("Loss")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemClicked.connect(self._on_item_clicked)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.status = plain(QLabel(self, objectName="runs_status"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._built: tuple = ()
        self._throttle = RefreshThrottle(self.refresh_numbers, self.session, self, widget=self)
        self.session.updated.connect(self._throttle.request)
        self.document.runs_changed.connect(self._on_document_runs_changed)
        self.document.current_run_changed.connect(self.rebuild)
        self.document.project_replaced.connect(self.rebuild)
        self.session.race.racing_changed.connect(self._on_race_racing_changed)
        self._race_timer = QTimer(self)
        self._race_timer.setInterval(RACE_REFRESH_MS)
        self._race_timer.timeout.connect(self.refresh_numbers)
        #: how many times the numbers were refreshed (the race benchmark reads it)
        self.refreshes = 0
        self.rebuild()

    def _build_buttons(self) -> QVBoxLayout:
        """Two short rows (the dock must stay narrow on a small screen): make runs, then edit them."""
        rows = QVBoxLayout()
        make, edit = QHBoxLayout(), QHBoxLayout()
        for name in ("fork_run", "race_optimizers", "race_learning_rates"):
            if name in self.actions:
                button = QToolButton(self, objectName=f"runs_{name}")
                button.setDefaultAction(self.actions[name])
                make.addWidget(button)
        self.colour_button = QToolButton(self, objectName="runs_colour", text=_tr("Colour\u2026"))
        self.colour_button.setToolTip(_tr("Choose the selected run's colour"))
        self.colour_button.clicked.connect(self._on_colour_clicked)
        self.delete_button = QToolButton(self, objectName="runs_delete", text=_tr("Delete"))
        self.delete_button.setToolTip(_tr("Delete the selected run (undoable)"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.stop_button = QToolButton(self, objectName="runs_stop_race", text=_tr("Stop Race"))
        self.stop_button.setToolTip(_tr("Stop the racing runs where they are"))
        self.stop_button.clicked.connect(self.session.race.stop)
        self.stop_button.setEnabled(False)
        for button in (self.colour_button, self.delete_button, self.stop_button):
            edit.addWidget(button)
        for row in (make, edit):
            row.addStretch(1)
            rows.addLayout(row)
        return rows

    # ------------------------------------------------------------------ reading

    def selected_run(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def row_texts(self, name: str) -> list[str]:
        """The texts of run ``name``'s row, column by column (tests read them)."""
        item = self._items[name]
        return [item.text(i) for i in range(len(COLUMNS))]

    # ------------------------------------------------------------------ refresh

    def _shape(self) -> tuple:
        return tuple((r.name, r.parent) for r in self.document.runs.runs)

    @Slot()
    def _on_document_runs_changed(self) -> None:
        """A race's progress only changes numbers; a new, removed or renamed run changes the tree."""
        if self._shape() != self._built:
            self.rebuild()
        else:
            self.refresh_numbers()

    @Slot()
    def rebuild(self) -> None:
        """Build the tree again (runs added, removed, renamed, recoloured; another current run)."""
        selected = self.selected_run()
        tree = self.document.runs
        with QSignalBlocker(self.tree):
            self.tree.clear()
            self._items = {}
            for info in tree.runs:
                parent = self._items.get(info.parent)
                item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem(self.tree)
                item.setData(0, Qt.ItemDataRole.UserRole, info.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self._items[info.name] = item
            self.tree.expandAll()
            self._built = self._shape()
            current = self._items.get(selected) or self._items.get(tree.current)
            if current is not None:
                self.tree.setCurrentItem(current)
        self.refresh_numbers()

    @Slot()
    def refresh_numbers(self) -> None:
        """The texts: names, fork steps, changes, steps and losses (live for the current run and a race)."""
        self.refreshes += 1
        tree = self.document.runs
        race = self.session.race.progress()
        diverged = self.session.race.diverged()
        with QSignalBlocker(self.tree):
            for info in tree.runs:
                item = self._items.get(info.name)
                if item is None:
                    continue
                snap = self.session.run_snapshot(info.name)
                step, loss = race.get(info.name, (snap.step, snap.loss))
                font = QFont(item.font(0))
                font.setBold(info.name == tree.current)
                item.setFont(0, font)
                item.setIcon(0, _swatch(info.colour))
                item.setText(0, info.name)
                item.setText(1, "\u2013" if info.parent is None else f"{info.fork_step:,}")
                item.setText(2, change_text(snap.changes))
                item.setText(3, f"{step:,}")
                item.setText(4, _tr("diverged") if info.name in diverged else
                             "\u2013" if loss is None else format_number(loss))
                tip = _tr("Current run") if info.name == tree.current else _tr("Click to make this run current")
                item.setToolTip(0, tip)
                item.setToolTip(2, item.text(2))
        self.delete_button.setEnabled(len(tree) > 1)

    # ------------------------------------------------------------------ gestures

    @Slot(QTreeWidgetItem, int)
    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.session.make_run_current(item.data(0, Qt.ItemDataRole.UserRole))

    @Slot(QTreeWidgetItem, int)
    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        old = item.data(0, Qt.ItemDataRole.UserRole)
        problem = self.session.rename_run(old, item.text(0))
        self.status.setText(problem or "")
        if problem:
            with QSignalBlocker(self.tree):
                item.setText(0, old)

    @Slot()
    def _on_colour_clicked(self) -> None:
        name = self.selected_run()
        if name is None:
            return
        colour = QColorDialog.getColor(QColor(self.document.runs.get(name).colour), self, _tr("Run colour"))
        if colour.isValid():
            self.session.recolour_run(name, colour.name())

    @Slot()
    def _on_delete_clicked(self) -> None:
        name = self.selected_run()
        if name is not None:
            self.session.delete_run(name)

    @Slot(bool)
    def _on_race_racing_changed(self, racing: bool) -> None:
        self.stop_button.setEnabled(racing)
        if racing:
            self._race_timer.start()
            self.status.setText(_tr("Racing %1 runs in lockstep.").replace("%1", str(len(self.session.race.group))))
        else:
            self._race_timer.stop()
            self.status.setText("")
            self.refresh_numbers()


def _title() -> str:
    return QCoreApplication.translate("RunsPanel", "Runs")


PANELS = [PanelSpec("runs_panel", _title, RunsPanel, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="math_panel")]
