"""The project file's ``"optimizer"`` object (docs/file-format.md), read and written; used by the
project file and by the run's settings log."""

from __future__ import annotations

import copy
from typing import Any

from . import jsonpath as jp
from .errors import ProjectError
from .optimizers import OPTIMIZERS, OptimizerSettings

_KNOWN_OPT = {"type", "learning_rate", "momentum", "nesterov", "betas", "alpha", "eps", "weight_decay", "l1",
              "regularize_bias"}


def parse_optimizer(obj: Any, path: str) -> tuple[OptimizerSettings, dict]:
    """Optimizer settings from the file's ``"optimizer"`` object at ``path``, and the keys it does
    not know (kept for the next save)."""
    jp.need_dict(obj, path)
    s = OptimizerSettings()
    s.type = jp.need_choice(obj.get("type", "sgd"), f"{path}.type", OPTIMIZERS)
    if s.type == "adam":
        s.learning_rate = 0.001
    if "learning_rate" in obj:
        s.learning_rate = jp.need_number(obj["learning_rate"], f"{path}.learning_rate", 0.0, 1e6)
    s.momentum = jp.need_number(obj.get("momentum", 0.0), f"{path}.momentum", 0.0, 1.0)
    s.nesterov = jp.need_bool(obj.get("nesterov", False), f"{path}.nesterov")
    if s.nesterov and not s.momentum:
        raise ProjectError(f"{path}.nesterov", "Nesterov momentum needs a momentum above 0")
    if "betas" in obj:
        b1, b2 = jp.need_vector(obj["betas"], f"{path}.betas", 2)
        for i, b in enumerate((b1, b2)):
            if not 0.0 <= b < 1.0:
                raise ProjectError(f"{path}.betas[{i}]", f"must be in [0, 1), got {b}")
        s.beta1, s.beta2 = float(b1), float(b2)
    s.alpha = jp.need_number(obj.get("alpha", 0.99), f"{path}.alpha", 0.0, 1.0)
    s.eps = jp.need_number(obj.get("eps", 1e-8), f"{path}.eps", 0.0, 1.0)
    s.weight_decay = jp.need_number(obj.get("weight_decay", 0.0), f"{path}.weight_decay", 0.0)
    s.l1 = jp.need_number(obj.get("l1", 0.0), f"{path}.l1", 0.0)
    s.regularize_bias = jp.need_bool(obj.get("regularize_bias", False), f"{path}.regularize_bias")
    return s, {k: copy.deepcopy(v) for k, v in obj.items() if k not in _KNOWN_OPT}


def optimizer_to_json(s: OptimizerSettings, extra: dict | None = None) -> dict:
    """The ``"optimizer"`` object of optimizer settings ``s`` (defaults left out)."""
    opt: dict[str, Any] = {"type": s.type, "learning_rate": s.learning_rate}
    defaults = OptimizerSettings()
    if s.momentum:
        opt["momentum"] = s.momentum
    if s.nesterov:
        opt["nesterov"] = True
    if (s.beta1, s.beta2) != (defaults.beta1, defaults.beta2):
        opt["betas"] = [s.beta1, s.beta2]
    if s.alpha != defaults.alpha:
        opt["alpha"] = s.alpha
    if s.eps != defaults.eps:
        opt["eps"] = s.eps
    if s.weight_decay:
        opt["weight_decay"] = s.weight_decay
    if s.l1:
        opt["l1"] = s.l1
    if s.regularize_bias:
        opt["regularize_bias"] = True
    opt.update(copy.deepcopy(extra or {}))
    return opt
