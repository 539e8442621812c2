"""Race optimizers / learning rates (issue 15) for the window: five branches of the current run,
trained in lockstep at full speed in worker processes (:mod:`ann_studio.core.race`).

Starting a race is one undo step (the branches are added; Undo takes them out). The current run
stays current and the session's trainer is not touched; each branch's newest state goes into the
document's tree a few times a second (``document.runs_changed``), so the Runs panel and the
comparison views follow the race. A race ends at ``training.max_epochs`` epochs (or after
:data:`RACE_EPOCHS` more epochs when that is not set or already reached), with :meth:`RaceDriver.stop`, or when a
branch is made current, deleted or undone.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..core import AnnError
from ..core import run_tree as rt
from ..core.race import RaceError, RacePool, RaceRunner, branch_trainer, race_variants
from .run_commands import AddRunsCommand

#: a race without ``training.max_epochs`` runs this many epochs
RACE_EPOCHS = 100
POLL_MS = 15

_POOL: RacePool | None = None


def _pool() -> RacePool:
    global _POOL
    if _POOL is None:
        _POOL = RacePool()
        atexit.register(_POOL.close)
    return _POOL


def _tr(text: str) -> str:
    return QCoreApplication.translate("RaceDriver", text)


def race_names() -> dict:
    """The branches' names in the user's language (keys: the core's names)."""
    return {"SGD": _tr("SGD"), "Momentum": _tr("Momentum"), "Nesterov": _tr("Nesterov"),
            "RMSprop": _tr("RMSprop"), "Adam": _tr("Adam")}


class RaceDriver(QObject):
    #: a race started (True) or ended (False)
    racing_changed = Signal(bool)

    def __init__(self, session):
        super().__init__(session)
        self.session = session
        self.document = session.document
        self.runner: RaceRunner | None = None
        self.group: list[str] = []  # the branches of the newest race
        self._names: dict[str, str] = {}  # runner's name → run name (renames follow)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_tick)
        self.document.runs_changed.connect(self._on_document_runs_changed)
        self.document.current_run_changed.connect(self._on_document_current_run_changed)
        self.document.project_replaced.connect(self._on_document_project_replaced)
        self._project = None  # the project the race belongs to

    @property
    def racing(self) -> bool:
        return self.runner is not None

    def start(self, kind: str) -> list[str]:
        """Add the five branches of race ``kind`` (``"optimizers"`` or ``"learning_rates"``) from
        the current state and train them. Returns their names (empty when there is no trainer)."""
        session, document = self.session, self.document
        if session.trainer is None:
            return []
        self.stop()
        session.pause()
        t = session.trainer
        if t.phase_index:
            session.goto(t.step)  # a race starts at a step boundary
        state = t.state_dict()
        project = document.project
        tree = document.runs
        flat = rt.settings_of(project)
        infos, trainers = [], {}
        labels = race_names()
        taken = set(tree.names())
        try:
            for key, changes in race_variants(kind, flat):
                name = rt.unique_name(labels.get(key, key), taken)
                taken.add(name)
                trainer = branch_trainer(project, session.dataset, state, changes)
                colour = rt.PALETTE[(len(tree) + len(infos)) % len(rt.PALETTE)]
                infos.append(rt.RunInfo(name, tree.current, t.step, colour, flat, trainer.state_dict(),
                                        project.network.copy(), {**flat, **changes}))
                trainers[name] = trainer
        except AnnError as exc:
            session.problem.emit(str(exc))
            return []
        text = _tr("Race optimizers") if kind == "optimizers" else _tr("Race learning rates")
        document.undo_stack.push(AddRunsCommand(document, infos, text))
        steps = t.steps_per_epoch()
        epochs = project.training.max_epochs
        end = epochs * steps if epochs is not None and epochs * steps > t.step else t.step + RACE_EPOCHS * steps
        try:
            self.runner = RaceRunner(trainers, min(end, t.step + 10_000_000), _pool(),
                                     states={info.name: info.state for info in infos})
        except (OSError, RaceError) as exc:
            session.problem.emit(_tr("The race could not start: %1").replace("%1", str(exc)))
            return [info.name for info in infos]
        self.group = [info.name for info in infos]
        self._names = {name: name for name in self.group}
        self._project = document.project
        self._timer.start()
        self.racing_changed.emit(True)
        return self.group

    def stop(self) -> None:
        """End the race: the branches keep their newest states."""
        runner, self.runner = self.runner, None
        if runner is None:
            return
        self._timer.stop()
        try:
            states = runner.stop()
        except RaceError:
            states = runner.states
        self._store(states)
        self.racing_changed.emit(False)

    def progress(self) -> dict:
        """``{run name: (step, loss)}`` of the racing branches (live, between state updates)."""
        if self.runner is None:
            return {}
        return {self._names[n]: p for n, p in self.runner.progress.items() if n in self._names}

    def diverged(self) -> dict:
        if self.runner is None:
            return {}
        return {self._names[n]: m for n, m in self.runner.diverged.items() if n in self._names}

    def _store(self, states: dict) -> None:
        tree = self.document.runs
        fresh = {}
        for name, state in states.items():
            run = self._names.get(name)
            if run is not None and run in tree and run != tree.current:
                fresh[run] = state
        if fresh:
            self.document.store_run_states(fresh)

    def _on_tick(self) -> None:
        runner = self.runner
        try:
            fresh = runner.poll()
        except RaceError as exc:
            self.runner = None
            self._timer.stop()
            self.session.problem.emit(_tr("The race stopped: %1").replace("%1", str(exc)))
            self.racing_changed.emit(False)
            return
        if fresh:
            self._store(runner.states)
        if runner.finished or len(runner.diverged) == len(runner.progress):
            self.stop()

    def _on_document_project_replaced(self) -> None:
        if self.runner is not None and self.document.project is not self._project:
            self._names = {}  # another project: its runs are not the race's (nothing is stored)
            self.stop()

    def renamed(self, old: str, new: str) -> None:
        """Run ``old`` is now called ``new`` (the race goes on storing its states)."""
        self._names = {n: (new if r == old else r) for n, r in self._names.items()}
        self.group = [new if r == old else r for r in self.group]

    def _on_document_runs_changed(self) -> None:
        if self.runner is not None and any(r not in self.document.runs for r in self._names.values()):
            self.stop()  # a branch was deleted or undone

    def _on_document_current_run_changed(self, name: str) -> None:
        if self.runner is not None and name in self._names.values():
            self.stop()  # the session trains it now

