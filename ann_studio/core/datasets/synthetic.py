"""Generated toy problems: 2-D classification pictures and small regression curves.

Every generator takes a ``numpy.random.Generator`` (made with ``default_rng(seed)``), the number
of samples and a noise level, and draws from nothing else, so the same arguments give the same
points everywhere. Points lie in about ``[-1, 1]`` on each axis, a good range for sigmoid and
tanh units. Classification generators return ``(points, labels)``; the classes get equal shares
of the samples (the first classes get one extra when the count does not divide). Regression
generators return ``(inputs, targets)``.
"""

from __future__ import annotations

import numpy as np

#: The curves :func:`function` can draw, name → (formula for the docs, f). Never user code.
CURVES = {
    "linear": ("y = 0.5·x", lambda x: 0.5 * x),
    "square": ("y = x² − 0.5", lambda x: x * x - 0.5),
    "cubic": ("y = 0.8·x³", lambda x: 0.8 * x**3),
    "sin": ("y = 0.8·sin(πx)", lambda x: 0.8 * np.sin(np.pi * x)),
    "abs": ("y = |x| − 0.5", lambda x: np.abs(x) - 0.5),
}


def class_counts(samples: int, k: int) -> list[int]:
    """How many of ``samples`` points each of ``k`` classes gets (as equal as possible)."""
    base, extra = divmod(samples, k)
    return [base + (1 if j < extra else 0) for j in range(k)]


def _labels(counts: list[int]) -> np.ndarray:
    return np.repeat(np.arange(len(counts)), counts)


def _shuffled(rng: np.random.Generator, points: np.ndarray, labels: np.ndarray):
    order = rng.permutation(len(points))
    return points[order], labels[order]


def _polar(radius: np.ndarray, angle: np.ndarray) -> np.ndarray:
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _jitter(rng: np.random.Generator, points: np.ndarray, noise: float) -> np.ndarray:
    return points + noise * rng.standard_normal(points.shape)


# Each generator below is its own short recipe with its own docstring; their likeness (counts,
# jitter, shuffle) is already shared through the helpers above (`duplicates` lists the shape).


def circles(rng: np.random.Generator, samples: int, noise: float):
    """A disc (class 1, radius < 0.5) inside a ring (class 0, radius 0.7–1).

    Returns
    -------
    points : ndarray, shape (samples, 2)
    labels : ndarray of int, shape (samples,)
    """
    n_outer, n_inner = class_counts(samples, 2)
    radius = np.concatenate([rng.uniform(0.7, 1.0, n_outer), rng.uniform(0.0, 0.5, n_inner)])
    angle = rng.uniform(0.0, 2 * np.pi, samples)
    points = _jitter(rng, _polar(radius, angle), noise)
    return _shuffled(rng, points, _labels([n_outer, n_inner]))


