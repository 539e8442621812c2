"""Practice mode's panel (dock ``practice_panel``) and its action (Train → Practice, ``practice_mode``).

The math view shows the question's formula with the result blank; this panel takes the answer
(``practice_answer``, Enter checks), says what went wrong (``practice_feedback``: correct, the
named slip in a sentence, then a hint, the numbers, the worked answer) and keeps the score
(``practice_score``). The canvas selects the neuron or weight asked about.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...core.practice_answer import DEFAULT_TOLERANCE
from ...document.practice import NUMBERS, WORKED
from ...document.selection import Selected
from ...lessons.classroom import Assignment, practice_report
from ..plain_text import escape
from . import practice_formula
from .math_format import num
from .math_notation import make_notation, plain_symbol
from .registry import PanelSpec


def _tr(text: str) -> str:
    return QCoreApplication.translate("PracticePanel", text)


#: each slip in a plain sentence (the API's codes: docs/api.md)
SLIPS = {
    "missing_derivative": QT_TRANSLATE_NOOP("PracticePanel", "It looks like you left out the derivative f′(z) of "
                                                             "the activation."),
    "sign": QT_TRANSLATE_NOOP("PracticePanel", "The sign is reversed: compare ŷ − y with y − ŷ, and w − η·g with "
                                               "w + η·g."),
    "sign_zhou": QT_TRANSLATE_NOOP("PracticePanel", "The sign is reversed: in Zhou's notation g = −δ, so g_j has the "
                                                    "opposite sign to Nielsen's δ."),
    "updated_weight": QT_TRANSLATE_NOOP("PracticePanel", "You used output weights that were already updated: a hidden "
                                                         "δ uses the weights from before the update."),
    "missing_sum": QT_TRANSLATE_NOOP("PracticePanel", "Only one term is there: sum over every output neuron."),
    "missing_learning_rate": QT_TRANSLATE_NOOP("PracticePanel", "The learning rate η is missing from the update."),
    "z_for_a": QT_TRANSLATE_NOOP("PracticePanel", "You used the net input z where the activation a belongs."),
    "a_for_z": QT_TRANSLATE_NOOP("PracticePanel", "You gave the activation a; the question asks for the net input."),
    "missing_batch_mean": QT_TRANSLATE_NOOP("PracticePanel", "You forgot the 1/m of the mini-batch mean."),
    "wrong_layer": QT_TRANSLATE_NOOP("PracticePanel", "You used the activation of the wrong layer: ∂E/∂w takes the "
                                                      "activation the weight comes from, and f′ in δ this layer's "
                                                      "own activation."),
}
UNREADABLE = {
    "empty": QT_TRANSLATE_NOOP("PracticePanel", "Type a number, e.g. 0.5, 0,5, 1/3 or 0.7414*0.1868."),
    "too_long": QT_TRANSLATE_NOOP("PracticePanel", "The answer is too long."),
    "decimal_mark": QT_TRANSLATE_NOOP("PracticePanel", "Use either , or . as the decimal mark, not both."),
    "syntax": QT_TRANSLATE_NOOP("PracticePanel", "That is not a number or a simple expression (+ − × ÷ ^ and "
                                                 "parentheses)."),
    "division_by_zero": QT_TRANSLATE_NOOP("PracticePanel", "The answer divides by zero."),
    "too_large": QT_TRANSLATE_NOOP("PracticePanel", "The answer is too large."),
}
QUANTITY_NAMES = {"z": QT_TRANSLATE_NOOP("PracticePanel", "net input z"),
                  "a": QT_TRANSLATE_NOOP("PracticePanel", "activation a"),
                  "loss": QT_TRANSLATE_NOOP("PracticePanel", "loss E"),
                  "delta": QT_TRANSLATE_NOOP("PracticePanel", "δ"),
                  "grad_w": QT_TRANSLATE_NOOP("PracticePanel", "∂E/∂w"),
                  "grad_b": QT_TRANSLATE_NOOP("PracticePanel", "∂E/∂b"),
                  "new_w": QT_TRANSLATE_NOOP("PracticePanel", "new weight"),
                  "new_b": QT_TRANSLATE_NOOP("PracticePanel", "new bias")}
KIND_NAMES = {"z": QT_TRANSLATE_NOOP("PracticePanel", "net input"),
              "a": QT_TRANSLATE_NOOP("PracticePanel", "activation"),
              "loss": QT_TRANSLATE_NOOP("PracticePanel", "loss"),
              "delta": QT_TRANSLATE_NOOP("PracticePanel", "δ"),
              "gradient": QT_TRANSLATE_NOOP("PracticePanel", "gradients"),
              "update": QT_TRANSLATE_NOOP("PracticePanel", "updates")}


def slip_sentence(code: str | None, notation: str) -> str:
    if code is None:
        return _tr("This matches none of the usual slips. Here is the worked answer.")
    key = "sign_zhou" if code == "sign" and notation == "zhou" else code
    return QCoreApplication.translate("PracticePanel", SLIPS[key])


def requirement_text(req: dict) -> str:
    """A practice requirement in words: ``5 correct δ in a row``, ``every quantity of one full step``."""
    if req.get("full_step"):
        return _tr("every quantity of one full step")
    what = QCoreApplication.translate("PracticePanel", QUANTITY_NAMES[req["quantity"]])
    if "layer" in req:
        where = req["layer"] + ("" if req.get("index") is None else " " + ",".join(str(v + 1) for v in req["index"]))
        what += f" ({where})"
    if "in_a_row" in req:
        return _tr("%1 correct %2 in a row").replace("%1", str(req["in_a_row"])).replace("%2", what)
    return _tr("%1 correct %2").replace("%1", str(req.get("correct", 1))).replace("%2", what)


class PracticePanel(QWidget):
    """See the module docstring. ``window`` offers ``practice``, ``session``, ``selection``, ``notation``."""

    def __init__(self, window):
        super().__init__()
        self.setObjectName("practice_view")
        self.practice = window.practice
        self.session = window.session
        self.selection = window.selection
        self.notation = window.notation
        self.question_label = QLabel(self, objectName="practice_question")
        self.question_label.setWordWrap(True)
        self.tolerance_label = QLabel(self, objectName="practice_tolerance")
        self.tolerance_label.setStyleSheet("color: #6b7785;")
        self.tolerance_label.setWordWrap(True)
        self.answer_edit = QLineEdit(self, objectName="practice_answer")
        self.answer_edit.setPlaceholderText(_tr("your answer, e.g. 0.5932 or 0.7414*0.1868"))
        self.check_button = QPushButton(_tr("Check"), self, objectName="practice_check")
        self.reveal_button = QPushButton(_tr("Show Answer"), self, objectName="practice_reveal")
        self.next_button = QPushButton(_tr("Next Question"), self, objectName="practice_next")
        self.export_button = QPushButton(_tr("Export Log…"), self, objectName="practice_export")
        self.export_button.setToolTip(_tr("Save every answer of this run (time, quantity, answer, verdict, slip) "
                                          "as CSV"))
        self.feedback_label = QLabel(self, objectName="practice_feedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.RichText)
        self.feedback_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.score_label = QLabel(self, objectName="practice_score")
        self.score_label.setWordWrap(True)
        self.assignment_label = QLabel(self, objectName="practice_assignment")
        self.assignment_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.answer_edit, 1)
        row.addWidget(self.check_button)
        buttons = QHBoxLayout()
        for button in (self.reveal_button, self.next_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        for widget in (self.question_label, self.tolerance_label):
            left.addWidget(widget)
        left.addLayout(row)
        left.addLayout(buttons)
        left.addStretch(1)
        left.addWidget(self.score_label)
        left.addWidget(self.assignment_label)
        scroll = QScrollArea(self, objectName="practice_feedback_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.feedback_label)
        layout = QHBoxLayout(self)  # a bottom dock: the question on the left, the feedback beside it
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(left, 2)
        layout.addWidget(scroll, 3)
        self.answer_edit.returnPressed.connect(self._on_answer_return_pressed)
        self.check_button.clicked.connect(self.check)
        self.reveal_button.clicked.connect(self.practice.reveal)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.practice.changed.connect(self.refresh)
        self.notation.changed.connect(self._on_notation_changed)
        self.session.reset_done.connect(self._sync_notation)
        self._sync_notation()
        self.refresh()

    # ------------------------------------------------------------------ actions

    @Slot()
    def check(self) -> None:
        self.practice.answer(self.answer_edit.text())
        feedback = self.practice.feedback
        if feedback is not None and (feedback.kind == "correct" or feedback.level >= WORKED):
            self.answer_edit.clear()  # after the worked answer, Enter goes on to the next question

    @Slot()
    def _on_answer_return_pressed(self) -> None:
        feedback = self.practice.feedback
        if not self.answer_edit.text().strip() and feedback is not None and feedback.level >= WORKED:
            self._on_next_clicked()  # Enter on an empty answer after the worked answer: go on
        else:
            self.check()

    @Slot()
    def _on_next_clicked(self) -> None:
        self.answer_edit.clear()
        self.practice.next_question()

    @Slot()
    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export practice log"), "practice-log.csv",
                                              _tr("CSV files (*.csv)"))
        if path:
            self.practice.log.write_csv(path)

    @Slot(str)
    def _on_notation_changed(self, _key: str) -> None:
        self._sync_notation()

    @Slot()
    def _sync_notation(self) -> None:
        t = self.session.trainer
        if t is not None:
            self.practice.set_notation(make_notation(self.notation.key, t.network).key)

    # ------------------------------------------------------------------ drawing

    def formula(self):
        """The :class:`~.practice_formula.PracticeFormula` of the current question, or None."""
        q, t = self.practice.question, self.session.trainer
        if q is None or t is None:
            return None
        return practice_formula.build(self.practice.worked(), q, make_notation(self.practice.notation, t.network), 9)

    @Slot()
    def refresh(self) -> None:
        practice, t = self.practice, self.session.trainer
        on = practice.active and t is not None
        for widget in (self.answer_edit, self.check_button, self.reveal_button, self.next_button):
            widget.setEnabled(on and practice.question is not None)
        q = practice.question
        if not practice.active:
            self.question_label.setText(_tr("Turn on Train → Practice (F9): before each phase you compute its "
                                            "numbers, and the app grades them."))
            self.tolerance_label.clear()
        elif q is None:
            self.question_label.setText(_tr("Nothing to compute here."))
            self.tolerance_label.clear()
        else:
            formula = self.formula()
            self.question_label.setText(_tr("Compute %1 (highlighted on the canvas; its formula is in the Math "
                                            "view).").replace("%1", f"<b>{formula.symbol}</b>"))
            self.question_label.setToolTip(plain_symbol(formula.symbol))
            allowed = DEFAULT_TOLERANCE.allowed(formula.result)
            self.tolerance_label.setText(_tr("Right within ±%1: 4 significant digits, or 1e-4 relative.").replace(
                "%1", f"{allowed:.2g}"))
            self._highlight(q)
        self.feedback_label.setText(self._feedback_html())
        self.score_label.setText(self._score_text())
        report = self._report()
        self.assignment_label.setVisible(report is not None)
        if report is not None:
            items = [f"{'✔' if p.met else '✘'} {requirement_text(p.requirement)} ({p.have}/{p.need})"
                     for p in report.progress]
            head = _tr("Assignment: %1 right of %2 asked").replace("%1", str(report.right)).replace(
                "%2", str(report.asked))
            done = _tr("complete") if report.complete else _tr("not complete yet")
            self.assignment_label.setText(f"{head} — {done}\n" + "\n".join(items))

    def _report(self):
        """The open assignment's :class:`~ann_studio.lessons.classroom.PracticeReport`, or None."""
        if not self.practice.requirements:
            return None
        return practice_report(Assignment("", practice=self.practice.requirements), self.practice.log,
                               self.session.trainer)

    def _highlight(self, q) -> None:
        if q.layer_id is None:
            self.selection.select(Selected("layer", self.session.trainer.network.output_id))
        elif q.quantity in ("grad_w", "new_w"):
            self.selection.select(Selected("weight", q.layer_id, q.index[0], q.index[1]))
        else:
            self.selection.select(Selected("neuron", q.layer_id, q.index[0]))

    def _feedback_html(self) -> str:
        fb, practice = self.practice.feedback, self.practice
        if fb is None:
            return ""
        if fb.kind == "unreadable":
            return f"<span style='color:#c62828'>{escape(QCoreApplication.translate('PracticePanel', UNREADABLE[fb.reason]))}</span>"
        v = fb.verdict
        if fb.kind == "correct":
            return (f"<span style='color:#2e7d32'><b>✔ {escape(_tr('Correct'))}</b>: "
                    f"{escape(num(v.expected, 9))}</span>")
        formula = self.formula()
        parts = []
        if fb.kind == "wrong":
            parts.append(f"<span style='color:#c62828'><b>✘ {escape(_tr('Not quite'))}</b>: "
                         f"{escape(_tr('you gave %1.').replace('%1', num(v.value, 9)))}</span>")
            parts.append(escape(slip_sentence(v.mistake, practice.notation)))
            if formula is not None and v.mistake is not None:
                parts.append(f"<b>{escape(_tr('Hint'))}:</b> {escape(practice_formula.hint(formula.hint_key))}")
        if formula is not None and NUMBERS <= fb.level < WORKED:
            parts.append(f"<b>{escape(_tr('Second hint: the numbers'))}</b>{formula.numbers_html()}")
        if formula is not None and fb.level >= WORKED:
            parts.append(f"<b>{escape(_tr('Worked answer'))}</b>{formula.worked_html(9)}"
                         f"<span style='color:#6b7785'>{escape(_tr('Press Enter or Next Question to go on.'))}</span>")
        return "<br>".join(parts)

    def _score_text(self) -> str:
        total, kinds = self.practice.log.score(self.practice.session_start)
        text = _tr("Score this session: %1/%2 right at the first try").replace("%1", str(total.right)).replace(
            "%2", str(total.asked))
        if kinds:
            each = " · ".join(f"{QCoreApplication.translate('PracticePanel', KIND_NAMES[kind])} {s.right}/{s.asked}"
                              for kind, s in kinds.items())
            text += f"\n{each}"
        return text


