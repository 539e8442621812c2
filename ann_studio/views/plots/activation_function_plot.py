"""The activation-function plot (``activation_function_plot``): the selected unit's activation
f(z) and its derivative f′(z), with the current operating point (z, f(z), f′(z)) marked.

The unit is the one selected anywhere (a neuron, or the target unit of a selected weight; a
selected layer shows its unit 0); with nothing selected, unit 0 of the first dense layer. The
operating point is that unit's weighted input for the current sample (the first of the batch).
For softmax, which couples its units, the curve is aᵢ as a function of zᵢ with the other
inputs held at their current values, and f′ is ∂aᵢ/∂zᵢ = aᵢ(1 − aᵢ).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QLabel

from ...core.network import Pass
from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button

Z_RANGE = 6.0
POINTS = 401


def operating_point(trainer, k: int, unit: int) -> np.ndarray:
    """(units,) the weighted inputs z of layer ``k`` for the current sample."""
    z = trainer.pass_.z[k]
    if z is not None:
        return z[0]
    probe = Pass(len(trainer.network.layers))
    trainer.network.run_forward(probe, trainer.x[:1])
    return probe.z[k][0]


def curves(activation, z_row: np.ndarray, unit: int, zs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f and f′ of ``unit`` over ``zs`` (the other units' z fixed at ``z_row`` for softmax)."""
    if activation.elementwise:
        column = zs[:, None]
        a = activation.f(column)
        return a[:, 0], activation.df(column, a)[:, 0]
    rows = np.repeat(z_row[None, :], len(zs), axis=0)
    rows[:, unit] = zs
    a = activation.f(rows)[:, unit]
    return a, a * (1 - a)


class ActivationFunctionPanel(LivePanel):
    """f(z) and f′(z) of the selected unit with its operating point."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.target: tuple[str, int] | None = None
        self._curve_shape: tuple | None = None  # (layer, unit, activation, z half-width) drawn
        self._view: tuple | None = None
        self.readout = QLabel(self)
        self.readout.setObjectName("activation_readout")
        style.fix_label_size(self.readout, "z = -0.0000e-00   f(z) = -0.0000e-00   f′(z) = -0.0000e-00")
        self.tools.addWidget(self.readout)
        self.tools.addStretch(1)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene()))
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)
        self.plot = self.layout_widget.addPlot()
        style.style_plot(self.plot, self.tr("Activation function"), "z", "")
        # no grid: an axis grid repaints with every curve update (~10 ms a frame, measured)
        self.plot.disableAutoRange()
        style.add_legend(self.plot)
        self.f_curve = self.plot.plot(pen=style.pen(0), name="f(z)")
        # solid pens only: dashed and dotted lines cost ~10 ms a frame in Qt's raster engine (measured)
        self.df_curve = self.plot.plot(pen=style.pen(1), name="f′(z)")
        self.point = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w"))
        self.plot.addItem(self.point)
        self.z_line = pg.InfiniteLine(0, angle=90, pen=style.pen("#b0b0b0"))
        self.plot.addItem(self.z_line)
        self.selection.changed.connect(self._on_selection_changed)

    def _set_curves(self, layer, unit: int, z_row: np.ndarray, half: float) -> None:
        """Draw f and f′ of ``unit`` over [−half, half] and fit the view to them (in steps)."""
        zs = np.linspace(-half, half, POINTS)
        f, df = curves(layer.activation, z_row, unit, zs)
        self.f_curve.setData(zs, f)
        self.df_curve.setData(zs, df)
        lo, hi = float(min(f.min(), df.min())), float(max(f.max(), df.max()))
        pad = 0.05 * max(hi - lo, 1e-9)
        view = (-half, half, round(lo - pad, 1), round(hi + pad, 1) + (0.1 if hi + pad > round(hi + pad, 1) else 0))
        if view != self._view:
            self._view = view
            self.plot.setRange(xRange=view[:2], yRange=view[2:], padding=0)

    @Slot(object)
    def _on_selection_changed(self, item) -> None:
        if item is None:
            self.target = None
        elif item.kind in ("neuron", "weight"):
            self.target = (item.layer, item.i or 0)
        else:
            self.target = (item.layer, 0)
        self.refresh_now()

    def _unit(self, trainer):
        net = trainer.network
        if self.target is not None and self.target[0] in net.index:
            layer = net.layer(self.target[0])
            if hasattr(layer, "activation") and self.target[1] < layer.units:
                return layer, self.target[1]
        return net.dense[0], 0

    def refresh(self, trainer) -> None:
        layer, unit = self._unit(trainer)
        z_row = operating_point(trainer, layer.index, unit)
        z = float(z_row[unit])
        # the z window grows in steps of Z_RANGE, so the axes (costly to redraw) rarely change
        half = Z_RANGE * max(1.0, float(np.ceil(abs(z) * 1.2 / Z_RANGE)))
        # an elementwise f is the same curve while the unit and the z window stay: only the point moves
        shape = (layer.id, unit, layer.activation.name, half) if layer.activation.elementwise else None
        if shape is None or shape != self._curve_shape:
            self._curve_shape = shape
            self._set_curves(layer, unit, z_row, half)
        fz, dfz = curves(layer.activation, z_row, unit, np.array([z]))
        if not hasattr(self, "_point_brushes"):
            self._point_brushes = [style.brush(0), style.brush(1)]
        self.point.setData([z, z], [fz[0], dfz[0]], brush=self._point_brushes)
        self.z_line.setValue(z)
        self.operating = (z, float(fz[0]), float(dfz[0]))
        title = self.tr("%1 of %2, unit %3").replace("%1", layer.activation.name).replace(
            "%2", layer.id).replace("%3", str(unit + 1))
        if title != getattr(self, "_title_text", None):  # a new title re-lays out the whole plot
            self._title_text = title
            style.set_title(self.plot, title)
        self.readout.setText(f"z = {z:.4g}   f(z) = {fz[0]:.4g}   f′(z) = {dfz[0]:.4g}")


def _title() -> str:
    return QCoreApplication.translate("plots", "Activation function")


PANELS = [PanelSpec("activation_function_plot", _title, ActivationFunctionPanel,
                    Qt.DockWidgetArea.RightDockWidgetArea, tab_with="decision_plot")]
