"""The math view (dock ``math_panel``): the formula of the current phase for the selected neuron or
weight with the live numbers substituted, a notation switch (Nielsen / Zhou / Mazur), the table of
every layer's values (CSV export), a gradient check, and the Mazur preset's verification badge.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.gradcheck import check_parameter
from ..phase_names import phase_label
from ..plain_text import escape, plain
from . import math_badge
from .math_format import Line, caption, num
from .math_formulas import Context, focus, formula_lines
from .math_notation import NOTATIONS, available, make_notation, notation_title
from .math_table import LayerValuesModel, write_csv
from .refresh_throttle import RefreshThrottle
from .registry import PanelSpec

_FORMULA_CSS = """
table { margin: 2px; } td.cap { color: #6b7785; font-size: 9pt; padding-top: 6px; }
td.f { font-size: 11pt; font-family: 'DejaVu Serif', 'Cambria Math', serif; padding-left: 6px; }
b { color: #0d47a1; }
"""


class MathPanel(QWidget):
    """See the module docstring. ``window`` offers ``session``, ``selection`` and ``document``."""

    def __init__(self, window):
        super().__init__()
        self.setObjectName("math_view")
        self.setMinimumWidth(340)
        self.window_ = window
        self.session = window.session
        self.selection = window.selection
        self.notation = window.notation  # shared: the table and the canvas name weights the same way
        self.practice = window.practice  # practice mode: the question's formula, its result blank
        self._badge_rows: list | None = None
        self._columns_sized_for = None
        self._project_seen = None
        self._build()
        self._throttle = RefreshThrottle(self.refresh, self.session, self, widget=self)
        self.session.updated.connect(self._throttle.request)
        self.session.reset_done.connect(self._on_session_reset_done)
        self.selection.changed.connect(self._on_selection_changed)
        self.practice.changed.connect(self.refresh)
        self._on_session_reset_done()

    # ------------------------------------------------------------------ construction

    def _build(self) -> None:
        self.heading = QLabel(self, objectName="math_heading")
        self.heading.setWordWrap(True)
        self.notation_box = QComboBox(self, objectName="math_notation")
        for key in NOTATIONS:
            self.notation_box.addItem(notation_title(key), key)
        self.notation_box.setToolTip(self.tr("The symbols: Nielsen's book, Zhou's textbook (the lesson), "
                                             "or Mazur's worked example (2-2-2 networks)"))
        self.digits_box = QSpinBox(self, objectName="math_digits", minimum=3, maximum=12, value=6)
        self.digits_box.setPrefix(self.tr("digits "))
        self.bilingual_box = QCheckBox(self.tr("中文"), self, objectName="math_bilingual")
        self.bilingual_box.setToolTip(self.tr("Show each caption in English and Chinese side by side"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Notation"), self))
        for w in (self.notation_box, self.digits_box, self.bilingual_box):
            top.addWidget(w)
        top.addStretch(1)
        self.badge = QLabel(self, objectName="mazur_badge")
        self.badge.setWordWrap(True)
        self.formula = QTextBrowser(self, objectName="math_formula")
        self.formula.document().setDefaultStyleSheet(_FORMULA_CSS)
        self.formula.setMinimumHeight(80)
        self.check_button = QPushButton(self.tr("Check gradient"), self, objectName="check_gradient")
        self.check_button.setToolTip(self.tr("Compare ∂E/∂w from backpropagation with a central finite "
                                             "difference (E(w + h) − E(w − h)) / 2h for the selection"))
        self.check_result = plain(QLabel(self, objectName="gradcheck_result"))
        self.check_result.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export CSV…"), self, objectName="export_csv")
        self.export_button.setToolTip(self.tr("Save every layer's z, a, δ, ∂E/∂b and ∂E/∂W of this batch"))
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.check_result, 1)
        row.addWidget(self.export_button)
        self.model = LayerValuesModel(self)
        self.table = QTableView(self, objectName="math_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        # compact rows that never wrap ("1.2 × 10⁻⁷" on one line): more layers show without a scroll
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QTextBrowser(self, objectName="mazur_details")
        self.tabs = QTabWidget(self, objectName="math_tabs")
        self.tabs.addTab(self.table, self.tr("Layer values"))
        self.tabs.addTab(self.details, self.tr("Check against Mazur"))
        self.split = split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.formula)
        split.addWidget(self.tabs)
        split.setSizes([220, 260])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.badge)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.notation_box.currentIndexChanged.connect(self._on_notation_box_changed)
        self.notation.changed.connect(self._on_notation_changed)
        self.digits_box.valueChanged.connect(self._on_digits_changed)
        self.bilingual_box.toggled.connect(self.refresh)
        self.check_button.clicked.connect(self.check_gradient)
        self.export_button.clicked.connect(self._on_export_clicked)

    # ------------------------------------------------------------------ state

    @property
    def is_mazur_preset(self) -> bool:
        return self.session.document.project.extra.get("preset") == "mazur"

    def set_notation(self, key: str) -> None:
        self.notation_box.setCurrentIndex(self.notation_box.findData(key))

    @Slot()
    def _on_session_reset_done(self) -> None:
        self._badge_rows = None
        self._columns_sized_for = None
        t = self.session.trainer
        keys = available(t.network) if t is not None else ["nielsen"]
        model = self.notation_box.model()
        for row, key in enumerate(NOTATIONS):
            model.item(row).setEnabled(key in keys)
        project = self.session.document.project
        if project is not self._project_seen:  # a new project: the notation that suits it
            self._project_seen = project
            if self.is_mazur_preset and "mazur" in keys:
                self.set_notation("mazur")
                self.digits_box.setValue(9)
            else:
                self.set_notation("zhou" if "zhou" in keys else "nielsen")
        elif self.notation_box.currentData() not in keys:
            self.set_notation("zhou" if "zhou" in keys else "nielsen")
        self.check_result.clear()
        self.tabs.setTabVisible(1, self.is_mazur_preset)
        self.tabs.tabBar().setVisible(self.is_mazur_preset)  # one tab: no tab bar, one more table row
        self.badge.setVisible(self.is_mazur_preset)
        self.refresh()

    @Slot(object)
    def _on_selection_changed(self, _item) -> None:
        self.check_result.clear()
        self.refresh()

    @Slot(int)
    def _on_notation_box_changed(self, _row: int) -> None:
        self.notation.set_key(self.notation_box.currentData())
        self.refresh()

    @Slot(str)
    def _on_notation_changed(self, key: str) -> None:
        if self.notation_box.currentData() != key:
            self.notation_box.setCurrentIndex(self.notation_box.findData(key))

    @Slot(int)
    def _on_digits_changed(self, digits: int) -> None:
        self.model.digits = digits
        self.refresh()

    # ------------------------------------------------------------------ drawing

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._throttle.catch_up()
        self._show_every_row()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._show_every_row()

    @Slot()
    def refresh(self) -> None:
        """Redraw the heading, formula, table and badge from the session's current state."""
        t = self.session.trainer
        if t is None:
            self.heading.setText(escape(self.session.error or ""))
            self.formula.setHtml("")
            self.model.refresh(None, 0)
            return
        phase = self.session.current_phase
        s = self.session.focus_sample
        ctx = Context(t, self.session, make_notation(self.notation_box.currentData(), t.network), s,
                      self.digits_box.value(), self.bilingual_box.isChecked())
        m = self.session.batch_size_now
        where = self.tr("step %1 · sample %2 of %3").replace("%1", str(t.step)).replace(
            "%2", str(s + 1)).replace("%3", str(m))
        if self.practice.question is not None:  # practice: the phase about to run, not the one just run
            where = self.tr("practice · step %1 · sample %2 of %3").replace("%1", str(t.step + 1)).replace(
                "%2", str(s + 1)).replace("%3", str(m))
            phase = t.next_phase
        self.heading.setText(f"<b>{escape(phase_label(phase, t.network))}</b> &nbsp;"
                             f"<span style='color:#777'>{escape(where)}</span>")
        lines = self._practice_lines(t) if self.practice.question is not None else formula_lines(
            ctx, phase, self.selection.current)
        rows = "".join(f"<tr><td class='cap'>{line.caption}</td></tr><tr><td class='f'>{line.html}</td></tr>"
                       for line in lines)
        self.formula.setHtml(f"<table>{rows}</table>")
        self.model.refresh(t, s, ctx.notation)
        if self.model.structure_changed or (not self.session.playing and phase != self._columns_sized_for):
            self.model.structure_changed = False  # size the columns to the numbers once per phase
            self._columns_sized_for = phase
            self.table.resizeColumnsToContents()
            self._show_every_row()
        if self.is_mazur_preset:
            self._refresh_badge()

    def _practice_lines(self, t) -> list[Line]:
        """Practice mode: the asked quantity's formula, the inputs substituted and the result blank
        (the worked answer once it has been shown)."""
        from ...document.practice import WORKED
        from .practice_formula import build

        digits = self.digits_box.value()
        formula = build(self.practice.worked(), self.practice.question, make_notation(self.practice.notation,
                                                                                      t.network), digits)
        feedback = self.practice.feedback
        shown = formula.worked_html(digits) if feedback is not None and feedback.level >= WORKED else \
            formula.question_html()
        return [Line(caption(QCoreApplication.translate("MathPanel", "Practice: compute the highlighted quantity")),
                     shown)]

    def _show_every_row(self) -> None:
        """Give the layer table the height its rows need (the output layer's rows came last,
        hidden below a scroll), as long as the formula keeps its minimum height."""
        rows = self.model.rowCount()
        scrollbar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)  # wide numbers scroll
        needed = (self.table.horizontalHeader().height() + rows * self.table.verticalHeader().defaultSectionSize()
                  + 2 * self.table.frameWidth() + scrollbar + 4)
        if not self.tabs.tabBar().isHidden():
            needed += self.tabs.tabBar().sizeHint().height()
        formula, tabs = self.split.sizes()
        total = formula + tabs
        if total > 0 and tabs < needed:
            tabs = min(needed, total - self.formula.minimumHeight())
            self.split.setSizes([total - tabs, tabs])

    def _refresh_badge(self) -> None:
        t = self.session.trainer
        stale = self._badge_rows is None or (not self._badge_rows and t.step >= 1) or (
            len(t.step_losses) > 10000 and self._badge_rows and self._badge_rows[-1].status == "pending")
        if stale:
            self._badge_rows = math_badge.verification_rows(self.session)
            self.details.setHtml(math_badge.details_html(self._badge_rows, self.digits_box.value()))
        text, colour = math_badge.badge_text(self._badge_rows)
        self.badge.setText(text)
        self.badge.setStyleSheet(f"QLabel {{ color: white; background: {colour}; border-radius: 4px; padding: 4px; }}")

    # ------------------------------------------------------------------ tools

    def _check_target(self) -> tuple[str, str, tuple]:
        """(layer id, "W" or "b", index) of the parameter to check: the selection, else the focus."""
        t, sel = self.session.trainer, self.selection.current
        dense = {layer.id for layer in t.network.dense}
        if sel is not None and sel.layer in dense and sel.i is not None:
            if sel.kind == "weight" and sel.j is not None:
                return sel.layer, "W", (sel.i, sel.j)
            return sel.layer, "b", (sel.i,)
        k, i, j = focus(self.session.current_phase, sel, t.network)
        return t.network.layers[k].id, "W", (i, j or 0)

    @Slot()
    def check_gradient(self):
        """Run the finite-difference check for the selection on the current batch; returns the
        :class:`~ann_studio.core.gradcheck.GradCheck` (also shown in the panel)."""
        t = self.session.trainer
        if t is None:
            return None
        p = t.pass_
        if p.x is not None and p.y is not None:
            x, y = p.x, p.y
        else:
            x, y = t.x[t.cursor:t.cursor + t.batch_size], t.y[t.cursor:t.cursor + t.batch_size]
        layer_id, kind, index = self._check_target()
        result = check_parameter(t.network, x, y, t.loss, layer_id, kind, index)
        ok = result.relative_error < 1e-6
        what = f"{kind}[{', '.join(str(v + 1) for v in index)}] ({layer_id})"
        self.check_result.setText(self.tr("%1: numerical %2 · backprop %3 · relative error %4 %5").replace(
            "%1", what).replace("%2", num(result.numerical, 10)).replace("%3", num(result.analytic, 10)).replace(
            "%4", f"{result.relative_error:.1e}").replace("%5", "✔" if ok else "✘"))
        self.check_result.setStyleSheet(f"color: {'#2e7d32' if ok else '#c62828'};")
        return result

    @Slot()
    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export layer values"), "layer-values.csv",
                                              self.tr("CSV files (*.csv)"))
        if path and self.session.trainer is not None:
            write_csv(self.session.trainer, path)


def _title() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MathPanel", "Math")


PANELS = [PanelSpec("math_panel", _title, MathPanel, Qt.DockWidgetArea.RightDockWidgetArea)]
