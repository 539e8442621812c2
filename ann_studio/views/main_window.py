"""The main window: the canvas in the middle, dockable panels around it, menus, toolbar, status bar.

Every user command is a QAction with a stable ``objectName`` kept in ``self.actions`` (see
``docs/actions.md``); menus, toolbars and tests all use the same actions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QToolBar

from ..core import AnnError
from ..document.autosave import Autosaver
from ..document.commands import EditRunParameterCommand, MoveLayersCommand
from ..document.practice import PracticeController
from ..document.project_document import ProjectDocument
from ..document.selection import SelectionModel
from ..document.session import TrainingSession
from .app_context import AppContext
from .canvas import editing
from .canvas.export import export_image
from .canvas.scene import CanvasScene
from .canvas.training_overlay import TrainingOverlay
from .canvas.view import CanvasView
from .classroom_mode import classroom_of
from .dock_layout import arrange_docks, fit_to_screen, has_saved_layout, restore_layout, size_docks
from .dropped_files import openable_file
from .file_guard import DiskGuard, inside_resources
from .language_menu import install_language_menu, rebuild_window
from .notation_choice import NotationChoice
from .panels.lessons_panel import lesson_state, restore_lesson_state
from .panels.practice_panel import install_practice_action
from .panels.registry import panel_specs
from .plain_text import plain, warn
from .problem_words import describe
from .recent_files import add_recent, clear_recent, recent_files
from .training_actions import install_training_actions

#: the file dialogs' filter, marked for lupdate and translated where it is used (``self.tr``)
PROJECT_FILTER = QT_TRANSLATE_NOOP("MainWindow", "ANN Studio projects (*.annproj)")
OPEN_FILTER = QT_TRANSLATE_NOOP("MainWindow", "ANN Studio projects and classroom assignments (*.annproj *.annclass)")
#: the exported scripts: (action objectName, export kind, dialog filter, default file name)
SCRIPT_EXPORTS = {
    "export_numpy": ("python", QT_TRANSLATE_NOOP("MainWindow", "Python scripts (*.py)"), "network.py"),
    "export_torch": ("torch", QT_TRANSLATE_NOOP("MainWindow", "Python scripts (*.py)"), "network_torch.py"),
}


class MainWindow(QMainWindow):
    """The application window.

    Parameters
    ----------
    document : ProjectDocument, optional
        Default: a new document on the lesson example.
    recovery_dir : Path, optional
        Where autosave writes its recovery file (default ``QStandardPaths.AppDataLocation``).
    context : AppContext, optional
        What the application's windows share (default: a new one); windows opened from this one
        get it too.
    panel_modules : list of str, optional
        The dock panels' modules (default ``registry.PANEL_MODULES``); a rebuilt window keeps them.
    """

    #: whether closing remembers this window's layout (False for a window being replaced)
    keep_saved_layout = True
    #: ``prompt(window) -> "save" | "discard" | "cancel"`` before unsaved work is dropped
    discard_prompt = None
    #: ``prompt(window, recoveries) -> ["restore" | "discard" | "keep", …]``; None shows the default dialog
    recovery_prompt = None
    #: ``prompt(window, path) -> bool`` (True: overwrite) before saving over a file that changed
    #: on disk since this window opened or saved it; None shows the default question
    overwrite_prompt = None

    def __init__(self, document: ProjectDocument | None = None, recovery_dir: Path | None = None,
                 context: AppContext | None = None, panel_modules: list[str] | None = None):
        super().__init__()
        self.setObjectName("main_window")
        self.context = context or AppContext()
        self.panel_modules = panel_modules
        self.document = document or ProjectDocument(parent=self)
        if self.document.parent() is None:
            self.document.setParent(self)
        self.selection = SelectionModel(self)
        self.session = TrainingSession(self.document, self)
        self.notation = NotationChoice(self)  # the math view chooses, table and canvas follow
        self.practice = PracticeController(self.session, self)  # practice mode (issue 14)
        self.actions: dict[str, QAction] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.menus: dict[str, object] = {}
        self.last_error = ""
        self.setDockNestingEnabled(True)
        self.setAcceptDrops(True)
        fit_to_screen(self)  # before the docks are arranged: the layout depends on the size
        self._build_central()
        self.toolbar = QToolBar(self.tr("Main"), self)
        self.toolbar.setObjectName("main_toolbar")
        self.addToolBar(self.toolbar)
        self._build_menus()
        # the training phase drawn on the canvas (the Neuron View action may be locked by a classroom)
        self.training_overlay = TrainingOverlay(self.session, self.canvas_scene, self.selection,
                                                self.actions["toggle_neuron_view"].isEnabled, self,
                                                practice=self.practice)
        self._build_toolbar()
        self._build_panels()
        self._build_status_bar()
        self.disk_guard = DiskGuard()
        self.disk_guard.remember(self.document.path)
        self.autosaver = Autosaver(self.document, recovery_dir, parent=self, stamp_of=self.disk_guard.stamp_of)
        self.document.modified_changed.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.network_changed.connect(self.update_status)
        self.document.project_replaced.connect(self.update_status)
        self.document.project_replaced.connect(self._on_document_project_replaced)
        self.document.project_replaced.connect(self._on_document_project_replaced_guard)
        self.session.updated.connect(self.update_status)
        self.session.play_state_changed.connect(self.update_status)  # a pause takes the worker's step
        self.session.problem.connect(self._on_session_problem)
        if not restore_layout(self):
            QTimer.singleShot(0, self._size_default_docks)
        self._update_title()
        self.update_status()
        QTimer.singleShot(0, self.canvas_view.fit_view)

    # ------------------------------------------------------------------ construction

    def _build_central(self) -> None:
        self.canvas_scene = CanvasScene(self.document, self.selection, self.session, self.push_command, self,
                                        notation=self.notation)
        self.canvas_view = CanvasView(self.canvas_scene, self, self.actions)
        self.canvas_view.setObjectName("canvas_view")
        self.canvas_view.file_dropped.connect(self._on_file_dropped)
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
        self._build_file_menu()
        self._build_edit_menu()
        self._build_view_menu()
        self.add_action("about", self.tr("&About ANN Studio"), self._on_about, None,
                        self.tr("Version and licence"), "help")
        self.add_action("shortcuts", self.tr("&Keyboard Shortcuts"), self._on_shortcuts, "F1",
                        self.tr("Every shortcut and canvas gesture"), "help")
        install_training_actions(self)  # Train menu and toolbar
        install_practice_action(self)  # Train → Practice
        install_language_menu(self)  # View → Language

    def _build_file_menu(self) -> None:
        std = QKeySequence.StandardKey
        self.add_action("new_project", self.tr("&New…"), self._on_new, std.New,
                        self.tr("Start a new project from an example"), "file")
        self.add_action("open_project", self.tr("&Open…"), self._on_open, std.Open,
                        self.tr("Open a project file"), "file")
        self.recent_menu = self.menus["file"].addMenu(self.tr("Open &Recent"))
        self.recent_menu.setObjectName("menu_recent")
        self.add_action("clear_recent", self.tr("Clear Recent Files"), self._on_clear_recent,
                        tip=self.tr("Forget the recent files"))
        self._update_recent_menu()
        self.add_action("save_project", self.tr("&Save"), self._on_save, std.Save,
                        self.tr("Save the project"), "file")
        self.add_action("save_project_as", self.tr("Save &As…"), self._on_save_as, std.SaveAs,
                        self.tr("Save the project under a new name"), "file")
        self.add_action("export_image", self.tr("&Export Canvas Image…"), self._on_export, "Ctrl+E",
                        self.tr("Save the canvas as PNG or SVG"), "file")
        self.menus["export"] = self.menus["file"].addMenu(self.tr("E&xport"))
        self.menus["export"].setObjectName("menu_export")
        self.add_action("export_numpy", self.tr("&NumPy Script…"), lambda: self._on_export_script("export_numpy"),
                        tip=self.tr("Save the network with its current weights and data as a standalone "
                                    "Python + NumPy script"), menu="export")
        self.add_action("export_torch", self.tr("&PyTorch Module…"), lambda: self._on_export_script("export_torch"),
                        tip=self.tr("Save the network with its current weights as a PyTorch module and "
                                    "training script"), menu="export")
        self.menus["file"].addSeparator()
        self.add_action("quit", self.tr("&Quit"), self.close, "Ctrl+Q", self.tr("Quit ANN Studio"), "file")

    def _build_edit_menu(self) -> None:
        std, scene = QKeySequence.StandardKey, self.canvas_scene
        undo = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setObjectName("undo")
        undo.setShortcut(std.Undo)
        redo = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setObjectName("redo")
        redo.setShortcut(std.Redo)
        for action in (undo, redo):
            self.actions[action.objectName()] = action
            self.addAction(action)
            self.menus["edit"].addAction(action)
        self.menus["edit"].addSeparator()
        self.add_action("copy", self.tr("&Copy"), lambda: editing.copy_selection(scene), std.Copy,
                        self.tr("Copy the selected layers"), "edit")
        self.add_action("paste", self.tr("&Paste"), lambda: editing.paste(scene), std.Paste,
                        self.tr("Paste layers"), "edit")
        self.add_action("duplicate", self.tr("D&uplicate"), lambda: editing.duplicate(scene), "Ctrl+D",
                        self.tr("Duplicate the selected layers"), "edit")
        self.add_action("delete_selection", self.tr("&Delete"), lambda: editing.delete_selection(scene),
                        std.Delete, self.tr("Delete the selected layers and connections"), "edit")
        self.add_action("select_all", self.tr("Select &All"), self._on_select_all, std.SelectAll,
                        self.tr("Select every layer"), "edit")

    def _build_view_menu(self) -> None:
        view, scene = self.canvas_view, self.canvas_scene
        self.add_action("zoom_in", self.tr("Zoom &In"), lambda: view.zoom_by(1.25), QKeySequence.StandardKey.ZoomIn,
                        self.tr("Zoom in"), "view")
        self.add_action("zoom_out", self.tr("Zoom &Out"), lambda: view.zoom_by(0.8), QKeySequence.StandardKey.ZoomOut,
                        self.tr("Zoom out"), "view")
        self.add_action("fit_view", self.tr("&Fit to View"), view.fit_view, "Ctrl+0",
                        self.tr("Show the whole network"), "view")
        self.add_action("auto_layout", self.tr("&Auto-Layout"), lambda: editing.layout_all(scene), "Ctrl+L",
                        self.tr("Arrange the layers left to right"), "view")
        self.add_action("toggle_neuron_view", self.tr("&Neuron View"), scene.set_neuron_view, "N",
                        self.tr("Show every neuron and connection"), "view", checkable=True)
        scene.neuron_view_toggled.connect(self.actions["toggle_neuron_view"].setChecked)
        snap = self.add_action("toggle_snap", self.tr("&Snap to Grid"), self._on_toggle_snap, None,
                               self.tr("Snap moved layers to the grid"), "view", checkable=True)
        snap.setChecked(scene.snap_to_grid)
        self.menus["view"].addSeparator()
        self.add_action("reset_layout", self.tr("&Reset Layout"), self.reset_layout, None,
                        self.tr("Put every panel back where it started"), "view")
        self.menus["view"].addSeparator()

    def _build_toolbar(self) -> None:
        for name in ("new_project", "open_project", "save_project", None, "undo", "redo", None, "fit_view",
                     "auto_layout", "toggle_neuron_view", "export_image"):
            if name is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.actions[name])

    def _build_panels(self) -> None:
        specs = panel_specs(self.panel_modules)
        for spec in specs:
            dock = QDockWidget(spec.title(), self)
            dock.setObjectName(spec.object_name)
            dock.setWidget(spec.factory(self))
            self.docks[spec.object_name] = dock
            self.menus["view"].addAction(dock.toggleViewAction())
        arrange_docks(self, specs, tabify=not has_saved_layout())

    def _build_status_bar(self) -> None:
        self.status_network = plain(QLabel(self))
        self.status_network.setObjectName("status_network")
        self.status_training = plain(QLabel(self))
        self.status_training.setObjectName("status_training")
        self.statusBar().addPermanentWidget(self.status_training)
        self.statusBar().addPermanentWidget(self.status_network)

    # ------------------------------------------------------------------ edits

    def push_command(self, command) -> None:
        """Push an undo command; structural edits pause training first (moving a node or typing a
        weight mid-run does not: the run goes on from the edit)."""
        if not isinstance(command, (MoveLayersCommand, EditRunParameterCommand)):
            self.session.pause()
        self.document.undo_stack.push(command)

    @Slot()
    def _on_select_all(self) -> None:
        for node in self.canvas_scene.nodes.values():
            node.setSelected(True)

    @Slot(bool)
    def _on_toggle_snap(self, on: bool) -> None:
        self.canvas_scene.snap_to_grid = on

    # ------------------------------------------------------------------ status

    @Slot()
    def _update_title(self, *_args) -> None:
        path = self.document.path
        name = path.name if path else self.tr("Untitled")
        self.setWindowTitle(f"{name}[*] — ANN Studio")
        self.setWindowModified(self.document.is_modified())

    @Slot()
    def update_status(self) -> None:
        """The status bar (network size, problems, training position) and which actions are enabled."""
        net = self.document.network
        problems = self.document.problems()
        dense = sum(1 for layer in net.layers if layer.type == "dense")
        sizes = "–".join(str(layer.units) for layer in net.layers)
        if problems:
            text = self.tr("Invalid network: %1 — training is off until this is fixed").replace(
                "%1", describe(problems[0], net))
        else:
            text = self.tr("%1 layers (%2), %3 parameters").replace("%1", str(dense)).replace(
                "%2", sizes).replace("%3", f"{net.parameter_count():,}")
        self.status_network.setText(text)
        self.status_network.setStyleSheet("color: #d93025;" if problems else "")
        lock = classroom_of(self)
        locked = lock.controlled if lock is not None else set()
        for action in self.menus["train"].actions():  # the one place that decides (see classroom_mode)
            enabled = not problems and action.objectName() not in locked
            if action.isEnabled() != enabled:
                action.setEnabled(enabled)
        t = self.session.trainer
        if t is None:
            self.status_training.setText("" if problems else (self.session.error or ""))
        else:
            self.status_training.setText(self.tr("Epoch %1 · step %2").replace("%1", str(t.epoch)).replace(
                "%2", str(t.step)))

    @Slot(str)
    def _on_session_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    @Slot()
    def _on_document_project_replaced(self) -> None:
        self.selection.select(None)
        QTimer.singleShot(0, self.canvas_view.fit_view)

    @Slot()
    def _on_document_project_replaced_guard(self) -> None:
        self.disk_guard.remember(self.document.path)

    # ------------------------------------------------------------------ files (no dialogs)

    def open_project(self, path: str | Path) -> bool:
        """Open ``path`` without dialogs; on error show it in the status bar and keep the current project.
        A classroom assignment (``.annclass``) opens its project and lesson with its controls locked."""
        if Path(path).suffix.lower() == ".annclass":
            from .classroom_mode import open_assignment

            return open_assignment(self, path)
        try:
            self.document.load(path)
        except AnnError as exc:
            self.statusBar().showMessage(self.tr("Could not open %1: %2").replace("%1", str(path)).replace(
                "%2", str(exc)), 15000)
            self.last_error = str(exc)
            return False
        self._add_recent(Path(path))
        return True

    def save_project(self, path: str | Path | None = None) -> bool:
        """Save to ``path`` (default: the current file) without dialogs. Refuses a path inside the
        application's resources, and asks ``overwrite_prompt`` first when the file changed on disk
        since this window opened or saved it."""
        target = Path(path) if path is not None else self.document.path
        if inside_resources(target):
            self.last_error = self.tr("%1 is one of ANN Studio's own files, which are never changed. "
                                      "Save your project somewhere else (File → Save As).").replace("%1", str(target))
            self.statusBar().showMessage(self.last_error, 15000)
            return False
        if target is not None and self.disk_guard.changed_on_disk(target) \
                and not (self.overwrite_prompt or _ask_overwrite)(self, Path(target)):
            self.last_error = self.tr("Not saved: %1 changed on disk").replace("%1", str(target))
            return False
        try:
            target = self.document.save(path)
        except (OSError, ValueError) as exc:
            self.last_error = str(exc)
            warn(self, self.tr("Save failed"), str(exc))
            return False
        self.disk_guard.remember(target)
        self._add_recent(Path(target))
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(target)), 5000)
        return True

    def export_script(self, kind: str, path: str | Path) -> bool:
        """Write the project with its *current* weights as a script of ``kind`` (``"python"``:
        NumPy, ``"torch"``: PyTorch) to ``path``, without dialogs."""
        from ..core.export import export_project

        try:
            export_project(self.document.project_for_export(), kind, path)
        except AnnError as exc:
            self.last_error = str(exc)
            return False
        self.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 5000)
        return True

    def export_image(self, path: str | Path) -> bool:
        """Write the canvas as PNG or SVG (by the file's suffix)."""
        try:
            export_image(self.canvas_scene, Path(path))
        except (OSError, ValueError) as exc:
            self.last_error = str(exc)
            return False
        return True

    def new_project(self, example: str | Path) -> bool:
        """Start an untitled project from the example file ``example``."""
        try:
            self.document.load_untitled(example)
        except AnnError as exc:
            self.last_error = str(exc)
            self.statusBar().showMessage(str(exc), 15000)
            return False
        return True

    def offer_recovery(self, prompt=None) -> bool:
        """List the recovery files that crashed windows and instances left, ask ``prompt(window,
        recoveries)`` (default: a dialog) and restore, discard or keep each; returns the windows
        that received a restored project."""
        from .dialogs.recovery import offer_recovery

        return offer_recovery(self, prompt or self.recovery_prompt, type(self).open_window_beside)

    def open_window_beside(self) -> MainWindow:
        """A new, shown, empty main window sharing this one's recovery folder, prompts and context."""
        new = MainWindow(recovery_dir=self.autosaver.directory, context=self.context)
        new.discard_prompt, new.recovery_prompt = self.discard_prompt, self.recovery_prompt
        new.show()
        self.context.keep(new)
        return new

    def carried_state(self):
        """What a rebuilt window takes over from this one (the lesson, its step, the classroom
        lock); see :meth:`restore_carried_state` and ``language_menu.rebuild_window``."""
        return lesson_state(self)

    def restore_carried_state(self, state) -> None:
        restore_lesson_state(self, state)

    # ------------------------------------------------------------------ files (with dialogs)

    def confirm_discard(self) -> bool:
        """True when unsaved work may be dropped (saved, discarded, or nothing to lose)."""
        if not self.document.is_modified():
            return True
        answer = (self.discard_prompt or _ask_discard)(self)
        if answer == "save" and self.actions["save_project"].isEnabled():  # a locked Save stays locked here
            self._on_save()
            return not self.document.is_modified()
        return answer == "discard"

    @Slot()
    def _on_new(self) -> None:
        from .dialogs.gallery import NewProjectGallery

        if not self.confirm_discard():
            return
        gallery = NewProjectGallery(self)
        if gallery.exec() and gallery.chosen is not None:
            self.new_project(gallery.chosen)

    @Slot()
    def _on_open(self) -> None:
        if not self.confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "", self.tr(OPEN_FILTER))
        if path and not self.open_project(path):
            warn(self, self.tr("Could not open the project"), self.last_error)

    @Slot()
    def _on_save(self) -> None:
        if self.document.path is None or inside_resources(self.document.path):
            self._on_save_as()  # a shipped file is never written: Save asks where, as for a new project
        else:
            self.save_project()

    @Slot()
    def _on_save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save project"), "", self.tr(PROJECT_FILTER))
        if path and not self.save_project(path if path.endswith(".annproj") else path + ".annproj") \
                and inside_resources(path):
            warn(self, self.tr("Save failed"), self.last_error)

    @Slot()
    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export canvas"), "network.png",
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        if path and not self.export_image(path):
            warn(self, self.tr("Export failed"), self.last_error)

    def _on_export_script(self, name: str) -> None:
        kind, file_filter, default = SCRIPT_EXPORTS[name]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export script"), default, self.tr(file_filter))
        if path and not self.export_script(kind, path if path.endswith(".py") else path + ".py"):
            warn(self, self.tr("Export failed"), self.last_error)

    @Slot(str)
    def _on_file_dropped(self, path: str) -> None:
        if self.confirm_discard() and not self.open_project(path):
            warn(self, self.tr("Could not open the project"), self.last_error)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if openable_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        path = openable_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self._on_file_dropped(path)

    # ------------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        return recent_files()

    def _add_recent(self, path: Path) -> None:
        add_recent(path)
        self._update_recent_menu()

    @Slot()
    def _on_clear_recent(self) -> None:
        clear_recent()
        self._update_recent_menu()

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        for key in [k for k in self.actions if k.startswith("recent_file_")]:
            self.removeAction(self.actions.pop(key))
        for k, name in enumerate(self.recent_files()):
            action = self.add_action(f"recent_file_{k}", f"&{k + 1} {Path(name).name}",
                                     lambda _c=False, p=name: self._on_file_dropped(p), tip=name)
            self.recent_menu.addAction(action)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.actions["clear_recent"])

    # ------------------------------------------------------------------ layout, help, closing

    @Slot()
    def _size_default_docks(self) -> None:
        size_docks(self)

    @Slot()
    def reset_layout(self):
        """View → Reset Layout: a fresh window with every dock in its default place (the project,
        its undo history and the lesson carry over). Returns the new window. (Re-placing docks
        in this window leaves stray tab bars in Qt.)"""
        return rebuild_window(self, keep_layout=False)

    @Slot()
    def _on_about(self) -> None:
        from .dialogs.about import show_about

        show_about(self)

    @Slot()
    def _on_shortcuts(self) -> None:
        from .dialogs.shortcuts import ShortcutSheet

        ShortcutSheet(self.actions, self).exec()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.confirm_discard():
            event.ignore()
            return
        self.session.shutdown()
        self.autosaver.stop()
        self.autosaver.remove()
        if self.keep_saved_layout:
            settings = QSettings()
            settings.setValue("window/geometry", self.saveGeometry())
            settings.setValue("window/state", self.saveState())
        super().closeEvent(event)


