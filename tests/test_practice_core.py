"""Practice mode, headless (issue 14): Mazur's published worked example graded quantity by quantity,
each classic slip produced by hand from the published numbers and named, answers parsed safely."""

from __future__ import annotations

import numpy as np
import pytest

from ann_studio.core import load_project
from ann_studio.core.practice import (
    AnswerError,
    PracticeError,
    Question,
    Tolerance,
    check_answer,
    expected_value,
    parse_answer,
    questions,
    step_questions,
)
from ann_studio.core.practice_log import PracticeEntry, PracticeLog
from ann_studio.core.project import parse_project, project_to_json
from tests.helpers import EXAMPLES

#: Mazur's "A Step by Step Backpropagation Example", the numbers as published (9 digits)
PUBLISHED = {
    ("z", "hidden", (0,)): 0.3775, ("a", "hidden", (0,)): 0.593269992,
    ("z", "hidden", (1,)): 0.3925, ("a", "hidden", (1,)): 0.596884378,
    ("z", "out", (0,)): 1.105905967, ("a", "out", (0,)): 0.75136507,
    ("z", "out", (1,)): 1.224921404, ("a", "out", (1,)): 0.772928465,
    ("loss", None, ()): 0.298371109,
    ("delta", "out", (0,)): 0.138498562, ("delta", "out", (1,)): -0.0380982365,
    ("grad_w", "out", (0, 0)): 0.082167041, ("grad_w", "out", (0, 1)): 0.0826676278,
    ("grad_w", "out", (1, 0)): -0.0226025404, ("grad_w", "out", (1, 1)): -0.0227402422,
    ("delta", "hidden", (0,)): 0.00877135468, ("delta", "hidden", (1,)): 0.00995425470,
    ("grad_w", "hidden", (0, 0)): 0.000438568, ("grad_w", "hidden", (0, 1)): 0.000877135,
    ("grad_w", "hidden", (1, 0)): 0.000497713, ("grad_w", "hidden", (1, 1)): 0.000995425,
    ("new_w", "out", (0, 0)): 0.35891648, ("new_w", "out", (0, 1)): 0.408666186,
    ("new_w", "out", (1, 0)): 0.511301270, ("new_w", "out", (1, 1)): 0.561370121,
    ("new_w", "hidden", (0, 0)): 0.149780716, ("new_w", "hidden", (0, 1)): 0.19956143,
    ("new_w", "hidden", (1, 0)): 0.24975114, ("new_w", "hidden", (1, 1)): 0.29950229,
}


@pytest.fixture
def trainer():
    t = load_project(EXAMPLES / "mazur.annproj").build_trainer()
    t.step_phase()  # the input phase: the inputs are on the input layer
    return t


def verdict(trainer, quantity, layer, index, answer, **kw):
    return check_answer(trainer, quantity, layer, index, answer, **kw)


def test_every_quantity_of_one_full_step_is_graded_correct(trainer):
    asked = [(q.quantity, q.layer_id, q.index) for q in step_questions(trainer)]
    assert sorted(asked, key=str) == sorted(PUBLISHED, key=str)  # Mazur fixes the biases: no ∂E/∂b
    for key in asked:
        v = verdict(trainer, *key, f"{PUBLISHED[key]:.9g}")
        assert v.correct and v.mistake is None, key
        assert abs(v.expected - PUBLISHED[key]) < 1e-8


def test_the_questions_follow_the_phases_and_the_trainer_never_moves(trainer):
    before = trainer.state_dict()
    seen = []
    while True:
        asked = questions(trainer)
        for q in asked:
            verdict(trainer, q.quantity, q.layer_id, q.index, "0.5")
        seen.append((trainer.next_phase.kind, len(asked)))
        if trainer.next_phase.kind == "update":
            break
        trainer.step_phase()
    assert seen == [("forward", 4), ("forward", 4), ("error", 1), ("backward", 2), ("gradients", 4),
                    ("backward", 2), ("gradients", 4), ("update", 8)]
    state = trainer.state_dict()
    # the grading recomputed everything on its own pass: the phase-by-phase state is as stepped
    fresh = load_project(EXAMPLES / "mazur.annproj").build_trainer()
    fresh.goto(0, trainer.phase_index)
    for a, b in zip(state["params"], fresh.state_dict()["params"]):
        np.testing.assert_array_equal(a, b)
    assert state["phase"] == len(trainer.phases) - 1 and before["phase"] == 1


