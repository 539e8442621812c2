"""The error panel (``loss_plot``): training and test loss per step and per epoch, accuracy below.

A log-scale toggle, optional smoothing of the per-step loss, a hover read-out of step and value,
and the curves of earlier runs (after a reset) kept faded for comparison until cleared.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSpinBox

from ..panels.registry import PanelSpec
from . import style
from .base import LivePanel
from .export import export_button
from .fast_items import PathCurve, add_curve
from .history import EpochTable, StepMirror, peak_decimate

MAX_EARLIER_RUNS = 6
#: the per-step curves are drawn from at most about this many points (min/max per bucket): the
#: frame's cost stays flat however long training runs
MAX_CURVE_POINTS = 4000
#: and from at most this many points per pixel of the plot's width: more draw the same pixels
#: (a 4,000-point noisy batch-loss line took ~10 ms to paint, measured; 2 per pixel keep every peak)
POINTS_PER_PIXEL = 2
#: epoch curves carry dot markers only while they have at most this many points (thousands of
#: markers cost milliseconds a frame and merge into a thick line anyway)
MAX_MARKED_EPOCHS = 100


def _epoch_curve(plot: pg.PlotItem, color, name: str) -> PathCurve:
    """A per-epoch curve with dot markers (a separate scatter, shown only while there are few)."""
    curve = add_curve(plot, PathCurve(style.pen(color), name))
    curve.marks = pg.ScatterPlotItem(size=4, pen=None, brush=style.brush(color))
    plot.addItem(curve.marks)
    return curve


def _set_epoch_curve(curve: PathCurve, x: np.ndarray, y: np.ndarray) -> None:
    """Show (x, y) on ``curve``, with markers only while there are few points."""
    curve.setData(x, y)
    marked = len(x) <= MAX_MARKED_EPOCHS
    curve.marks.setVisible(marked)
    if marked:
        y = np.asarray(y, dtype=float)
        if curve.log_y:
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.log10(y)
        keep = np.isfinite(y)
        curve.marks.setData(np.asarray(x, dtype=float)[keep], y[keep])


class LossPanel(LivePanel):
    """Loss (top) and accuracy (bottom) against the step number."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.buffer = StepMirror()  # bounded, like the history it mirrors
        self.epochs = EpochTable()
        self.earlier_runs: list[PathCurve] = []
        self._marks: list[pg.InfiniteLine] = []
        self._y_bounds = (np.inf, -np.inf)
        self._build_tools()
        self._build_plots()
        self.document.settings_changed.connect(self._on_document_settings_changed)
        self.document.run_parameter_edited.connect(self._on_document_run_parameter_edited)

    # ------------------------------------------------------------------ construction

    def _build_tools(self) -> None:
        self.log_box = QCheckBox(self.tr("Log scale"), self)
        self.log_box.setObjectName("loss_log_scale")
        self.log_box.setToolTip(self.tr("Show the loss on a logarithmic axis"))
        self.log_box.toggled.connect(self._on_log_box_toggled)
        self.smooth_spin = QSpinBox(self)
        self.smooth_spin.setObjectName("loss_smoothing")
        self.smooth_spin.setRange(1, 1000)
        self.smooth_spin.setValue(1)
        self.smooth_spin.setSpecialValueText(self.tr("No smoothing"))
        self.smooth_spin.setPrefix(self.tr("Smooth: "))
        self.smooth_spin.setSuffix(self.tr(" steps"))
        self.smooth_spin.setToolTip(self.tr("Average the per-step loss over this many steps"))
        self.smooth_spin.valueChanged.connect(self._on_smoothing_changed)
        self.clear_button = QPushButton(self.tr("Clear earlier runs"), self)
        self.clear_button.setObjectName("loss_clear_runs")
        self.clear_button.setToolTip(self.tr("Remove the faded curves of earlier runs"))
        self.clear_button.clicked.connect(self.clear_earlier_runs)
        # another project's curves mean nothing here (runs the session archived on the way out go too)
        self.document.project_replaced.connect(self.clear_earlier_runs)
        self.readout = QLabel(self)
        self.readout.setObjectName("loss_readout")
        for w in (self.log_box, self.smooth_spin, self.clear_button):
            self.tools.addWidget(w)
        self.tools.addStretch(1)
        self.tools.addWidget(self.readout)
        self.tools.addWidget(export_button(self, lambda: self.layout_widget.scene(),
                                           lambda: self.session.trainer))

    def _build_plots(self) -> None:
        self.layout_widget = style.graphics_layout()
        self.body.addWidget(self.layout_widget)
        self.loss_plot = self.layout_widget.addPlot(row=0, col=0)
        style.style_plot(self.loss_plot, self.tr("Error"), self.tr("step"), self.tr("loss"))
        style.add_legend(self.loss_plot)
        # no grid: an axis grid repaints with every curve update (~10 ms a frame, measured)
        self.step_curve = add_curve(self.loss_plot, PathCurve(style.pen(0, alpha=90), self.tr("batch loss")))
        self.smooth_curve = add_curve(self.loss_plot, PathCurve(style.pen(0), self.tr("batch loss (smoothed)")))
        self.train_curve = _epoch_curve(self.loss_plot, "#08306b", self.tr("training loss (epoch)"))
        self.test_curve = _epoch_curve(self.loss_plot, 1, self.tr("test loss (epoch)"))
        self.loss_plot.disableAutoRange()
        self.accuracy_plot = self.layout_widget.addPlot(row=0, col=1)  # beside the error: the dock is wide, not tall
        style.style_plot(self.accuracy_plot, self.tr("Accuracy"), self.tr("step"), self.tr("accuracy"))
        style.add_legend(self.accuracy_plot)
        # no grid: an axis grid repaints with every curve update (~10 ms a frame, measured)
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(0, 1.0, padding=0.02)
        self.accuracy_plot.disableAutoRange()
        self.train_acc_curve = _epoch_curve(self.accuracy_plot, "#08306b", self.tr("training"))
        self.test_acc_curve = _epoch_curve(self.accuracy_plot, 1, self.tr("test"))
        self._hover = pg.SignalProxy(self.layout_widget.scene().sigMouseMoved, rateLimit=30,
                                     slot=self._on_scene_mouse_moved)

    # ------------------------------------------------------------------ updates

    def rebuild(self, trainer) -> None:
        if self.buffer.n:
            self._keep_earlier_run()
        self.buffer.clear()
        self._n_records = -1
        for mark in self._marks:
            self.loss_plot.removeItem(mark)
        self._marks.clear()
        self._y_bounds = (np.inf, -np.inf)
        classification = trainer is not None and trainer.classification
        self.accuracy_plot.setVisible(classification)
        self.loss_plot.setXRange(0, 10, padding=0)
        self.show_message("" if trainer is not None else (self.session.error or ""))

    def refresh(self, trainer) -> None:
        if self.buffer.sync(trainer.step_losses) or self.buffer.n == 0:
            self._update_step_curves()
        if self.epochs.sync(trainer.epoch_records) or self._n_records != self.epochs.n:
            self._n_records = self.epochs.n  # epoch curves change once per epoch
            curves = [(self.train_curve, "loss"), (self.test_curve, "test_loss")]
            if trainer.classification:
                curves += [(self.train_acc_curve, "accuracy"), (self.test_acc_curve, "test_accuracy")]
            for curve, field in curves:
                _set_epoch_curve(curve, *self.epochs.column(field))
        self._fit_ranges()

    def _max_points(self) -> int:
        width = int(self.loss_plot.vb.width())
        return int(np.clip(POINTS_PER_PIXEL * width, 400, MAX_CURVE_POINTS))

    def _update_step_curves(self) -> None:
        most = self._max_points()
        self.step_curve.setData(*self.buffer.curve(most))
        window = self.smooth_spin.value()
        if window > 1 and self.buffer.n:
            self.smooth_curve.setData(*peak_decimate(self.buffer.steps, self.buffer.moving_average(window), most))
        else:
            self.smooth_curve.setData([], [])

    def _fit_ranges(self) -> None:
        """Grow the view when the data leaves it (no auto-range every frame)."""
        steps = self.epochs.values("step")
        n = max(self.buffer.n, steps[-1] if len(steps) else 0)
        (x0, x1), _ = self.loss_plot.viewRange()
        if n > x1 or n < x1 / 4 and x1 > 10:
            self.loss_plot.setXRange(0, style.step_ceiling(1.1 * n), padding=0)
        finite = np.concatenate([self.buffer.extremes(), self.epochs.values("loss"), self.epochs.values("test_loss")])
        finite = finite[np.isfinite(finite)]
        if finite.size == 0:
            return
        lo, hi = float(finite.min()), float(finite.max())
        if lo < self._y_bounds[0] or hi > self._y_bounds[1]:
            self._y_bounds = (min(lo, self._y_bounds[0]), max(hi, self._y_bounds[1]))
            self._apply_y_range()

    def _apply_y_range(self) -> None:
        lo, hi = self._y_bounds
        if not np.isfinite(lo):
            return
        if self.log_box.isChecked():
            lo = max(lo, 1e-12)
            self.loss_plot.setYRange(np.log10(lo), np.log10(max(hi, lo * 10)), padding=0.05)
        else:
            self.loss_plot.setYRange(min(0.0, lo), hi if hi > lo else lo + 1, padding=0.05)

    # ------------------------------------------------------------------ earlier runs

    def _keep_earlier_run(self) -> None:
        x = self.buffer.steps
        y = self.buffer.moving_average(max(1, len(x) // 200))
        faded = PathCurve(style.pen("#7f7f7f", alpha=110))
        faded.setZValue(-10)
        self.loss_plot.addItem(faded)  # takes the plot's log mode
        faded.setData(*peak_decimate(x, y, self._max_points()))
        self.earlier_runs.append(faded)
        if len(self.earlier_runs) > MAX_EARLIER_RUNS:
            self.loss_plot.removeItem(self.earlier_runs.pop(0))

    @Slot()
    def clear_earlier_runs(self) -> None:
        """Remove the faded curves of earlier runs."""
        for item in self.earlier_runs:
            self.loss_plot.removeItem(item)
        self.earlier_runs.clear()

    @Slot()
    def _on_document_settings_changed(self) -> None:
        self._add_mark(self.tr("settings changed"), "#b0b0b0")

    @Slot(str, str, object, float)
    def _on_document_run_parameter_edited(self, *_edit) -> None:
        self._add_mark(self.tr("weight typed in"), "#e65100")

    def _add_mark(self, text: str, colour: str) -> None:
        """A vertical line at the current step, labelled (where the run was changed mid-way)."""
        trainer = self.session.trainer
        if trainer is None or not trainer.step:
            return
        mark = pg.InfiniteLine(trainer.step, angle=90, pen=style.pen(colour), label=text,
                               labelOpts={"position": 0.9, "color": style.FOREGROUND})
        self.loss_plot.addItem(mark)
        self._marks.append(mark)

    # ------------------------------------------------------------------ tools

    @Slot(bool)
    def _on_log_box_toggled(self, on: bool) -> None:
        self.loss_plot.setLogMode(False, on)
        self._n_records = -1  # the epoch markers are placed in the axis's (log) units
        if self.session.trainer is not None:
            self.refresh(self.session.trainer)
        self._apply_y_range()

    @Slot(int)
    def _on_smoothing_changed(self, _value: int) -> None:
        self._update_step_curves()

    def _on_scene_mouse_moved(self, event) -> None:
        pos = event[0]
        if not self.loss_plot.sceneBoundingRect().contains(pos) or self.buffer.n == 0:
            return
        x = self.loss_plot.vb.mapSceneToView(pos).x()
        step = int(round(min(max(x, 1), self.buffer.n)))
        text = self.tr("step %1: loss %2").replace("%1", str(step)).replace(
            "%2", f"{self.buffer.value_at(step):.4g}")
        if self.smooth_spin.value() > 1:
            point = max(0, int(np.searchsorted(self.buffer.steps, step, side="right")) - 1)
            avg = self.buffer.moving_average(self.smooth_spin.value())[point]
            text += self.tr(" (smoothed %1)").replace("%1", f"{avg:.4g}")
        self.readout.setText(text)


def _title() -> str:
    return QCoreApplication.translate("plots", "Error")


PANELS = [PanelSpec("loss_plot", _title, LossPanel, Qt.DockWidgetArea.BottomDockWidgetArea)]