def _ask_overwrite(window, path: Path) -> bool:
    """The default question before saving over a file that changed on disk since it was opened."""
    buttons = QMessageBox.StandardButton
    tr = QCoreApplication.translate
    answer = QMessageBox.question(window, tr("MainWindow", "File changed on disk"),
                                  tr("MainWindow", "%1 was changed on disk (by another window or program) since "
                                     "you opened or saved it. Save over it anyway?").replace("%1", path.name),
                                  buttons.Save | buttons.Cancel, buttons.Cancel)
    return answer == buttons.Save


def _ask_discard(window) -> str:
    """The default question before dropping unsaved work (a window's ``discard_prompt`` replaces
    it; the tests inject one for every window in ``tests/conftest.py``)."""
    buttons = QMessageBox.StandardButton
    if not window.actions["save_project"].isEnabled():  # e.g. locked by a classroom assignment
        answer = QMessageBox.question(window, QCoreApplication.translate("MainWindow", "Unsaved changes"),
                                      QCoreApplication.translate("MainWindow", "The project has unsaved changes, "
                                                                 "and saving is not available. Discard them?"),
                                      buttons.Discard | buttons.Cancel, buttons.Cancel)
        return "discard" if answer == buttons.Discard else "cancel"
    answer = QMessageBox.question(window, QCoreApplication.translate("MainWindow", "Unsaved changes"),
                                  QCoreApplication.translate("MainWindow",
                                                             "The project has unsaved changes. Save them first?"),
                                  buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

