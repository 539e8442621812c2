"""Weight initialisers. Every draw comes from a seeded ``numpy.random.Generator``.

A weight matrix has shape ``(units, fan_in)``: one row per neuron of the layer, one column per
neuron feeding it (the lesson's ``np.random.randn(y, x)``). Biases have shape ``(units,)``.
"""

from __future__ import annotations

import numpy as np

INITIALIZERS = ("randn", "randn_scaled", "xavier_uniform", "xavier_normal", "he_normal", "uniform", "zeros")


def init_weights(name: str, rng: np.random.Generator, units: int, fan_in: int,
                 low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """Draw a ``(units, fan_in)`` weight matrix with the initialiser ``name``."""
    shape = (units, fan_in)
    if name == "randn":
        return rng.standard_normal(shape)
    if name == "randn_scaled":
        return rng.standard_normal(shape) / np.sqrt(fan_in)
    if name == "xavier_uniform":
        limit = np.sqrt(6.0 / (fan_in + units))
        return rng.uniform(-limit, limit, shape)
    if name == "xavier_normal":
        return rng.standard_normal(shape) * np.sqrt(2.0 / (fan_in + units))
    if name == "he_normal":
        return rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
    if name == "uniform":
        return rng.uniform(low, high, shape)
    if name == "zeros":
        return np.zeros(shape)
    raise KeyError(name)


def init_bias(name: str, rng: np.random.Generator, units: int,
              low: float = 0.0, high: float = 1.0) -> np.ndarray:
    """Draw a ``(units,)`` bias. ``randn`` and ``uniform`` draw; the scaled schemes start at zero
    except ``randn_scaled``, which keeps Nielsen's N(0, 1) biases."""
    if name in ("randn", "randn_scaled"):
        return rng.standard_normal(units)
    if name == "uniform":
        return rng.uniform(low, high, units)
    return np.zeros(units)
