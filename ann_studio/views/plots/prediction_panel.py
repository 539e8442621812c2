"""The prediction panel (``prediction_panel``): one chosen sample — its inputs (as the image for
image data such as the 8 × 8 digits, and the 28 × 28 digit for MNIST's 784 inputs) beside the
network's output activations and the target."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from ..class_names import shown_class_names
from ..panels.registry import PanelSpec
from ..plain_text import plain
from . import style
from .base import LivePanel
from .digit_image import image_shape_of
from .export import export_button


class PredictionPanel(LivePanel):
    """Inputs, outputs and target of one sample."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._shown_input: np.ndarray | None = None  # the sample the input plot shows
        self._levels = (0.0, 1.0)  # the grey levels of the input image
        self.part = QComboBox(self)
        self.part.setObjectName("prediction_part")
        self.part.addItem(self.tr("Training sample"), "train")
        self.part.addItem(self.tr("Test sample"), "test")
        self.index_spin = QSpinBox(self)
        self.index_spin.setObjectName("prediction_index")
        self.index_spin.setPrefix(self.tr("No. "))
        self.verdict = plain(QLabel(self))
        self.verdict.setObjectName("prediction_verdict")
        for w in (self.part, self.index_spin, self.verdict):
            self.tools.addWidget(w)
        self.tools.addStretch(1)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene()))
        self.part.currentIndexChanged.connect(self._on_choice_changed)
        self.index_spin.valueChanged.connect(self._on_choice_changed)
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)
        self.input_plot = self.layout_widget.addPlot(row=0, col=0)
        self.output_plot = self.layout_widget.addPlot(row=0, col=1)
        style.style_plot(self.output_plot, self.tr("Output"), self.tr("output unit"), self.tr("activation"))
        style.add_legend(self.output_plot)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(style.GREY_LUT)
        self.input_bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=style.brush(7), pen=None)
        self.output_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=style.brush(0), pen=None,
                                           name=self.tr("network"))
        self.target_marks = pg.ScatterPlotItem(symbol="_", size=22, pen=style.pen(3, width=2),
                                               name=self.tr("target"))
        self.output_plot.addItem(self.output_bars)
        self.output_plot.addItem(self.target_marks)

    def _arrays(self, trainer):
        if self.part.currentData() == "test" and trainer.test_x is not None:
            return trainer.test_x, trainer.test_y
        return trainer.x, trainer.y

    def rebuild(self, trainer) -> None:
        if trainer is None:
            return
        self._shown_input = None
        x, _ = self._arrays(trainer)
        self.index_spin.setMaximum(len(x) - 1)
        self.input_plot.clear()
        shape = image_shape_of(self.session.dataset)
        # the grey levels span the whole data set (computed once: 47 M values for MNIST)
        self._levels = (float(x.min()), float(x.max())) if shape else (0.0, 1.0)
        if shape:
            style.style_plot(self.input_plot, self.tr("Input image"))
            self.input_plot.invertY(True)
            self.input_plot.setAspectLocked(True)
            self.input_plot.addItem(self.image)
        else:
            style.style_plot(self.input_plot, self.tr("Inputs"), self.tr("input"), self.tr("value"))
            self.input_plot.invertY(False)
            self.input_plot.setAspectLocked(False)
            self.input_plot.addItem(self.input_bars)
        self.image_shape = shape
        n_out = trainer.y.shape[1]
        if trainer.classification:
            self.output_plot.disableAutoRange()
            self.output_plot.setRange(xRange=(-0.6, n_out - 0.4), yRange=(0, 1.05), padding=0)
        else:
            self.output_plot.enableAutoRange()
        names = shown_class_names(self.document, self.session.dataset)
        if n_out > 1 and len(names) == n_out:
            self.output_plot.getAxis("bottom").setTicks([list(enumerate(names)), []])
        else:
            self.output_plot.getAxis("bottom").setTicks(None)

    def refresh(self, trainer) -> None:
        x, y = self._arrays(trainer)
        i = min(self.index_spin.value(), len(x) - 1)
        sample = x[i]
        if self._shown_input is None or not np.array_equal(self._shown_input, sample):
            # the inputs stay put while training plays: redrawing them would repaint for nothing
            self._shown_input = sample.copy()
            if self.image_shape:
                self.image.setImage(sample.reshape(self.image_shape).astype(np.float32),
                                    levels=self._levels, autoLevels=False)
            else:
                self.input_bars.setOpts(x=np.arange(len(sample)), height=sample)
        out = trainer.network.predict(sample[None, :])[0]
        self.output = out
        positions = np.arange(len(out))
        self.output_bars.setOpts(x=positions, height=out)
        self.target_marks.setData(positions, y[i])
        if trainer.classification:
            predicted = int(np.argmax(out)) if len(out) > 1 else int(out[0] > 0.5)
            truth = int(np.argmax(y[i])) if len(out) > 1 else int(y[i][0])
            names = shown_class_names(self.document, self.session.dataset)
            text = self.tr("predicted %1, target %2").replace("%1", names[predicted]).replace("%2", names[truth])
            self.verdict.setText(("✓ " if predicted == truth else "✗ ") + text)

    @Slot()
    def _on_choice_changed(self, *_args) -> None:
        self._structure_stale = True
        self.refresh_now()


def _title() -> str:
    return QCoreApplication.translate("plots", "Prediction")


PANELS = [PanelSpec("prediction_panel", _title, PredictionPanel, Qt.DockWidgetArea.RightDockWidgetArea,
                    tab_with="decision_plot")]
