"""The compare panel (``compare_panel``, issue 15): the runs ticked on its left, compared four ways.

- **Curves**: each run's loss (a moving mean of its step losses) and training accuracy (per epoch)
  on one step axis in the run's colour; a forked run is drawn from its fork on, the fork point
  marked with a diamond on the parent's curve.
- **Side by side**: decision boundaries as small multiples, every run at the same step.
- **Differences**: W of one run minus W of another, layer by layer.
- **Table**: each run's numbers now.

The ticked runs (:class:`~ann_studio.document.compared_runs.ComparedRuns`) are the loss
landscape's too.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
)

from ...document.compared_runs import ComparedRuns
from ..numbers import format_number
from ..panels.registry import PanelSpec
from ..panels.runs_panel import change_text
from . import style
from .base import LivePanel
from .compare_views import SideBySide, WeightDifferences
from .export import export_button
from .fast_items import PathCurve, add_curve
from .history import peak_decimate

#: a curve is drawn from at most about this many points
MAX_POINTS = 1500
#: the moving mean spans this share of a run's steps (at least one step)
SMOOTHING_SHARE = 0.01


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComparePanel", text)


def smoothed_losses(snapshot) -> tuple[np.ndarray, np.ndarray]:
    """(steps, loss) of a run from its fork on: the moving mean of its step losses over
    ``SMOOTHING_SHARE`` of its steps, the mean at step s over the steps up to s (1-based steps)."""
    values = np.asarray(snapshot.step_losses.values(), dtype=float)
    n = len(values)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    window = max(1, int(n * SMOOTHING_SHARE))
    sums = np.cumsum(np.concatenate([[0.0], values]))
    ends = np.arange(1, n + 1)
    starts = np.maximum(0, ends - window)
    mean = (sums[ends] - sums[starts]) / (ends - starts)
    first = max(0, snapshot.fork_step - 1)  # the fork's own step joins the parent's curve
    return ends[first:].astype(float), mean[first:]


def accuracy_curve(snapshot) -> tuple[np.ndarray, np.ndarray]:
    """(steps, training accuracy) of the run's epochs from its fork on (empty for regression)."""
    rows = [(r.step, r.accuracy) for r in snapshot.epoch_records
            if r.accuracy is not None and r.step >= snapshot.fork_step]
    if not rows:
        return np.zeros(0), np.zeros(0)
    steps, acc = zip(*rows)
    return np.asarray(steps, dtype=float), np.asarray(acc, dtype=float)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def column_titles() -> list[str]:
    """The table's column headers, translated."""
    return [_tr("Run"), _tr("Forked from"), _tr("at step"), _tr("Step"), _tr("Loss"), _tr("Accuracy"),
            _tr("Test loss"), _tr("Test accuracy"), _tr("What changed")]