def moons(rng: np.random.Generator, samples: int, noise: float):
    """Two interlocking half-moons (class 0 the upper one), centred and scaled into [-1, 1].

    Returns
    -------
    points : ndarray, shape (samples, 2)
    labels : ndarray of int, shape (samples,)
    """
    n_upper, n_lower = class_counts(samples, 2)
    t_upper, t_lower = rng.uniform(0, np.pi, n_upper), rng.uniform(0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    points = (np.concatenate([upper, lower]) - [0.5, 0.25]) / 1.5
    points = _jitter(rng, points, noise)
    return _shuffled(rng, points, _labels([n_upper, n_lower]))


def spirals(rng: np.random.Generator, samples: int, noise: float, arms: int = 2, turns: float = 1.0):
    """``arms`` interleaved spiral arms from the centre outwards; class ``j`` is arm ``j``.

    Returns
    -------
    points : ndarray, shape (samples, 2)
    labels : ndarray of int, shape (samples,)
    """
    labels = _labels(class_counts(samples, arms))
    t = rng.uniform(0.0, 1.0, samples)
    angle = 2 * np.pi * (turns * t + labels / arms)
    points = _jitter(rng, _polar(0.05 + 0.95 * t, angle), noise)
    return _shuffled(rng, points, labels)


def gaussians(rng: np.random.Generator, samples: int, noise: float, k: int = 2):
    """``k`` round Gaussian blobs with standard deviation ``noise``, centred on a circle of radius 0.6.

    Returns
    -------
    points : ndarray, shape (samples, 2)
    labels : ndarray of int, shape (samples,)
    """
    labels = _labels(class_counts(samples, k))
    angle = 2 * np.pi * labels / k + np.pi / 4
    points = _jitter(rng, _polar(np.full(samples, 0.6), angle), noise)
    return _shuffled(rng, points, labels)


def checkerboard(rng: np.random.Generator, samples: int, noise: float, cells: int = 2):
    """A ``cells`` × ``cells`` checkerboard on [-1, 1]²; a square's colour is its class.

    With two cells per side this is the XOR picture. Noise moves points after they are labelled.

    Returns
    -------
    points : ndarray, shape (samples, 2)
    labels : ndarray of int, shape (samples,)
    """
    labels = _labels(class_counts(samples, 2))
    column = rng.integers(0, cells, samples)
    # pick a row with the same parity as the class: (row + column) % 2 == label
    n_rows = (cells - (column + labels) % 2 + 1) // 2
    row = 2 * np.floor(rng.uniform(0, 1, samples) * n_rows).astype(int) + (column + labels) % 2
    offset = rng.uniform(0.0, 1.0, (samples, 2))
    points = (np.column_stack([column, row]) + offset) * (2.0 / cells) - 1.0
    return _shuffled(rng, _jitter(rng, points, noise), labels)


def function(rng: np.random.Generator, samples: int, noise: float, curve: str = "sin"):
    """Points above (class 1) or below (class 0) the curve ``y = f(x)``, ``f`` from :data:`CURVES`.

    ``x`` is uniform on [-1, 1]; each class gets half the points, its ``y`` uniform between the
    curve and the edge of the square. Noise moves points after they are labelled.

    Returns
    -------
    points : ndarray, shape (samples, 2)
    labels : ndarray of int, shape (samples,)
    """
    labels = _labels(class_counts(samples, 2))
    x = rng.uniform(-1.0, 1.0, samples)
    fx = CURVES[curve][1](x)
    low, high = np.where(labels == 1, fx, -1.0), np.where(labels == 1, 1.0, fx)
    y = low + (high - low) * rng.uniform(0.0, 1.0, samples)
    points = _jitter(rng, np.column_stack([x, y]), noise)
    return _shuffled(rng, points, labels)


def sine(rng: np.random.Generator, samples: int, noise: float, periods: float = 1.0):
    """``y = sin(π·periods·x) + noise·ε`` for ``x`` uniform on [-1, 1] and standard normal ``ε``.

    Returns
    -------
    inputs : ndarray, shape (samples, 1)
    targets : ndarray, shape (samples, 1)
    """
    x = rng.uniform(-1.0, 1.0, (samples, 1))
    return x, np.sin(np.pi * periods * x) + noise * rng.standard_normal((samples, 1))


def plane(rng: np.random.Generator, samples: int, noise: float):
    """``y = (x1 + x2) / 2 + noise·ε`` on [-1, 1]².

    Returns
    -------
    inputs : ndarray, shape (samples, 2)
    targets : ndarray, shape (samples, 1)
    """
    x = rng.uniform(-1.0, 1.0, (samples, 2))
    y = x.sum(axis=1, keepdims=True) / 2
    return x, y + noise * rng.standard_normal((samples, 1))


def gaussian_bump(rng: np.random.Generator, samples: int, noise: float, width: float = 0.4):
    """``y = exp(−(x1² + x2²) / (2·width²)) + noise·ε`` on [-1, 1]²: a hill in the middle.

    Returns
    -------
    inputs : ndarray, shape (samples, 2)
    targets : ndarray, shape (samples, 1)
    """
    x = rng.uniform(-1.0, 1.0, (samples, 2))
    y = np.exp(-(x**2).sum(axis=1, keepdims=True) / (2 * width**2))
    return x, y + noise * rng.standard_normal((samples, 1))
