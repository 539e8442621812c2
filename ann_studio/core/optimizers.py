"""The *learning rule*: gradient-descent optimisers with PyTorch's semantics and defaults.

An optimiser updates a list of parameter arrays in place from their gradients. Frozen
parameters are simply not in the list. State (momentum buffers, Adam moments, step count) lives
in :attr:`Optimizer.state` as plain arrays so that the stepper can snapshot and restore it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

OPTIMIZERS = ("sgd", "rmsprop", "adam")


@dataclass
class OptimizerSettings:
    """Hyperparameters. Names and defaults follow ``torch.optim``."""

    type: str = "sgd"
    learning_rate: float = 0.5
    momentum: float = 0.0
    nesterov: bool = False
    beta1: float = 0.9
    beta2: float = 0.999
    alpha: float = 0.99  # RMSprop smoothing
    eps: float = 1e-8
    weight_decay: float = 0.0  # L2, added to the gradient as torch does (Nielsen's λ/n)
    l1: float = 0.0
    regularize_bias: bool = False  # L2 and L1 on the biases too (torch's semantics); else weights only

    def copy(self) -> OptimizerSettings:
        return copy.copy(self)


class Optimizer:
    """Updates ``params`` in place: ``step(params, grads, weights)``; all are lists in the same
    order, ``weights[i]`` telling whether ``params[i]`` is a weight matrix (L2 and L1 apply to weight
    matrices only unless ``regularize_bias``; without ``weights`` every array counts as one).
    ``state`` is keyed by position in the list."""

    def __init__(self, settings: OptimizerSettings):
        self.settings = settings
        self.state: dict[str, Any] = {"t": 0}  # "t": int, else one array per parameter
        self._scratch: dict[tuple, np.ndarray] = {}  # reused buffers: no large allocation per step

    def _regularised(self, p: np.ndarray, g: np.ndarray, is_weight: bool) -> np.ndarray:
        s = self.settings
        if not (is_weight or s.regularize_bias):
            return g
        if s.weight_decay:
            g = g + s.weight_decay * p
        if s.l1:
            g = g + s.l1 * np.sign(p)
        return g

    def step(self, params: list[np.ndarray], grads: list[np.ndarray], weights: list[bool] | None = None) -> None:
        s = self.settings
        self.state["t"] = int(self.state["t"]) + 1
        kind = s.type
        if kind == "sgd" and not s.momentum and not s.weight_decay and not s.l1:
            lr = s.learning_rate
            for p, g in zip(params, grads):
                buf = self._scratch.get(p.shape)
                if buf is None:
                    buf = self._scratch[p.shape] = np.empty_like(p)
                np.multiply(g, lr, out=buf)
                p -= buf
            return
        mask = [True] * len(params) if weights is None else weights
        if kind == "sgd":
            self._sgd(params, grads, mask)
        elif kind == "rmsprop":
            self._rmsprop(params, grads, mask)
        elif kind == "adam":
            self._adam(params, grads, mask)
        else:
            raise KeyError(kind)

    def _buffers(self, name: str, params: list[np.ndarray]) -> list[np.ndarray]:
        if name not in self.state:
            self.state[name] = [np.zeros_like(p) for p in params]
        return self.state[name]

    def _sgd(self, params, grads, mask):
        s = self.settings
        first = "momentum" not in self.state
        bufs = self._buffers("momentum", params) if s.momentum else None
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self._regularised(p, g, mask[i])
            if bufs is not None:
                buf = bufs[i]
                if first:
                    buf[...] = g
                else:
                    buf *= s.momentum
                    buf += g
                g = g + s.momentum * buf if s.nesterov else buf
            p -= s.learning_rate * g

    def _rmsprop(self, params, grads, mask):
        s = self.settings
        sq = self._buffers("square_avg", params)
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self._regularised(p, g, mask[i])
            sq[i] *= s.alpha
            sq[i] += (1.0 - s.alpha) * g * g
            p -= s.learning_rate * g / (np.sqrt(sq[i]) + s.eps)

    def _adam(self, params, grads, mask):
        s = self.settings
        t = int(self.state["t"])
        m1 = self._buffers("exp_avg", params)
        m2 = self._buffers("exp_avg_sq", params)
        bc1 = 1.0 - s.beta1 ** t
        bc2_sqrt = np.sqrt(1.0 - s.beta2 ** t)
        step_size = s.learning_rate / bc1
        for i, (p, g) in enumerate(zip(params, grads)):
            g = self._regularised(p, g, mask[i])
            m1[i] *= s.beta1
            m1[i] += (1.0 - s.beta1) * g
            m2[i] *= s.beta2
            m2[i] += (1.0 - s.beta2) * g * g
            denom = np.sqrt(m2[i])
            denom /= bc2_sqrt
            denom += s.eps
            p -= step_size * (m1[i] / denom)

    # ------------------------------------------------------------------ snapshots

    def get_state(self) -> dict:
        return {k: (int(v) if k == "t" else [a.copy() for a in v]) for k, v in self.state.items()}

    def set_state(self, state: dict, dtype=None) -> None:
        """Copy ``state`` in (its buffers as ``dtype``, the parameters' type: a file holds float64)."""
        self.state = {k: (int(v) if k == "t" else [np.array(a, dtype=dtype or a.dtype) for a in v])
                      for k, v in state.items()}
