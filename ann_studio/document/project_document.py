"""The open project as a QObject: the single source of truth that views mirror.

Edits go through QUndoCommands (``ann_studio.document.commands``) that call the mutator methods
below; each mutator changes the :class:`Project` and emits a signal naming what changed.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core import LayerSpec, NetworkSpec, Project, ProjectError, load_project, problems_of, save_project
from ..core.export.numpy_script import description_key, without_stale_description
from ..core.project import DATA_PATH_KEYS, relocate_data_paths, with_current_weights
from .dataset_cache import DatasetCache
from .run_tree_document import RunTreeDocumentMixin


class ProjectDocument(RunTreeDocumentMixin, QObject):
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
    #: a layer was inserted (its id)
    layer_added = Signal(str)
    #: a layer was removed (its id)
    layer_removed = Signal(str)
    #: a layer's description changed: units, activation, inputs (edges), parameters… (its id)
    layer_changed = Signal(str)
    #: a layer's canvas position changed (its id); not a change to the network itself
    layer_moved = Signal(str)
    #: the output layer changed (the new output id)
    output_changed = Signal(str)
    #: whether the project has unsaved changes (edits or training) changed
    modified_changed = Signal(bool)
    #: the run was replaced as a whole (Use Current Weights as Start, or its undo)
    run_replaced = Signal()
    #: a weight or bias of the run was typed in mid-run: (layer id, "weights"/"bias", index, value)
    run_parameter_edited = Signal(str, str, object, float)
    #: the tree of runs changed: a run added, removed, renamed, recoloured, or a run that is not
    #: current moved (a race); see :mod:`.run_tree_document`
    runs_changed = Signal()
    #: another run became current (its name); the session has rebuilt its trainer from it
    current_run_changed = Signal(str)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._project = project if project is not None else default_project()
        self._batch_depth = 0
        self._batch_dirty = False
        self._run_dirty = False  # trained since the last save (training is not an undo step)
        self._run_source = None
        self._datasets = DatasetCache()
        self._described = description_key(self._project)  # what its stored title describes
        self.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)

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

    def dataset(self):
        """The data set of the project's data section, read once per section (the data panel
        and the session share it). Raises :class:`~ann_studio.core.AnnError` as
        :meth:`Project.dataset` does."""
        return self._datasets.get(self._project)

    def offer_dataset(self, data: dict, dataset) -> None:
        """``data`` (a data section) resolves to ``dataset``, read already (off the GUI thread
        by the import wizard): switching to it reads nothing again."""
        self._datasets.put(data, self._project.base_dir, dataset)

    def is_modified(self) -> bool:
        return self._run_dirty or not self.undo_stack.isClean()

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self.modified_changed.emit(self.is_modified())

    # ------------------------------------------------------------------ the run

    def set_run_source(self, source) -> None:
        """``source()`` returns the current run state (:meth:`Trainer.state_dict`) or None at
        step 0: the training session, whose trainer is a cache of the document's run. The
        document asks it (:meth:`sync_run`) before it saves or autosaves, as Orange's scheme syncs
        its runtime state into the model before saving."""
        self._run_source = source

    def sync_run(self) -> None:
        """Copy the session's run state into the project (cheap: at pause, save and autosave only)."""
        if self._run_source is not None:
            self._project.run = self._run_source()

    def mark_run_changed(self) -> None:
        """Training moved the run: the project has unsaved changes (no undo step)."""
        if not self._run_dirty:
            self._run_dirty = True
            self.modified_changed.emit(True)

    def edit_run_parameter(self, layer_id: str, param: str, index: tuple, value: float) -> None:
        """Set a weight or bias of the *current* run (called by an undo command): the session's
        trainer applies it at its current step and the run continues."""
        self.run_parameter_edited.emit(layer_id, param, tuple(int(i) for i in index), float(value))
        self.mark_run_changed()

    def set_definition_and_run(self, spec: NetworkSpec, run: dict | None) -> None:
        """Replace the network description and the run together (called by an undo command)."""
        self._project.network = spec
        self._project.run = run
        self.network_changed.emit()
        self.run_replaced.emit()
        self.mark_run_changed()

    def restore_run(self, run: dict | None) -> None:
        """Put back a run an undo command kept (the session continues it)."""
        self._project.run = run
        self.run_replaced.emit()
        self.mark_run_changed()

    def project_for_save(self) -> Project:
        """The project with the run synced in: what Save and autosave write."""
        self.sync_run()
        return self._project

    def project_for_export(self) -> Project:
        """A copy with the run's current weights, for export. It keeps its stored title and
        description only while the network and data are as opened: after the student changed
        them, they describe another project (an exported docstring then describes what it holds)."""
        return without_stale_description(with_current_weights(self.project_for_save()), self._described)

    def _set_saved(self) -> None:
        self._run_dirty = False
        self.undo_stack.setClean()
        self.modified_changed.emit(self.is_modified())

    # ------------------------------------------------------------------ files

    def load(self, path: str | Path) -> None:
        """Replace the project by the file at ``path``; raises AnnError and changes nothing on failure."""
        project = load_project(path)
        self.replace_project(project)

    def load_untitled(self, path: str | Path) -> None:
        """Replace the project by an untitled copy of the file at ``path`` (an example): Save then
        asks where, and never writes over the file it came from."""
        project = load_project(path)
        project.data = absolute_data_paths(project.data, project.base_dir)  # found wherever it is saved
        project.path = None
        self.replace_project(project)

    def replace_project(self, project: Project, modified: bool = False) -> None:
        """Make ``project`` the open one (its run continues). ``modified``: it holds work not in
        any file (a recovered autosave)."""
        self._project = project
        self._datasets.clear()  # its files may have changed on disk since they were read
        self._described = None if modified else description_key(project)
        self.undo_stack.clear()
        self._run_dirty = modified
        self.project_replaced.emit()
        self.path_changed.emit(project.path)
        self.modified_changed.emit(self.is_modified())

    def save(self, path: str | Path | None = None) -> Path:
        """Save to ``path`` (default: the current file). Relative data-file paths are rewritten so
        they still name the same files from the new folder (as the CLI's ``--out`` does)."""
        project = self.project_for_save()
        data = project.data
        if path is not None:
            project.data = relocate_data_paths(data, project.base_dir, Path(os.path.realpath(path)).parent)
        try:
            target = save_project(project, path)
        except BaseException:
            project.data = data
            raise
        self._set_saved()
        self.path_changed.emit(self._project.path)
        return target

    # ------------------------------------------------------------------ mutators (called by undo commands)

    @contextmanager
    def edit_block(self):
        """Group several mutators so :attr:`network_changed` is emitted once, at the end."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._batch_dirty:
                self._batch_dirty = False
                self.network_changed.emit()

    def _network_edited(self) -> None:
        if self._batch_depth:
            self._batch_dirty = True
        else:
            self.network_changed.emit()

    def set_network(self, spec: NetworkSpec) -> None:
        """Replace the network description (commands keep copies for undo)."""
        self._project.network = spec
        self.network_changed.emit()

    def layer(self, layer_id: str) -> LayerSpec:
        """The layer ``layer_id`` (raises KeyError). Treat it as read-only: edit through commands."""
        return self._project.network.layer(layer_id)

    def has_layer(self, layer_id: str) -> bool:
        return any(layer.id == layer_id for layer in self._project.network.layers)

    def add_layer(self, layer: LayerSpec, index: int | None = None) -> None:
        """Insert ``layer`` (stored as given) at ``index`` (default: the end)."""
        layers = self._project.network.layers
        layers.insert(len(layers) if index is None else index, layer)
        self.layer_added.emit(layer.id)
        self._network_edited()

    def remove_layer(self, layer_id: str) -> tuple[int, LayerSpec]:
        """Remove a layer; returns its index and description (for undo)."""
        index = self._project.network.index(layer_id)
        layer = self._project.network.layers.pop(index)
        self.layer_removed.emit(layer_id)
        self._network_edited()
        return index, layer

    def replace_layer(self, layer_id: str, layer: LayerSpec) -> None:
        """Replace the description of ``layer_id`` (same id) by ``layer``."""
        index = self._project.network.index(layer_id)
        self._project.network.layers[index] = layer
        self.layer_changed.emit(layer_id)
        self._network_edited()

    def set_layer_position(self, layer_id: str, position: tuple[float, float] | None) -> None:
        """Store the canvas position ``[x, y]`` in the layer's ``extra`` (None: automatic layout)."""
        layer = self.layer(layer_id)
        if position is None:
            if layer.extra.pop("position", None) is None:
                return
        else:
            new = [round(float(position[0]), 2), round(float(position[1]), 2)]
            if layer.extra.get("position") == new:
                return
            layer.extra["position"] = new
        self.layer_moved.emit(layer_id)

    def set_parameters(self, layer_id: str, weights: np.ndarray | None, bias: np.ndarray | None) -> None:
        """Set a dense layer's initial weights ``(units, fan_in)`` and biases ``(units,)`` (None:
        drawn by its initialiser)."""
        layer = self.layer(layer_id)
        layer.weights = None if weights is None else np.array(weights, dtype=float)
        layer.bias = None if bias is None else np.array(bias, dtype=float)
        self.layer_changed.emit(layer_id)
        self._network_edited()

    def set_output(self, layer_id: str) -> None:
        if self._project.network.output == layer_id:
            return
        self._project.network.output = layer_id
        self.output_changed.emit(layer_id)
        self._network_edited()

    def initial_parameters(self, layer_id: str) -> tuple[np.ndarray, np.ndarray]:
        """The weights and biases training starts from: explicit ones, or those the seed draws."""
        layer = self.layer(layer_id)
        if layer.weights is not None and layer.bias is not None:
            return layer.weights.copy(), layer.bias.copy()
        try:
            drawn = self._project.build_network().dense_layer(layer_id)
            new_w, new_b = drawn.W, drawn.b
        except ProjectError:  # an invalid network: draw this layer alone from the seed
            from ..core.initializers import init_bias, init_weights

            rng = np.random.default_rng(self._project.training.seed)
            fan_in = self._project.network.fan_in(layer)
            new_w = init_weights(layer.init, rng, layer.units, fan_in, *layer.init_range)
            new_b = init_bias(layer.init, rng, layer.units, *layer.init_range)
        weights = layer.weights.copy() if layer.weights is not None else np.array(new_w, dtype=float)
        bias = layer.bias.copy() if layer.bias is not None else np.array(new_b, dtype=float)
        return weights, bias

    def set_settings(self, loss: str, optimizer, training) -> None:
        self._project.loss = loss
        self._project.optimizer = optimizer
        self._project.training = training
        self.settings_changed.emit()

    def set_data(self, data: dict) -> None:
        self._project.data = data
        self.data_changed.emit()


def absolute_data_paths(section, folder: Path):
    """A copy of a data section whose relative file paths (relative to ``folder``) are absolute."""
    if isinstance(section, dict):
        return {k: (str((folder / v).resolve()) if k in DATA_PATH_KEYS and isinstance(v, str) else
                    absolute_data_paths(v, folder)) for k, v in section.items()}
    if isinstance(section, list):
        return [absolute_data_paths(v, folder) for v in section]
    return section


def default_project() -> Project:
    """The lesson's example, or a small XOR network if the examples are missing."""
    from ..paths import resource_path

    path = resource_path("examples", "lesson.annproj")
    try:
        project = load_project(path)
        project.path = None  # an untitled copy: Save asks where, never overwrites the shipped example
        return project
    except Exception:  # noqa: BLE001 - fall back to a built-in network, never fail to start
        spec = NetworkSpec.chain([2, 2, 1])
        data = {"train": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}}
        return Project(spec, data=data)