class ComparePanel(LivePanel):
    """See the module docstring."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.compared = ComparedRuns.of(self.session)
        self.snapshots: dict = {}
        self._drawn: dict[str, tuple] = {}  # run → what its curves show (steps, records, fork)
        self._signature: tuple | None = None
        self.log_box = QCheckBox(_tr("Log scale"), self)
        self.log_box.setObjectName("compare_log")
        self.log_box.setChecked(True)
        self.log_box.toggled.connect(self._on_log_toggled)
        self.tools.addWidget(self.log_box)
        self.tools.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.addWidget(splitter)
        self.run_list = QListWidget(self)
        self.run_list.setObjectName("compare_runs")
        self.run_list.setToolTip(_tr("Tick the runs to compare (the loss landscape draws their paths too)"))
        self.run_list.itemChanged.connect(self._on_run_item_changed)
        splitter.addWidget(self.run_list)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("compare_tabs")
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([130, 600])
        self._build_curves()
        self.side = SideBySide(self.session, self)
        self.differences = WeightDifferences(self.session, self)
        titles = column_titles()
        self.table = QTableWidget(0, len(titles), self)
        self.table.setObjectName("compare_table")
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.tabs.addTab(self.curves_view, _tr("Curves"))
        self.tabs.addTab(self.side, _tr("Side by side"))
        self.tabs.addTab(self.differences, _tr("Differences"))
        self.tabs.addTab(self.table, _tr("Table"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tools.addWidget(export_button(self, lambda: self.curves_view.scene()))
        self.document.runs_changed.connect(self._on_runs_changed)
        self.compared.changed.connect(self._on_runs_changed)

    def _build_curves(self) -> None:
        self.curves_view = style.graphics_layout()
        self.loss_plot = self.curves_view.addPlot()
        style.style_plot(self.loss_plot, _tr("Loss of each run"), "", _tr("loss (moving mean)"))
        # one legend beside both plots (in a column of its own, so their step axes line up)
        legend = pg.LegendItem(labelTextSize=f"{style.TICK_FONT_PT}pt", labelTextColor=style.FOREGROUND,
                               colCount=1, verSpacing=-10)
        legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # rows stay together
        self.curves_view.addItem(legend, 0, 1, 2, 1)
        self.curves_view.ci.layout.setAlignment(legend, Qt.AlignmentFlag.AlignTop)
        self.loss_plot.legend = legend
        self.accuracy_plot = pg.PlotItem()
        self.curves_view.addItem(self.accuracy_plot, 1, 0)
        style.style_plot(self.accuracy_plot, _tr("Training accuracy"), _tr("step"), _tr("accuracy"))
        self.accuracy_plot.setXLink(self.loss_plot)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.getAxis("left").setWidth(62)  # the same width: the step axes line up
        self.accuracy_plot.setYRange(0, 1.02, padding=0)
        self.loss_plot.setLogMode(False, True)
        self.loss_curves: dict[str, PathCurve] = {}
        self.accuracy_curves: dict[str, PathCurve] = {}
        self.fork_marks = pg.ScatterPlotItem(size=10, symbol="d", pen=pg.mkPen("#222222", width=1))
        self.fork_marks.setZValue(5)
        self.loss_plot.addItem(self.fork_marks)

    # ------------------------------------------------------------------ structure

    def rebuild(self, trainer) -> None:
        self.side.rebuild(trainer)
        self._signature = None
        self._fill_run_list()

    def _fill_run_list(self) -> None:
        tree = self.document.runs
        with QSignalBlocker(self.run_list):
            self.run_list.clear()
            for name in tree.names():
                item = QListWidgetItem(_swatch(tree.get(name).colour), name, self.run_list)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if self.compared.is_shown(name) else Qt.CheckState.Unchecked)
        self.differences.set_runs(self.compared.names())

    # ------------------------------------------------------------------ numbers

    def refresh(self, trainer) -> None:
        names = self.compared.names()
        self.snapshots = {name: self.session.run_snapshot(name) for name in names}
        signature = (self.tabs.currentIndex(), self.log_box.isChecked(),
                     tuple((s.name, s.step, s.colour, len(s.step_losses)) for s in self.snapshots.values()))
        if signature == self._signature:
            return
        self._signature = signature
        snapshots = list(self.snapshots.values())
        tab = self.tabs.currentWidget()
        if tab is self.curves_view:
            self._show_curves(snapshots)
        elif tab is self.side:
            self.side.update_runs(snapshots)
        elif tab is self.differences:
            self.differences.update_runs(self.snapshots)
        else:
            self._show_table(snapshots)

    def _show_curves(self, snapshots: list) -> None:
        shown = {s.name for s in snapshots}
        for curves, plot in ((self.loss_curves, self.loss_plot), (self.accuracy_curves, self.accuracy_plot)):
            for name in [n for n in curves if n not in shown]:
                item = curves.pop(name)
                plot.removeItem(item)
                if plot.legend is not None:
                    plot.legend.removeItem(item)
        spots, top = [], 1.0
        for snap in snapshots:
            for curves, plot, legend in ((self.loss_curves, self.loss_plot, True),
                                         (self.accuracy_curves, self.accuracy_plot, False)):
                item = curves.get(snap.name)
                if item is None or item.pen().color() != QColor(snap.colour):
                    if item is not None:
                        plot.removeItem(item)
                        if plot.legend is not None:
                            plot.legend.removeItem(item)
                    item = PathCurve(style.pen(snap.colour, width=2), snap.name if legend else None)
                    add_curve(plot, item)
                    item.setLogMode(False, plot is self.loss_plot and self.log_box.isChecked())
                    curves[snap.name] = item
                    self._drawn.pop(snap.name, None)
            key = (snap.step, len(snap.step_losses), len(snap.epoch_records), snap.fork_step, id(snap.step_losses))
            if self._drawn.get(snap.name) != key:  # only the runs that moved are drawn again
                self._drawn[snap.name] = key
                x, y = smoothed_losses(snap)
                self.loss_curves[snap.name].setData(*peak_decimate(x, y, MAX_POINTS))
                self.accuracy_curves[snap.name].setData(*accuracy_curve(snap))
            x, y = self.loss_curves[snap.name].xData, self.loss_curves[snap.name].yData
            top = max(top, float(x[-1]) if len(x) else 0.0)
            if snap.parent is not None and len(x):
                spots.append({"pos": (x[0], np.log10(y[0]) if self.log_box.isChecked() and y[0] > 0 else y[0]),
                              "brush": pg.mkBrush(snap.colour)})
        self.fork_marks.setData(spots)
        self.loss_plot.setXRange(0, style.step_ceiling(top), padding=0)
        finite = [c.yData[np.isfinite(c.yData) & (c.yData > 0)] for c in self.loss_curves.values() if len(c.yData)]
        values = np.concatenate(finite) if finite else np.zeros(0)
        if len(values):
            lo, hi = float(values.min()), float(values.max())
            if self.log_box.isChecked():
                low, high = np.log10(lo) - 0.1, np.log10(hi) + 0.1
                widen = max(0.0, 1.3 - (high - low)) / 2  # at least 1.3 decades: labels at powers of ten
                self.loss_plot.setYRange(low - widen, high + widen, padding=0)
            else:
                self.loss_plot.setYRange(0, hi * 1.05, padding=0)

    def _show_table(self, snapshots: list) -> None:
        self.table.setRowCount(len(snapshots))
        for row, snap in enumerate(snapshots):
            last = snap.epoch_records[-1] if len(snap.epoch_records) else None
            cells = [snap.name, snap.parent or "\u2013", f"{snap.fork_step:,}" if snap.parent else "\u2013",
                     f"{snap.step:,}", _number(snap.loss), _number(last.accuracy if last else None, percent=True),
                     _number(last.test_loss if last else None),
                     _number(last.test_accuracy if last else None, percent=True), change_text(snap.changes)]
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                if item.text() != text:
                    item.setText(text)
            self.table.item(row, 0).setIcon(_swatch(snap.colour))
        self.table.resizeColumnsToContents()

    # ------------------------------------------------------------------ events

    @Slot()
    def _on_runs_changed(self) -> None:
        self._drawn.clear()
        self._fill_run_list()
        self._signature = None
        if self.is_shown():
            self.refresh_now()
        else:
            self._stale = True

    @Slot(QListWidgetItem)
    def _on_run_item_changed(self, item: QListWidgetItem) -> None:
        self.compared.set_shown(item.text(), item.checkState() == Qt.CheckState.Checked)

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        self.refresh_now()

    @Slot(bool)
    def _on_log_toggled(self, on: bool) -> None:
        self.loss_plot.setLogMode(False, on)  # the axis and every curve
        self._drawn.clear()
        self._signature = None
        self.refresh_now()


def _number(value, percent: bool = False) -> str:
    if value is None or not np.isfinite(value):
        return "\u2013"
    return f"{100 * value:.1f} %" if percent else format_number(value)


def _title() -> str:
    return QCoreApplication.translate("plots", "Compare runs")


PANELS = [PanelSpec("compare_panel", _title, ComparePanel, Qt.DockWidgetArea.BottomDockWidgetArea,
                    tab_with="loss_plot")]
