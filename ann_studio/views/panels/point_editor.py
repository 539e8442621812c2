"""The 2-D preview of a data set where students draw their own points (ConvNetJS style):
left-click adds a point of the chosen class, right-click removes the nearest point."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal

from ...core.datasets import class_labels
from ..plain_text import escape
from ..plots import style
from ..plots.point_cloud import bounds, set_class_points

#: a right-click removes the nearest point within this share of the view's diagonal
PICK_RADIUS = 0.04


class PointEditor(pg.PlotWidget):
    """Scatter of the training (circles) and test (squares) points, coloured by class."""

    #: the user clicked to add a point at (x₁, x₂)
    point_requested = Signal(float, float)
    #: the user right-clicked a point: (part "train"/"test", index)
    removal_requested = Signal(str, int)

    def __init__(self, parent=None):
        super().__init__(parent, background=style.BACKGROUND)
        self.setObjectName("point_editor")
        self.drawing_enabled = True
        plot = self.getPlotItem()
        style.style_plot(plot, "", "x₁", "x₂")
        plot.setAspectLocked(True)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w", width=1), symbol="o")
        self.test_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#222222", width=1), symbol="s")
        plot.addItem(self.train_points)
        plot.addItem(self.test_points)
        self.legend = style.add_legend(plot)  # one entry per class: its name in its colour
        self._legend_names: list[str] = []
        self.parts: dict[str, np.ndarray] = {"train": np.zeros((0, 2)), "test": np.zeros((0, 2))}
        #: how many points of each part are drawn (large sets are thinned, see point_cloud)
        self.drawn: dict[str, int] = {"train": 0, "test": 0}
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)

    def show_dataset(self, dataset, keep_range: bool = False, names: list[str] | None = None) -> None:
        """Show the points of a 2-input ``dataset``. ``keep_range``: the student is drawing, so
        the axes stay where they are while every point is still in view (a view that re-scaled
        after each click put the next point away from where the student aimed). ``names``: the
        class names to show in the legend (default: the data set's own)."""
        k = dataset.n_classes
        for part, item, x, y in (("train", self.train_points, dataset.train_inputs, dataset.train_targets),
                                 ("test", self.test_points, dataset.test_inputs, dataset.test_targets)):
            self.drawn[part] = set_class_points(item, x, class_labels(y) if k else None, k)
            self.parts[part] = x
        self._show_classes((list(names) if names is not None else list(dataset.target_names)) if k else [])
        lo, hi = bounds(dataset.train_inputs, dataset.test_inputs)
        (x0, x1), (y0, y1) = self.getPlotItem().vb.viewRange()
        if keep_range and x0 <= lo[0] and hi[0] <= x1 and y0 <= lo[1] and hi[1] <= y1:
            return
        pad = 0.08 * np.maximum(hi - lo, 1e-6)
        self.getPlotItem().setRange(xRange=(lo[0] - pad[0], hi[0] + pad[0]),
                                    yRange=(lo[1] - pad[1], hi[1] + pad[1]), padding=0)

    def _show_classes(self, names: list[str]) -> None:
        if names == self._legend_names:
            return
        self._legend_names = names
        self.legend.clear()
        for c, name in enumerate(names):
            sample = pg.ScatterPlotItem(size=8, symbol="o", pen=pg.mkPen("w", width=1), brush=style.brush(c))
            self.legend.addItem(sample, escape(name))

    @property
    def class_legend(self) -> list[tuple[str, str]]:
        """(class name, colour name) of each legend entry (tests)."""
        return [(label.item.toPlainText(), sample.item.opts["brush"].color().name())
                for sample, label in self.legend.items]

    def _on_scene_clicked(self, event) -> None:
        vb = self.getPlotItem().vb
        if not self.drawing_enabled or not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        if event.button() == Qt.MouseButton.LeftButton:
            self.point_requested.emit(p.x(), p.y())
            event.accept()
        elif event.button() == Qt.MouseButton.RightButton:
            hit = self.nearest(p.x(), p.y())
            if hit is not None:
                self.removal_requested.emit(*hit)
            event.accept()

    def nearest(self, x: float, y: float) -> tuple[str, int] | None:
        """The (part, index) of the point nearest to (x, y) within the pick radius, or None."""
        (x0, x1), (y0, y1) = self.getPlotItem().vb.viewRange()
        radius = PICK_RADIUS * float(np.hypot(x1 - x0, y1 - y0))
        best = None
        for part, points in self.parts.items():
            if len(points):
                d = np.hypot(points[:, 0] - x, points[:, 1] - y)
                i = int(np.argmin(d))
                if d[i] <= radius and (best is None or d[i] < best[0]):
                    best = (d[i], part, i)
        return None if best is None else (best[1], best[2])
