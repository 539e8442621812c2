"""Practice in assignments and lessons (issue 14): an ``.annclass`` can require "5 correct δ in a
row" or "every quantity of one full step" and the window reports the student's score; lesson 2
has a practice track through ∂E/∂w5 and ∂E/∂w1."""

from __future__ import annotations

import json

import pytest

from ann_studio.core import load_project
from ann_studio.core.practice import step_questions
from ann_studio.core.practice_log import PracticeEntry, PracticeLog
from ann_studio.lessons import Assignment, LessonError, load_assignment, save_assignment
from ann_studio.lessons.checks import Observation, holds, parse_check
from ann_studio.lessons.classroom import practice_report
from ann_studio.lessons.model import find_lesson
from tests.helpers import EXAMPLES


def entry(quantity, correct, attempt=1, step=0, layer="out", index=(0,)):
    return PracticeEntry("2026-12-04T21:00:00+00:00", step, quantity, layer, index, "mazur", attempt, "0.1", 0.1,
                         0.1, correct, None)


@pytest.fixture
def trainer():
    return load_project(EXAMPLES / "mazur.annproj").build_trainer()


def test_an_assignment_requiring_practice_reports_the_score(tmp_path, trainer):
    assignment = Assignment("mazur", practice=[{"quantity": "delta", "in_a_row": 5}, {"full_step": True}])
    path = save_assignment(assignment, tmp_path / "homework")
    back = load_assignment(path)
    assert back.practice == assignment.practice and not back.changed_since_saved()
    plain = Assignment("mazur")
    assert plain.checksum() != back.checksum()  # fewer requirements: another code
    log = PracticeLog()
    for correct in (True, True, False, True, True, True, True):
        log.add(entry("delta", correct, index=(len(log) % 2,), step=len(log)))
    log.add(entry("delta", True, attempt=2))  # a second try does not count towards "in a row"
    report = practice_report(back, log, trainer)
    deltas, step = report.progress
    assert (deltas.have, deltas.need, deltas.met) == (4, 5, False)
    assert (report.right, report.asked) == (6, 7) and not report.complete
    log.add(entry("delta", True, step=9))
    assert practice_report(back, log, trainer).progress[0].met
    for q in step_questions(trainer):  # every quantity of step 3, right at some try
        log.add(PracticeEntry("t", 3, q.quantity, q.layer_id, q.index, "mazur", 1, "", 0, 0, True, None))
    report = practice_report(back, log, trainer)
    assert report.progress[1].have == report.progress[1].need == 29 and report.complete


@pytest.mark.parametrize("practice, where", [
    ("delta", "practice"), ([{"quantity": "q"}], "practice[0].quantity"),
    ([{"quantity": "delta", "in_a_row": 0}], "practice[0].in_a_row"),
    ([{"full_step": False}], "practice[0].full_step"), ([{"quantity": "z", "colour": 1}], "practice[0].colour"),
    ([{"quantity": "z", "index": [0, 0, 0]}], "practice[0].index"),
])
def test_bad_practice_requirements_name_the_place(tmp_path, practice, where):
    path = tmp_path / "bad.annclass"
    path.write_text(json.dumps({"format": "ann-studio-classroom", "version": 1, "lesson": "mazur",
                                "practice": practice}), encoding="utf-8")
    with pytest.raises(LessonError) as info:
        load_assignment(path)
    assert info.value.path == where


def test_the_lesson_check_holds_when_the_question_was_answered(trainer):
    check = parse_check({"check": "practice", "quantity": "grad_w", "layer": "out", "index": [0, 0]}, "c")
    log = PracticeLog()
    assert not holds(check, Observation(trainer, practice_log=log))
    log.add(entry("grad_w", False, layer="out", index=(0, 0)))
    log.add(entry("grad_w", True, layer="hidden", index=(0, 0)))
    assert not holds(check, Observation(trainer, practice_log=log))
    log.add(entry("grad_w", True, attempt=2, layer="out", index=(0, 0)))
    assert holds(check, Observation(trainer, practice_log=log))
    assert not holds(check, Observation(trainer))


def test_lesson_two_has_a_practice_track_through_w5_and_w1():
    lesson = find_lesson("mazur")
    checks = [s.check for s in lesson.steps if s.check and s.check["check"] == "practice"]
    assert [(c["layer"], c["index"]) for c in checks] == [("out", [0, 0]), ("hidden", [0, 0])]
    start = next(s for s in lesson.steps if s.action == "practice_mode")
    assert start.project is not None and start.project.name == "mazur.annproj"
