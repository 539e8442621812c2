"""The loss landscape: the loss over a 2-D slice of weight space, and training paths projected on it.

A *slice* is the plane ``θ(a, b) = c + (a − a₀)·d₁ + (b − b₀)·d₂`` through a centre ``c`` (all
parameters of a network, as :meth:`Network.get_parameters` lists them: W, b per dense layer). The
plane's coordinates ``(a, b)`` are what the plot shows:

- **two weights** (:func:`weight_directions`): ``d₁``, ``d₂`` are the unit vectors of two
  parameters and ``(a₀, b₀)`` their values at the centre, so the axes read as the two weights'
  values while every other parameter keeps its value at the centre;
- **random directions** (:func:`random_directions`): Gaussian directions normalised per neuron
  ("filter-wise normalisation", Li et al., *Visualizing the Loss Landscape of Neural Nets*,
  NeurIPS 2018): row ``i`` of each layer's direction is rescaled to the norm of row ``i`` of the
  layer's W, so one unit along an axis moves each neuron's weights by their own size. As in their
  code's default, biases (and frozen parameters) are not perturbed. ``(a₀, b₀) = (0, 0)``.

The loss is the training objective the optimizer descends: the mean loss over the samples plus the
L2 (``λ/2 Σw²``) and L1 (``λ₁ Σ|w|``) penalties on the parameters the optimizer regularises.
:func:`loss_slice` evaluates a whole grid of networks at once: the grid points are a leading
batch axis of every activation, a layer fed only by input layers costs three matrix products for
the whole grid (its z is affine in a and b), and the grid is done in chunks of bounded memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .losses import Loss
from .network import DenseLayer, Network
from .optimizers import OptimizerSettings

#: a chunk of grid points holds at most this many activation values per layer (8 bytes each:
#: 2 MB arrays were ~1.5× faster than 16 MB ones on a 2-8-8-1 net; much smaller chunks cost
#: Python time per chunk)
CHUNK_VALUES = 262_144
#: the largest grid side a slice may ask for
MAX_RESOLUTION = 201


class Cancelled(Exception):
    """Raised inside :func:`loss_slice` when its ``cancelled`` callback says so."""


@dataclass
class ParameterRef:
    """One parameter: layer ``layer``'s ``param`` ("weights" or "bias") at ``index`` ((row, col)
    for weights, (unit,) for a bias) -- the names the inspector's edits use."""

    layer: str
    param: str
    index: tuple

    def label(self) -> str:
        if self.param == "weights":
            return f"{self.layer}.W[{self.index[0] + 1},{self.index[1] + 1}]"
        return f"{self.layer}.b[{self.index[0] + 1}]"


@dataclass
class Directions:
    """A slice: the centre ``c`` and the directions ``d₁``, ``d₂`` (lists of arrays shaped like
    the network's parameters) and the plane coordinates ``origin`` = (a₀, b₀) of the centre."""

    centre: list[np.ndarray]
    first: list[np.ndarray]
    second: list[np.ndarray]
    origin: tuple[float, float] = (0.0, 0.0)
    kind: str = "random"  # or "weights", "paths"
    refs: tuple[ParameterRef, ParameterRef] | None = None
    explained: tuple[float, float] = (0.0, 0.0)  # "paths": each direction's share of the paths' spread

    def point(self, a: float, b: float) -> list[np.ndarray]:
        """The parameters at plane coordinates (a, b)."""
        da, db = a - self.origin[0], b - self.origin[1]
        return [c + da * u + db * v for c, u, v in zip(self.centre, self.first, self.second)]


