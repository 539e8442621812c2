"""The runs (issue 15) as the session drives them: fork, make current, rename, recolour, delete,
race. Part of :class:`~.session.TrainingSession` (a mixin).

Each gesture pauses training first (so the document syncs the run as it stands, the worker's
steps included), then pushes one undo command (:mod:`.run_commands`). The document then emits
``run_replaced`` and the session builds its trainer from the new current run's state
(``_on_document_project_replaced``), so the canvas, the math view and the plots follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ..core import run_tree as rt
from .run_commands import (
    DeleteRunCommand,
    ForkRunCommand,
    MakeRunCurrentCommand,
    RecolourRunCommand,
    RenameRunCommand,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainingSession", text)


class SessionRunsMixin:
    """Expects ``document``, ``trainer`` and ``pause`` of the session."""

    if TYPE_CHECKING:  # what the session provides (for the type checker)
        from ..core.trainer import Trainer
        from .project_document import ProjectDocument

        document: ProjectDocument
        trainer: Trainer | None
        pause: Any
        goto: Any

    _race = None

    @property
    def race(self):
        """The race of several runs in lockstep (:class:`~.race_driver.RaceDriver`)."""
        if self._race is None:
            from .race_driver import RaceDriver

            self._race = RaceDriver(self)
        return self._race

    def run_snapshot(self, name: str) -> rt.RunSnapshot:
        """What the views show of run ``name``: the live trainer for the current run."""
        return rt.snapshot(self.document.runs, name, self.document.project, self.trainer)

    def run_snapshots(self) -> list[rt.RunSnapshot]:
        return [self.run_snapshot(name) for name in self.document.runs.names()]

    def default_fork_name(self) -> str:
        runs = self.document.runs
        n = len(runs)
        while _tr("Fork %1").replace("%1", str(n)) in runs:
            n += 1
        return _tr("Fork %1").replace("%1", str(n))

    def fork_run(self, name: str | None = None) -> str | None:
        """Branch a run off the current one at this very state (a rewound step too) and make it
        current (undoable). Returns its name, or None when there is no trainer."""
        if self.trainer is None:
            return None
        self.pause()
        if self.trainer.phase_index:  # a fork starts at a step boundary
            self.goto(self.trainer.step)
        name = name or self.default_fork_name()
        command = ForkRunCommand(self.document, name, _tr("Fork run \u201c%1\u201d").replace("%1", name))
        self.document.undo_stack.push(command)
        return command.name

    def make_run_current(self, name: str) -> None:
        if name == self.document.current_run or name not in self.document.runs:
            return
        if self._race is not None and name in self._race.group:
            self._race.stop()  # the session trains it from now on
        self.pause()
        self.document.undo_stack.push(MakeRunCurrentCommand(
            self.document, name, _tr("Switch to run \u201c%1\u201d").replace("%1", name)))

    def rename_run(self, old: str, new: str) -> str | None:
        """Rename (undoable). Returns None, or the problem in one line when the name is not valid."""
        try:
            new = rt.check_name(self.document.runs, new, renaming=old)
        except rt.ProjectError as exc:
            return _name_problem(exc, new)
        if new != old:
            self.document.undo_stack.push(RenameRunCommand(
                self.document, old, new, _tr("Rename run \u201c%1\u201d").replace("%1", old)))
            if self._race is not None:
                self._race.renamed(old, new)
        return None

    def recolour_run(self, name: str, colour: str) -> None:
        if self.document.runs.get(name).colour != colour:
            self.document.undo_stack.push(RecolourRunCommand(
                self.document, name, colour, _tr("Colour of run \u201c%1\u201d").replace("%1", name)))

    def delete_run(self, name: str) -> bool:
        if len(self.document.runs) <= 1 or name not in self.document.runs:
            return False
        self.race.stop()
        if name == self.document.current_run:
            self.pause()
        self.document.undo_stack.push(DeleteRunCommand(
            self.document, name, _tr("Delete run \u201c%1\u201d").replace("%1", name)))
        return True


def _name_problem(exc, name: str) -> str:
    text = str(exc)
    if "already" in text:
        return _tr("There is already a run named \u201c%1\u201d.").replace("%1", name.strip())
    if "needs a name" in text:
        return _tr("A run needs a name.")
    return _tr("A run's name is one line of at most %1 characters.").replace("%1", str(rt.MAX_NAME))
