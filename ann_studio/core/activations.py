"""Activation functions a = f(z) and their derivatives.

Arrays are batch-major: ``z`` and ``a`` have shape ``(m, units)``, one row per sample.
Every function is numerically stable at large ``|z|`` (no overflow warnings, no NaN).

An activation maps ``z → a`` and, for the backward pass, turns ``∂E/∂a`` into ``∂E/∂z``.
For the element-wise ones this is ``∂E/∂a · f′(z)``; softmax couples its units and uses its
Jacobian–vector product instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAKY_SLOPE = 0.01
ELU_ALPHA = 1.0


@dataclass(frozen=True)
class Activation:
    """An activation function.

    Attributes
    ----------
    name : str
        The name used in project files.
    f : callable
        ``f(z) -> a``.
    df : callable
        ``df(z, a) -> f′(z)`` element-wise (``a = f(z)`` is passed so sigmoid can use σ(1−σ)).
        ``None`` for softmax, whose derivative is not element-wise.
    formula : str
        A readable formula, for the math view.
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    df: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    formula: str
    derivative_formula: str

    def __reduce__(self):
        # by name: the functions are lambdas, and the registry's instance comes back (the
        # training worker process receives trainers pickled over its pipe)
        return (get_activation, (self.name,))

    @property
    def elementwise(self) -> bool:
        return self.df is not None

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        """∂E/∂z from ∂E/∂a. Shapes ``(m, units)``."""
        if self.df is not None:
            return grad_a * self.df(z, a)
        # softmax: J^T g = a ⊙ (g − Σ_k g_k a_k)
        return a * (grad_a - np.sum(grad_a * a, axis=1, keepdims=True))


def _sigmoid(z):
    # 0.5·(1 + tanh(z/2)) equals 1/(1+e^−z) and never overflows.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _relu(z):
    return np.maximum(z, 0.0)


def _leaky(z):
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def _elu(z):
    return np.where(z > 0, z, ELU_ALPHA * np.expm1(np.minimum(z, 0.0)))


def _softplus(z):
    return np.logaddexp(0.0, z)


def _softmax(z):
    shifted = z - np.max(z, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=1, keepdims=True)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", _sigmoid, lambda z, a: a * (1.0 - a),
                   "σ(z) = 1 / (1 + e^−z)", "σ′(z) = σ(z)(1 − σ(z))"),
        Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a,
                   "tanh(z)", "tanh′(z) = 1 − tanh²(z)"),
        Activation("relu", _relu, lambda z, a: (z > 0).astype(z.dtype),
                   "ReLU(z) = max(0, z)", "ReLU′(z) = 1 if z > 0 else 0"),
        Activation("leaky_relu", _leaky, lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE),
                   f"LeakyReLU(z) = z if z > 0 else {LEAKY_SLOPE}·z",
                   f"LeakyReLU′(z) = 1 if z > 0 else {LEAKY_SLOPE}"),
        Activation("elu", _elu, lambda z, a: np.where(z > 0, 1.0, a + ELU_ALPHA),
                   "ELU(z) = z if z > 0 else e^z − 1", "ELU′(z) = 1 if z > 0 else e^z"),
        Activation("softplus", _softplus, lambda z, a: _sigmoid(z),
                   "softplus(z) = ln(1 + e^z)", "softplus′(z) = σ(z)"),
        Activation("linear", lambda z: z, lambda z, a: np.ones_like(z),
                   "f(z) = z", "f′(z) = 1"),
        Activation("softmax", _softmax, None,
                   "softmax(z)_i = e^{z_i} / Σ_k e^{z_k}",
                   "∂a_i/∂z_k = a_i(δ_ik − a_k)"),
    )
}


def get_activation(name: str) -> Activation:
    """The activation called ``name``; ``KeyError`` if unknown."""
    return ACTIVATIONS[name]
