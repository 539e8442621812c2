"""Drawing a computed loss landscape: colours and relief shading of the slice, contour lines, paths.

Qt-free helpers of :mod:`.landscape_plot` (tested against the core's numbers).
"""

from __future__ import annotations

import numpy as np

from .style import LANDSCAPE_LUT


def heights(values: np.ndarray) -> np.ndarray:
    """What the colours show: log₁₀ of the loss when it is positive everywhere (a valley and its
    walls differ by orders of magnitude), else the loss; non-finite points as the highest."""
    finite = np.isfinite(values)
    out = np.array(values, dtype=float)
    if finite.any() and np.all(out[finite] > 0):
        out[finite] = np.log10(out[finite])
    top = out[finite].max() if finite.any() else 0.0
    out[~finite] = top
    return out


def levels_of(h: np.ndarray) -> tuple[float, float]:
    lo, hi = float(np.min(h)), float(np.max(h))
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def colour_index(h: np.ndarray, levels: tuple[float, float], lut: np.ndarray = LANDSCAPE_LUT) -> np.ndarray:
    """The lookup-table index of each height (as :class:`RasterImage.set_values` maps them)."""
    low, high = levels
    scale = (len(lut) - 1) / max(high - low, 1e-300)
    return np.clip(np.nan_to_num((h.astype(np.float32) - low) * scale), 0, len(lut) - 1).astype(np.uint8)


def hill_shade(h: np.ndarray, azimuth: float = 315.0, altitude: float = 40.0) -> np.ndarray:
    """Lambert shading (0..1) of the height field ``h`` (rows = y) lit from ``azimuth`` degrees
    (clockwise from up) at ``altitude`` above the horizon, heights scaled to the grid's size so the
    relief reads the same for any loss range."""
    span = float(np.ptp(h)) or 1.0
    z = h * (0.35 * max(h.shape) / span)
    dz_dy, dz_dx = np.gradient(z)
    az, alt = np.radians(azimuth), np.radians(altitude)
    light = np.array([np.sin(az) * np.cos(alt), np.cos(az) * np.cos(alt), np.sin(alt)])
    normal = np.stack([-dz_dx, -dz_dy, np.ones_like(z)], axis=-1)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    return np.clip(normal @ light, 0.0, 1.0)


def shaded_rgb(h: np.ndarray, levels: tuple[float, float], lut: np.ndarray = LANDSCAPE_LUT) -> np.ndarray:
    """(rows, columns, 3) uint8: the colour of each height darkened by its relief shading."""
    colours = lut[colour_index(h, levels, lut)][..., :3].astype(float)
    shade = 0.45 + 0.55 * hill_shade(h)
    return np.clip(colours * shade[..., None], 0, 255).astype(np.uint8)


def segment_arrays(segments: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y and the connect array of line segments (n, 2, 2) for ``pg.arrayToQPath``."""
    x = segments[:, :, 0].ravel()
    y = segments[:, :, 1].ravel()
    connect = np.zeros(len(x), dtype=np.int32)
    connect[0::2] = 1
    return x, y, connect