def test_grading_leaves_the_state_dict_unchanged(trainer):
    for _ in range(5):
        trainer.step_phase()
    before = trainer.state_dict()
    pass_z = [None if z is None else z.copy() for z in trainer.pass_.z]
    for q in step_questions(trainer):
        verdict(trainer, q.quantity, q.layer_id, q.index, "1/3")
    after = trainer.state_dict()
    assert before.keys() == after.keys()
    for key in before:
        a, b = before[key], after[key]
        if key in ("params", "initial"):
            for x, y in zip(a, b):
                np.testing.assert_array_equal(x, y)
        elif isinstance(a, np.ndarray):
            np.testing.assert_array_equal(a, b)
        elif key not in ("base", "keyframes", "step_losses", "epoch_records", "optimizer_state"):
            assert a == b, key
    assert before["optimizer_state"]["t"] == after["optimizer_state"]["t"]
    for z, old in zip(trainer.pass_.z, pass_z):
        assert (z is None and old is None) or np.array_equal(z, old)


# (quantity, layer, index, the answer worked by hand from the published numbers, the slip)
SLIPS = [
    ("delta", "out", (0,), "0.75136507 - 0.01", "missing_derivative"),            # ŷ − y, no σ′
    ("delta", "out", (0,), "(0.01 - 0.75136507) * 0.186815602", "sign"),          # y − ŷ
    ("delta", "hidden", (0,), "(0.138498562*0.35891648 + -0.038098236*0.51130127) * 0.241300709",
     "updated_weight"),                                                          # w5⁺, w7⁺: Mazur's pitfall
    ("delta", "hidden", (0,), "0.055399425 * 0.241300709", "missing_sum"),        # only ∂E_o1/∂out_h1
    ("delta", "hidden", (0,), "0.036350306", "missing_derivative"),
    ("delta", "out", (0,), "0.74136507 * 1.105905967 * (1 - 1.105905967)", "z_for_a"),  # σ′ from net
    ("new_w", "out", (0, 0), "0.4 - 0.082167041", "missing_learning_rate"),
    ("new_w", "out", (0, 0), "0.4 + 0.5 * 0.082167041", "sign"),
    ("new_w", "hidden", (0, 0), "0.15 - 0.000438568", "missing_learning_rate"),
    ("a", "hidden", (0,), "0.3775", "z_for_a"),
    ("z", "out", (0,), "0.75136507", "a_for_z"),
    ("z", "out", (0,), "0.4*0.3775 + 0.45*0.3925 + 0.6", "z_for_a"),              # net_h where out_h belongs
    ("grad_w", "out", (0, 0), "0.138498562 * 0.75136507", "wrong_layer"),         # out_o1, not out_h1
    ("grad_w", "hidden", (0, 0), "0.008771355 * 0.593269992", "wrong_layer"),     # out_h1, not i1
    ("grad_w", "out", (0, 0), "0.138498562 * 0.3775", "z_for_a"),                 # net_h1, not out_h1
    ("grad_w", "out", (0, 0), "0.74136507 * 0.593269992", "missing_derivative"),
    ("loss", None, (), "0.274811083", "missing_sum"),                             # E_o1 only
    # f′ at the wrong layer: ∂out_o1/∂net_o1 written out_h1(1 − out_h1), and the reverse for δ_h1
    ("delta", "out", (0,), "0.74136507 * 0.593269992 * (1 - 0.593269992)", "wrong_layer"),
    ("delta", "hidden", (0,), "0.036350306 * 0.75136507 * (1 - 0.75136507)", "wrong_layer"),
    ("delta", "hidden", (0,), "0.036350306 * 0.05 * (1 - 0.05)", "wrong_layer"),  # i1(1 − i1)
    ("grad_w", "out", (0, 0), "0.74136507 * 0.593269992 * (1 - 0.593269992) * 0.593269992", "wrong_layer"),
]


