"""The loss-landscape panel (``landscape_plot``, issue 15): the loss over a 2-D slice of weight space
around the current run's weights, with the compared runs' paths projected on it.

The slice (41 × 41 networks) and the paths (each run replayed step by step) are computed by a
:class:`~ann_studio.document.landscape_runner.LandscapeRunner` thread, never on the GUI thread,
and only at rest: when training pauses, after a fork or a race, after stepping or rewinding (once
the clicks stop), when the options or the compared runs change. While training plays only the
current point moves (projecting the weights costs one small product a frame).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QSizePolicy, QSpinBox

from ...core.landscape import ParameterRef, sample_subset
from ...core.landscape_compute import RESOLUTION, LandscapeRequest, RunRequest
from ...core.landscape_path import replica
from ...document.compared_runs import ComparedRuns
from ...document.landscape_runner import LandscapeRunner
from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button
from .fast_items import PathCurve, RasterImage, add_curve
from .landscape_picture import colour_index, heights, levels_of, segment_arrays, shaded_rgb

#: wait this long after the last step or rewind click before computing (not once per click)
SETTLE_MS = 400
#: the two-weights mode lists at most this many parameters
MAX_LISTED_PARAMETERS = 2000


def _tr(text: str) -> str:
    return QCoreApplication.translate("LandscapePanel", text)


class LandscapePanel(LivePanel):
    """The slice as colours and contour lines (optionally relief-shaded), the runs' paths on it."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.compared = ComparedRuns.of(self.session)
        self.runner = LandscapeRunner(self)
        self.runner.computed.connect(self._on_runner_computed)
        self.runner.failed.connect(self._on_runner_failed)
        self.picture = None
        self.compute_count = 0
        self._wanted = True  # the picture no longer shows the run as it rests
        self._pinv: np.ndarray | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._build_tools()
        self.view = style.graphics_layout()
        self.body.addWidget(self.view)
        self.plot = self.view.addPlot()
        style.style_plot(self.plot, _tr("Loss landscape"))
        style.add_legend(self.plot)
        self.image = RasterImage()
        self.image.setZValue(-5)
        self.image.setTransformationMode(Qt.TransformationMode.SmoothTransformation)  # 41 × 41 values
        self.plot.addItem(self.image)
        contour_pen = pg.mkPen(QColor(50, 40, 25, 110), width=1)
        contour_pen.setCosmetic(True)
        self.contours = PathCurve(contour_pen)
        self.plot.addItem(self.contours)
        self.path_items: list[PathCurve] = []
        self.marks = pg.ScatterPlotItem(size=7, symbol="o", pen=pg.mkPen("#222222", width=1))
        self.marks.setZValue(4)
        self.plot.addItem(self.marks)
        self.current_mark = pg.ScatterPlotItem(size=16, symbol="star", pen=pg.mkPen("#222222", width=1))
        self.current_mark.setZValue(5)
        self.plot.addItem(self.current_mark)
        self.session.play_state_changed.connect(self._on_session_play_state_changed)
        self.session.updated.connect(self._on_session_updated)
        self.document.runs_changed.connect(self._on_something_changed)
        self.compared.changed.connect(self._on_something_changed)
        self.session.race.racing_changed.connect(self._on_race_racing_changed)

    def _build_tools(self) -> None:
        self.mode_box = QComboBox(self)
        self.mode_box.setObjectName("landscape_mode")
        self.mode_box.addItem(_tr("Random directions"), "random")
        self.mode_box.addItem(_tr("Two weights"), "weights")
        self.mode_box.addItem(_tr("Directions of the paths"), "paths")
        self.mode_box.setToolTip(_tr("The plane through the current weights: two random directions scaled "
                                     "to each neuron's weights (Li et al. 2018), two weights you pick, or the "
                                     "two directions along which the runs' paths spread most (principal components)"))
        self.seed_box = QSpinBox(self)
        self.seed_box.setObjectName("landscape_seed")
        self.seed_box.setRange(0, 9999)
        self.seed_box.setPrefix(_tr("seed "))
        self.seed_box.setToolTip(_tr("Which random directions: another seed shows another slice"))
        self.first_box, self.second_box = QComboBox(self), QComboBox(self)
        self.first_box.setObjectName("landscape_first_weight")
        self.second_box.setObjectName("landscape_second_weight")
        for box in (self.first_box, self.second_box):
            box.setToolTip(_tr("The weight along this axis; every other weight keeps its current value"))
        self.shade_box = QCheckBox(_tr("Relief"), self)
        self.shade_box.setObjectName("landscape_relief")
        self.shade_box.setToolTip(_tr("Shade the slice as a lit relief: valleys and ridges look three-dimensional"))
        self.compute_button = QPushButton(_tr("Recompute"), self)
        self.compute_button.setObjectName("landscape_compute")
        self.compute_button.setToolTip(_tr("Compute the slice and the paths again now"))
        self.status = QLabel(self)
        self.status.setObjectName("landscape_status")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the dock
        for box in (self.mode_box, self.first_box, self.second_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(14 if box is self.mode_box else 8)
        self.mode_box.currentIndexChanged.connect(self._on_option_changed)
        self.seed_box.valueChanged.connect(self._on_option_changed)
        self.first_box.currentIndexChanged.connect(self._on_option_changed)
        self.second_box.currentIndexChanged.connect(self._on_option_changed)
        self.shade_box.toggled.connect(self._on_shade_toggled)
        self.compute_button.clicked.connect(self.compute_now)
        for w in (self.mode_box, self.seed_box, self.first_box, self.second_box, self.shade_box, self.compute_button):
            self.tools.addWidget(w)
        self.tools.addWidget(self.status, 1)
        self.tools.addWidget(export_button(self, lambda: self.view.scene()))
        self._show_mode_widgets()

    # ------------------------------------------------------------------ structure

    def rebuild(self, trainer) -> None:
        for box in (self.first_box, self.second_box):
            box.blockSignals(True)
            box.clear()
        if trainer is not None:
            refs = _parameters(trainer.network)
            for ref in refs[:MAX_LISTED_PARAMETERS]:
                for box in (self.first_box, self.second_box):
                    box.addItem(ref.label(), ref)
            self.second_box.setCurrentIndex(min(1, self.second_box.count() - 1))
        for box in (self.first_box, self.second_box):
            box.blockSignals(False)
        self._want()

    def refresh(self, trainer) -> None:
        """Per frame: only the current point moves."""
        if self.picture is None or self._pinv is None:
            return
        flat = np.concatenate([p.ravel() for p in trainer.network.get_parameters()])
        if len(flat) != self._pinv.shape[1]:
            return
        a, b = self._pinv @ (flat - self._centre) + np.asarray(self.picture.directions.origin)
        colour = self.document.runs.get(self.document.current_run).colour
        self.current_mark.setData([a], [b], brush=pg.mkBrush(colour))

    # ------------------------------------------------------------------ computing

    def _want(self) -> None:
        """The picture is out of date: compute when the run rests and the panel is on screen."""
        self._wanted = True
        if not self.session.playing and self.is_shown():
            self._settle.start()

    def compute_now(self) -> None:
        """Start computing the picture for the run as it is (the GUI thread only copies inputs)."""
        self._settle.stop()
        request = self.request()
        if request is None:
            self.runner.cancel()
            self.status.setText("")
            return
        self._wanted = False
        self.status.setText(_tr("Computing\u2026"))
        self.runner.start(request)

    def request(self) -> LandscapeRequest | None:
        """What the thread needs, copied now (None without a trainer or with nothing to pick)."""
        trainer = self.session.trainer
        if trainer is None:
            return None
        mode = self.mode_box.currentData()
        refs = None
        if mode == "weights":
            refs = (self.first_box.currentData(), self.second_box.currentData())
            if refs[0] is None or refs[1] is None or refs[0] == refs[1]:
                self.show_message(_tr("Pick two different weights for the axes."))
                return None
        self.show_message("")
        structure = replica(trainer)
        points = RESOLUTION * RESOLUTION
        picked = sample_subset(trainer.n_samples, trainer.network, points)
        runs = []
        for name in self.compared.names():
            info = self.document.runs.get(name)
            current = name == self.document.current_run
            state = trainer.state_dict() if current else self.document.stored_run_state(name)
            if state is None and not current:
                continue  # a run never trained elsewhere starts where its parent did
            runs.append(RunRequest(name, info.colour, state, replica(trainer), info.fork_step))
        return LandscapeRequest(structure.network, trainer.loss, trainer.x[picked], trainer.y[picked],
                                trainer.network.get_parameters(), trainer.optimizer.settings.copy(), mode,
                                self.seed_box.value(), refs, runs, RESOLUTION, trainer.n_samples)

    @Slot()
    def _on_settle_timeout(self) -> None:
        if self.session.playing or self.session.race.racing:
            return
        if self.is_shown():
            self.compute_now()

    @Slot(object)
    def _on_runner_computed(self, picture) -> None:
        self.picture = picture
        self.compute_count += 1
        dirs = picture.directions
        basis = np.stack([np.concatenate([d.ravel() for d in dirs.first]),
                          np.concatenate([d.ravel() for d in dirs.second])], axis=1)
        self._pinv = np.linalg.pinv(basis)
        self._centre = np.concatenate([c.ravel() for c in dirs.centre])
        self._draw(picture)
        if picture.samples < picture.total_samples:
            self.status.setText(_tr("loss on %1 of %2 samples").replace("%1", f"{picture.samples:,}")
                                .replace("%2", f"{picture.total_samples:,}"))
        else:
            self.status.setText("")

    @Slot(str)
    def _on_runner_failed(self, message: str) -> None:
        self.status.setText("")
        self.show_message(_tr("The landscape could not be computed: %1").replace("%1", message))

    # ------------------------------------------------------------------ drawing

    def _draw(self, picture) -> None:
        a, b = picture.a_values, picture.b_values
        da, db = a[1] - a[0], b[1] - b[0]
        self.heights = heights(picture.values)
        self.levels = levels_of(self.heights)
        self._show_image()
        self.image.set_rect(QRectF(a[0] - da / 2, b[0] - db / 2, a[-1] - a[0] + da, b[-1] - b[0] + db))
        if len(picture.segments):
            x, y, connect = segment_arrays(picture.segments)
            self.contours.setPath(pg.arrayToQPath(x, y, connect=connect, finiteCheck=False))
        else:
            self.contours.clear()
        self._draw_paths(picture)
        self.plot.setRange(xRange=(a[0] - da / 2, a[-1] + da / 2), yRange=(b[0] - db / 2, b[-1] + db / 2), padding=0)
        self.plot.disableAutoRange()
        dirs = picture.directions
        if dirs.kind == "weights" and dirs.refs is not None:
            x_label, y_label = dirs.refs[0].label(), dirs.refs[1].label()
        elif dirs.kind == "paths":
            x_label, y_label = (_tr("path direction %1 (%2 % of the spread)").replace("%1", str(k + 1))
                                .replace("%2", f"{100 * dirs.explained[k]:.0f}") for k in (0, 1))
        else:
            x_label, y_label = _tr("direction 1"), _tr("direction 2")
        style.style_plot(self.plot, "", x_label, y_label)
        finite = picture.values[np.isfinite(picture.values)]
        if finite.size:
            scale = _tr("log colours") if self.heights.min() != finite.min() else _tr("colours")
            style.set_title(self.plot, _tr("Loss landscape: %1 – %2 (%3)").replace("%1", f"{finite.min():.3g}")
                            .replace("%2", f"{finite.max():.3g}").replace("%3", scale))
        self.refresh_now()

    def _show_image(self) -> None:
        if self.shade_box.isChecked():
            self.image.set_rgb(shaded_rgb(self.heights, self.levels))
        else:
            self.image.set_values(self.heights, self.levels, style.LANDSCAPE_LUT)

    def _draw_paths(self, picture) -> None:
        for item in self.path_items:
            self.plot.removeItem(item)
            if self.plot.legend is not None:
                self.plot.legend.removeItem(item)
        self.path_items = []
        spots = []
        for path in picture.paths:
            item = add_curve(self.plot, PathCurve(style.pen(path.colour, width=2), path.name))
            item.setZValue(3)
            item.setData(path.coords[:, 0], path.coords[:, 1])
            self.path_items.append(item)
            start = path.coords[0]
            spots.append({"pos": (start[0], start[1]), "brush": pg.mkBrush("w"), "pen": pg.mkPen(path.colour, width=2)})
            fork = np.flatnonzero(path.steps == path.fork_step) if path.fork_step else []
            if len(fork):
                point = path.coords[fork[0]]
                spots.append({"pos": (point[0], point[1]), "brush": pg.mkBrush(path.colour), "symbol": "d",
                              "pen": pg.mkPen("#222222", width=1)})
        self.marks.setData(spots)

    def colour_at(self, a: float, b: float) -> tuple[int, int, int]:
        """The colour the slice (without relief) has at plane point (a, b): the nearest grid value
        through the lookup table (what a test compares with the pixels)."""
        p = self.picture
        i = int(np.argmin(np.abs(p.a_values - a)))
        j = int(np.argmin(np.abs(p.b_values - b)))
        index = colour_index(self.heights[j:j + 1, i:i + 1], self.levels)[0, 0]
        r, g, bl = style.LANDSCAPE_LUT[index][:3]
        return int(r), int(g), int(bl)

    # ------------------------------------------------------------------ events

    def _show_mode_widgets(self) -> None:
        weights = self.mode_box.currentData() == "weights"
        self.seed_box.setVisible(self.mode_box.currentData() == "random")
        self.first_box.setVisible(weights)
        self.second_box.setVisible(weights)

    @Slot()
    def _on_option_changed(self) -> None:
        self._show_mode_widgets()
        self._want()

    @Slot(bool)
    def _on_shade_toggled(self, _on: bool) -> None:
        if self.picture is not None:
            self._show_image()

    @Slot()
    def _on_something_changed(self) -> None:
        if not self.session.race.racing:
            self._want()

    @Slot(bool)
    def _on_race_racing_changed(self, racing: bool) -> None:
        if not racing:
            self._want()

    @Slot(str)
    def _on_session_play_state_changed(self, state: str) -> None:
        if state == "paused":
            self._want()
        else:
            self._settle.stop()

    @Slot()
    def _on_session_updated(self) -> None:
        if not self.session.playing:  # a step, a rewind, an edit: once the clicks stop
            self._want()

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        super()._on_dock_visibility_changed(visible)
        if visible and self._wanted:
            self._want()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.runner.busy:  # hidden (behind a tab, or its window closing): computed when shown again
            self.runner.cancel()
            self.status.setText("")
            self._wanted = True
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.runner.shutdown()
        super().closeEvent(event)


def _parameters(network) -> list[ParameterRef]:
    """Every trainable parameter, layer by layer: weights row by row, then the biases."""
    refs = []
    for layer in network.dense:
        if layer.train_weights:
            refs += [ParameterRef(layer.id, "weights", (i, j)) for i in range(layer.W.shape[0])
                     for j in range(layer.W.shape[1])]
        if layer.train_bias:
            refs += [ParameterRef(layer.id, "bias", (i,)) for i in range(layer.units)]
        if len(refs) >= MAX_LISTED_PARAMETERS:
            break
    return refs


def _title() -> str:
    return QCoreApplication.translate("plots", "Loss landscape")


PANELS = [PanelSpec("landscape_plot", _title, LandscapePanel, Qt.DockWidgetArea.RightDockWidgetArea,
                    tab_with="decision_plot")]
