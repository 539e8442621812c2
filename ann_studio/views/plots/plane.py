"""The input plane of a two-input problem: its bounds, a grid mapped through the engineered
features, and the data points in raw (x₁, x₂) coordinates."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from ...core.datasets import apply_features, class_labels
from ...core.datasets.section import dataset_from_section
from . import style
from .point_cloud import bounds


@dataclass
class Plane:
    """``bounds`` (x0, x1, y0, y1); ``grid_inputs`` (n², n_inputs) the network inputs of the grid
    points, row-major with y along rows; ``train``/``test`` are ((N, 2) raw points, (N,) class)."""

    bounds: tuple[float, float, float, float]
    grid_inputs: np.ndarray
    train: tuple[np.ndarray, np.ndarray]
    test: tuple[np.ndarray, np.ndarray]
    n_classes: int
    target_levels: tuple[float, float]


def raw_dataset(project, dataset):
    """The dataset in raw (x₁, x₂) coordinates and its feature list (None when not engineered)."""
    section = project.data
    features = section.get("features") if isinstance(section, dict) else None
    if features:
        plain = copy.deepcopy(section)
        plain.pop("features")
        return dataset_from_section(plain, project.base_dir), list(features)
    return dataset, None


def plane_for(project, dataset, resolution: int) -> Plane | None:
    """The plane of ``dataset``, or None when its raw inputs are not two-dimensional."""
    if dataset is None:
        return None
    try:
        raw, features = raw_dataset(project, dataset)
    except Exception:  # noqa: BLE001 - the session already reported bad data
        return None
    if raw.input_size != 2:
        return None
    lo, hi = bounds(raw.train_inputs, raw.test_inputs)
    span = np.maximum(hi - lo, 1e-6)
    lo, hi = lo - 0.1 * span, hi + 0.1 * span
    # the image spans [lo, hi]; each pixel shows the output at its centre
    step = (hi - lo) / resolution
    cells = np.column_stack([np.tile(np.arange(resolution), resolution),
                             np.repeat(np.arange(resolution), resolution)])
    grid = lo + step * (cells + 0.5)
    inputs = apply_features(grid, features) if features else grid
    classes = raw.n_classes

    def labels(targets):
        return class_labels(targets) if classes else np.zeros(len(targets), dtype=int)

    t_lo, t_hi = 0.0, 1.0
    if not classes:
        low, high = bounds(raw.train_targets, raw.test_targets)
        t_lo, t_hi = float(low.min()), float(high.max())
    if t_hi <= t_lo:
        t_hi = t_lo + 1.0
    return Plane((float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])), np.ascontiguousarray(inputs, dtype=np.float32),
                 (raw.train_inputs, labels(raw.train_targets)), (raw.test_inputs, labels(raw.test_targets)),
                 classes, (t_lo, t_hi))


_PALETTE_RGB = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in style.PALETTE], dtype=float)


#: shades per class in :func:`class_shades` (10 palette colours × 25 shades ≤ 256 entries)
SHADES = 25
#: the colour table of :func:`class_shades`: entry c·SHADES + l is palette colour c at strength
#: l / (SHADES − 1) · 0.85, faded toward white
CLASS_TABLE = (255.0 + (_PALETTE_RGB[:, None, :] - 255.0)
               * (np.linspace(0.0, 0.85, SHADES)[None, :, None])).reshape(-1, 3).round().astype(np.uint8)


def class_shades(out: np.ndarray, discrete: bool) -> np.ndarray:
    """(m,) uint8 indices into :data:`CLASS_TABLE`: the arg-max class's colour, faded toward white
    when the network is unsure (Qt maps the colours; no (m, 3) array is built).

    Parameters
    ----------
    out : ndarray, shape (m, k)
        The network's outputs, one column per class.
    discrete : bool
        Use one fixed strength for every point (only the predicted class shows).
    """
    k = out.shape[1]
    winner = np.argmax(out, axis=1)
    if discrete:
        level = np.full(len(out), round(0.75 / 0.85 * (SHADES - 1)))
    else:
        top = out[np.arange(len(out)), winner]
        share = top / np.maximum(out.sum(axis=1), 1e-12) if np.all(out >= 0) else top
        strength = np.clip((share - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)
        level = np.rint(strength * (SHADES - 1))
    return ((winner % len(_PALETTE_RGB)) * SHADES + level).astype(np.uint8)


def show_output(image, plane: Plane, out: np.ndarray, shape: tuple[int, int], discrete: bool = False) -> None:
    """Show the network's output ``out`` (m, k) over the plane on ``image`` (a RasterImage of
    ``shape``): class colours faded by certainty, a two-class sigmoid through the class map, or a
    regression's value through the diverging map."""
    if plane.n_classes and out.shape[1] > 1:
        image.set_indexed(class_shades(out, discrete).reshape(shape), CLASS_TABLE)
        return
    values = out[:, 0].reshape(shape)
    if plane.n_classes:
        values = (values > 0.5).astype(np.float32) if discrete else values
        image.set_values(values, (0.0, 1.0), style.TWO_CLASS_LUT)
    else:
        image.set_values(values, plane.target_levels, style.DIVERGING_LUT)
