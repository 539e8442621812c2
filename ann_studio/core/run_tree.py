"""A project's runs as a tree (issue 15): forks of the run that share their past.

A :class:`RunTree` names every run of a project. The *current* run is the project's own run
(``Project.network`` holds its starting weights and ``Project.run`` its state, the one source of
truth); every other run keeps, in its :class:`RunInfo`, what the project would hold if it were
current: its network description (starting weights), its settings and its run state
(:meth:`Trainer.state_dict`). Switching runs (:func:`switch_run`) swaps them.

A fork (:func:`fork_run`) starts a run from the current run's exact state at its current step
(weights, optimizer state, data order, history), so a branch forked at step k and trained m steps
with a setting changed equals training k steps, changing the setting and training m more.

Memory: a stored state holds the run's bounded history (:mod:`.history`) and at most
:data:`~.trainer.SAVED_KEYFRAMES` keyframes; a branch's keyframes before its fork step are the
parent's own objects while their pasts agree (:func:`share_keyframes`), and the file writes them
once (``docs/file-format.md``, "runs").
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import ProjectError

#: colours given to new runs in turn (matplotlib's tab10, readable on light and dark backgrounds)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
ROOT_NAME = "main"
MAX_NAME = 60
#: the most runs a project may hold (each keeps a bounded history)
MAX_RUNS = 64


@dataclass
class RunInfo:
    """One run. ``state`` and ``network`` are authoritative only while the run is *not* current
    (the project holds the current run's); ``settings`` is the run's settings as the project's
    ``loss``/``optimizer``/``training.batch_size`` would hold them (see :func:`settings_of`)."""

    name: str
    parent: str | None = None
    fork_step: int = 0
    colour: str = PALETTE[0]
    #: the settings where it forked (flattened, see :func:`settings_of`): "what changed" is the
    #: difference between these and the run's settings now
    fork_settings: dict = field(default_factory=dict)
    state: dict | None = None
    network: Any = None  # NetworkSpec with the starting weights
    settings: dict = field(default_factory=dict)


@dataclass
class RunSnapshot:
    """What a view shows of a run (no copies: treat the arrays and history as read-only)."""

    name: str
    parent: str | None
    fork_step: int
    colour: str
    changes: dict
    step: int
    loss: float | None
    step_losses: Any
    epoch_records: Any
    params: list


class RunTree:
    """The runs of a project in creation order (parents before their children)."""

    def __init__(self, runs: list[RunInfo] | None = None, current: str = ROOT_NAME):
        self.runs: list[RunInfo] = runs if runs is not None else [RunInfo(ROOT_NAME)]
        self.current = current

    def copy(self) -> RunTree:
        return RunTree([copy.copy(r) for r in self.runs], self.current)

    def names(self) -> list[str]:
        return [r.name for r in self.runs]

    def get(self, name: str) -> RunInfo:
        for run in self.runs:
            if run.name == name:
                return run
        raise KeyError(name)

    def __contains__(self, name: str) -> bool:
        return any(r.name == name for r in self.runs)

    def __len__(self) -> int:
        return len(self.runs)

    def children(self, name: str) -> list[RunInfo]:
        return [r for r in self.runs if r.parent == name]

    def descendants(self, name: str) -> list[RunInfo]:
        out, todo = [], [name]
        while todo:
            kids = self.children(todo.pop())
            out += kids
            todo += [k.name for k in kids]
        return out

    def unique_name(self, base: str) -> str:
        """``base``, or ``base 2``, ``base 3``… the first not taken."""
        return unique_name(base, set(self.names()))

    def next_colour(self) -> str:
        used = [r.colour for r in self.runs]
        free = [c for c in PALETTE if c not in used]
        return free[0] if free else PALETTE[len(self.runs) % len(PALETTE)]

    def state_of(self, name: str, project) -> dict | None:
        """The run state of ``name``: the project's run for the current one."""
        return project.run if name == self.current else self.get(name).state

    def network_of(self, name: str, project):
        return project.network if name == self.current else self.get(name).network


def unique_name(base: str, taken: set) -> str:
    """``base``, or ``base 2``, ``base 3``… the first not in ``taken``."""
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"


# ----------------------------------------------------------------------------- settings

def _flat_optimizer(s) -> dict:
    """Every optimizer setting (defaults included), as ``optimizer.<key>`` of the project file."""
    return {"optimizer.type": s.type, "optimizer.learning_rate": s.learning_rate, "optimizer.momentum": s.momentum,
            "optimizer.nesterov": s.nesterov, "optimizer.betas": [s.beta1, s.beta2], "optimizer.alpha": s.alpha,
            "optimizer.eps": s.eps, "optimizer.weight_decay": s.weight_decay, "optimizer.l1": s.l1,
            "optimizer.regularize_bias": s.regularize_bias}


def settings_of(project) -> dict:
    """The settings a run carries, flattened to the JSON paths of the project file:
    ``optimizer.<key>``, ``loss``, ``training.batch_size``."""
    return {**_flat_optimizer(project.optimizer), "loss": project.loss,
            "training.batch_size": project.training.batch_size}


def settings_of_state(state: dict) -> dict:
    s = state["settings"]
    return {**_flat_optimizer(s.optimizer), "loss": s.loss, "training.batch_size": int(s.batch_size)}


def changes_between(before: dict, after: dict) -> dict:
    """``{path: [old, new]}`` of the settings that differ (None where one side lacks the key)."""
    keys = list(before) + [k for k in after if k not in before]
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def _apply_settings(project, flat: dict) -> None:
    """Write flattened settings (from :func:`settings_of`) into ``project``'s definition."""
    from .optimizer_file import parse_optimizer

    opt = {k.split(".", 1)[1]: v for k, v in flat.items() if k.startswith("optimizer.")}
    if opt:
        project.optimizer, _ = parse_optimizer(opt, "optimizer")
    if "loss" in flat:
        project.loss = flat["loss"]
    if "training.batch_size" in flat:
        project.training.batch_size = int(flat["training.batch_size"])


def current_settings(tree: RunTree, name: str, project) -> dict:
    """Run ``name``'s settings now (the project's for the current run)."""
    if name == tree.current:
        return settings_of(project)
    info = tree.get(name)
    return settings_of_state(info.state) if info.state is not None else dict(info.settings)


def changes_of(tree: RunTree, name: str, project) -> dict:
    """What changed in run ``name`` since its fork: ``{path: [at the fork, now]}``, plus
    ``"edits"`` (the number of weights typed in after the fork) when there are any."""
    info = tree.get(name)
    if info.parent is None:
        return {}
    out = changes_between(info.fork_settings, current_settings(tree, name, project))
    state = tree.state_of(name, project)
    edits = [e for e in (state or {}).get("edits", []) if e.step >= info.fork_step]
    if edits:
        out["edits"] = len(edits)
    return out


# ----------------------------------------------------------------------------- operations

def ensure_tree(project) -> RunTree:
    if project.runs is None:
        project.runs = RunTree()
    return project.runs


def _stash_current(project) -> None:
    """Keep the current run's network, settings and state in its RunInfo (before it stops being current)."""
    tree = ensure_tree(project)
    info = tree.get(tree.current)
    info.state = project.run
    info.network = project.network.copy()
    info.settings = settings_of(project)


def switch_run(project, name: str) -> None:
    """Make run ``name`` current: the project's network, settings and run become its own."""
    tree = ensure_tree(project)
    target = tree.get(name)
    if name == tree.current:
        return
    _stash_current(project)
    tree.current = name
    project.network = target.network.copy() if target.network is not None else project.network
    project.run = target.state
    _apply_settings(project, settings_of_state(target.state) if target.state is not None else target.settings)
    target.state, target.network = None, None
    share_keyframes(tree, project)


def fork_run(project, name: str | None = None, colour: str | None = None) -> RunInfo:
    """Start a branch of the current run at its current state (``project.run``, synced by the
    caller) and make it current. Returns the new run's info."""
    tree = ensure_tree(project)
    if len(tree) >= MAX_RUNS:
        raise ProjectError("runs", f"a project holds at most {MAX_RUNS} runs")
    name = check_name(tree, name if name is not None else tree.unique_name(f"{tree.current} fork"))
    state = project.run
    step = int(state["step"]) if state is not None else 0
    info = RunInfo(name, tree.current, step, colour or tree.next_colour(), settings_of(project))
    _stash_current(project)
    tree.runs.append(info)
    tree.current = name
    project.run = without_future(state) if state is not None else None
    return info


def without_future(state: dict) -> dict:
    """``state`` (not changed: stored states are never changed in place) without what was recorded
    after its step: a fork at a rewound step starts a new future there."""
    step = int(state["step"])
    out = dict(state)
    out["horizon"] = step
    out["settings_log"] = [e for e in state["settings_log"] if e[0] <= step]
    out["edits"] = [e for e in state.get("edits", []) if e.step <= step]
    out["keyframes"] = [f for f in state.get("keyframes", []) if f.step <= step]
    return out


def check_name(tree: RunTree, name: str, renaming: str | None = None) -> str:
    """A valid new name for a run (stripped), or ProjectError."""
    text = str(name).strip()
    if not text:
        raise ProjectError("runs", "a run needs a name")
    if len(text) > MAX_NAME or any(ord(c) < 32 for c in text):
        raise ProjectError("runs", f"a run's name is one line of at most {MAX_NAME} characters")
    if text in tree and text != renaming:
        raise ProjectError("runs", f"there is already a run named {text!r}")
    return text


def rename_run(tree: RunTree, old: str, new: str) -> None:
    new = check_name(tree, new, renaming=old)
    tree.get(old).name = new
    for run in tree.runs:
        if run.parent == old:
            run.parent = new
    if tree.current == old:
        tree.current = new


def remove_run(tree: RunTree, name: str) -> tuple[int, RunInfo, list[tuple[str, str | None, int, dict]]]:
    """Remove a run that is not current. Its children are re-attached to its parent. A child that
    forked after the removed run did parted from that parent where the removed run did (its past
    from there on is the removed run's), so it takes the removed run's fork step and settings at
    the fork. Returns what :func:`restore_run` needs."""
    if name == tree.current:
        raise ProjectError("runs", "the current run cannot be deleted; make another run current first")
    index = tree.names().index(name)
    info = tree.runs.pop(index)
    moved = []
    for run in tree.runs:
        if run.parent == name:
            moved.append((run.name, run.parent, run.fork_step, run.fork_settings))
            run.parent = info.parent
            if info.parent is not None and info.fork_step < run.fork_step:
                run.fork_step, run.fork_settings = info.fork_step, dict(info.fork_settings)
    return index, info, moved


def restore_run(tree: RunTree, index: int, info: RunInfo, moved) -> None:
    tree.runs.insert(index, info)
    for child, parent, step, settings in moved:
        run = tree.get(child)
        run.parent, run.fork_step, run.fork_settings = parent, step, settings


# ----------------------------------------------------------------------------- sharing the past

def _settings_key(entries) -> list:
    from .run_file import _settings_json

    return [(int(when), _settings_json(s)) for when, s in entries]


def same_past(a: dict | None, b: dict | None, step: int) -> bool:
    """Whether runs ``a`` and ``b`` went through the same states before step boundary ``step``:
    the same base, and the same settings changes and typed-in edits before it (training is
    deterministic, so their keyframes before ``step`` are interchangeable)."""
    if a is None or b is None:
        return False
    def start(state):  # (base step, starting arrays): a run read from a file has no base at step 0
        base = state.get("base")
        if base is not None and base.step:
            return base.step, base.params
        return 0, state.get("initial") if state.get("initial") is not None else (base.params if base else None)

    (step_a, params_a), (step_b, params_b) = start(a), start(b)
    if step_a != step_b or params_a is None or params_b is None or len(params_a) != len(params_b):
        return False
    if not all(np.shape(x) == np.shape(y) and np.array_equal(x, y) for x, y in zip(params_a, params_b)):
        return False
    before = lambda s: _settings_key([e for e in s["settings_log"] if e[0] < step])  # noqa: E731
    edits = lambda s: [e for e in s.get("edits", []) if e.step < step]  # noqa: E731
    return before(a) == before(b) and edits(a) == edits(b)


def share_keyframes(tree: RunTree, project) -> None:
    """Let each branch use its parent's keyframe objects before its fork step (same past):
    memory then holds them once."""
    for info in tree.runs:
        if info.parent is None or info.parent not in tree:
            continue
        child, parent = tree.state_of(info.name, project), tree.state_of(info.parent, project)
        if child is None or parent is None or not same_past(child, parent, info.fork_step):
            continue
        theirs = {f.step: f for f in parent.get("keyframes", []) if f.step < info.fork_step}
        mine = child.get("keyframes", [])
        if any(f.step in theirs and f is not theirs[f.step] for f in mine):
            child["keyframes"] = [theirs.get(f.step, f) if f.step < info.fork_step else f for f in mine]


def snapshot(tree: RunTree, name: str, project, trainer=None) -> RunSnapshot:
    """What the views show of run ``name``; ``trainer``: the live trainer of the current run."""
    from .history import EpochRecords, StepLosses

    info = tree.get(name)
    if name == tree.current and trainer is not None:
        step, losses, records = trainer.step, trainer.step_losses, trainer.epoch_records
        params = trainer.network.get_parameters()
    else:
        state = tree.state_of(name, project)
        network = tree.network_of(name, project)
        if state is not None:
            step, losses, records, params = state["step"], state["step_losses"], state["epoch_records"], state["params"]
        else:
            step, losses, records = 0, StepLosses(), EpochRecords()
            params = _starting_parameters(network, project.training.seed)
    loss = float(losses[-1]) if len(losses) else None
    return RunSnapshot(info.name, info.parent, info.fork_step, info.colour, changes_of(tree, name, project),
                       int(step), loss, losses, records, params)


def _starting_parameters(network, seed: int) -> list:
    """The starting [W, b, …] of a run never trained: the explicit ones, or those the seed draws."""
    from .network import Network
    from .spec import problems_of

    if problems_of(network):
        return []
    return Network(network, np.random.default_rng(seed)).get_parameters()

