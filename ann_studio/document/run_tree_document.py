"""The project's runs (issue 15) as the document offers them: read the tree, and the mutators
the run commands (:mod:`.run_commands`) call. Part of :class:`~.project_document.ProjectDocument`.

The current run is the project's own (its network, settings and run state); the others live in
the tree (:mod:`ann_studio.core.run_tree`). Every mutator that changes which run is current
syncs the session's run into the project first, then emits ``run_replaced`` (the session builds
its trainer from the new current run), ``settings_changed`` (its settings), and
``current_run_changed``; a different network structure emits ``project_replaced`` instead of
``run_replaced`` (the canvas rebuilds). ``runs_changed`` follows every change of the tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core import run_tree as rt


class RunTreeDocumentMixin:
    """Expects ``_project``, ``sync_run``, ``mark_run_changed`` and the signals ``runs_changed``,
    ``current_run_changed``, ``run_replaced``, ``settings_changed``, ``project_replaced``."""

    if TYPE_CHECKING:  # what the document provides (for the type checker)
        from ..core.project import Project

        _project: Project
        sync_run: Any
        mark_run_changed: Any
        runs_changed: Any
        current_run_changed: Any
        run_replaced: Any
        settings_changed: Any
        project_replaced: Any

    @property
    def runs(self) -> rt.RunTree:
        """The tree of runs (read-only for views: change it through the run commands)."""
        return rt.ensure_tree(self._project)

    @property
    def current_run(self) -> str:
        return self.runs.current

    def run_changes(self, name: str) -> dict:
        """What changed in run ``name`` since its fork (``{path: [then, now]}``, ``"edits"``)."""
        return rt.changes_of(self.runs, name, self._project)

    def stored_run_state(self, name: str) -> dict | None:
        """The stored state of a run that is not current (the current one: ask the session)."""
        return self.runs.state_of(name, self._project)

    # ------------------------------------------------------------------ mutators (run commands)

    def fork_current_run(self, name: str, colour: str | None = None) -> str:
        """Branch run ``name`` off the current run at its state now; it becomes current."""
        self.sync_run()
        info = rt.fork_run(self._project, name, colour)
        self._current_changed(structure_changed=False)
        return info.name

    def make_run_current(self, name: str) -> None:
        if name == self.runs.current:
            return
        self.sync_run()
        structure = _structure(self._project.network)
        rt.switch_run(self._project, name)
        self._current_changed(structure_changed=_structure(self._project.network) != structure)

    def remove_run(self, name: str):
        """Remove a run that is not current; returns what :meth:`restore_removed_run` needs."""
        removed = rt.remove_run(self.runs, name)
        self.runs_changed.emit()
        return removed

    def restore_removed_run(self, removed) -> None:
        rt.restore_run(self.runs, *removed)
        self.runs_changed.emit()

    def rename_run(self, old: str, new: str) -> None:
        rt.rename_run(self.runs, old, new)
        self.mark_run_changed()
        self.runs_changed.emit()
        if self.runs.current == new.strip():
            self.current_run_changed.emit(self.runs.current)

    def set_run_colour(self, name: str, colour: str) -> None:
        self.runs.get(name).colour = colour
        self.mark_run_changed()
        self.runs_changed.emit()

    def add_run(self, info: rt.RunInfo, index: int | None = None) -> None:
        """Put a run made elsewhere (a race branch, a redo) into the tree; it is not current."""
        self.runs.runs.insert(len(self.runs.runs) if index is None else index, info)
        self.mark_run_changed()
        self.runs_changed.emit()

    def store_run_states(self, states: dict) -> None:
        """Several runs that are not current moved (a race): one ``runs_changed``."""
        for name, state in states.items():
            if name == self.runs.current:
                raise ValueError("the current run's state is the session's")
            self.runs.get(name).state = state
        self.mark_run_changed()
        self.runs_changed.emit()

    def _current_changed(self, structure_changed: bool) -> None:
        self.mark_run_changed()
        if structure_changed:
            self.project_replaced.emit()
        else:
            self.run_replaced.emit()
        self.settings_changed.emit()
        self.runs_changed.emit()
        self.current_run_changed.emit(self.runs.current)


def _structure(spec) -> dict:
    from ..core.run_tree_file import _structure_json

    return _structure_json(spec)