@pytest.mark.parametrize("quantity, layer, index, answer, slip", SLIPS)
def test_each_slip_worked_by_hand_is_named(trainer, quantity, layer, index, answer, slip):
    v = verdict(trainer, quantity, layer, index, answer)
    assert not v.correct and v.mistake == slip


def test_zhou_g_has_the_opposite_sign_to_nielsen_delta(trainer):
    v = verdict(trainer, "delta", "out", (0,), "-0.138498562", notation="zhou")  # g_1 = −δ
    assert v.correct and v.expected < 0
    v = verdict(trainer, "delta", "out", (0,), "0.138498562", notation="zhou")   # Nielsen's δ given for g
    assert not v.correct and v.mistake == "sign"
    # α_1 (Zhou's weighted sum before the threshold) leaves the bias out
    assert verdict(trainer, "z", "hidden", (0,), "0.0275", notation="zhou").correct
    assert verdict(trainer, "z", "hidden", (0,), "0.3775", notation="mazur").correct


def test_a_wrong_answer_that_matches_no_slip_names_none(trainer):
    for key, answer in ((("delta", "out", (0,)), "0.2"), (("new_w", "out", (0, 0)), "0.3"),
                        (("loss", None, ()), "1"), (("grad_w", "hidden", (0, 0)), "0.01")):
        v = verdict(trainer, *key, answer)
        assert not v.correct and v.mistake is None


def test_missing_batch_mean_in_a_mini_batch():
    project = load_project(EXAMPLES / "mazur.annproj")
    project.training.batch_size = 2
    obj = project_to_json(project)
    obj["optimizer"]["learning_rate"] = 0.1  # with η = 0.5 and m = 2, ηm g equals g: two slips alike
    obj["data"]["train"] = {"inputs": [[0.05, 0.10], [0.10, 0.05]], "targets": [[0.01, 0.99], [0.99, 0.01]]}
    t = parse_project(obj).build_trainer()
    t.step_phase()
    g = expected_value(t, "grad_w", "out", (0, 0))
    assert verdict(t, "grad_w", "out", (0, 0), repr(2 * g)).mistake == "missing_batch_mean"
    e = expected_value(t, "loss", None, ())
    assert verdict(t, "loss", None, (), repr(2 * e)).mistake == "missing_batch_mean"
    # z, a and δ are the focused sample's
    assert expected_value(t, "z", "hidden", (0,), sample=1) == pytest.approx(0.15 * 0.10 + 0.20 * 0.05 + 0.35)
    w = 0.4 - 0.1 * g
    assert verdict(t, "new_w", "out", (0, 0), repr(w)).correct
    assert verdict(t, "new_w", "out", (0, 0), repr(0.4 - 0.1 * 2 * g)).mistake == "missing_batch_mean"


@pytest.mark.parametrize("text, value", [("0,5", 0.5), ("1/3", 1 / 3), ("0.7414*0.1868", 0.7414 * 0.1868),
                                         ("−0.25", -0.25), ("2×10^-3", 0.002), ("(1+1)/4", 0.5), ("1e-4", 1e-4),
                                         (" 0.5 ", 0.5), (0.25, 0.25), ("0.3·2", 0.6)])
def test_answers_are_parsed(text, value):
    assert parse_answer(text) == pytest.approx(value)


@pytest.mark.parametrize("text, reason", [("", "empty"), ("abc", "syntax"), ("__import__('os')", "syntax"),
                                          ("1/0", "division_by_zero"), ("9**9**9", "too_large"),
                                          ("1,5.2", "decimal_mark"), ("1" * 300, "too_long"), ("0.5.3", "syntax"),
                                          ("(-1)**0.5", "syntax"), ("[1]", "syntax"), ("1e400", "too_large")])
def test_bad_answers_are_refused_plainly(text, reason):
    with pytest.raises(AnswerError) as info:
        parse_answer(text)
    assert info.value.reason == reason and str(info.value)


