"""Shared look of the plots: light background, readable fonts, 1-px cosmetic pens, colour maps.

Colour choices: a qualitative palette for classes and layers (Tableau 10), a diverging
blue–white–red map for signed numbers such as weights (zero is white), and for a two-class output
(one sigmoid unit) a map from class 0's palette colour through grey to class 1's, so the plane
under a point has the point's colour when the network classifies it right.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem, QSizePolicy

from ..plain_text import escape

#: Tableau 10: classes, layers, runs
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
BACKGROUND = "w"
FOREGROUND = "#333333"
FLAG = "#d62728"
TICK_FONT_PT = 8
LABEL_FONT_PT = 9


def color(i: int) -> QColor:
    """The ``i``-th palette colour (wrapping)."""
    return QColor(PALETTE[i % len(PALETTE)])


def pen(i_or_color, width: int = 1, alpha: int = 255, style=None):
    """A 1-px cosmetic pen of a palette index or colour; ``alpha`` < 255 gives the colour as it
    looks over the white background, opaque (blending every segment of a long noisy line cost
    milliseconds a frame)."""
    c = color(i_or_color) if isinstance(i_or_color, int) else QColor(i_or_color)
    if alpha < 255:
        a = alpha / 255
        c = QColor(*(round(255 + (v - 255) * a) for v in (c.red(), c.green(), c.blue())))
    p = pg.mkPen(c, width=width)
    p.setCosmetic(True)
    if style is not None:
        p.setStyle(style)
    return p


def brush(i_or_color, alpha: int = 255):
    c = color(i_or_color) if isinstance(i_or_color, int) else QColor(i_or_color)
    c.setAlpha(alpha)
    return pg.mkBrush(c)


def style_plot(plot: pg.PlotItem, title: str = "", x_label: str = "", y_label: str = "") -> pg.PlotItem:
    """Give ``plot`` the house look: title, axis labels, readable tick fonts, no auto-range menu noise."""
    tick_font = QFont()
    tick_font.setPointSize(TICK_FONT_PT)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(FOREGROUND))
        axis.setTextPen(pg.mkPen(FOREGROUND))
        axis.setTickFont(tick_font)
        axis.enableAutoSIPrefix(False)
        # ticks point outward: an axis whose ticks reach into the data area is repainted with
        # every curve that changes there (~25 axis repaints a frame with every panel shown)
        axis.setStyle(tickLength=5)
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.getAxis("left").setWidth(48)
    if title:
        set_title(plot, title)
    label_style = {"color": FOREGROUND, "font-size": f"{LABEL_FONT_PT}pt"}
    if x_label:
        plot.setLabel("bottom", escape(x_label), **label_style)
    if y_label:
        plot.setLabel("left", escape(y_label), **label_style)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    return plot


def set_title(plot: pg.PlotItem, title: str, color: str = FOREGROUND) -> None:
    """Set ``plot``'s title to the plain text ``title`` (pyqtgraph reads titles as HTML: a layer id
    like ``<img src=…>`` is escaped, never drawn as markup)."""
    plot.setTitle(escape(title), color=color, size=f"{LABEL_FONT_PT + 1}pt")


def add_legend(plot: pg.PlotItem) -> pg.LegendItem:
    """A legend in the house font, in a column to the *right* of the data area (the hidden right
    axis's cell), so it never hides a curve -- a legend inside the view sat on the loss, gradient
    and activation curves -- and costs width, not height (the plots live in wide, short docks).
    It is ``plot.legend``: named curves join it."""
    legend = pg.LegendItem(labelTextSize=f"{TICK_FONT_PT}pt", labelTextColor=FOREGROUND,
                           colCount=1, verSpacing=-10)
    plot.layout.removeItem(plot.getAxis("right"))  # never shown: its cell holds the legend
    legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # rows stay together
    plot.layout.addItem(legend, 2, 2)
    plot.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop)
    plot.legend = legend
    return legend


def graphics_layout() -> pg.GraphicsLayoutWidget:
    """A white GraphicsLayoutWidget (raster, no OpenGL)."""
    widget = pg.GraphicsLayoutWidget()
    widget.setBackground(BACKGROUND)
    return widget


def fix_label_size(label, template: str) -> None:
    """Give a read-out ``label`` whose text changes every frame a fixed size that fits
    ``template``: a label that may resize re-lays out the whole window on every ``setText``
    (~1 ms a frame, measured); a fixed-size one only repaints itself."""
    metrics = label.fontMetrics()
    label.setFixedSize(metrics.horizontalAdvance(template) + 8, label.sizeHint().height())


def _lut(stops: list[tuple[float, str]]) -> np.ndarray:
    cmap = pg.ColorMap([p for p, _ in stops], [QColor(c) for _, c in stops])
    return cmap.getLookupTable(0.0, 1.0, 256, alpha=False)


#: the ends of the diverging map: negative blue, positive red
DIVERGING_COLORS = ("#2166ac", "#b2182b")
#: diverging map for signed values: negative blue, zero white, positive red
DIVERGING_LUT = _lut([(0.0, "#2166ac"), (0.25, "#67a9cf"), (0.5, "#f7f7f7"), (0.75, "#ef8a62"), (1.0, "#b2182b")])
#: two-class outputs and hidden units: 0 (class 0) in class 0's colour, 0.5 light grey, 1 (class 1)
#: in class 1's colour -- the colours of the data points (``PALETTE[0]``, ``PALETTE[1]``)
TWO_CLASS_LUT = _lut([(0.0, PALETTE[0]), (0.5, "#e8eaeb"), (1.0, PALETTE[1])])
#: sequential map for counts and magnitudes
SEQUENTIAL_LUT = _lut([(0.0, "#f7fbff"), (0.5, "#6baed6"), (1.0, "#08306b")])
#: the loss landscape: low loss light, high loss dark grey-brown, so the runs' coloured paths stand out
LANDSCAPE_LUT = _lut([(0.0, "#fbfaf5"), (0.35, "#dcd6c4"), (0.7, "#a89d86"), (1.0, "#5c5346")])
#: grey scale for image inputs (digits): 0 white, 1 black
GREY_LUT = _lut([(0.0, "#ffffff"), (1.0, "#000000")])


def nice_ceiling(m: float) -> float:
    """The next value above ``m`` on a 1-1.25-1.6-2-2.5-3.2-4-5-6.3-8 (×10ⁿ) ladder: colour scales
    and ranges stay put while the data moves a little, so axes are not redrawn every frame."""
    if not np.isfinite(m) or m <= 0:
        return 1.0
    return float(10 ** (np.ceil(np.log10(m) * 10 - 1e-9) / 10))


def step_ceiling(n: float, floor: float = 10.0) -> float:
    """The value at or above ``n`` (at least ``floor``) on a 1-1.6-2.5-4-6.3 (×10ᵏ) ladder: a step
    axis that grows to it is redrawn about five times per decade of the run (a new axis costs
    ~1.5 ms a frame to lay out) and the data still fills more than half of it."""
    if not np.isfinite(n) or n <= floor:
        return floor
    return float(10 ** (np.ceil(np.log10(n) * 5 - 1e-9) / 5))


def symmetric_levels(values: np.ndarray) -> tuple[float, float]:
    """Levels centred on zero (so zero maps to the middle of a diverging map), rounded up to
    :func:`nice_ceiling`."""
    m = nice_ceiling(float(np.max(np.abs(values))) if values.size else 1.0)
    return -m, m


def grow_range(plot: pg.PlotItem, x_max: float | None = None, y_lo: float | None = None,
               y_hi: float | None = None, headroom: float = 1.1) -> None:
    """Widen the view when the data leaves it (never auto-range every frame)."""
    (x0, x1), (y0, y1) = plot.viewRange()
    if x_max is not None and (x_max > x1 or x_max < x1 / 4):
        plot.setXRange(0, step_ceiling(headroom * x_max), padding=0)
    if y_lo is not None and y_hi is not None and np.isfinite(y_lo) and np.isfinite(y_hi):
        if y_lo < y0 or y_hi > y1 or (y_hi - y_lo) < 0.25 * (y1 - y0):
            pad = 0.25 * max(y_hi - y_lo, 1e-12)  # room to grow: fewer axis redraws
            plot.setYRange(y_lo - pad, y_hi + pad, padding=0)


def colorbar(lut: np.ndarray, levels: tuple[float, float], label: str = "") -> pg.ColorBarItem:
    """A non-interactive colour bar showing ``levels`` with ``lut``."""
    cmap = pg.ColorMap(np.linspace(0, 1, len(lut)), lut)
    bar = pg.ColorBarItem(values=levels, colorMap=cmap, interactive=False, width=12, label=label)
    return bar


def cell_ticks(axis: pg.AxisItem, n: int, max_labels: int = 12) -> None:
    """Integer labels at the centres of ``n`` heatmap cells (every k-th when there are many)."""
    every = max(1, -(-n // max_labels))
    axis.setTicks([[(k + 0.5, str(k)) for k in range(0, n, every)], []])
