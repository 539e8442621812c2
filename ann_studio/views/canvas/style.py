"""Colours, sizes and colour maps of the canvas (one place, so the look stays consistent)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

BACKGROUND = QColor("#f6f7f9")
GRID_MINOR = QColor("#eceef2")
GRID_MAJOR = QColor("#dfe2e8")
GRID = 20  # snapping step and minor grid spacing (scene units)

NODE_WIDTH = 168.0
NODE_HEADER = 28.0
NODE_BODY = 58.0
NODE_RADIUS = 10.0
NEURON_NODE_WIDTH = 128.0
NEURON_RADIUS = 14.0
NEURON_SPACING = 34.0
MAX_NEURONS = 64  # layers with more units stay collapsed in neuron view
PORT_RADIUS = 6.5

BODY = QColor("#ffffff")
BORDER = QColor("#c3c9d4")
TEXT = QColor("#2b2f36")
MUTED = QColor("#6b7280")
SELECTED = QColor("#2563eb")
INVALID = QColor("#d93025")
#: a valid layer that cannot learn as meant (a softmax over one unit)
WARNING = QColor("#e37400")
VALID_TARGET = QColor("#16a34a")
EDGE = QColor("#8a94a6")
KIND_COLOURS = {"input": QColor("#3f9e6e"), "hidden": QColor("#4a74c9"), "output": QColor("#d9822b")}

POSITIVE = QColor("#2f6fd6")  # weights > 0 (TensorFlow Playground's blue)
NEGATIVE = QColor("#e8743b")  # weights < 0 (its orange)
NEUTRAL = QColor("#d5d9e0")


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Linear blend ``a → b`` with ``t`` in [0, 1]."""
    t = float(min(max(t, 0.0), 1.0))
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def diverging(value: float, scale: float, negative: QColor, positive: QColor) -> QColor:
    """White at 0, ``positive``/``negative`` at ±``scale``."""
    t = 0.0 if scale <= 0 else abs(value) / scale
    return mix(QColor("#ffffff"), positive if value >= 0 else negative, t)


#: (negative, positive) colours of each value mode
MODE_COLOURS = {
    "activation": (NEGATIVE, POSITIVE),
    "delta": (QColor("#2f6fd6"), QColor("#d62f3a")),  # blue − / red +
    "weight": (NEGATIVE, POSITIVE),
    "gradient": (QColor("#2f6fd6"), QColor("#d62f3a")),
    "change": (QColor("#d62f3a"), QColor("#1f9d55")),  # red: decreased, green: increased
}


def value_colours(values: np.ndarray, mode: str, activation: str = "") -> list[QColor]:
    """Fill colours for ``values`` (any shape, flattened). ``activation`` mode with a sigmoid
    goes light→dark over 0..1; every other case is diverging around 0, scaled by max |v|."""
    flat = np.nan_to_num(np.asarray(values, dtype=float).ravel())
    if mode == "activation" and activation == "sigmoid":
        dark = QColor("#1d3f8f")
        return [mix(QColor("#f4f7fd"), dark, v) for v in flat]
    scale = float(np.max(np.abs(flat))) if flat.size else 0.0
    if mode == "activation" and activation == "tanh":
        scale = 1.0
    neg, pos = MODE_COLOURS.get(mode, MODE_COLOURS["weight"])
    return [diverging(v, scale, neg, pos) for v in flat]


def text_colour_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    return QColor("#ffffff") if fill.lightnessF() < 0.55 else TEXT


def format_value(value: float) -> str:
    """Two decimals, a true minus sign; ``1.2e+03`` style for large magnitudes."""
    if not np.isfinite(value):
        return "nan"
    text = f"{value:.2f}" if abs(value) < 100 else f"{value:.1e}"
    return text.replace("-", "\u2212")
