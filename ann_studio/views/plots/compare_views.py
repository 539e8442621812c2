"""Two views of the compare panel (issue 15): the runs' decision boundaries as small multiples at
one step, and the weight differences between two runs, layer by layer."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, QSignalBlocker, Qt, QTimer, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from ...core.landscape_path import replica
from ...core.network import Network
from . import style
from .fast_items import RasterImage
from .plane import Plane, plane_for, show_output
from .point_cloud import set_class_points

#: the small multiples' grid side
MULTIPLE_RESOLUTION = 60
#: at most this many small multiples
MAX_MULTIPLES = 12
#: the lockstep animation: a frame every ANIMATION_MS, from the fork to the step in about this many
ANIMATION_MS, ANIMATION_FRAMES = 50, 120


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComparePanel", text)


def common_step(snapshots: list) -> int:
    """The step the small multiples show: the earliest step of the shown runs that no other shown
    run branched from (a parent that stopped where its branches forked would hold them all back)."""
    parents = {s.parent for s in snapshots}
    leaves = [s.step for s in snapshots if s.name not in parents]
    return min(leaves or [s.step for s in snapshots])


class SideBySide(QWidget):
    """One decision-boundary plot per run, all at the same step: the earliest step any of the
    shown runs is at (a run that is further is replayed to it)."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.document = session.document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = style.graphics_layout()
        layout.addWidget(self.view)
        self.note = QLabel(self)
        self.note.setObjectName("compare_side_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.plane: Plane | None = None
        self.network: Network | None = None
        self.plots: dict[str, object] = {}
        self.images: dict[str, RasterImage] = {}
        self.step = 0
        self._layout_key: tuple = ()
        self._replicas: dict[str, tuple] = {}  # run → (fork, loaded step, replica trainer)
        self.chosen_step: int | None = None  # None: the common step
        self._snapshots: list = []
        self._build_player(layout)

    def rebuild(self, trainer) -> None:
        """A new network or data: a new plane, and nothing remembered."""
        self._replicas.clear()
        self._layout_key = ()
        self.stop()
        self.plane = plane_for(self.document.project, self.session.dataset, MULTIPLE_RESOLUTION) \
            if trainer is not None else None
        self.network = Network(trainer.network.to_spec()) if trainer is not None else None

    def weights(self, snapshot, step: int) -> list[np.ndarray]:
        """Run ``snapshot``'s parameters at ``step`` (at most its step): replayed on a replica
        trainer kept per run, so the steps of an animation cost a few training steps each."""
        if snapshot.step == step:
            return snapshot.params
        key = (snapshot.fork_step, snapshot.parent)
        kept = self._replicas.get(snapshot.name)
        if kept is None or kept[0] != key or kept[1] < step or snapshot.step < kept[1]:
            trainer = self.session.trainer
            current = snapshot.name == self.document.current_run
            state = trainer.state_dict() if current else self.document.stored_run_state(snapshot.name)
            if state is None:
                return snapshot.params
            copy = replica(trainer)
            copy.load_state_dict(state)
            kept = self._replicas[snapshot.name] = (key, copy.step, copy)
        copy = kept[2]
        copy.goto(max(step, copy.first_step))
        return copy.network.get_parameters()

    def update_runs(self, snapshots: list) -> None:
        snapshots = snapshots[:MAX_MULTIPLES]
        if self.plane is None or self.network is None or not snapshots:
            self.view.clear()
            self.plots, self.images, self._layout_key = {}, {}, ()
            self.note.setText(_tr("Side by side shows decision boundaries of problems with two inputs.")
                              if self.plane is None else "")
            return
        self._snapshots = snapshots
        common = common_step(snapshots)
        with QSignalBlocker(self.slider):
            self.slider.setRange(min(s.fork_step for s in snapshots), common)
            self.step = common if self.chosen_step is None else min(self.chosen_step, common)
            self.slider.setValue(self.step)
        names = tuple(s.name for s in snapshots)
        if names != self._layout_key:
            self._lay_out(snapshots)
        shape = (MULTIPLE_RESOLUTION, MULTIPLE_RESOLUTION)
        for snap in snapshots:
            params = self.weights(snap, min(snap.step, self.step))
            if sum(p.size for p in params) != self.network.parameter_count():
                continue
            step = min(snap.step, self.step)
            self.network.set_parameters(params)
            out = self.network.forward_all(self.plane.grid_inputs, np.float32)[self.network.output_index]
            show_output(self.images[snap.name], self.plane, out, shape)
            style.set_title(self.plots[snap.name], _tr("%1 \u00b7 step %2").replace("%1", snap.name)
                            .replace("%2", f"{step:,}"), color=snap.colour)
        self.note.setText(_tr("Every run at step %1 (a run that stopped at a fork: at its own step).")
                          .replace("%1", f"{self.step:,}"))

    # ------------------------------------------------------------------ lockstep animation

    def _build_player(self, layout) -> None:
        row = QHBoxLayout()
        self.play_button = QPushButton(_tr("Play in lockstep"), self)
        self.play_button.setObjectName("compare_side_play")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(_tr("Replay every run from the fork to the step shown, all at the same step"))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("compare_side_step")
        self.slider.setToolTip(_tr("The step every run is shown at"))
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setInterval(ANIMATION_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.slider.valueChanged.connect(self._on_slider_value_changed)

    def stop(self) -> None:
        self._timer.stop()
        with QSignalBlocker(self.play_button):
            self.play_button.setChecked(False)

    def show_step(self, step: int) -> None:
        """Show every run at ``step`` (the slider's range bounds it)."""
        self.chosen_step = step
        if self._snapshots:
            self.update_runs(self._snapshots)

    @Slot(bool)
    def _on_play_toggled(self, on: bool) -> None:
        if on:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(self.slider.minimum())
            self._timer.start()
        else:
            self._timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        stride = max(1, (self.slider.maximum() - self.slider.minimum()) // ANIMATION_FRAMES)
        value = min(self.slider.value() + stride, self.slider.maximum())
        self.slider.setValue(value)
        if value >= self.slider.maximum():
            self.stop()
            self.chosen_step = None  # follow the runs again

    @Slot(int)
    def _on_slider_value_changed(self, value: int) -> None:
        self.show_step(value)

    def _lay_out(self, snapshots: list) -> None:
        self.view.clear()
        self.plots, self.images = {}, {}
        columns = max(1, math.ceil(math.sqrt(len(snapshots) * 1.6)))
        x0, x1, y0, y1 = self.plane.bounds
        for k, snap in enumerate(snapshots):
            if k and k % columns == 0:
                self.view.nextRow()
            plot = self.view.addPlot()
            style.style_plot(plot, snap.name)
            plot.getAxis("left").setWidth(28)
            plot.setAspectLocked(True)
            image = RasterImage()
            plot.addItem(image)
            image.set_values(np.zeros((MULTIPLE_RESOLUTION, MULTIPLE_RESOLUTION), np.float32), (0, 1), style.TWO_CLASS_LUT)
            image.set_rect(QRectF(x0, y0, x1 - x0, y1 - y0))
            points = pg.ScatterPlotItem(size=4, pen=pg.mkPen("w", width=0.5), symbol="o")
            plot.addItem(points)
            set_class_points(points, self.plane.train[0], self.plane.train[1], self.plane.n_classes)
            plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            plot.disableAutoRange()
            self.plots[snap.name], self.images[snap.name] = plot, image
        self._layout_key = tuple(s.name for s in snapshots)


class WeightDifferences(QWidget):
    """W of run A minus W of run B for every layer, on one symmetric colour scale."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.document = session.document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.first_box, self.second_box = QComboBox(self), QComboBox(self)
        self.first_box.setObjectName("compare_diff_first")
        self.second_box.setObjectName("compare_diff_second")
        self.first_box.setToolTip(_tr("The run whose weights are taken"))
        self.second_box.setToolTip(_tr("The run whose weights are subtracted"))
        row.addWidget(self.first_box)
        row.addWidget(QLabel("\u2212", self))
        row.addWidget(self.second_box)
        row.addStretch(1)
        layout.addLayout(row)
        self.view = style.graphics_layout()
        layout.addWidget(self.view)
        self.first_box.currentIndexChanged.connect(self._on_choice_changed)
        self.second_box.currentIndexChanged.connect(self._on_choice_changed)
        self.plots: dict[str, object] = {}
        self.images: dict[str, RasterImage] = {}
        self.differences: dict[str, np.ndarray] = {}
        self.levels = (-1.0, 1.0)
        self._layers: tuple = ()
        self._user_chose = False  # else the current run against its parent

    def set_runs(self, names: list[str]) -> None:
        """Offer ``names``; by default the current run against the one it forked from."""
        old = (self.first_box.currentText(), self.second_box.currentText())
        for box in (self.first_box, self.second_box):
            box.blockSignals(True)
            box.clear()
            box.addItems(names)
        tree = self.document.runs
        current = tree.current if tree.current in names else (names[0] if names else "")
        parent = tree.get(current).parent if current else None
        other = parent if parent in names else next((n for n in names if n != current), current)
        chosen = self._user_chose and old[0] in names and old[1] in names
        first, second = old if chosen else (current, other)
        self.first_box.setCurrentText(first)
        self.second_box.setCurrentText(second)
        for box in (self.first_box, self.second_box):
            box.blockSignals(False)

    def update_runs(self, snapshots: dict) -> None:
        a, b = snapshots.get(self.first_box.currentText()), snapshots.get(self.second_box.currentText())
        trainer = self.session.trainer
        if a is None or b is None or trainer is None or len(a.params) != len(b.params):
            self.view.clear()
            self.plots, self.images, self.differences, self._layers = {}, {}, {}, ()
            return
        layers = [layer.id for layer in trainer.network.dense]
        self.differences = {lid: a.params[2 * k] - b.params[2 * k] for k, lid in enumerate(layers)}
        if tuple(layers) != self._layers:
            self._lay_out(layers)
        biggest = max((float(np.max(np.abs(d))) for d in self.differences.values() if d.size), default=0.0)
        self.levels = (-style.nice_ceiling(biggest), style.nice_ceiling(biggest)) if biggest > 0 else (-1.0, 1.0)
        for lid, diff in self.differences.items():
            self.images[lid].set_values(diff, self.levels, style.DIVERGING_LUT)
            self.images[lid].set_rect(QRectF(0, 0, diff.shape[1], diff.shape[0]))
            self.plots[lid].setRange(xRange=(0, diff.shape[1]), yRange=(0, diff.shape[0]), padding=0)
            style.cell_ticks(self.plots[lid].getAxis("bottom"), diff.shape[1])
            style.cell_ticks(self.plots[lid].getAxis("left"), diff.shape[0])
            top = float(np.max(np.abs(diff))) if diff.size else 0.0
            style.set_title(self.plots[lid], _tr("%1: largest |\u0394w| %2").replace("%1", lid).replace("%2", f"{top:.3g}"))

    def _lay_out(self, layers: list[str]) -> None:
        self.view.clear()
        self.plots, self.images = {}, {}
        for lid in layers:
            plot = self.view.addPlot()
            style.style_plot(plot, lid, _tr("input"), _tr("unit"))
            plot.invertY(True)
            image = RasterImage()
            plot.addItem(image)
            plot.disableAutoRange()
            self.plots[lid], self.images[lid] = plot, image
        self._layers = tuple(layers)

    @Slot()
    def _on_choice_changed(self) -> None:
        self._user_chose = True
        names = [self.first_box.currentText(), self.second_box.currentText()]
        self.update_runs({name: self.session.run_snapshot(name) for name in names if name in self.document.runs})