def _flat(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate([np.ravel(a) for a in arrays]) if arrays else np.zeros(0)


def parameter_position(network: Network, ref: ParameterRef) -> tuple[int, tuple]:
    """Where ``ref`` lives in :meth:`Network.get_parameters`: (list position, array index).
    ``KeyError``/``IndexError`` when there is no such parameter."""
    layer = network.layer(ref.layer)
    if not isinstance(layer, DenseLayer):
        raise KeyError(ref.layer)
    slot = 2 * network.dense.index(layer) + (0 if ref.param == "weights" else 1)
    shape = layer.W.shape if ref.param == "weights" else layer.b.shape
    index = tuple(int(i) for i in ref.index)
    if len(index) != len(shape) or not all(0 <= i < n for i, n in zip(index, shape)):
        raise IndexError(index)
    return slot, index


def weight_directions(network: Network, centre: list[np.ndarray], first: ParameterRef,
                      second: ParameterRef) -> Directions:
    """The slice spanned by two parameters around ``centre``; the plane's axes are their values."""
    dirs = []
    origin = []
    for ref in (first, second):
        slot, index = parameter_position(network, ref)
        d = [np.zeros_like(p, dtype=float) for p in centre]
        d[slot][index] = 1.0
        dirs.append(d)
        origin.append(float(centre[slot][index]))
    if _flat(dirs[0]) @ _flat(dirs[1]):
        raise ValueError("the two weights of a slice must differ")
    return Directions([np.array(p, dtype=float) for p in centre], dirs[0], dirs[1],
                      (origin[0], origin[1]), "weights", (first, second))


def filter_normalised(network: Network, centre: list[np.ndarray], rng: np.random.Generator) -> list[np.ndarray]:
    """One Gaussian direction with each neuron's row of W scaled to the norm of that row of the
    centre's W (a zero row stays zero); biases and frozen weights get no direction."""
    direction = []
    for k, layer in enumerate(network.dense):
        W = np.asarray(centre[2 * k], dtype=float)
        d = rng.standard_normal(W.shape)
        if layer.train_weights:
            norms = np.linalg.norm(d, axis=1, keepdims=True)
            d *= np.linalg.norm(W, axis=1, keepdims=True) / np.where(norms > 0, norms, 1.0)
        else:
            d[...] = 0.0
        direction += [d, np.zeros_like(centre[2 * k + 1], dtype=float)]
    return direction


def random_directions(network: Network, centre: list[np.ndarray], seed: int = 0) -> Directions:
    """Two filter-normalised random directions around ``centre``, drawn from ``seed``."""
    rng = np.random.default_rng([int(seed), 2018])
    first = filter_normalised(network, centre, rng)
    second = filter_normalised(network, centre, rng)
    return Directions([np.array(p, dtype=float) for p in centre], first, second, (0.0, 0.0), "random")


def path_directions(centre: list[np.ndarray], paths: list[np.ndarray]) -> Directions:
    """The plane that holds the runs' paths best: the first two principal directions of every
    path point's offset from ``centre`` (Li et al., section 7: random directions are nearly
    orthogonal to a training path in many dimensions; these show it). ``paths`` are
    (n, parameters) flat vectors. ``explained`` gives each direction's share of the offsets'
    squared length. Fewer than two independent offsets leave a direction zero."""
    c = _flat(centre)
    offsets = np.concatenate([p - c[None] for p in paths]) if paths else np.zeros((0, len(c)))
    basis = np.zeros((2, len(c)))
    explained = [0.0, 0.0]
    if len(offsets):
        _, sv, vt = np.linalg.svd(offsets, full_matrices=False)
        total = float(np.sum(sv * sv)) or 1.0
        for k in range(min(2, len(sv))):
            if sv[k] > 1e-12 * max(1.0, sv[0]):
                basis[k] = vt[k]
                explained[k] = float(sv[k] ** 2) / total
    shapes = [np.shape(p) for p in centre]
    first, second = (_unflat(b, shapes) for b in basis)
    dirs = Directions([np.array(p, dtype=float) for p in centre], first, second, (0.0, 0.0), "paths")
    dirs.explained = (explained[0], explained[1])
    return dirs


def _unflat(flat: np.ndarray, shapes: list[tuple]) -> list[np.ndarray]:
    out, start = [], 0
    for shape in shapes:
        n = int(np.prod(shape))
        out.append(flat[start:start + n].reshape(shape))
        start += n
    return out


# ----------------------------------------------------------------------------- the loss on the plane

def _penalty_weights(network: Network, settings: OptimizerSettings | None) -> list[bool]:
    """Per parameter array: whether the optimizer's L1/L2 apply to it."""
    flags = []
    for layer in network.dense:
        flags += [layer.train_weights, layer.train_bias and bool(settings and settings.regularize_bias)]
    return flags


def penalty(network: Network, params: list[np.ndarray], settings: OptimizerSettings | None) -> float:
    """``λ/2 Σw² + λ₁ Σ|w|`` over the regularised parameters (0 without settings)."""
    if settings is None or not (settings.weight_decay or settings.l1):
        return 0.0
    total = 0.0
    for p, on in zip(params, _penalty_weights(network, settings)):
        if on:
            total += 0.5 * settings.weight_decay * float(np.sum(p * p)) + settings.l1 * float(np.sum(np.abs(p)))
    return total


def objective(network: Network, loss: Loss, x: np.ndarray, y: np.ndarray, params: list[np.ndarray],
              settings: OptimizerSettings | None = None) -> float:
    """The objective at ``params`` computed directly (one ordinary forward pass): the oracle of
    :func:`loss_slice`. ``network``'s parameters are left as they were."""
    saved = network.get_parameters()
    try:
        network.set_parameters(params)
        return loss.value(network.predict(x), y) + penalty(network, params, settings)
    finally:
        network.set_parameters(saved)


def _grid_penalty(network, dirs: Directions, da: np.ndarray, db: np.ndarray, settings) -> np.ndarray:
    if settings is None or not (settings.weight_decay or settings.l1):
        return np.zeros(len(da))
    out = np.zeros(len(da))
    for c, u, v, on in zip(dirs.centre, dirs.first, dirs.second, _penalty_weights(network, settings)):
        if not on:
            continue
        c, u, v = c.ravel(), u.ravel(), v.ravel()
        if settings.weight_decay:  # Σ(c + a·u + b·v)² expanded: no (grid, parameters) array
            out += 0.5 * settings.weight_decay * (c @ c + 2 * da * (c @ u) + 2 * db * (c @ v)
                                                  + da * da * (u @ u) + 2 * da * db * (u @ v) + db * db * (v @ v))
        if settings.l1:
            for start in range(0, len(da), 256):
                s = slice(start, start + 256)
                out[s] += settings.l1 * np.abs(c + da[s, None] * u + db[s, None] * v).sum(axis=1)
    return out


def _chunk_losses(network: Network, loss: Loss, x: np.ndarray, y: np.ndarray, dirs: Directions,
                  da: np.ndarray, db: np.ndarray) -> np.ndarray:
    """The mean loss at the G plane offsets (da, db): activations are (G, m, units)."""
    g = len(da)
    ca, cb = da[:, None, None], db[:, None, None]
    acts: dict[int, np.ndarray] = {}
    for source in network.inputs:
        acts[source.index] = x[:, source.columns] if len(network.inputs) > 1 else x
    for k, layer in enumerate(network.dense):
        W0, b0 = dirs.centre[2 * k], dirs.centre[2 * k + 1]
        W1, b1 = dirs.first[2 * k], dirs.first[2 * k + 1]
        W2, b2 = dirs.second[2 * k], dirs.second[2 * k + 1]
        sources = [acts[s] for s in layer.sources]
        if all(s.ndim == 2 for s in sources):  # fed by the data only: z is affine in (a, b)
            x_in = sources[0] if len(sources) == 1 else np.concatenate(sources, axis=1)
            z = (x_in @ W0.T + b0)[None] + ca * (x_in @ W1.T + b1)[None] + cb * (x_in @ W2.T + b2)[None]
        else:
            parts = [np.broadcast_to(s, (g,) + s.shape) if s.ndim == 2 else s for s in sources]
            x_in = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=2)
            # W(a, b)·x = W₀·x + a·(W₁·x) + b·(W₂·x): three large products, not G small ones
            flat = x_in.reshape(-1, x_in.shape[2])
            z = (flat @ W0.T).reshape(g, -1, layer.units)
            z += (b0[None] + da[:, None] * b1[None] + db[:, None] * b2[None])[:, None, :]
            for coefficient, W in ((ca, W1), (cb, W2)):
                if W.any():
                    z += coefficient * (flat @ W.T).reshape(z.shape)
        acts[layer.index] = layer.activation.f(z.reshape(-1, layer.units)).reshape(z.shape)
    y_hat = acts[network.output_index]
    m, outputs = y.shape
    per = loss.per_sample(y_hat.reshape(-1, outputs), np.broadcast_to(y, (g, m, outputs)).reshape(-1, outputs))
    return per.reshape(g, m).mean(axis=1)