def test_tolerance_is_four_significant_digits_or_relative():
    tol = Tolerance()
    assert tol.agrees(0.08217, 0.082167041) and tol.agrees(0.08216, 0.082167041)
    assert not tol.agrees(0.0822, 0.082167041)
    assert tol.agrees(1.106, 1.105905967) and not tol.agrees(1.107, 1.105905967)
    assert tol.describe() == "4 significant digits, or 1e-04 relative"
    assert Tolerance(digits=6).allowed(1.0) < tol.allowed(1.0)


def test_unknown_questions_are_refused(trainer):
    for args in (("q", "out", (0,)), ("z", "nowhere", (0,)), ("z", "in", (0,)), ("z", "out", (5,)),
                 ("grad_w", "out", (0,)), ("loss", None, (1,)), ("z", "out", None), ("z", "out", (0.5,)),
                 ("z", "out", "0"), ("grad_w", "out", ("a", 0))):
        with pytest.raises(PracticeError):
            check_answer(trainer, *args, "0.5")
        with pytest.raises(PracticeError):
            expected_value(trainer, *args)
    with pytest.raises(PracticeError):
        check_answer(trainer, "z", "out", (0,), "0.5", notation="latin")
    assert check_answer(trainer, "z", "hidden", (np.int64(0),), "0.3775").correct


def test_the_log_scores_and_round_trips_through_the_project_file(tmp_path):
    log = PracticeLog()
    for quantity, correct, attempt in ([("delta", True, 1), ("delta", False, 1), ("delta", True, 2),
                                                      ("delta", True, 1), ("grad_w", True, 1), ("new_b", False, 1)]):
        log.add(PracticeEntry("2026-12-04T21:00:00", 0, quantity, "out", (0,), "mazur", attempt, "0.1", 0.1,
                              0.1 if correct else 0.2, correct, None if correct else "sign"))
    total, kinds = log.score()
    assert (total.right, total.asked) == (3, 5)
    assert (kinds["delta"].right, kinds["delta"].asked) == (2, 3) and kinds["update"].asked == 1
    assert log.best_streak("delta") == 1
    project = load_project(EXAMPLES / "mazur.annproj")
    t = project.build_trainer()
    t.train_step()
    project.run = {**t.state_dict(), "practice": log.to_json()}
    back = parse_project(project_to_json(project))
    assert back.run["practice"] == log.to_json()
    assert PracticeLog.from_json(back.run["practice"]).score()[0].asked == 5
    assert log.write_csv(tmp_path / "log.csv") == 6
    lines = (tmp_path / "log.csv").read_text().splitlines()
    assert lines[0].startswith("time,step,quantity,layer,index") and ",sign" in lines[2]
    old = project_to_json(project)
    old["run"].pop("practice")
    assert "practice" not in parse_project(old).run  # a file from before practice mode still loads


def test_a_bad_practice_log_names_the_entry():
    from ann_studio.core.errors import ProjectError

    project = load_project(EXAMPLES / "mazur.annproj")
    t = project.build_trainer()
    t.train_step()
    project.run = t.state_dict()
    obj = project_to_json(project)
    obj["run"]["practice"] = [{"time": "", "step": 0, "quantity": "zz", "layer": None, "index": [], "notation": "",
                               "attempt": 1, "answer": "", "value": 1, "expected": 1, "correct": True}]
    with pytest.raises(ProjectError, match=r"run\.practice\[0\]\.quantity"):
        parse_project(obj)


def test_questions_at_a_step_boundary_are_of_the_next_step():
    t = load_project(EXAMPLES / "mazur.annproj").build_trainer()
    assert questions(t) == []  # the input phase computes nothing
    t.train_step()
    assert Question("z", "hidden", (0,)) in step_questions(t)
    # step 2's z uses the updated weights w1⁺, w2⁺
    assert expected_value(t, "z", "hidden", (0,)) == pytest.approx(0.149780716 * 0.05 + 0.19956143 * 0.1 + 0.35)
