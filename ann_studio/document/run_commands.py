"""Undo commands for the runs (issue 15): fork, make current, rename, recolour, delete, add (a
race). Each calls the document's run mutators (:mod:`.run_tree_document`) only."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class ForkRunCommand(QUndoCommand):
    """Branch a run off the current one (at its state now) and make it current. Undo makes the
    parent current again and takes the branch out (with what it trained, for Redo)."""

    def __init__(self, document, name: str, text: str, colour: str | None = None):
        super().__init__(text)
        self.document = document
        self._name, self._colour = name, colour
        self._parent = document.current_run
        self._removed = None

    @property
    def name(self) -> str:
        return self._name

    def redo(self) -> None:
        if self._removed is None:
            self._name = self.document.fork_current_run(self._name, self._colour)
        else:
            self.document.restore_removed_run(self._removed)
            self.document.make_run_current(self._name)

    def undo(self) -> None:
        self.document.make_run_current(self._parent)
        self._removed = self.document.remove_run(self._name)


class MakeRunCurrentCommand(QUndoCommand):
    """Make another run current (the canvas, the math view and the plots follow)."""

    def __init__(self, document, name: str, text: str):
        super().__init__(text)
        self.document = document
        self._name, self._before = name, document.current_run

    def redo(self) -> None:
        self.document.make_run_current(self._name)

    def undo(self) -> None:
        self.document.make_run_current(self._before)


class RenameRunCommand(QUndoCommand):
    def __init__(self, document, old: str, new: str, text: str):
        super().__init__(text)
        self.document = document
        self._old, self._new = old, new.strip()

    def redo(self) -> None:
        self.document.rename_run(self._old, self._new)

    def undo(self) -> None:
        self.document.rename_run(self._new, self._old)


class RecolourRunCommand(QUndoCommand):
    def __init__(self, document, name: str, colour: str, text: str):
        super().__init__(text)
        self.document = document
        self._name, self._new = name, colour
        self._old = document.runs.get(name).colour

    def redo(self) -> None:
        self.document.set_run_colour(self._name, self._new)

    def undo(self) -> None:
        self.document.set_run_colour(self._name, self._old)


class DeleteRunCommand(QUndoCommand):
    """Delete a run (its children hang on its parent). Deleting the current run first makes its
    parent (or the first other run) current. Undo puts it back, current again if it was."""

    def __init__(self, document, name: str, text: str):
        super().__init__(text)
        self.document = document
        self._name = name
        self._was_current = name == document.current_run
        info = document.runs.get(name)
        others = [n for n in document.runs.names() if n != name]
        self._instead = info.parent if info.parent is not None else (others[0] if others else None)
        self._removed = None

    def redo(self) -> None:
        if self._was_current:
            self.document.make_run_current(self._instead)
        self._removed = self.document.remove_run(self._name)

    def undo(self) -> None:
        self.document.restore_removed_run(self._removed)
        if self._was_current:
            self.document.make_run_current(self._name)


class AddRunsCommand(QUndoCommand):
    """Add runs made elsewhere (a race's branches); undo takes them out again (and what they trained)."""

    def __init__(self, document, infos: list, text: str):
        super().__init__(text)
        self.document = document
        self._infos = list(infos)
        self._removed: list = []

    @property
    def names(self) -> list[str]:
        return [info.name for info in self._infos]

    def redo(self) -> None:
        if not self._removed:
            for info in self._infos:
                self.document.add_run(info)
        else:
            for removed in reversed(self._removed):
                self.document.restore_removed_run(removed)
            self._removed = []

    def undo(self) -> None:
        self._removed = [self.document.remove_run(info.name) for info in reversed(self._infos)]
