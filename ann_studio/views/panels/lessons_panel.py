"""The Lessons panel (dock ``lessons_panel``): walks a student through a lesson step by step.

Each step shows its text in the current language, outlines its target (a toolbar button, a panel,
a canvas layer), offers its action as a button, and moves on by itself once its check holds
(:mod:`ann_studio.lessons.checks`, evaluated whenever training, the selection, a panel or an
action changes). Teachers save classroom assignments from here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...i18n import pick
from ...lessons import Assignment, Lesson, LessonError, Observation, holds, load_lessons
from ..classroom_mode import ClassroomLock, assignment_code_text, classroom_of, open_assignment
from .lesson_highlight import Highlighter, widget_for_target
from .registry import PanelSpec


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonsPanel", text)


class LessonsPanel(QWidget):
    #: milliseconds between a check holding and the next step (tests set 0)
    advance_delay_ms = 900

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("lessons_panel_widget")
        self.window_ = window
        self.lesson: Lesson | None = None
        self.index = 0
        self.triggered: Counter = Counter()
        self.done = False
        self.classroom = False
        self.error = ""
        #: the lesson project file the window holds an untitled copy of (None: something else)
        self.opened_project: Path | None = None
        self._watched: set[str] = set()
        self._step_action = None  # the current step's action, followed by the lesson's button
        try:
            self.lessons = load_lessons()
        except LessonError as exc:
            self.lessons, self.error = [], str(exc)
        self.highlighter = Highlighter(window)
        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self.next_step)
        self._build()
        self._connect()
        self._show()

    # ------------------------------------------------------------------ construction

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("lesson_chooser")
        self.chooser.addItem(_tr("Choose a lesson…"), None)
        for lesson in self.lessons:
            self.chooser.addItem(pick(lesson.title), lesson.id)
        self.chooser.activated.connect(self._on_chooser_activated)
        layout.addWidget(self.chooser)
        self.progress = QLabel(self)
        self.progress.setObjectName("lesson_progress")
        layout.addWidget(self.progress)
        self.text = QTextBrowser(self)
        self.text.setObjectName("lesson_text")
        self.text.setOpenExternalLinks(True)
        layout.addWidget(self.text, 1)
        self.status = QLabel(self)
        self.status.setObjectName("lesson_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.back_button = self._button("lesson_back", _tr("◀ Back"), self.previous_step, row)
        self.do_button = self._button("lesson_do", "", self._on_do_clicked, row)
        self.next_button = self._button("lesson_next", _tr("Next ▶"), self.next_step, row)
        layout.addLayout(row)
        row = QHBoxLayout()
        self.save_class_button = self._button("lesson_save_assignment", _tr("Save Assignment…"),
                                              self._on_save_assignment, row)
        self.save_class_button.setToolTip(_tr("Teachers: save this lesson as a classroom assignment that "
                                              "hides or locks chosen controls"))
        self.open_class_button = self._button("lesson_open_assignment", _tr("Open Assignment…"),
                                              self._on_open_assignment, row)
        self.open_class_button.setToolTip(_tr("Open a classroom assignment (.annclass)"))
        layout.addLayout(row)
        self.class_code = QLabel(self)
        self.class_code.setObjectName("lesson_assignment_code")
        self.class_code.setTextFormat(Qt.TextFormat.PlainText)
        self.class_code.setWordWrap(True)
        self.class_code.setToolTip(_tr("Teachers: this code is a fingerprint of the lesson, its project and every "
                                       "hidden or locked control. It must match the code shown when you saved "
                                       "the assignment: a file with fewer locks has another code."))
        self.class_code.hide()
        layout.addWidget(self.class_code)

    def _button(self, name: str, text: str, slot, row) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _connect(self) -> None:
        w = self.window_
        w.session.updated.connect(self._evaluate)
        w.session.play_state_changed.connect(self._on_session_play_state_changed)
        w.selection.changed.connect(self._evaluate)
        w.practice.changed.connect(self._evaluate)  # an answer in practice mode
        w.document.project_replaced.connect(self._on_document_project_replaced)
        for name, action in w.actions.items():
            action.triggered.connect(lambda _checked=False, n=name: self._on_action_triggered(n))

    def _watch_docks(self) -> None:
        """Watch the docks' visibility (they exist only once every panel is built)."""
        for name, dock in self.window_.docks.items():
            if name not in self._watched:
                self._watched.add(name)
                dock.toggleViewAction().toggled.connect(self._evaluate)

    # ------------------------------------------------------------------ navigation

    def start_lesson(self, lesson_id: str, step: int = 0, project: Path | None = None, ask: bool = True) -> bool:
        """Open lesson ``lesson_id`` (an untitled copy of its project, or of ``project``) at
        ``step``. With ``ask``, unsaved work is offered for saving first (``window.confirm_discard``);
        False when the student kept it (nothing changes)."""
        lesson = next((x for x in self.lessons if x.id == lesson_id), None)
        if lesson is None:
            raise LessonError("lesson", f"no lesson with the id {lesson_id!r}")
        if not self._open(project or lesson.project, ask):
            self.chooser.setCurrentIndex(self.chooser.findData(self.lesson.id) if self.lesson else 0)
            return False
        self.lesson = lesson
        self.chooser.setCurrentIndex(self.chooser.findData(lesson_id))
        return self.enter_step(step)

    def enter_step(self, index: int, reopen: bool = True) -> bool:
        """Show step ``index``: open its project (unless ``reopen`` is False, or the student keeps
        unsaved work), outline its target, forget earlier triggers. False when it stayed put."""
        if self.lesson is None:
            return False
        index = max(0, min(index, len(self.lesson.steps) - 1))
        step = self.lesson.steps[index]
        if reopen and step.project is not None and not self._open(step.project):
            return False
        self._advance_timer.stop()
        self._watch_docks()
        self.index = index
        self.triggered.clear()
        self.done = False
        self._show()
        self.highlighter.point_at(widget_for_target(self.window_, step.target))
        self._evaluate()
        return True

    @Slot()
    def next_step(self) -> None:
        if self.lesson is not None and self.index < len(self.lesson.steps) - 1:
            self.enter_step(self.index + 1)
        elif self.lesson is not None:
            self.highlighter.clear()
            self.status.setText(_tr("✔ Lesson complete."))

    @Slot()
    def previous_step(self) -> None:
        if self.lesson is not None and self.index > 0:
            self.enter_step(self.index - 1)

    def _open(self, path: Path, ask: bool = True) -> bool:
        """Open an untitled copy of the lesson project ``path`` as File → New does (Save then asks
        where: a shipped file is never written), unless the window holds it untouched already.
        With ``ask``, unsaved work is offered for saving first. False when nothing was opened."""
        w, path = self.window_, Path(path).resolve()
        if self.opened_project == path and not w.document.is_modified():
            return True
        if (ask and not w.confirm_discard()) or not w.new_project(path):
            return False
        self.opened_project = path
        return True

    @Slot()
    def _on_document_project_replaced(self) -> None:
        self.opened_project = None  # set again by _open when it was the lesson's

    # ------------------------------------------------------------------ checks

    def observation(self) -> Observation:
        w = self.window_
        selected = w.selection.current
        return Observation(w.session.trainer, w.session.current_phase, self.triggered,
                           {n for n, d in w.docks.items() if d.toggleViewAction().isChecked()},
                           {selected.layer} if selected is not None else set(), w.session.practice_log)

    def _on_action_triggered(self, name: str) -> None:
        self.triggered[name] += 1
        self._evaluate()

    @Slot(str)
    def _on_session_play_state_changed(self, state: str) -> None:
        """A step that waits for N epochs ("press Play … continues after 100 epochs") stops the
        training there, rather than letting it run on at full speed."""
        session = self.window_.session
        if state != "playing" or self.lesson is None or self.done or session.target_epoch is not None:
            return
        check = self.lesson.steps[self.index].check
        if check is not None and check.get("check") == "epoch_at_least":
            session.play_to_epoch(int(check["value"]))

    @Slot()
    def _evaluate(self, *_args) -> None:
        if self.lesson is None or self.done:
            return
        step = self.lesson.steps[self.index]
        if step.check is None or not holds(step.check, self.observation()):
            return
        self.done = True
        last = self.index == len(self.lesson.steps) - 1
        self.status.setText(_tr("✔ Done.") + ("" if last else " " + _tr("On to the next step…")))
        if last:
            self.next_step()
        else:
            self._advance_timer.start(self.advance_delay_ms)

    # ------------------------------------------------------------------ display

    def _show(self) -> None:
        lesson = self.lesson
        has = lesson is not None
        for widget in (self.back_button, self.next_button, self.do_button, self.progress):
            widget.setVisible(has)
        self.save_class_button.setEnabled(has and not self.classroom)
        self.chooser.setEnabled(not self.classroom)
        if not has:
            hint = _tr("Pick a lesson above. Each one opens a project and walks you through it step by step.")
            self.text.setHtml(f"<p>{hint}</p>" + (f"<p><b>{self.error}</b></p>" if self.error else ""))
            self.status.clear()
            self._follow(None)
            return
        step = lesson.steps[self.index]
        self.progress.setText(_tr("%1 — step %2 of %3").replace("%1", pick(lesson.title)).replace(
            "%2", str(self.index + 1)).replace("%3", str(len(lesson.steps))))
        intro = f"<p><i>{pick(lesson.summary)}</i></p>" if self.index == 0 else ""
        self.text.setHtml(intro + "".join(f"<p>{para}</p>" for para in pick(step.text).split("\n\n")))
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(lesson.steps) - 1)
        self._follow(self.window_.actions.get(step.action) if step.action else None)
        self.status.setText(_tr("When you have done it, the lesson moves on by itself.") if step.check
                            else _tr("Read, then press Next."))

    def _follow(self, action) -> None:
        """Offer ``action`` (the step's, or None) as the lesson's button, which is visible and
        enabled exactly when the action is: a classroom lock on it holds on the button too."""
        if self._step_action is not None and self._step_action is not action:
            self._step_action.changed.disconnect(self._on_step_action_changed)
        if action is not None and action is not self._step_action:
            action.changed.connect(self._on_step_action_changed)
        self._step_action = action
        self._on_step_action_changed()

    @Slot()
    def _on_step_action_changed(self) -> None:
        action = self._step_action
        self.do_button.setVisible(action is not None and action.isVisible())
        if action is not None:
            self.do_button.setText(action.text().replace("&", ""))
            self.do_button.setEnabled(action.isEnabled())

    @Slot()
    def _on_do_clicked(self) -> None:
        step = self.lesson.steps[self.index] if self.lesson else None
        action = self.window_.actions.get(step.action) if step and step.action else None
        if action is not None and action.isEnabled():
            action.trigger()

    @Slot(int)
    def _on_chooser_activated(self, row: int) -> None:
        lesson_id = self.chooser.itemData(row)
        if lesson_id:
            self.start_lesson(lesson_id)

    def set_classroom(self, assignment: Assignment | None) -> None:
        """Classroom mode for ``assignment`` (None: off): the chooser is locked and the
        assignment's code is shown, for the teacher to compare."""
        self.classroom = assignment is not None
        self.class_code.setVisible(self.classroom)
        self.class_code.setText(assignment_code_text(assignment) if assignment is not None else "")
        self._show()

    # ------------------------------------------------------------------ classroom files

    @Slot()
    def _on_save_assignment(self) -> None:
        from .assignment_dialog import AssignmentDialog

        if self.lesson is None:
            return
        dialog = AssignmentDialog(self.window_, self.lesson)
        if dialog.exec() and dialog.saved is not None:
            self.status.setText(_tr("Saved %1 — assignment code %2 (students see the same code in this panel).")
                                .replace("%1", dialog.saved.path.name).replace("%2", dialog.saved.code()))

    @Slot()
    def _on_open_assignment(self) -> None:
        if not self.window_.confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(self, _tr("Open assignment"), "",
                                              _tr("Classroom assignments (*.annclass)"))
        if path and not open_assignment(self.window_, path):
            QMessageBox.warning(self, _tr("Could not open the assignment"), self.window_.last_error)


