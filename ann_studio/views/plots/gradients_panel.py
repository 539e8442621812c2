"""The gradients panel (``gradients_panel``): each layer's gradient norm ‖∂E/∂W‖ over time on a
log scale — the picture of vanishing and exploding gradients — and per-layer histograms of
log₁₀|∂E/∂W| for the last step.

The norms are sampled whenever the panel refreshes (at most ~33 times a second while training
plays), from the gradients of the most recent step.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt

from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button
from .fast_items import PathCurve, add_curve
from .history import peak_decimate

MAX_HISTORY = 5000
#: each norm curve is drawn from at most about this many points (min/max per bucket)
MAX_DRAWN = 1000
BINS = 40


def gradient_norms(trainer) -> dict[int, float] | None:
    """Frobenius norm of ∂E/∂W per dense layer index, or None before the first backward pass."""
    p = trainer.pass_
    norms = {}
    for layer in trainer.network.dense:
        g = p.grad_W[layer.index]
        if g is None:
            return None
        norms[layer.index] = float(np.linalg.norm(g))
    return norms


class GradientsPanel(LivePanel):
    """Gradient norms over the steps (log y) and histograms of log₁₀|∂E/∂W| per layer."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.steps: list[int] = []
        self.norms: dict[int, list[float]] = {}
        self.tools.addStretch(1)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene()))
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)
        self.norm_plot = self.layout_widget.addPlot(row=0, col=0)
        style.style_plot(self.norm_plot, self.tr("Gradient norm per layer"), self.tr("step"), "‖∂E/∂W‖")
        self.norm_plot.setLogMode(False, True)
        # no grid: an axis grid repaints with every curve update (~10 ms a frame, measured)
        self.norm_plot.disableAutoRange()
        self.hist_plot = self.layout_widget.addPlot(row=0, col=1)
        style.style_plot(self.hist_plot, self.tr("Gradients of the last step"), "log₁₀ |∂E/∂W|",
                         self.tr("count"))
        self.norm_legend = style.add_legend(self.norm_plot)
        self.hist_legend = style.add_legend(self.hist_plot)
        self.hist_plot.disableAutoRange()
        self.norm_curves, self.hist_curves = {}, {}

    def rebuild(self, trainer) -> None:
        for curve in list(self.norm_curves.values()):
            self.norm_plot.removeItem(curve)
        for curve in list(self.hist_curves.values()):
            self.hist_plot.removeItem(curve)
        self.norm_legend.clear(), self.hist_legend.clear()
        self.norm_curves, self.hist_curves = {}, {}
        self.steps, self.norms = [], {}
        if trainer is None:
            return
        for n, layer in enumerate(trainer.network.dense):
            norm_curve, hist_curve = PathCurve(style.pen(n), layer.id), PathCurve(style.pen(n), layer.id)
            norm_curve.setLogMode(False, True)
            add_curve(self.norm_plot, norm_curve)
            add_curve(self.hist_plot, hist_curve)
            self.norm_curves[layer.index], self.hist_curves[layer.index] = norm_curve, hist_curve
            self.norms[layer.index] = []

    def refresh(self, trainer) -> None:
        norms = gradient_norms(trainer)
        if norms is None:
            return
        if self.steps and trainer.step < self.steps[-1]:  # rewound: drop the future
            keep = int(np.searchsorted(self.steps, trainer.step, side="right"))
            del self.steps[keep:]
            for values in self.norms.values():
                del values[keep:]
        if not self.steps or trainer.step != self.steps[-1]:
            self.steps.append(trainer.step)
            for k, value in norms.items():
                self.norms[k].append(max(value, 1e-30))
            if len(self.steps) > MAX_HISTORY:
                del self.steps[:MAX_HISTORY // 2:2]
                for values in self.norms.values():
                    del values[:MAX_HISTORY // 2:2]
        x = np.asarray(self.steps, dtype=float)
        for k, curve in self.norm_curves.items():
            curve.setData(*peak_decimate(x, np.asarray(self.norms[k]), MAX_DRAWN))
        logs = np.log10(np.concatenate([np.asarray(v) for v in self.norms.values()]))
        style.grow_range(self.norm_plot, x[-1], np.floor(logs.min()), np.ceil(logs.max()))
        self._histograms(trainer)

    def _histograms(self, trainer) -> None:
        logs = {}
        for layer in trainer.network.dense:
            g = np.abs(trainer.pass_.grad_W[layer.index]).ravel()
            logs[layer.index] = np.log10(g[g > 0]) if np.any(g > 0) else np.zeros(0)
        values = np.concatenate(list(logs.values())) if logs else np.zeros(0)
        if values.size == 0:
            return
        edges = np.linspace(np.floor(values.min()), np.ceil(values.max()) + 1e-9, BINS + 1)
        top = 0
        for k, curve in self.hist_curves.items():
            counts, _ = np.histogram(logs[k], bins=edges)
            curve.set_steps(edges, counts)
            top = max(top, int(counts.max()))
        (x0, x1), (_y0, y1) = self.hist_plot.viewRange()
        if edges[0] < x0 or edges[-1] > x1 or edges[-1] - edges[0] < 0.5 * (x1 - x0):
            # a decade of room below: the smallest gradients keep shrinking as training goes on,
            # and each new axis costs ~1.5 ms to lay out
            self.hist_plot.setXRange(edges[0] - 1.0, edges[-1] + 0.25, padding=0)
        if top > y1 or top < 0.4 * y1:
            self.hist_plot.setYRange(0, style.nice_ceiling(top * 1.05), padding=0)


def _title() -> str:
    return QCoreApplication.translate("plots", "Gradients")


PANELS = [PanelSpec("gradients_panel", _title, GradientsPanel, Qt.DockWidgetArea.BottomDockWidgetArea,
                    tab_with="loss_plot")]
