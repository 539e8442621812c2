"""A run's path through weight space: its parameters step by step, for the loss landscape.

The trainer keeps full copies of the weights only every few steps (keyframes), too sparse to show
a large learning rate bouncing from one side of a valley to the other. The path is therefore
*replayed*: a replica trainer on the same data resumes the run's state, rewinds to its start and
trains again step by step, which gives back the run's weights bit for bit (replays are
deterministic, see :mod:`.trainer`). The first :data:`DENSE_STEPS` steps are replayed; later ones
come from the run's saved keyframes, and the path ends at the run's current weights.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .errors import DivergenceError
from .network import Network
from .trainer import Trainer

#: how many steps of a run are replayed for its path (every step is a point)
DENSE_STEPS = 3000
#: a path holds at most this many points (later replayed steps are thinned to it)
MAX_POINTS = 3000


def _flat(params: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([np.ravel(p) for p in params])


def replica(trainer: Trainer) -> Trainer:
    """A trainer of the same network structure and data as ``trainer`` (sharing its read-only data
    arrays), without epoch evaluation: for replaying a run of it off the GUI thread."""
    network = Network(trainer.network.to_spec())
    return Trainer(network, trainer.loss.name, trainer.optimizer.settings, trainer.training,
                   trainer.x, trainer.y, evaluate=False)


def run_path(trainer: Trainer, state: dict | None, dense_steps: int = DENSE_STEPS,
             cancelled: Callable[[], bool] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The path of the run ``state`` (a :meth:`Trainer.state_dict` with history, or None for a run
    at its start), replayed on ``trainer`` (a :func:`replica`; its state is overwritten).

    Returns
    -------
    steps : ndarray (n,) of int
    params : ndarray (n, parameters)
        Flat parameter vectors (W, b per dense layer, as :meth:`Network.get_parameters`), in step
        order, the last one the run's current weights.
    """
    if state is None:
        flat = _flat(trainer.network.get_parameters())
        return np.array([trainer.step]), flat[None]
    trainer.load_state_dict(state)
    end = trainer.step
    current = _flat(trainer.network.get_parameters())
    steps, points = [], []
    trainer.goto(trainer.first_step)
    stride = max(1, -(-min(dense_steps, end - trainer.step) // MAX_POINTS))
    limit = trainer.step + dense_steps
    try:
        while trainer.step < end:
            if trainer.step % stride == 0 or trainer.step == limit:
                steps.append(trainer.step)
                points.append(_flat(trainer.network.get_parameters()))
            if trainer.step >= limit or (cancelled is not None and trainer.step % 64 == 0 and cancelled()):
                break
            trainer.train_step()
    except (DivergenceError, FloatingPointError):
        pass  # what was replayed is the path so far
    replayed = trainer.step
    for frame in sorted(state.get("keyframes", []), key=lambda f: f.step):
        if replayed < frame.step < end:
            steps.append(frame.step)
            points.append(_flat(frame.params))
    steps.append(end)
    points.append(current)
    return np.asarray(steps, dtype=np.int64), np.asarray(points)