def loss_slice(network: Network, loss: Loss, x: np.ndarray, y: np.ndarray, dirs: Directions,
               a_values: np.ndarray, b_values: np.ndarray, settings: OptimizerSettings | None = None,
               cancelled: Callable[[], bool] | None = None) -> np.ndarray:
    """The objective over the grid ``a_values`` × ``b_values`` (plane coordinates).

    Returns
    -------
    ndarray, shape (len(b_values), len(a_values))
        Row ``j``, column ``i`` is the loss at ``(a_values[i], b_values[j])``. ``cancelled()`` is
        asked between chunks; when it answers True, :class:`Cancelled` is raised.
    """
    a_values, b_values = np.asarray(a_values, dtype=float), np.asarray(b_values, dtype=float)
    if max(len(a_values), len(b_values)) > MAX_RESOLUTION:
        raise ValueError(f"a slice has at most {MAX_RESOLUTION} points a side")
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    aa, bb = np.meshgrid(a_values - dirs.origin[0], b_values - dirs.origin[1])
    da, db = aa.ravel(), bb.ravel()
    widest = max(layer.units for layer in network.dense)  # activations are (chunk, m, units)
    chunk = max(1, CHUNK_VALUES // max(1, len(x) * widest))
    out = np.empty(len(da))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for start in range(0, len(da), chunk):
            if cancelled is not None and cancelled():
                raise Cancelled()
            s = slice(start, start + chunk)
            out[s] = _chunk_losses(network, loss, x, y, dirs, da[s], db[s])
        out += _grid_penalty(network, dirs, da, db, settings)
    return out.reshape(aa.shape)


def sample_subset(n: int, network: Network, points: int, budget: float = 1e8) -> np.ndarray:
    """Indices of the samples a slice of ``points`` grid points evaluates: all of them when the
    multiply-adds (about points × samples × the weights of layers fed by other layers; a layer
    fed by the data costs its units) stay within ``budget``, else evenly spaced ones (at least 32)."""
    per_point = sum(4 * layer.units if all(s in {i.index for i in network.inputs} for s in layer.sources)
                    else layer.W.size + layer.units for layer in network.dense)
    m = int(min(n, max(32, budget // (points * max(1, per_point)))))
    if m >= n:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, m).round().astype(int))


# ----------------------------------------------------------------------------- paths on the plane

def project(dirs: Directions, params: list[list[np.ndarray]] | np.ndarray) -> np.ndarray:
    """Plane coordinates (n, 2) of parameter vectors: each one's least-squares nearest point on the
    plane. ``params`` is a list of parameter lists, or an (n, parameters) array of flat vectors."""
    flat = np.asarray(params, dtype=float) if isinstance(params, np.ndarray) else \
        np.array([_flat(p) for p in params]).reshape(len(params), -1)
    if len(flat) == 0:
        return np.zeros((0, 2))
    basis = np.stack([_flat(dirs.first), _flat(dirs.second)], axis=1)  # (parameters, 2)
    offsets = flat - _flat(dirs.centre)[None]
    coords = offsets @ np.linalg.pinv(basis).T
    return coords + np.asarray(dirs.origin)[None]


def window(dirs: Directions, paths: list[np.ndarray], minimum: float = 1.0,
           margin: float = 0.12) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (a range, b range) of the plane to show: the centre ± ``minimum`` (in the units of the
    axes) widened to hold every projected path with a ``margin``."""
    a0, b0 = dirs.origin
    lo, hi = np.array([a0 - minimum, b0 - minimum]), np.array([a0 + minimum, b0 + minimum])
    points = [p for p in paths if len(p)]
    if points:
        every = np.concatenate(points)
        every = every[np.isfinite(every).all(axis=1)]
        if len(every):
            lo, hi = np.minimum(lo, every.min(axis=0)), np.maximum(hi, every.max(axis=0))
    pad = margin * (hi - lo)
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0])), (float(lo[1] - pad[1]), float(hi[1] + pad[1]))
