"""The activations panel (``activations_panel``): each unit's activation for the current sample
(bars, a block per layer) and each layer's distribution of activations over a batch (histograms).

The batch is the first samples of the training set (up to :data:`PROBE_SIZE`), run forward
with the current weights. Units that are saturated (sigmoid/tanh with f′(z) below
:data:`SATURATION` of its maximum on most of the batch) or dead (ReLU output 0 on the whole batch)
are drawn in red and counted in the title.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt

from ...core.network import Pass
from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button
from .fast_items import BarsItem, PathCurve, add_curve

PROBE_SIZE = 256
#: a unit is saturated when f′(z) < SATURATION · max f′ on more than SATURATED_SHARE of the batch
SATURATION = 0.05
SATURATED_SHARE = 0.9
BINS = 30
_MAX_DERIVATIVE = {"sigmoid": 0.25, "tanh": 1.0}
#: the output range of bounded activations (fixed histogram bins)
_RANGE = {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}


def flagged_units(activation: str, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """(units,) bool: saturated sigmoid/tanh units or dead ReLUs over the batch ``z``, ``a`` (m, units)."""
    if activation in _MAX_DERIVATIVE:
        d = a * (1 - a) if activation == "sigmoid" else 1 - a * a
        return np.mean(d < SATURATION * _MAX_DERIVATIVE[activation], axis=0) > SATURATED_SHARE
    if activation == "relu":
        return np.all(a <= 0, axis=0)
    return np.zeros(a.shape[1], dtype=bool)


def current_sample(trainer, k: int) -> np.ndarray | None:
    """(units,) layer ``k``'s activations for the current sample (the first of the current batch)."""
    a = trainer.pass_.a[k]
    return None if a is None else a[0]


#: the gap between two layers' bars, in bar widths
LAYER_GAP = 1.5


