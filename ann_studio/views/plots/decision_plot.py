"""The decision-boundary panel (``decision_plot``) for problems with two raw inputs.

The network's output over the input plane as a heatmap (a 100 × 100 grid) with the training and
test points on top, a discretise toggle, and one thumbnail per hidden unit showing what that unit
computes over the plane, as TensorFlow Playground does; click a thumbnail to enlarge it.

With engineered features (x₁², sin x₁, …) the plane is still the raw (x₁, x₂) plane: the grid is
mapped through the same features before it enters the network.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QPushButton, QSplitter

from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button
from .fast_items import RasterImage
from .plane import Plane, plane_for, show_output
from .point_cloud import set_class_points
from .unit_mosaic import UnitMosaic

RESOLUTION = 100
MAX_THUMBNAILS = 48
THUMB_STRIDE = 2


class DecisionPanel(LivePanel):
    """The output over the plane, the data points, and per-unit thumbnails."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.plane: Plane | None = None
        self.focus: tuple[int, int] | None = None  # (layer index, unit) enlarged, None = output
        self.output_values: np.ndarray | None = None
        self._build_tools()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.addWidget(splitter)
        self.main_widget = style.graphics_layout()
        self.thumb_widget = style.graphics_layout()
        splitter.addWidget(self.main_widget)
        splitter.addWidget(self.thumb_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.plot = self.main_widget.addPlot()
        style.style_plot(self.plot, self.tr("Network output"), "x₁", "x₂")
        self.plot.setAspectLocked(True)
        self.image = RasterImage()
        self.image.setZValue(-5)
        self.plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w", width=1), symbol="o")
        self.test_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#222222", width=1), symbol="s")
        self.plot.addItem(self.train_points)
        self.plot.addItem(self.test_points)
        thumbs = self.thumb_widget.addPlot()
        style.style_plot(thumbs, self.tr("Hidden units"))
        self.thumb_widget.setToolTip(self.tr("What each hidden unit computes over the plane: click one to enlarge it"))
        self.mosaic = UnitMosaic(thumbs, RESOLUTION // THUMB_STRIDE)
        self.thumb_widget.scene().sigMouseClicked.connect(self._on_thumb_clicked)

    def _build_tools(self) -> None:
        self.discretise_box = QCheckBox(self.tr("Discretise"), self)
        self.discretise_box.setObjectName("decision_discretise")
        self.discretise_box.setToolTip(self.tr("Show only the predicted class, not how sure the network is"))
        self.discretise_box.toggled.connect(self._on_option_toggled)
        self.test_box = QCheckBox(self.tr("Show test data"), self)
        self.test_box.setObjectName("decision_show_test")
        self.test_box.setChecked(True)
        self.test_box.toggled.connect(self._on_option_toggled)
        self.output_button = QPushButton(self.tr("Show output"), self)
        self.output_button.setObjectName("decision_show_output")
        self.output_button.setToolTip(self.tr("Back to the network's output after enlarging a unit"))
        self.output_button.clicked.connect(lambda: self.set_focus(None))
        for w in (self.discretise_box, self.test_box, self.output_button):
            self.tools.addWidget(w)
        self.tools.addStretch(1)
        self.tools.addWidget(export_button(self, lambda: self.main_widget.scene()))

    # ------------------------------------------------------------------ structure

    def rebuild(self, trainer) -> None:
        self.focus = None
        self.plane = plane_for(self.document.project, self.session.dataset, RESOLUTION) \
            if trainer is not None else None
        self._build_thumbnails(trainer)
        if self.plane is None:
            self.image.clear()
            self.train_points.clear()
            self.test_points.clear()
            self.show_message(self.tr("The decision boundary needs data with two inputs (x₁, x₂)."))
            return
        self.show_message("")
        x0, x1, y0, y1 = self.plane.bounds
        self.image.set_values(np.zeros((RESOLUTION, RESOLUTION), dtype=np.float32), (0.0, 1.0),
                              style.TWO_CLASS_LUT)
        self.image.set_rect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.plot.disableAutoRange()
        self._set_points()

    def _set_points(self) -> None:
        plane = self.plane
        k = max(2, plane.n_classes)
        for item, (xy, labels) in ((self.train_points, plane.train), (self.test_points, plane.test)):
            set_class_points(item, xy, labels if plane.n_classes else None, k if plane.n_classes else 0)
        self.test_points.setVisible(self.test_box.isChecked())

    def _build_thumbnails(self, trainer) -> None:
        layers = []
        if trainer is not None and self.plane is not None:
            net = trainer.network
            layers = [(layer.index, layer.id, layer.units) for layer in net.dense if layer.index != net.output_index]
        self.mosaic.set_layers(layers, MAX_THUMBNAILS)
        self.thumb_widget.setVisible(bool(layers))

    @property
    def thumbnails(self) -> list[tuple[int, int]]:
        """(layer index, unit) of every thumbnail shown."""
        return [(tile.layer, tile.unit) for tile in self.mosaic.tiles]

    # ------------------------------------------------------------------ numbers

    def grid_inputs(self) -> np.ndarray:
        """(RESOLUTION², n_inputs) float32 network inputs of the grid points, row-major (y rows)."""
        return self.plane.grid_inputs

    def refresh(self, trainer) -> None:
        if self.plane is None:
            return
        net = trainer.network
        acts = net.forward_all(self.plane.grid_inputs, np.float32)
        self.output_values = acts[net.output_index]
        self._show_main(trainer, acts)
        tiles = self.thumbnails
        if tiles:
            values = np.stack([acts[k][:, unit].reshape(RESOLUTION, RESOLUTION)[::THUMB_STRIDE, ::THUMB_STRIDE]
                               for k, unit in tiles])
            levels = np.array([_levels(net.layers[k].activation.name, v) for (k, _), v in zip(tiles, values)])
            self.mosaic.update(values, levels)

    def _show_main(self, trainer, acts: list) -> None:
        net, shape = trainer.network, (RESOLUTION, RESOLUTION)
        if self.focus is not None:
            k, unit = self.focus
            values = acts[k][:, unit].reshape(shape)
            self.image.set_values(values, _levels(net.layers[k].activation.name, values), style.TWO_CLASS_LUT)
            return
        show_output(self.image, self.plane, self.output_values, shape, self.discretise_box.isChecked())

    # ------------------------------------------------------------------ interaction

    def set_focus(self, focus: tuple[int, int] | None) -> None:
        """Enlarge unit ``(layer index, unit)`` in the main plot, or show the output (None)."""
        self.focus = focus
        self.mosaic.outline_tile(focus)
        trainer = self.session.trainer
        if focus is None:
            style.set_title(self.plot, self.tr("Network output"))
        elif trainer is not None:
            layer = trainer.network.layers[focus[0]]
            style.set_title(self.plot, self.tr("Unit %1 of %2").replace("%1", str(focus[1] + 1)).replace("%2", layer.id))
        self.refresh_now()

    def _on_thumb_clicked(self, event) -> None:
        tile = self.mosaic.tile_at(event.scenePos())
        if tile is not None:
            key = (tile.layer, tile.unit)
            self.set_focus(None if self.focus == key else key)

    @Slot(bool)
    def _on_option_toggled(self, _on: bool) -> None:
        self.test_points.setVisible(self.test_box.isChecked())
        self.refresh_now()


def _levels(activation: str, values: np.ndarray) -> tuple[float, float]:
    """Colour levels for a unit's activation: the function's range where it is bounded."""
    if activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    return style.symmetric_levels(values)


def _title() -> str:
    return QCoreApplication.translate("plots", "Decision boundary")


PANELS = [PanelSpec("decision_plot", _title, DecisionPanel, Qt.DockWidgetArea.RightDockWidgetArea)]
