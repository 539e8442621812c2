"""The confusion-matrix panel (``confusion_panel``) for classification: rows are the true class,
columns the predicted one; each cell shows its count, shaded by the share of its row.

While training plays on a large data set the counts come from an evenly spaced subset of
:data:`LIVE_SAMPLES` samples (the panel says so): all 60,000 MNIST images cost ~0.3 s a frame.
When training pauses the panel counts every sample again."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Slot
from PySide6.QtWidgets import QComboBox

from ...core.metrics import confusion_matrix
from ..class_names import shown_class_names
from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button
from .fast_items import RasterImage
from .point_cloud import thinned_indices

MAX_LABELLED = 20
#: while training plays, at most this many samples are counted (~5 ms for [784, 30, 10])
LIVE_SAMPLES = 1000


class ConfusionPanel(LivePanel):
    """Counts of (true, predicted) class pairs on the training or the test data."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.matrix: np.ndarray | None = None
        self._stale_cells = True  # the cells must be drawn even if the counts did not change
        self.part = QComboBox(self)
        self.part.setObjectName("confusion_part")
        self.part.addItem(self.tr("Training data"), "train")
        self.part.addItem(self.tr("Test data"), "test")
        self.part.currentIndexChanged.connect(self._on_part_changed)
        self.tools.addWidget(self.part)
        self.tools.addStretch(1)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene()))
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)
        self.plot = self.layout_widget.addPlot()
        style.style_plot(self.plot, self.tr("Confusion matrix"), self.tr("predicted class"),
                         self.tr("true class"))
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.image = RasterImage()
        self.plot.addItem(self.image)
        self.texts: list[pg.TextItem] = []
        self._subset: tuple | None = None  # (id of the full x, n, x subset, y subset)
        self._cell_texts: dict[int, tuple[str, str]] = {}  # what each cell's text shows
        self.counted: int | None = None  # how many samples the matrix counts
        self.session.play_state_changed.connect(self._on_session_play_state_changed)

    def rebuild(self, trainer) -> None:
        self._stale_cells = True
        for text in self.texts:
            self.plot.removeItem(text)
        self.texts.clear()
        self._cell_texts = {}
        if trainer is None or not trainer.classification:
            self.image.clear()
            self.show_message(self.tr("The confusion matrix is shown for classification problems."))
            return
        self.show_message("")
        k = max(2, trainer.y.shape[1])
        names = shown_class_names(self.document, self.session.dataset)
        labels = [(i + 0.5, names[i] if i < len(names) else str(i)) for i in range(k)]
        self.plot.getAxis("bottom").setTicks([labels, []])
        self.plot.getAxis("left").setTicks([labels, []])
        self.image.set_values(np.zeros((k, k), dtype=np.float32), (0.0, 1.0), style.SEQUENTIAL_LUT)
        self.image.set_rect(QRectF(0, 0, k, k))
        self.plot.setRange(xRange=(0, k), yRange=(0, k), padding=0.02)
        self.plot.disableAutoRange()
        if k <= MAX_LABELLED:
            for i in range(k):
                for j in range(k):
                    text = pg.TextItem("", anchor=(0.5, 0.5), color=style.FOREGROUND)
                    text.setPos(j + 0.5, i + 0.5)
                    self.plot.addItem(text)
                    self.texts.append(text)

    def refresh(self, trainer) -> None:
        if not trainer.classification:
            return
        test = self.part.currentData() == "test" and trainer.test_x is not None
        x, y = (trainer.test_x, trainer.test_y) if test else (trainer.x, trainer.y)
        total = len(x)
        if self.session.playing:
            x, y = self._live_subset(x, y)
        self._say_counted(len(x), total)
        matrix = confusion_matrix(trainer.network.predict(x), y)
        if self.matrix is not None and np.array_equal(matrix, self.matrix) and not self._stale_cells:
            return  # same counts: nothing to redraw
        self.matrix, self._stale_cells = matrix, False
        rows = np.maximum(self.matrix.sum(axis=1, keepdims=True), 1)
        share = (self.matrix / rows).astype(np.float32)
        self.image.set_values(share, (0.0, 1.0), style.SEQUENTIAL_LUT)
        for n, text in enumerate(self.texts):
            i, j = divmod(n, self.matrix.shape[1])
            shown = (str(self.matrix[i, j]), "w" if share[i, j] > 0.55 else style.FOREGROUND)
            if self._cell_texts.get(n) != shown:  # most cells keep their count from frame to frame
                self._cell_texts[n] = shown
                text.setText(shown[0])
                text.setColor(shown[1])

    def _live_subset(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        index = thinned_indices(len(x), LIVE_SAMPLES)
        if index is None:
            return x, y
        if self._subset is None or self._subset[:2] != (id(x), len(x)):
            self._subset = (id(x), len(x), x[index], y[index])
        return self._subset[2], self._subset[3]

    def _say_counted(self, counted: int, total: int) -> None:
        if counted == self.counted:
            return
        self.counted = counted
        self.show_message("" if counted == total else self.tr(
            "While training plays: %1 of the %2 samples (all of them when paused)").replace(
            "%1", f"{counted:,}").replace("%2", f"{total:,}"))

    @Slot(str)
    def _on_session_play_state_changed(self, state: str) -> None:
        if state != "playing" and self.counted is not None and self._subset is not None:
            self._subset = None
            self._stale_cells = True
            if self.is_shown():
                self.refresh_now()
            else:
                self._stale = True

    @Slot(int)
    def _on_part_changed(self, _index: int) -> None:
        self._stale_cells = True
        self.refresh_now()


def _title() -> str:
    return QCoreApplication.translate("plots", "Confusion matrix")


PANELS = [PanelSpec("confusion_panel", _title, ConfusionPanel, Qt.DockWidgetArea.RightDockWidgetArea,
                    tab_with="decision_plot")]
