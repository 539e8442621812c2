"""Practice mode in the window (issue 14), through its action and widgets, in all three notations."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from ann_studio.core.practice import step_questions
from ann_studio.core.project import load_project, parse_project, project_to_json
from ann_studio.views.main_window import MainWindow
from tests.helpers import EXAMPLES
from tests.test_practice_core import PUBLISHED


@pytest.fixture
def window(qtbot):
    """A window on Mazur's worked example."""
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_project(EXAMPLES / "mazur.annproj")
    yield w
    w.session.shutdown()


def widget(window, name):
    return window.findChild(object, name)


def formula_text(window) -> str:
    return widget(window, "math_formula").toPlainText()


def answer(qtbot, window, text: str) -> None:
    edit = widget(window, "practice_answer")
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def current(window):
    q = window.practice.question
    return (q.quantity, q.layer_id, q.index)


def test_the_action_is_checkable_in_the_menu_and_toolbar(window):
    action = window.actions["practice_mode"]
    assert action.objectName() == "practice_mode" and action.isCheckable() and not action.shortcut().isEmpty()
    assert action in window.menus["train"].actions()
    assert action in widget(window, "training_toolbar").actions() and not action.icon().isNull()


def test_a_full_step_answered_right_in_mazur_notation(qtbot, window):
    window.actions["practice_mode"].trigger()
    t = window.session.trainer
    assert window.practice.active and t.phase_index == 1  # the inputs are in; net_h1 is not computed yet
    assert window.practice.notation == "mazur"
    assert "net" in formula_text(window) and "?" in formula_text(window)
    assert "0.15 × 0.05" in formula_text(window) and "0.3775" not in formula_text(window)
    sel = window.selection.current
    assert (sel.kind, sel.layer, sel.i) == ("neuron", "hidden", 0)  # the canvas highlights net_h1's neuron
    asked = []
    while window.practice.question is not None and len(asked) < 40:
        key = current(window)
        asked.append(key)
        answer(qtbot, window, f"{PUBLISHED[key]:.9g}")
        assert window.practice.feedback.kind == "correct", key
        if key == ("new_w", "hidden", (1, 1)):
            break
    assert len(asked) == len(PUBLISHED) and set(asked) == set(PUBLISHED)
    np.testing.assert_allclose(t.network.layers[2].W.ravel(), [0.35891648, 0.408666186, 0.51130127, 0.561370121],
                               atol=5e-9)
    assert t.step == 1
    score = widget(window, "practice_score").text()
    assert "29/29" in score and "δ 4/4" in score


def test_a_slip_is_named_then_hints_then_the_worked_answer(qtbot, window):
    window.actions["practice_mode"].trigger()
    while current(window) != ("delta", "out", (0,)):
        window.practice.reveal()
        window.practice.next_question()
    assert "?" in formula_text(window) and "δ" in formula_text(window)
    answer(qtbot, window, "0,74136507")  # ŷ − y, without σ′
    feedback = widget(window, "practice_feedback").text()
    assert "derivative" in feedback and "Hint" in feedback and "Second hint" not in feedback
    answer(qtbot, window, "0.74136507")
    assert "Second hint" in widget(window, "practice_feedback").text()
    answer(qtbot, window, "0.74136507")
    feedback = widget(window, "practice_feedback").text()
    assert "Worked answer" in feedback and "0.138498562" in feedback
    assert "0.138498562" in formula_text(window)
    answer(qtbot, window, "")  # Enter after the worked answer: the next question
    assert current(window) == ("delta", "out", (1,))
    answer(qtbot, window, "0.5")  # matches no slip: says so and shows the worked answer
    feedback = widget(window, "practice_feedback").text()
    assert "none of the usual slips" in feedback and "Worked answer" in feedback
    answer(qtbot, window, "1/0")
    assert "divides by zero" in widget(window, "practice_feedback").text()
    log = window.session.practice_log
    assert [e.slip for e in log.entries[-4:]] == ["missing_derivative", "missing_derivative", "missing_derivative",
                                                  None]


def test_zhou_notation_g_has_the_opposite_sign(qtbot, window):
    widget(window, "math_view").set_notation("zhou")
    window.actions["practice_mode"].trigger()
    assert window.practice.notation == "zhou"
    assert "α" in formula_text(window)
    answer(qtbot, window, "0.15*0.05 + 0.2*0.1")  # α_1, before the threshold
    assert window.practice.feedback.kind == "correct"
    while current(window) != ("delta", "out", (0,)):
        window.practice.reveal()
        window.practice.next_question()
    assert "g" in formula_text(window)
    answer(qtbot, window, "0.138498562")  # Nielsen's δ given for g_1
    assert window.practice.feedback.verdict.mistake == "sign"
    assert "g = −δ" in widget(window, "practice_feedback").text()
    answer(qtbot, window, "-0.138498562")
    assert window.practice.feedback.kind == "correct"


