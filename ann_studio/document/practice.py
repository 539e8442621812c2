"""Practice mode's state in the window: the question asked, the answers so far, the feedback level
and the log (the session's :class:`~ann_studio.core.practice_log.PracticeLog`, saved with the run).

While it is on, the phase the trainer would run next is not run: the controller asks its
quantities one by one (:func:`ann_studio.core.practice.questions`); when the last is answered
(or its worked answer seen) it runs the phase, which reveals the numbers, and asks the next
phase's. The input phase computes nothing and runs at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal, Slot

from ..core.practice import AnswerError, Question, Verdict, check_answer, questions, worked_step
from ..core.practice_log import PracticeEntry

#: the feedback levels: after a wrong answer the slip and a hint, then the numbers, then the worked answer
HINT, NUMBERS, WORKED = 1, 2, 3


@dataclass
class Feedback:
    """What the window says about the last answer: ``kind`` is ``correct``, ``wrong``,
    ``unreadable`` (``reason`` an AnswerError code) or ``revealed``; ``level`` the hints shown."""

    kind: str
    verdict: Verdict | None = None
    level: int = 0
    reason: str = ""


class PracticeController(QObject):
    #: the question, the feedback or the score changed
    changed = Signal()
    #: practice mode was turned on or off
    active_changed = Signal(bool)

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.active = False
        self.notation = "nielsen"
        self.question: Question | None = None
        self.previous: Question | None = None  # the question just answered right (its feedback stays)
        self.feedback: Feedback | None = None
        self.attempts = 0
        self.session_start = len(session.practice_log)
        #: a classroom assignment's practice requirements (:mod:`ann_studio.lessons.practice_checks`;
        #: the practice panel reports the progress)
        self.requirements: list[dict] = []
        self._queue: list[Question] = []
        self._position: tuple | None = None
        self._advancing = False
        session.updated.connect(self._on_session_updated)
        session.reset_done.connect(self._on_session_reset_done)
        session.play_state_changed.connect(self._on_session_play_state_changed)

    @property
    def log(self):
        return self.session.practice_log

    # ------------------------------------------------------------------ on and off

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        self.active = on
        self.session.pause()
        self.feedback, self.previous = None, None
        if on:
            self.session_start = len(self.log)
            self._prepare()
        else:
            self.question, self._queue, self._position = None, [], None
        self.active_changed.emit(on)
        self.changed.emit()

    def set_requirements(self, requirements: list[dict]) -> None:
        """What the open assignment asks of practice mode (an empty list: nothing)."""
        self.requirements = list(requirements)
        self.changed.emit()

    def set_notation(self, key: str) -> None:
        if key != self.notation:
            self.notation = key
            self.changed.emit()

    # ------------------------------------------------------------------ questions

    def _where(self) -> tuple | None:
        t = self.session.trainer
        return None if t is None else (id(t), t.step, t.phase_index, self.session.focus_sample)

    def _prepare(self) -> None:
        """Ask the next phase's quantities (running the input phase first: it computes nothing)."""
        t = self.session.trainer
        self.question, self._queue, self.attempts = None, [], 0
        if not self.active or t is None or self.session.error:
            self._position = self._where()
            return
        if t.next_phase.kind == "input":
            self._advancing = True
            try:
                self.session.step_phase()
            finally:
                self._advancing = False
        self._queue = questions(t)
        self._position = self._where()
        self._ask_next()

    def _ask_next(self) -> None:
        self.attempts = 0
        self.question = self._queue.pop(0) if self._queue else None

    def worked(self):
        """The numbers of the step in progress (:func:`~ann_studio.core.practice.worked_step`)."""
        return worked_step(self.session.trainer, self.session.focus_sample)

    # ------------------------------------------------------------------ answering

    def answer(self, text: str) -> Verdict | None:
        """Grade ``text`` for the current question; returns the verdict (None if unreadable)."""
        q, t = self.question, self.session.trainer
        if q is None or t is None:
            return None
        try:
            verdict = check_answer(t, q.quantity, q.layer_id, q.index, text, sample=self.session.focus_sample,
                                   notation=self.notation)
        except AnswerError as exc:
            self.feedback = Feedback("unreadable", reason=exc.reason)
            self.changed.emit()
            return None
        self.attempts += 1
        self.log.add(PracticeEntry(
            datetime.now(UTC).isoformat(timespec="seconds"), t.step, q.quantity, q.layer_id, q.index,
            self.notation, self.attempts, str(text).strip()[:200], verdict.value, verdict.expected,
            verdict.correct, verdict.mistake))
        self.session.document.mark_run_changed()
        if verdict.correct:
            self.feedback = Feedback("correct", verdict)
            self.previous = q
            self.next_question()
            return verdict
        level = WORKED if verdict.mistake is None else min(self.attempts, WORKED)
        self.feedback = Feedback("wrong", verdict, level)
        self.changed.emit()
        return verdict

    def reveal(self) -> None:
        """Show the worked answer of the current question."""
        q, t = self.question, self.session.trainer
        if q is None or t is None:
            return
        from ..core.practice import expected_value

        value = expected_value(t, q.quantity, q.layer_id, q.index, sample=self.session.focus_sample,
                               notation=self.notation)
        self.feedback = Feedback("revealed", Verdict(False, value, None, value, 0.0), WORKED)
        self.changed.emit()

    def next_question(self) -> None:
        """Move on: the next quantity of the phase, else run the phase and ask the next one's."""
        if not self.active:
            return
        if self.feedback is not None and self.feedback.kind != "correct":
            self.previous = None
        if self._queue:
            self._ask_next()
        else:
            self._advancing = True
            try:
                self.session.step_phase()
            finally:
                self._advancing = False
            self._prepare()
        if self.feedback is not None and self.feedback.kind != "correct":
            self.feedback = None
        self.changed.emit()

    # ------------------------------------------------------------------ the session moved

    @Slot(str)
    def _on_session_play_state_changed(self, _state: str) -> None:
        self._on_session_updated()  # a pause after playing: ask the phase the run stopped before

    @Slot()
    def _on_session_updated(self) -> None:
        if self.session.playing:  # Play runs on (practice asks again at the pause)
            return
        if self.active and not self._advancing and self._where() != self._position:
            self.feedback, self.previous = None, None  # Next Phase, a rewind, the timeline: ask afresh
            self._prepare()
            self.changed.emit()

    @Slot()
    def _on_session_reset_done(self) -> None:
        self.session_start = min(self.session_start, len(self.log))
        if self.active:
            self.feedback, self.previous = None, None
            self._prepare()
            self.changed.emit()
