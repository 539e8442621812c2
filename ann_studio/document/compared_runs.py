"""Which runs the compare views and the loss landscape show (issue 15): one choice per session.

Unless the user ticks runs, the newest race's branches are shown with the run they branched from,
or else every run. A run that appears later (a fork, a race) joins what is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

#: at most this many runs are shown by default (a tree can grow large)
DEFAULT_LIMIT = 10


class ComparedRuns(QObject):
    """The runs shown side by side, in the tree's order."""

    #: the runs shown changed (ticked, unticked, added, removed)
    changed = Signal()

    def __init__(self, session):
        super().__init__(session)
        self.setObjectName("compared_runs")
        self.session = session
        self.document = session.document
        self._chosen: set[str] | None = None
        self._known = set(self.document.runs.names())
        self.document.runs_changed.connect(self._on_document_runs_changed)

    @staticmethod
    def of(session) -> ComparedRuns:
        """The session's choice, created on first use."""
        found = session.findChild(ComparedRuns, "compared_runs")
        return found if found is not None else ComparedRuns(session)

    def _default(self) -> set[str]:
        tree = self.document.runs
        group = [name for name in self.session.race.group if name in tree]
        if group:
            parents = {tree.get(name).parent for name in group}
            return set(group) | {p for p in parents if p is not None and p in tree} | {tree.current}
        return set(tree.names()[:DEFAULT_LIMIT]) | {tree.current}

    def names(self) -> list[str]:
        """The runs shown, in tree order."""
        shown = self._default() if self._chosen is None else self._chosen
        return [name for name in self.document.runs.names() if name in shown]

    def is_shown(self, name: str) -> bool:
        return name in self.names()

    def set_shown(self, name: str, shown: bool) -> None:
        chosen = set(self.names())
        if shown:
            chosen.add(name)
        else:
            chosen.discard(name)
        if chosen != set(self.names()):
            self._chosen = chosen
            self.changed.emit()

    @Slot()
    def _on_document_runs_changed(self) -> None:
        names = set(self.document.runs.names())
        new = names - self._known
        self._known = names
        if self._chosen is not None:
            before = set(self._chosen)
            self._chosen = (self._chosen & names) | new
            if self._chosen != before:
                self.changed.emit()
        elif new:
            self.changed.emit()
