"""The activations panel (``activations_panel``): per layer, each unit's activation for the
current sample (bars) and the distribution of the activations over a batch (histogram).

The batch is the first samples of the training set (up to :data:`PROBE_SIZE`), run forward
with the current weights. Units that are saturated (sigmoid/tanh with f′(z) below
:data:`SATURATION` of its maximum on most of the batch) or dead (ReLU output 0 on the whole batch)
are drawn in red and counted in each layer's title.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from ...core.network import Pass
from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button

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


class ActivationsPanel(LivePanel):
    """Bars of the current sample's activations and a histogram over the batch, per layer."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.bars: dict[int, pg.BarGraphItem] = {}
        self.hists: dict[int, pg.PlotDataItem] = {}
        self.bar_plots: dict[int, pg.PlotItem] = {}
        self.flags: dict[int, np.ndarray] = {}
        self._titles: dict[int, str] = {}
        self._brush, self._flag_brush = style.brush(0), style.brush(style.FLAG)
        self.tools.addStretch(1)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene()))
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)

    def rebuild(self, trainer) -> None:
        self.layout_widget.clear()
        self.bars.clear(), self.hists.clear(), self.bar_plots.clear(), self.flags.clear(), self._titles.clear()
        if trainer is None:
            return
        for row, layer in enumerate(trainer.network.dense):
            plot = self.layout_widget.addPlot(row=row, col=0)
            style.style_plot(plot, layer.id, self.tr("unit"), self.tr("activation"))
            bars = pg.BarGraphItem(x=np.arange(layer.units), height=np.zeros(layer.units), width=0.8,
                                   brush=style.brush(0), pen=None)
            plot.addItem(bars)
            plot.setXRange(-0.6, layer.units - 0.4, padding=0)
            plot.disableAutoRange()
            if layer.activation.name in ("sigmoid", "softmax"):
                plot.setYRange(0, 1, padding=0.05)
            elif layer.activation.name == "tanh":
                plot.setYRange(-1, 1, padding=0.05)
            hist_plot = self.layout_widget.addPlot(row=row, col=1)
            style.style_plot(hist_plot, self.tr("%1 over %2 samples").replace("%1", layer.id).replace(
                "%2", str(min(PROBE_SIZE, trainer.n_samples))), self.tr("activation"), self.tr("count"))
            hist_plot.disableAutoRange()
            hist = hist_plot.plot(stepMode="center", fillLevel=0, brush=style.brush(0, 120), pen=style.pen(0))
            self.bars[layer.index], self.hists[layer.index], self.bar_plots[layer.index] = bars, hist, plot
        self.layout_widget.ci.layout.setColumnStretchFactor(0, 3)
        self.layout_widget.ci.layout.setColumnStretchFactor(1, 2)

    def refresh(self, trainer) -> None:
        net = trainer.network
        probe = Pass(len(net.layers))
        net.run_forward(probe, trainer.x[:PROBE_SIZE])
        for layer in net.dense:
            k = layer.index
            if k not in self.bars:
                continue
            a = probe.a[k]
            sample = current_sample(trainer, k)
            sample = a[0] if sample is None else sample
            flags = flagged_units(layer.activation.name, probe.z[k], a)
            if k in self.flags and np.array_equal(flags, self.flags[k]):
                self.bars[k].setOpts(height=sample)
            else:
                brushes = [self._flag_brush if f else self._brush for f in flags]
                self.bars[k].setOpts(height=sample, brushes=brushes)
            self.flags[k] = flags
            # a bounded activation gets fixed bins over its whole range: the axis never changes
            # (a new axis costs ~1.5 ms to lay out) and the histograms compare across frames
            bounds = _RANGE.get(layer.activation.name)
            counts, edges = np.histogram(a, bins=BINS, range=bounds)
            self.hists[k].setData(edges, counts)
            hist_plot = self.hists[k].getViewBox()
            (x0, x1), (_y0, y1) = hist_plot.viewRange()
            if edges[0] < x0 or edges[-1] > x1 or edges[-1] - edges[0] < 0.5 * (x1 - x0):
                hist_plot.setXRange(edges[0], edges[-1], padding=0.02)
            if counts.max() > y1 or counts.max() < 0.3 * y1:
                hist_plot.setYRange(0, style.nice_ceiling(counts.max() * 1.05), padding=0)
            if layer.activation.name not in ("sigmoid", "softmax", "tanh"):
                style.grow_range(self.bar_plots[k], None, min(0.0, float(sample.min())), float(sample.max()))
            title = layer.id
            if flags.any():
                what = self.tr("dead") if layer.activation.name == "relu" else self.tr("saturated")
                title += self.tr(" — %1 of %2 units %3").replace("%1", str(int(flags.sum()))).replace(
                    "%2", str(layer.units)).replace("%3", what)
            if self._titles.get(k) != title:  # setTitle re-lays out HTML text: only on change
                self._titles[k] = title
                self.bar_plots[k].setTitle(title, color=style.FLAG if flags.any() else style.FOREGROUND)


def _title() -> str:
    return QCoreApplication.translate("plots", "Activations")


PANELS = [PanelSpec("activations_panel", _title, ActivationsPanel, Qt.DockWidgetArea.BottomDockWidgetArea,
                    tab_with="loss_plot")]
