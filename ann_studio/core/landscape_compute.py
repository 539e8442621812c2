"""One whole landscape picture, computed off the GUI thread: the runs' paths, the slice, its contours.

:func:`compute` takes a :class:`LandscapeRequest` (everything copied on the GUI thread: the
network's structure, the loss, the data the slice evaluates, the centre and the runs' states with a
replica trainer each) and returns a :class:`Landscape` the panel only has to draw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .landscape import (
    Cancelled,
    Directions,
    ParameterRef,
    loss_slice,
    path_directions,
    project,
    random_directions,
    weight_directions,
    window,
)
from .landscape_path import run_path
from .losses import Loss
from .network import Network
from .optimizers import OptimizerSettings
from .trainer import Trainer

RESOLUTION = 41
CONTOUR_LEVELS = 14


@dataclass
class RunRequest:
    """A run whose path is drawn: its ``state`` (None at its start) replayed on ``replica``."""

    name: str
    colour: str
    state: dict | None
    replica: Trainer
    fork_step: int = 0


@dataclass
class LandscapeRequest:
    network: Network
    loss: Loss
    x: np.ndarray
    y: np.ndarray
    centre: list[np.ndarray]
    settings: OptimizerSettings | None = None
    mode: str = "random"  # or "weights", "paths"
    seed: int = 0
    refs: tuple[ParameterRef, ParameterRef] | None = None
    runs: list[RunRequest] = field(default_factory=list)
    resolution: int = RESOLUTION
    total_samples: int = 0


@dataclass
class RunPath:
    name: str
    colour: str
    steps: np.ndarray  # (n,)
    coords: np.ndarray  # (n, 2) plane coordinates
    fork_step: int = 0


@dataclass
class Landscape:
    """``values[j, i]`` is the loss at ``(a_values[i], b_values[j])``; ``segments`` (n, 2, 2) the
    contour lines in plane coordinates (``segment_levels`` (n,) the level of each)."""

    a_values: np.ndarray
    b_values: np.ndarray
    values: np.ndarray
    directions: Directions
    paths: list[RunPath]
    levels: np.ndarray
    segments: np.ndarray
    segment_levels: np.ndarray
    samples: int
    total_samples: int


def contour_levels(values: np.ndarray, count: int = CONTOUR_LEVELS) -> np.ndarray:
    """``count`` levels between the finite minimum and maximum: evenly spaced in log when the loss
    spans more than a factor of 20 (a landscape is mostly a deep valley and steep walls)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.zeros(0)
    lo, hi = float(finite.min()), float(finite.max())
    if hi <= lo:
        return np.zeros(0)
    if lo > 0 and hi / lo > 20:
        return np.geomspace(lo, hi, count + 2)[1:-1]
    return np.linspace(lo, hi, count + 2)[1:-1]


def contour_segments(values: np.ndarray, levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Marching squares: the segments (n, 2, 2) of (column, row) index coordinates where the grid
    ``values`` (rows, columns) crosses each level, and the level of each segment (n,)."""
    v00, v10 = values[:-1, :-1], values[:-1, 1:]  # (row, column): x along columns
    v01, v11 = values[1:, :-1], values[1:, 1:]
    rows, cols = np.indices(v00.shape, dtype=float)
    out, which = [], []
    # the four edges of each cell: (start value, end value, start (x, y), direction (dx, dy))
    edges = [(v00, v10, (cols, rows), (1, 0)), (v10, v11, (cols + 1, rows), (0, 1)),
             (v01, v11, (cols, rows + 1), (1, 0)), (v00, v01, (cols, rows), (0, 1))]
    with np.errstate(invalid="ignore", divide="ignore"):
        for level in levels:
            crossings = []
            for start, end, (x0, y0), (dx, dy) in edges:
                crosses = ((start < level) != (end < level)) & np.isfinite(start) & np.isfinite(end)
                t = np.where(crosses, (level - start) / (end - start), np.nan)
                crossings.append(np.stack([x0 + t * dx, y0 + t * dy], axis=-1))
            points = np.stack(crossings, axis=2)  # (rows, cols, 4 edges, 2)
            found = np.isfinite(points[..., 0])
            count = found.sum(axis=2)
            for mask, pairs in ((count == 2, None), (count == 4, ((0, 1), (2, 3)))):
                if not mask.any():
                    continue
                cells = points[mask]  # (k, 4, 2)
                if pairs is None:  # the two edges crossed, in edge order
                    order = np.argsort(~found[mask], axis=1, kind="stable")[:, :2]
                    parts = [np.take_along_axis(cells, order[..., None], axis=1)]
                else:  # a saddle: join the edges pairwise
                    parts = [cells[:, [i, j]] for i, j in pairs]
                for part in parts:
                    out.append(part)
                    which.append(np.full(len(part), level))
    if not out:
        return np.zeros((0, 2, 2)), np.zeros(0)
    return np.concatenate(out), np.concatenate(which)


def _directions(request: LandscapeRequest, paths: list[np.ndarray]) -> Directions:
    if request.mode == "weights" and request.refs is not None:
        return weight_directions(request.network, request.centre, *request.refs)
    if request.mode == "paths":
        return path_directions(request.centre, paths)
    return random_directions(request.network, request.centre, request.seed)


def compute(request: LandscapeRequest, cancelled: Callable[[], bool] | None = None) -> Landscape:
    """The picture for ``request``; raises :class:`Cancelled` when ``cancelled()`` turns True."""
    def check() -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()

    size = sum(p.size for p in request.centre)
    replayed = []
    for run in request.runs:
        check()
        steps, params = run_path(run.replica, run.state, cancelled=cancelled)
        if params.shape[1] == size:  # another structure is not on this plane
            replayed.append((run, steps, params))
    check()
    directions = _directions(request, [params for _, _, params in replayed])
    paths = [RunPath(run.name, run.colour, steps, project(directions, params), run.fork_step)
             for run, steps, params in replayed]
    check()
    minimum = {"random": 1.0, "weights": 0.5}.get(directions.kind, 0.05)
    (a0, a1), (b0, b1) = window(directions, [p.coords for p in paths], minimum)
    n = request.resolution
    a_values, b_values = np.linspace(a0, a1, n), np.linspace(b0, b1, n)
    values = loss_slice(request.network, request.loss, request.x, request.y, directions, a_values, b_values,
                        request.settings, cancelled)
    levels = contour_levels(values)
    index_segments, segment_levels = contour_segments(values, levels)
    da, db = (a1 - a0) / (n - 1), (b1 - b0) / (n - 1)
    segments = index_segments * np.array([da, db]) + np.array([a0, b0])
    return Landscape(a_values, b_values, values, directions, paths, levels, segments, segment_levels,
                     len(request.x), request.total_samples or len(request.x))
