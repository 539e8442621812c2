"""The open project as a QObject: the single source of truth that views mirror.

Edits go through QUndoCommands (``ann_studio.document.commands``) that call the mutator methods
below; each mutator changes the :class:`Project` and emits a signal naming what changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core import NetworkSpec, Project, ProjectError, load_project, problems_of, save_project


class ProjectDocument(QObject):
    #: the whole project was replaced (new/open)
    project_replaced = Signal()
    #: the network's structure or parameters changed (layer added/removed/edited, edge changed)
    network_changed = Signal()
    #: loss, optimizer or training settings changed
    settings_changed = Signal()
    #: the data section changed
    data_changed = Signal()
    #: the file path changed (save as, open)
    path_changed = Signal(object)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._project = project if project is not None else default_project()

    # ------------------------------------------------------------------ access

    @property
    def project(self) -> Project:
        return self._project

    @property
    def network(self) -> NetworkSpec:
        return self._project.network

    @property
    def path(self) -> Path | None:
        return self._project.path

    def problems(self) -> list[ProjectError]:
        """Structural problems of the network (empty when it can be trained)."""
        return problems_of(self._project.network)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # ------------------------------------------------------------------ files

    def load(self, path: str | Path) -> None:
        """Replace the project by the file at ``path``; raises AnnError and changes nothing on failure."""
        project = load_project(path)
        self.replace_project(project)

    def replace_project(self, project: Project) -> None:
        self._project = project
        self.undo_stack.clear()
        self.project_replaced.emit()
        self.path_changed.emit(project.path)

    def save(self, path: str | Path | None = None) -> Path:
        target = save_project(self._project, path)
        self.undo_stack.setClean()
        self.path_changed.emit(self._project.path)
        return target

    # ------------------------------------------------------------------ mutators (called by undo commands)

    def set_network(self, spec: NetworkSpec) -> None:
        """Replace the network description (commands keep copies for undo)."""
        self._project.network = spec
        self.network_changed.emit()

    def set_settings(self, loss: str, optimizer, training) -> None:
        self._project.loss = loss
        self._project.optimizer = optimizer
        self._project.training = training
        self.settings_changed.emit()

    def set_data(self, data: dict) -> None:
        self._project.data = data
        self.data_changed.emit()


def default_project() -> Project:
    """The lesson's example, or a small XOR network if the examples are missing."""
    from ..paths import resource_path

    path = resource_path("examples", "lesson.annproj")
    try:
        return load_project(path)
    except Exception:  # noqa: BLE001 - fall back to a built-in network, never fail to start
        spec = NetworkSpec.chain([2, 2, 1])
        data = {"train": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}}
        return Project(spec, data=data)