# ---------------------------------------------------------------------- the action

def _practice_icon() -> QIcon:
    """A pencil-and-tick glyph for practice mode."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#37474f"))
    painter.drawRoundedRect(5, 5, 22, 22, 3, 3)
    painter.setBrush(QColor("#fafafa"))
    painter.drawRect(8, 8, 16, 16)
    painter.setPen(QColor("#2e7d32"))
    pen = painter.pen()
    pen.setWidth(3)
    painter.setPen(pen)
    painter.drawLine(10, 16, 14, 21)
    painter.drawLine(14, 21, 22, 10)
    painter.end()
    return QIcon(pixmap)


def install_practice_action(window) -> QAction:
    """Train → Practice: the checkable ``practice_mode`` action (F9), in the Train menu and the
    training toolbar; it turns ``window.practice`` on and off and shows the practice panel."""
    action = QAction(_tr("P&ractice"), window)
    action.setObjectName("practice_mode")
    action.setCheckable(True)
    action.setIconText(_tr("Practice"))
    action.setShortcut(QKeySequence("F9"))
    tip = _tr("Practice mode: compute each number of the next phase yourself; the app grades it and names the slip")
    action.setToolTip(f"{tip} (F9)")
    action.setStatusTip(tip)
    action.setIcon(_practice_icon())
    window.actions["practice_mode"] = action
    window.addAction(action)
    window.menus["train"].addSeparator()
    window.menus["train"].addAction(action)
    toolbar = window.findChild(QToolBar, "training_toolbar")
    if toolbar is not None:
        toolbar.addSeparator()
        toolbar.addAction(action)
    practice = window.practice

    def on_toggled(on: bool) -> None:
        practice.set_active(on)
        dock = window.docks.get("practice_panel")
        if on and dock is not None:
            dock.show()
            dock.raise_()
        math = window.docks.get("math_panel")
        if on and math is not None:
            math.raise_()

    action.toggled.connect(on_toggled)
    practice.active_changed.connect(action.setChecked)
    return action


def _title() -> str:
    return QCoreApplication.translate("PracticePanel", "Practice")


PANELS = [PanelSpec("practice_panel", _title, PracticePanel, Qt.DockWidgetArea.BottomDockWidgetArea,
                    tab_with="loss_plot")]
