"""Lessons: every lesson file loads and names real controls; a script that follows each lesson on
a real main window (offscreen) reaches its end; malformed files give located errors."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QSettings

from ann_studio.lessons import LessonError, Observation, holds, load_lesson, load_lessons, parse_check
from ann_studio.lessons.model import lessons_dir

LESSONS = load_lessons()


@pytest.fixture
def window(qtbot, tmp_path):
    from ann_studio.app import create_main_window, ensure_application
    from ann_studio.views.panels.lessons_panel import LessonsPanel

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    ensure_application()
    LessonsPanel.advance_delay_ms = 0
    w = create_main_window()
    qtbot.addWidget(w)
    yield w
    w.session.shutdown()


def test_the_six_lessons_exist_in_both_languages():
    ids = [lesson.id for lesson in LESSONS]
    assert ids[:6] == ["source-article", "mazur", "nonlinearity", "learning-rate", "vanishing-gradients", "digits"]
    for lesson in LESSONS:
        for step in lesson.steps:
            assert step.text["en"].strip() and step.text["zh"].strip()


def test_lesson_formulas_are_typeset_as_in_the_math_view():
    """Sub- and superscripts as HTML (α<sub>h</sub>, e<sup>−z</sup>), never ASCII (α_h, e^−z)."""
    ascii_math = re.compile(r"(?<![A-Za-z0-9_])[A-Za-zα-ωΣŷ∂]_[A-Za-z0-9]|(?<![A-Za-z])(net|out|target)_[a-z][0-9]|\^")
    for lesson in LESSONS:
        for k, step in enumerate(lesson.steps):
            for language, text in step.text.items():
                assert not ascii_math.search(text), f"{lesson.id} step {k} ({language}): {text}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_targets_and_actions_exist_in_the_window(window, lesson):
    for k, step in enumerate(lesson.steps):
        if step.action:
            assert step.action in window.actions, f"{lesson.id} step {k}: no action {step.action}"
        t = step.target
        if t is not None and t.kind == "action":
            assert t.name in window.actions, f"{lesson.id} step {k}: no action {t.name}"
        if t is not None and t.kind == "dock":
            assert t.name in window.docks, f"{lesson.id} step {k}: no dock {t.name}"


def _passed(panel, k: int) -> bool:
    """Step ``k``'s check held (the panel may already have moved on)."""
    return panel.index > k or (panel.index == k and panel.done)


def _satisfy(window, panel, qtbot, step) -> None:
    """Do what the step asks: show a dock, or trigger its action (Play: wait for the check)."""
    check = step.check
    if check["check"] == "dock_visible":
        window.docks[check["dock"]].toggleViewAction().setChecked(True)
        return
    if check["check"] == "practice":  # answer each question right until the asked one is done
        from ann_studio.core.practice import expected_value

        practice, k = window.practice, panel.index
        for _ in range(200):
            if _passed(panel, k):
                return
            q = practice.question
            value = expected_value(window.session.trainer, q.quantity, q.layer_id, q.index,
                                   notation=practice.notation)
            practice.answer(repr(value))
        raise AssertionError(f"step {k}: 200 right answers did not satisfy {check}")
    action, k = window.actions[step.action], panel.index
    if step.action == "play_pause":
        action.trigger()
        qtbot.waitUntil(lambda: _passed(panel, k), timeout=60_000)
        if window.session.playing:
            window.session.pause()
        return
    for _ in range(2000):
        if _passed(panel, k):
            return
        action.trigger()
    raise AssertionError(f"step {panel.index}: {step.action} 2000 times did not satisfy {check}")


#: phrases of the English step texts → the dock they talk about
PHRASES = {"math panel": "math_panel", "math view": "math_panel", "error curve": "loss_plot",
           "decision boundary": "decision_plot", "gradients panel": "gradients_panel",
           "weights panel": "weights_panel", "inspector": "inspector"}


