"""The weights panel (``weights_panel``): each weight matrix as a heatmap, and the weight
distribution over time.

Rows are the layer's units ``i``, columns its inputs ``j`` (``W[i, j]``, from input ``j`` to unit
``i``), blue negative, white zero, red positive. Clicking a cell selects that weight
(``Selected("weight", layer, i, j)``) so the canvas and the inspector follow; a selection made
elsewhere is outlined here.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QGraphicsRectItem, QLabel

from ...document.selection import Selected
from ..panels.registry import PanelSpec
from ..plain_text import plain
from . import style
from .base import LivePanel
from .export import export_button
from .fast_items import HintonItem, PathCurve, RasterImage, add_curve
from .history import thinned

#: percentiles drawn in the distribution-over-time plot
PERCENTILES = (0, 5, 25, 50, 75, 95, 100)
MAX_HISTORY = 5000
#: the spread curves (and the band between them) are drawn from at most about this many samples
MAX_DRAWN = 800


class WeightsPanel(LivePanel):
    """Heatmaps of ``W`` per dense layer and the spread of all weights over the steps."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.images: dict[str, RasterImage] = {}
        self.hintons: dict[str, HintonItem] = {}
        self._levels: dict[str, tuple[float, float]] = {}
        self.plots: dict[str, pg.PlotItem] = {}
        self.bars: dict[str, pg.ColorBarItem] = {}
        self._highlight: QGraphicsRectItem | None = None
        self._steps: list[int] = []
        self._spread: list[np.ndarray] = []
        self.readout = plain(QLabel(self))
        self.readout.setObjectName("weights_readout")
        self.hinton_box = QCheckBox(self.tr("Hinton diagram"), self)
        self.hinton_box.setObjectName("weights_hinton")
        self.hinton_box.setToolTip(self.tr("Draw each weight as a square whose area is its size (red positive, "
                                           "blue negative), as SNNS does, instead of a colour"))
        self.hinton_box.toggled.connect(self._on_hinton_toggled)
        self.tools.addWidget(self.hinton_box)
        self.tools.addWidget(QLabel(self.tr("Click a cell to select that weight"), self))
        self.tools.addStretch(1)
        self.tools.addWidget(self.readout)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene()))
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)
        self.layout_widget.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self._hover = pg.SignalProxy(self.layout_widget.scene().sigMouseMoved, rateLimit=30,
                                     slot=self._on_scene_mouse_moved)
        self.selection.changed.connect(self._on_selection_changed)

    # ------------------------------------------------------------------ structure

    def rebuild(self, trainer) -> None:
        self.layout_widget.clear()
        self.images.clear(), self.hintons.clear(), self.plots.clear(), self.bars.clear()
        self._levels = {}
        self._highlight = None
        self._steps, self._spread = [], []
        if trainer is None:
            self.show_message(self.session.error or "")
            return
        self.show_message("")
        dense = trainer.network.dense
        for col, layer in enumerate(dense):
            plot = self.layout_widget.addPlot(row=0, col=2 * col)
            style.style_plot(plot, self.tr("W of %1").replace("%1", layer.id), self.tr("input j"),
                             self.tr("unit i"))
            plot.invertY(True)
            plot.setAspectLocked(False)
            image = RasterImage()
            plot.addItem(image)
            hinton = HintonItem(style.DIVERGING_COLORS[1], style.DIVERGING_COLORS[0])
            plot.addItem(hinton)
            self.hintons[layer.id] = hinton
            units, fan_in = layer.W.shape
            style.cell_ticks(plot.getAxis("bottom"), fan_in)
            style.cell_ticks(plot.getAxis("left"), units)
            plot.setRange(xRange=(0, fan_in), yRange=(0, units), padding=0.02)
            plot.disableAutoRange()
            bar = style.colorbar(style.DIVERGING_LUT, (-1, 1))
            self.layout_widget.addItem(bar, row=0, col=2 * col + 1)
            self.images[layer.id], self.plots[layer.id], self.bars[layer.id] = image, plot, bar
        self._build_spread_plot(len(dense))
        self._apply_ground()
        self._on_selection_changed(self.selection.current)

    def _build_spread_plot(self, n_layers: int) -> None:
        self._n_layers, self._beside = n_layers, self._wide()
        self.spread_plot = pg.PlotItem()
        self._place_spread_plot()
        style.style_plot(self.spread_plot, self.tr("Distribution of all weights over time"),
                         self.tr("step"), self.tr("weight"))
        style.add_legend(self.spread_plot)
        names = {0: self.tr("min / max"), 5: self.tr("5–95 %"), 25: self.tr("25–75 %"), 50: self.tr("median")}
        self.spread_curves = {}
        for p in PERCENTILES:
            width_pen = style.pen(0, alpha={0: 70, 100: 70, 5: 130, 95: 130, 25: 200, 75: 200, 50: 255}[p])
            curve = add_curve(self.spread_plot, PathCurve(width_pen, names.get(p)))
            self.spread_curves[p] = curve
        self.spread_plot.disableAutoRange()
        self.spread_fill = PathCurve(pg.mkPen(None), brush=style.brush(0, 40))
        self.spread_fill.setZValue(-1)
        self.spread_plot.addItem(self.spread_fill)


    def _wide(self) -> bool:
        """Whether the panel is much wider than tall (a dock along the bottom of the window)."""
        return self.width() > 2.2 * max(self.height(), 1)

    def _place_spread_plot(self) -> None:
        """The distribution over time below the heatmaps, or beside them in a wide, short dock
        (below them there, the heatmaps got a few pixels of height)."""
        layout = self.layout_widget.ci
        if self.spread_plot in layout.items:
            layout.removeItem(self.spread_plot)
        columns = 2 * self._n_layers
        grid = layout.layout
        if self._beside:
            layout.addItem(self.spread_plot, row=0, col=columns)
            grid.setRowStretchFactor(1, 0)
            for col in range(columns):
                grid.setColumnStretchFactor(col, 2 if col % 2 == 0 else 0)
            grid.setColumnStretchFactor(columns, 3 * self._n_layers)
        else:
            layout.addItem(self.spread_plot, row=1, col=0, colspan=columns)
            grid.setColumnStretchFactor(columns, 0)
            grid.setRowStretchFactor(0, 3)
            grid.setRowStretchFactor(1, 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if hasattr(self, "spread_plot") and self._wide() != self._beside:
            self._beside = not self._beside
            self._place_spread_plot()

    # ------------------------------------------------------------------ numbers

    def refresh(self, trainer) -> None:
        for layer in trainer.network.dense:
            image = self.images.get(layer.id)
            if image is None:
                continue
            levels = self._levels_for(layer)
            hinton = self.hintons[layer.id]
            if self.hinton_box.isChecked():
                hinton.set_values(layer.W, levels[1])
                image.image = layer.W  # the matrix shown, whichever way
                image.levels = levels
            else:
                image.set_values(layer.W, levels, style.DIVERGING_LUT)
            image.setVisible(not self.hinton_box.isChecked())
            hinton.setVisible(self.hinton_box.isChecked())
            if tuple(self.bars[layer.id].levels()) != levels:
                self.bars[layer.id].setLevels(levels)
        self._record_spread(trainer)

    def _levels_for(self, layer) -> tuple[float, float]:
        """The colour levels of ``layer``'s heatmap: symmetric about zero, and kept until the
        weights outgrow them or shrink below half of them (a new colour bar costs ~1.5 ms to lay
        out; with the levels following every frame's largest weight it was redrawn most frames)."""
        largest = float(np.max(np.abs(layer.W))) if layer.W.size else 0.0
        current = self._levels.get(layer.id)
        if current is None or largest > current[1] or largest < current[1] / 2:
            current = style.symmetric_levels(layer.W)
            self._levels[layer.id] = current
        return current

    def _record_spread(self, trainer) -> None:
        if self._steps and trainer.step < self._steps[-1]:  # rewound: drop the future
            keep = int(np.searchsorted(self._steps, trainer.step, side="right"))
            del self._steps[keep:], self._spread[keep:]
        if not self._steps or trainer.step != self._steps[-1]:
            weights = np.concatenate([layer.W.ravel() for layer in trainer.network.dense])
            self._steps.append(trainer.step)
            self._spread.append(np.percentile(weights, PERCENTILES))
            if len(self._steps) > MAX_HISTORY:  # keep every other sample of the older half
                del self._steps[:MAX_HISTORY // 2:2], self._spread[:MAX_HISTORY // 2:2]
        shown = thinned(len(self._steps), MAX_DRAWN)
        x = np.asarray(self._steps, dtype=float)[shown]
        spread = np.asarray(self._spread)[shown]
        for k, p in enumerate(PERCENTILES):
            self.spread_curves[p].setData(x, spread[:, k])
        self.spread_fill.set_band(x, spread[:, PERCENTILES.index(25)], spread[:, PERCENTILES.index(75)])
        style.grow_range(self.spread_plot, x[-1], spread[:, 0].min(), spread[:, -1].max())

    @Slot(bool)
    def _on_hinton_toggled(self, _on: bool) -> None:
        self._apply_ground()
        if self.session.trainer is not None and self.images:
            self.refresh_now()

    def _apply_ground(self) -> None:
        """A Hinton diagram has square cells; a heatmap stretches its cells to fill the plot."""
        on = self.hinton_box.isChecked()
        trainer = self.session.trainer
        for layer_id, plot in self.plots.items():
            plot.setAspectLocked(on)
            if trainer is not None and layer_id in trainer.network.index:
                units, fan_in = trainer.network.layer(layer_id).W.shape
                plot.setRange(xRange=(0, fan_in), yRange=(0, units), padding=0.02)

    # ------------------------------------------------------------------ selection

    def _cell_at(self, scene_pos) -> tuple[str, int, int] | None:
        trainer = self.session.trainer
        if trainer is None:
            return None
        for layer_id, plot in self.plots.items():
            if not plot.vb.sceneBoundingRect().contains(scene_pos):
                continue
            p = plot.vb.mapSceneToView(scene_pos)
            units, fan_in = trainer.network.layer(layer_id).W.shape
            i, j = int(np.floor(p.y())), int(np.floor(p.x()))
            if 0 <= i < units and 0 <= j < fan_in:
                return layer_id, i, j
        return None

    def _on_scene_clicked(self, event) -> None:
        cell = self._cell_at(event.scenePos())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.selection.select(Selected("weight", *cell))

    def _on_scene_mouse_moved(self, event) -> None:
        cell = self._cell_at(event[0])
        if cell is None:
            return
        layer_id, i, j = cell
        value = self.session.trainer.network.layer(layer_id).W[i, j]
        self.readout.setText(f"{layer_id}: W[{i}, {j}] = {value:.4g}")

    @Slot(object)
    def _on_selection_changed(self, item) -> None:
        if self._highlight is not None and self._highlight.scene() is not None:
            self._highlight.scene().removeItem(self._highlight)
        self._highlight = None
        trainer = self.session.trainer
        if item is None or item.layer not in self.plots or trainer is None or item.layer not in trainer.network.index:
            return  # also while the network is invalid (no trainer) and the panel not yet rebuilt
        units, fan_in = trainer.network.layer(item.layer).W.shape
        if item.kind == "weight":
            rect = QRectF(item.j, item.i, 1, 1)
        elif item.kind == "neuron":
            rect = QRectF(0, item.i, fan_in, 1)
        else:
            rect = QRectF(0, 0, fan_in, units)
        self._highlight = QGraphicsRectItem(rect)
        self._highlight.setPen(style.pen("#000000", width=2))
        self._highlight.setZValue(10)
        self.plots[item.layer].addItem(self._highlight)

    @property
    def highlighted(self) -> QRectF | None:
        """The outlined cell range in matrix coordinates (x = column j, y = row i), or None."""
        return None if self._highlight is None else self._highlight.rect()


def _title() -> str:
    return QCoreApplication.translate("plots", "Weights")


PANELS = [PanelSpec("weights_panel", _title, WeightsPanel, Qt.DockWidgetArea.BottomDockWidgetArea,
                    tab_with="loss_plot")]
