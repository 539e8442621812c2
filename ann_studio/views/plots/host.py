"""A bare window hosting panels with their own document, session and selection: for tests,
benchmarks and screenshots that should not depend on the whole main window."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from ...document.project_document import ProjectDocument
from ...document.selection import SelectionModel
from ...document.session import TrainingSession
from ..notation_choice import NotationChoice
from ..panels.registry import PANEL_MODULES as _REGISTERED

#: the panel modules of this package and the data panel, in registry order
MODULES = [name for name in _REGISTERED if name.startswith("ann_studio.views.plots.") or name.endswith(".data_panel")]


class PanelHost(QMainWindow):
    """Offers ``document``, ``session``, ``selection`` and ``notation`` like the main window, and
    one dock per panel (``docks`` by objectName). ``tabbed=False`` lays every dock out side by side
    so all panels are visible at once."""

    def __init__(self, document: ProjectDocument | None = None, tabbed: bool = True,
                 modules: list[str] | None = None):
        super().__init__()
        self.document = document or ProjectDocument(parent=self)
        if self.document.parent() is None:
            self.document.setParent(self)
        self.selection = SelectionModel(self)
        self.session = TrainingSession(self.document, self)
        self.notation = NotationChoice(self)
        self.docks: dict[str, QDockWidget] = {}
        self.setDockNestingEnabled(True)
        self.setCentralWidget(QWidget(self))
        self.centralWidget().setMaximumSize(0, 0)
        for name in modules or MODULES:
            for spec in importlib.import_module(name).PANELS:
                dock = QDockWidget(spec.title(), self)
                dock.setObjectName(spec.object_name)
                dock.setWidget(spec.factory(self))
                self.addDockWidget(spec.area, dock)
                if tabbed and spec.tab_with in self.docks:
                    self.tabifyDockWidget(self.docks[spec.tab_with], dock)
                self.docks[spec.object_name] = dock

    def arrange_grid(self, names: list[str], columns: int = 3) -> None:
        """Lay the docks ``names`` out in a grid of ``columns`` equal columns (every panel visible
        and none squashed: the benchmarks measure what a user with a big screen sees)."""
        docks = [self.docks[name] for name in names]
        rows = [docks[i:i + columns] for i in range(0, len(docks), columns)]
        for dock in docks:
            self.removeDockWidget(dock)
        for row in rows:
            self.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, row[0], Qt.Orientation.Vertical)
            row[0].show()
            for left, dock in zip(row, row[1:]):
                self.splitDockWidget(left, dock, Qt.Orientation.Horizontal)
                dock.show()
        width, height = self.width() // columns, self.height() // len(rows)
        self.resizeDocks([row[0] for row in rows], [height] * len(rows), Qt.Orientation.Vertical)
        for row in rows:
            self.resizeDocks(row, [width] * len(row), Qt.Orientation.Horizontal)

    def panel(self, name: str):
        """The widget of dock ``name``."""
        return self.docks[name].widget()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.session.shutdown()
        super().closeEvent(event)