def _in_front(window, name: str) -> bool:
    dock = window.docks[name]
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_following_the_lesson_reaches_its_end(window, qtbot, lesson):
    """On a shown window; whenever a step's text talks about a panel (the math view, the error
    curve, …), that panel is in front, not behind another tab."""
    window.show()
    qtbot.waitExposed(window)
    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson(lesson.id)
    talked_about = 0
    for k, step in enumerate(lesson.steps):
        qtbot.waitUntil(lambda k=k: panel.index == k)
        assert panel.text.toPlainText().strip()
        for phrase, dock in PHRASES.items():
            if phrase in step.text["en"].lower():
                talked_about += 1
                assert _in_front(window, dock), f"{lesson.id} step {k} talks about the {phrase}: {dock} is hidden"
        if step.check is None:
            if k < len(lesson.steps) - 1:
                panel.next_button.click()
            continue
        _satisfy(window, panel, qtbot, step)
        qtbot.waitUntil(lambda k=k: _passed(panel, k))
    assert panel.index == len(lesson.steps) - 1
    if lesson.id in ("source-article", "mazur", "vanishing-gradients"):
        assert talked_about


def test_the_panel_shows_the_current_language(window, qtbot):
    from ann_studio import i18n
    from ann_studio.views import language_menu

    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("mazur")
    assert "Inputs" in panel.text.toPlainText()
    new = language_menu.switch_language(window, "zh_CN")
    qtbot.addWidget(new)
    try:
        zh_panel = new.docks["lessons_panel"].widget()
        assert zh_panel.lesson.id == "mazur" and "输入" in zh_panel.text.toPlainText()
    finally:
        i18n.install_translators(language="en")
        new.session.shutdown()


def test_back_and_next_and_the_action_button(window):
    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("source-article")
    panel.next_button.click()
    assert panel.index == 1 and panel.back_button.isEnabled()
    panel.back_button.click()
    assert panel.index == 0
    panel.enter_step(5)  # forward pass: "Next Phase" offered as a button
    assert not panel.do_button.isHidden()
    assert panel.do_button.text() == window.actions["step_phase"].text().replace("&", "")
    panel.do_button.click()
    assert panel.triggered["step_phase"] == 1 and window.session.trainer.phase_index == 1


def _write(tmp_path, obj) -> str:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    return str(path)


def _valid() -> dict:
    return json.loads((lessons_dir() / "02-mazur.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("edit, where", [
    (lambda d: d.pop("title"), "title"),
    (lambda d: d["steps"][0]["text"].pop("zh"), "steps[0].text.zh"),
    (lambda d: d["steps"][2]["check"].update(value="0.75"), "steps[2].check.value"),
    (lambda d: d["steps"][1].update(check={"check": "loss_smaller", "value": 1}), "steps[1].check.check"),
    (lambda d: d["steps"][1].update(target={"button": "x"}), "steps[1].target"),
    (lambda d: d.update(project="nowhere.annproj"), "project"),
    (lambda d: d["steps"][3]["check"]["of"][1].update(index=[0]), "steps[3].check.of[1].index"),
    (lambda d: d["steps"][0].update(colour="red"), "steps[0].colour"),
])
def test_malformed_lessons_name_the_place(tmp_path, edit, where):
    data = _valid()
    data["project"] = str(lessons_dir() / data["project"])
    edit(data)
    with pytest.raises(LessonError) as info:
        load_lesson(_write(tmp_path, data))
    assert info.value.path == where and "bad.json" in str(info.value)


def test_invalid_json_gives_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "ann-studio-lesson",\n "steps": [}', encoding="utf-8")
    with pytest.raises(LessonError, match="line 2"):
        load_lesson(path)


def test_checks_without_a_trainer_do_not_hold():
    obs = Observation()
    for check in ({"check": "loss_below", "value": 1}, {"check": "step_at_least", "value": 0},
                  {"check": "close", "quantity": "weight", "layer": "x", "index": [0, 0], "value": 0}):
        assert not holds(parse_check(check, "c"), obs)
    assert holds(parse_check({"check": "any", "of": [{"check": "action_triggered", "action": "a"},
                                                     {"check": "dock_visible", "dock": "d"}]}, "c"),
                 Observation(visible_docks={"d"}))


def test_a_step_that_waits_for_100_epochs_stops_training_there(window, qtbot):
    """Lesson 1's "press Play … the lesson continues after 100 epochs": Play stops at epoch 100
    exactly, at full speed, instead of running on."""
    window.show()
    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson("source-article")
    lesson = panel.lesson
    k = next(i for i, s in enumerate(lesson.steps) if s.check and s.check.get("check") == "epoch_at_least")
    while panel.index < k:
        panel.next_step()
    session = window.session
    session.set_speed("full")
    window.actions["play_pause"].trigger()
    qtbot.waitUntil(lambda: not session.playing, timeout=60000)
    assert session.trainer.epoch == lesson.steps[k].check["value"]