class ActivationsPanel(LivePanel):
    """Two plots, whatever the depth: every layer's activations for the current sample as bars
    side by side (a block per layer, flagged units red), and each layer's distribution over the
    probe batch as overlaid histograms. Two plots stay readable in a short dock, where a pair per
    layer did not, and cost a third of the repaint."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.bars: dict[int, BarsItem] = {}
        self.hists: dict[int, PathCurve] = {}
        self.flags: dict[int, np.ndarray] = {}
        self._offsets: dict[int, float] = {}
        self._titles: dict[str, str] = {}
        self._flag_brush = style.brush(style.FLAG)
        self._bounded = True
        self.tools.addStretch(1)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene()))
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)
        self.bar_plot = self.layout_widget.addPlot(row=0, col=0)
        style.style_plot(self.bar_plot, self.tr("Current sample"), "", self.tr("activation"))
        self.bar_plot.disableAutoRange()
        self.hist_plot = self.layout_widget.addPlot(row=0, col=1)
        style.style_plot(self.hist_plot, self.tr("Over the batch"), self.tr("activation"), self.tr("count"))
        self.hist_legend = style.add_legend(self.hist_plot)
        self.hist_plot.disableAutoRange()
        self.layout_widget.ci.layout.setColumnStretchFactor(0, 3)
        self.layout_widget.ci.layout.setColumnStretchFactor(1, 2)

    def rebuild(self, trainer) -> None:
        for item in [*self.bars.values()]:
            self.bar_plot.removeItem(item)
        for item in [*self.hists.values()]:
            self.hist_plot.removeItem(item)
        self.hist_legend.clear()
        self.bars.clear(), self.hists.clear(), self.flags.clear(), self._offsets.clear(), self._titles.clear()
        if trainer is None:
            return
        offset, ticks = 0.0, []
        bounded = True
        for n, layer in enumerate(trainer.network.dense):
            x = offset + np.arange(layer.units)
            bars = BarsItem(style.brush(n), self._flag_brush)
            bars.set_bars(x, np.zeros(layer.units))
            self.bar_plot.addItem(bars)
            ticks.append((offset + (layer.units - 1) / 2, layer.id))
            self._offsets[layer.index] = offset
            offset += layer.units + LAYER_GAP
            hist = add_curve(self.hist_plot, PathCurve(style.pen(n), layer.id, brush=style.brush(n, 50)))
            self.bars[layer.index], self.hists[layer.index] = bars, hist
            bounded &= layer.activation.name in _RANGE
        self.bar_plot.getAxis("bottom").setTicks([ticks, []])
        self.bar_plot.setXRange(-0.6, offset - LAYER_GAP - 0.4, padding=0)
        low = -1.0 if any(layer.activation.name == "tanh" for layer in trainer.network.dense) else 0.0
        self.bar_plot.setYRange(low, 1.0, padding=0.05)
        self._bounded = bounded
        style.set_title(self.hist_plot, self.tr("Over %1 samples").replace("%1", str(min(PROBE_SIZE, trainer.n_samples))))

    def refresh(self, trainer) -> None:
        net = trainer.network
        probe = Pass(len(net.layers))
        net.run_forward(probe, trainer.x[:PROBE_SIZE])
        flagged, heights, counts_top = [], [], 0
        layers = [layer for layer in net.dense if layer.index in self.bars]
        edges = self._bins(layers, probe)
        for layer in layers:
            k = layer.index
            a = probe.a[k]
            sample = current_sample(trainer, k)
            sample = a[0] if sample is None else sample
            flags = flagged_units(layer.activation.name, probe.z[k], a)
            self.bars[k].set_bars(self._offsets[k] + np.arange(layer.units), sample, flags)
            self.flags[k] = flags
            heights.append(sample)
            counts, _ = np.histogram(a, bins=edges)
            self.hists[k].set_steps(edges, counts, fill=True)
            counts_top = max(counts_top, int(counts.max()))
            if flags.any():
                what = self.tr("dead") if layer.activation.name == "relu" else self.tr("saturated")
                flagged.append(self.tr("%1: %2 of %3 %4").replace("%1", layer.id).replace(
                    "%2", str(int(flags.sum()))).replace("%3", str(layer.units)).replace("%4", what))
        if not layers:
            return
        if not self._bounded:
            values = np.concatenate(heights)
            style.grow_range(self.bar_plot, None, min(0.0, float(values.min())), float(values.max()))
        (x0, x1), (_y0, y1) = self.hist_plot.viewRange()
        if edges[0] < x0 or edges[-1] > x1 or edges[-1] - edges[0] < 0.5 * (x1 - x0):
            self.hist_plot.setXRange(edges[0], edges[-1], padding=0.02)
        if counts_top > y1 or counts_top < 0.3 * y1:
            self.hist_plot.setYRange(0, style.nice_ceiling(counts_top * 1.05), padding=0)
        title = self.tr("Current sample") + ("" if not flagged else " — " + ", ".join(flagged))
        if self._titles.get("bars") != title:  # setTitle re-lays out HTML text: only on change
            self._titles["bars"] = title
            style.set_title(self.bar_plot, title, color=style.FLAG if flagged else style.FOREGROUND)

    def _bins(self, layers, probe) -> np.ndarray:
        """Shared histogram bin edges: fixed over the union of the bounded activations' ranges (the
        axis never moves), else over the data."""
        ranges = [_RANGE.get(layer.activation.name) for layer in layers]
        if ranges and all(r is not None for r in ranges):
            return np.linspace(min(r[0] for r in ranges), max(r[1] for r in ranges), BINS + 1)
        values = np.concatenate([probe.a[layer.index].ravel() for layer in layers]) if layers else np.zeros(1)
        lo, hi = float(values.min()), float(values.max())
        return np.linspace(lo, hi if hi > lo else lo + 1.0, BINS + 1)


def _title() -> str:
    return QCoreApplication.translate("plots", "Activations")


PANELS = [PanelSpec("activations_panel", _title, ActivationsPanel, Qt.DockWidgetArea.BottomDockWidgetArea,
                    tab_with="loss_plot")]
