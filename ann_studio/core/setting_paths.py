"""``KEY=VALUE`` settings by JSON path (the CLI's ``train --set``): change a run's settings from
its current step on.

Keys are JSON paths into the project file: ``optimizer.<key>`` (``type``, ``learning_rate``,
``momentum``, ``nesterov``, ``betas``, ``alpha``, ``eps``, ``weight_decay``, ``l1``,
``regularize_bias``), ``loss`` and ``training.batch_size`` — what a run's settings log records —
and the stop criteria ``training.max_epochs``, ``training.target_loss``,
``training.target_accuracy``. A VALUE is JSON (``2.0``, ``true``, ``[0.9, 0.99]``) or else a bare
word (``adam``). Each problem is one :class:`ProjectError` naming the key.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .errors import ProjectError

_OPTIMIZER_KEYS = ("type", "learning_rate", "momentum", "nesterov", "betas", "alpha", "eps", "weight_decay", "l1",
                   "regularize_bias")
_TRAINING_KEYS = ("batch_size", "max_epochs", "target_loss", "target_accuracy")
ALLOWED = tuple(f"optimizer.{k}" for k in _OPTIMIZER_KEYS) + ("loss",) + tuple(f"training.{k}" for k in _TRAINING_KEYS)


def parse_assignment(text: str) -> tuple[str, Any]:
    """``"optimizer.learning_rate=2.0"`` → ``("optimizer.learning_rate", 2.0)``."""
    key, sep, value = str(text).partition("=")
    key = key.strip()
    if not sep or not key:
        raise ProjectError("--set", f"expected KEY=VALUE, got {text!r}")
    value = value.strip()
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value  # a bare word: adam, half_sse, …
    return key, parsed


def apply_assignments(project, assignments: list[tuple[str, Any]]) -> None:
    """Change ``project``'s loss, optimizer and training settings; all or nothing."""
    from .losses import LOSSES
    from .optimizer_file import optimizer_to_json, parse_optimizer
    from .project import _parse_training

    opt = optimizer_to_json(project.optimizer, project.optimizer_extra)
    training = {"batch_size": project.training.batch_size, "shuffle": project.training.shuffle,
                "seed": project.training.seed, "max_epochs": project.training.max_epochs,
                "target_loss": project.training.target_loss, "target_accuracy": project.training.target_accuracy}
    loss = project.loss
    for key, value in assignments:
        if key not in ALLOWED:
            raise ProjectError(key, "cannot be set mid-run; --set takes " + ", ".join(ALLOWED))
        section, _, name = key.partition(".")
        if section == "optimizer":
            opt[name] = value
            if name == "type" and value == "adam" and not any(k == "optimizer.learning_rate" for k, _ in assignments):
                opt["learning_rate"] = project.optimizer.learning_rate
            if name == "momentum" and value == 0:
                opt.pop("nesterov", None)
        elif section == "training":
            training[name] = value
        else:
            if value not in LOSSES:
                raise ProjectError("loss", f"expected one of {', '.join(LOSSES)}, got {json.dumps(value)}")
            loss = value
    optimizer, extra = parse_optimizer(opt, "optimizer")
    parsed = _parse_training({k: v for k, v in training.items() if v is not None}, "training")
    new_training = copy.deepcopy(project.training)
    for name in _TRAINING_KEYS:
        setattr(new_training, name, getattr(parsed, name))
    project.optimizer, project.optimizer_extra, project.training, project.loss = optimizer, extra, new_training, loss
