"""The main window: the canvas in the middle, dockable panels around it, menus, toolbar, status bar.

Every user command is a QAction with a stable ``objectName`` kept in ``self.actions`` (see
``docs/actions.md``); menus, toolbars and tests all use the same actions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox

from ..core import AnnError
from ..document.project_document import ProjectDocument
from ..document.selection import SelectionModel
from ..document.session import TrainingSession
from .panels.registry import panel_specs


class MainWindow(QMainWindow):
    def __init__(self, document: ProjectDocument | None = None):
        super().__init__()
        self.setObjectName("main_window")
        self.document = document or ProjectDocument(parent=self)
        if self.document.parent() is None:
            self.document.setParent(self)
        self.selection = SelectionModel(self)
        self.session = TrainingSession(self.document, self)
        self.actions: dict[str, QAction] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.menus: dict[str, object] = {}
        self.setDockNestingEnabled(True)
        self.resize(1400, 900)
        self._build_central()
        self._build_menus()
        self._build_panels()
        self._build_status_bar()
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.network_changed.connect(self._update_status)
        self.document.project_replaced.connect(self._update_status)
        self.session.updated.connect(self._update_status)
        self.session.problem.connect(self._on_session_problem)
        self._update_title()
        self._update_status()

    # ------------------------------------------------------------------ construction

    def _build_central(self) -> None:
        from .canvas.view import CanvasView

        self.canvas_view = CanvasView(self)
        self.canvas_view.setObjectName("canvas_view")
        self.setCentralWidget(self.canvas_view)

    def add_action(self, name: str, text: str, slot=None, shortcut=None, tip: str = "",
                   menu: str | None = None, checkable: bool = False) -> QAction:
        """Create a QAction with a stable objectName and register it."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", ""))
        action.setStatusTip(tip or text.replace("&", ""))
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        self.actions[name] = action
        self.addAction(action)
        if menu is not None:
            self.menus[menu].addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for key, title in (("file", self.tr("&File")), ("edit", self.tr("&Edit")), ("view", self.tr("&View")),
                           ("train", self.tr("&Train")), ("help", self.tr("&Help"))):
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu_{key}")
            self.menus[key] = menu
        self.add_action("open_project", self.tr("&Open…"), self._on_open, QKeySequence.StandardKey.Open,
                        self.tr("Open a project file"), "file")
        self.add_action("save_project", self.tr("&Save"), self._on_save, QKeySequence.StandardKey.Save,
                        self.tr("Save the project"), "file")
        self.add_action("save_project_as", self.tr("Save &As…"), self._on_save_as,
                        QKeySequence.StandardKey.SaveAs, self.tr("Save the project under a new name"), "file")
        self.menus["file"].addSeparator()
        self.add_action("quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit,
                        self.tr("Quit ANN Studio"), "file")
        undo = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setObjectName("undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setObjectName("redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (undo, redo):
            self.actions[action.objectName()] = action
            self.menus["edit"].addAction(action)
        # --- hooks: modules that add their own actions to the menus and toolbars (one line each) ---
        # (training actions, issue 5, go here)
        __import__("ann_studio.views.training_actions", fromlist=["_"]).install_training_actions(self)
        __import__("ann_studio.i18n", fromlist=["_"]).install_language_menu(self)  # View → Language (issue 8)
        # --- end hooks ---

    def _build_panels(self) -> None:
        for spec in panel_specs():
            dock = QDockWidget(spec.title(), self)
            dock.setObjectName(spec.object_name)
            dock.setWidget(spec.factory(self))
            self.addDockWidget(spec.area, dock)
            if spec.tab_with and spec.tab_with in self.docks:
                self.tabifyDockWidget(self.docks[spec.tab_with], dock)
            dock.setVisible(spec.visible)
            self.docks[spec.object_name] = dock
            self.menus["view"].addAction(dock.toggleViewAction())

    def _build_status_bar(self) -> None:
        self.status_network = QLabel(self)
        self.status_network.setObjectName("status_network")
        self.status_training = QLabel(self)
        self.status_training.setObjectName("status_training")
        self.statusBar().addPermanentWidget(self.status_training)
        self.statusBar().addPermanentWidget(self.status_network)

    # ------------------------------------------------------------------ status

    @Slot()
    def _update_title(self, *_args) -> None:
        path = self.document.path
        name = path.name if path else self.tr("Untitled")
        self.setWindowTitle(f"{name}[*] — ANN Studio")
        self.setWindowModified(self.document.is_modified())

    @Slot()
    def _update_status(self) -> None:
        net = self.document.network
        problems = self.document.problems()
        dense = sum(1 for layer in net.layers if layer.type == "dense")
        sizes = "–".join(str(layer.units) for layer in net.layers)
        if problems:
            text = self.tr("Invalid network: %1").replace("%1", problems[0].message)
        else:
            text = self.tr("%1 layers (%2), %3 parameters").replace("%1", str(dense)).replace(
                "%2", sizes).replace("%3", f"{net.parameter_count():,}")
        self.status_network.setText(text)
        t = self.session.trainer
        if t is None:
            self.status_training.setText(self.session.error or "")
        else:
            self.status_training.setText(self.tr("Epoch %1 · step %2").replace("%1", str(t.epoch)).replace(
                "%2", str(t.step)))

    @Slot(str)
    def _on_session_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    # ------------------------------------------------------------------ files

    def open_project(self, path: str | Path) -> bool:
        """Open ``path`` without dialogs; on error show it in the status bar and keep the current project."""
        try:
            self.document.load(path)
        except AnnError as exc:
            self.statusBar().showMessage(self.tr("Could not open %1: %2").replace("%1", str(path)).replace(
                "%2", str(exc)), 15000)
            self.last_error = str(exc)
            return False
        return True

    def save_project(self, path: str | Path | None = None) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save failed"), str(exc))
            return False
        return True

    @Slot()
    def _on_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "",
                                              self.tr("ANN Studio projects (*.annproj)"))
        if path and not self.open_project(path):
            QMessageBox.warning(self, self.tr("Could not open the project"), self.last_error)

    @Slot()
    def _on_save(self) -> None:
        if self.document.path is None:
            self._on_save_as()
        else:
            self.save_project()

    @Slot()
    def _on_save_as(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save project"), "",
                                              self.tr("ANN Studio projects (*.annproj)"))
        if path:
            if not path.endswith(".annproj"):
                path += ".annproj"
            self.save_project(path)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.session.shutdown()
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)


__all__ = ["MainWindow", "Qt"]