def test_nielsen_notation_and_a_mini_batch(qtbot, tmp_path):
    project = load_project(EXAMPLES / "mazur.annproj")
    obj = project_to_json(project)
    obj.pop("preset", None)
    obj["training"]["batch_size"] = 2
    obj["data"]["train"] = {"inputs": [[0.05, 0.10], [0.10, 0.05]], "targets": [[0.01, 0.99], [0.99, 0.01]]}
    path = tmp_path / "batch.annproj"
    from ann_studio.core.project import save_project

    save_project(parse_project(obj), path)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_project(path)
    widget(w, "math_view").set_notation("nielsen")
    w.actions["practice_mode"].trigger()
    assert w.practice.notation == "nielsen" and "w" in formula_text(w)
    t = w.session.trainer
    questions = step_questions(t)
    assert len(questions) == 29
    while current(w) != ("grad_w", "out", (0, 0)):
        w.practice.reveal()
        w.practice.next_question()
    assert "(1/2)" in formula_text(w)
    expected = float(w.practice.worked().pass_.grad_W[2][0, 0])
    answer(qtbot, w, repr(2 * expected))
    assert w.practice.feedback.verdict.mistake == "missing_batch_mean"
    assert "1/m" in widget(w, "practice_feedback").text()
    answer(qtbot, w, repr(expected))
    assert w.practice.feedback.kind == "correct"
    w.session.shutdown()


def test_the_log_is_saved_with_the_run_and_exports_csv(qtbot, window, tmp_path):
    window.actions["practice_mode"].trigger()
    answer(qtbot, window, "0.3775")
    answer(qtbot, window, "0.3775")  # out_h1: z for a
    path = tmp_path / "saved.annproj"
    assert window.save_project(path)
    saved = load_project(path)
    assert [e["slip"] for e in saved.run["practice"]] == [None, "z_for_a"]
    window.actions["practice_mode"].trigger()
    assert not window.practice.active and window.practice.question is None
    assert window.open_project(EXAMPLES / "mazur.annproj") and len(window.session.practice_log) == 0
    assert window.open_project(path) and len(window.session.practice_log) == 2
    assert window.session.practice_log.write_csv(tmp_path / "log.csv") == 2
    assert "z_for_a" in (tmp_path / "log.csv").read_text()


def test_next_phase_reveals_and_the_next_question_follows(qtbot, window):
    window.actions["practice_mode"].trigger()
    assert current(window) == ("z", "hidden", (0,))
    window.actions["step_phase"].trigger()  # reveal the forward phase of the hidden layer
    assert current(window) == ("z", "out", (0,))
    assert "0.593269992" in formula_text(window)  # out_h1 is known now, substituted


def test_next_batch_runs_the_step_and_the_next_step_is_asked(qtbot, window):
    window.actions["practice_mode"].trigger()
    window.actions["step_batch"].trigger()  # a whole step: the practice asks the next step's first phase
    t = window.session.trainer
    assert t.step == 1 and current(window) == ("z", "hidden", (0,)) and t.phase_index == 1
    assert "0.149780716" in formula_text(window)  # w1⁺ from the first step's update


def test_the_export_button_writes_the_log(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window.actions["practice_mode"].trigger()
    answer(qtbot, window, "0.3775")
    target = tmp_path / "mine.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kw: (str(target), ""))
    widget(window, "practice_export").click()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("time,step,quantity") and len(lines) == 2 and ",z,hidden,1,mazur,1,0.3775," in lines[1]


def test_zhou_writes_the_update_as_w_plus_eta_g_b(qtbot, window):
    widget(window, "math_view").set_notation("zhou")
    window.actions["practice_mode"].trigger()
    while current(window) != ("new_w", "out", (0, 0)):
        window.practice.reveal()
        window.practice.next_question()
    assert "0.4 + 0.5 × (−0.138498562) × 0.593269992" in formula_text(window)
    answer(qtbot, window, "0.4 + 0.5 * 0.138498562 * 0.593269992")  # w + ηδb: Nielsen's δ for g
    assert window.practice.feedback.verdict.mistake == "sign"
    answer(qtbot, window, "0,35891648")
    assert window.practice.feedback.kind == "correct"


def test_the_canvas_outlines_the_layer_asked_about(qtbot, window):
    window.actions["practice_mode"].trigger()
    while current(window) != ("delta", "hidden", (0,)):
        window.practice.reveal()
        window.practice.next_question()
    window.training_overlay.apply()
    # the output layer's δ was just computed, but the student is asked about the hidden layer's
    assert list(window.canvas_scene.highlights) == ["hidden"]
    window.actions["practice_mode"].trigger()
    window.training_overlay.apply()
    assert list(window.canvas_scene.highlights) == ["out"]  # off: the layer just computed, as before