def lesson_state(window):
    """What a rebuilt window takes over (``MainWindow.carried_state``): the lesson, its step, the
    classroom assignment and the project the lesson opened."""
    panel = window.docks["lessons_panel"].widget() if "lessons_panel" in window.docks else None
    lock = classroom_of(window)
    return (panel.lesson.id if panel and panel.lesson else None, panel.index if panel else 0,
            lock.assignment if lock else None, panel.opened_project if panel else None)


def restore_lesson_state(window, state) -> None:
    """Give the rebuilt ``window`` the state :func:`lesson_state` took from the old one."""
    lesson_id, index, assignment, opened = state
    if "lessons_panel" not in window.docks or lesson_id is None:
        return
    panel = window.docks["lessons_panel"].widget()
    if assignment is not None:
        ClassroomLock(window, assignment)
        panel.set_classroom(assignment)
    panel.lesson = next((x for x in panel.lessons if x.id == lesson_id), None)
    if panel.lesson is not None:
        panel.chooser.setCurrentIndex(panel.chooser.findData(lesson_id))
        panel.opened_project = opened
        panel.enter_step(index, reopen=False)  # the document (and its run) came along unchanged



PANELS = [PanelSpec("lessons_panel", lambda: _tr("Lessons"), LessonsPanel, Qt.DockWidgetArea.LeftDockWidgetArea)]
