"""The math view's formula builder without the window: notations, number style, Zhou's update."""

from __future__ import annotations

import re

import numpy as np
import pytest

from ann_studio.core import Network, Project, load_project
from ann_studio.core.phases import Phase
from ann_studio.document.project_document import ProjectDocument
from ann_studio.document.selection import Selected
from ann_studio.document.session import TrainingSession
from ann_studio.views.panels.math_format import factor, num
from ann_studio.views.panels.math_formulas import Context, focus, formula_lines
from ann_studio.views.panels.math_notation import available, make_notation
from tests.helpers import EXAMPLES, merge_spec


def plain(lines) -> str:
    return " ".join(re.sub("<[^>]+>", "", line.html).replace("&nbsp;", " ") for line in lines)


@pytest.fixture
def lesson(qtbot):
    s = TrainingSession(ProjectDocument(load_project(EXAMPLES / "lesson.annproj")))
    yield s
    s.shutdown()


def lines_for(session, key: str, selected=None, digits: int = 9):
    t = session.trainer
    ctx = Context(t, session, make_notation(key, t.network), session.focus_sample, digits)
    return formula_lines(ctx, session.current_phase, selected)


def test_number_style():
    assert num(0.3775 + 1e-17) == "0.3775"
    assert num(0.593269992107, 9) == "0.593269992"
    assert num(-0.0380982, 6) == "−0.038098"
    assert num(1.0) == "1" and num(0.0) == "0"
    assert num(3.2e-9, 6) == "3.200 × 10⁻⁹" and num(-3.2e-9, 6) == "−3.200 × 10⁻⁹"


def test_notations_follow_the_shape():
    assert available(Network(load_project(EXAMPLES / "mazur.annproj").network)) == ["nielsen", "zhou", "mazur"]
    assert available(Network(load_project(EXAMPLES / "lesson.annproj").network)) == ["nielsen", "zhou"]
    assert available(Network(merge_spec())) == ["nielsen"]
    assert make_notation("mazur", Network(merge_spec())).key == "nielsen"


def test_focus_follows_phase_and_selection():
    net = Network(load_project(EXAMPLES / "lesson.annproj").network)
    assert focus(Phase("forward", "hidden"), Selected("neuron", "hidden", 3), net) == (1, 3, None)
    assert focus(Phase("forward", "hidden"), Selected("neuron", "output", 0), net) == (1, 0, None)
    assert focus(Phase("gradients", "output"), Selected("weight", "output", 0, 2), net) == (2, 0, 2)
    assert focus(Phase("update"), Selected("weight", "hidden", 1, 0), net) == (1, 1, 0)


def test_zhou_quantities_are_minus_delta_and_the_update_matches(lesson):
    t = lesson.trainer
    while lesson.current_phase != Phase("backward", "output"):
        lesson.step_phase()
    g = -t.pass_.delta[2][0, 0]
    assert num(g, 9) in plain(lines_for(lesson, "zhou"))
    while lesson.current_phase != Phase("backward", "hidden"):
        lesson.step_phase()
    e2 = -t.pass_.delta[1][0, 1]
    assert num(e2, 9) in plain(lines_for(lesson, "zhou", Selected("neuron", "hidden", 1)))
    b2 = t.pass_.a[1][0, 1]
    while lesson.current_phase != Phase("update"):
        lesson.step_phase()
    dW = lesson.parameter_change()[1][0]
    text = plain(lines_for(lesson, "zhou", Selected("weight", "output", 0, 1)))
    assert "Δw21 = η g1 b2".replace(" ", "") in text.replace(" ", "")
    assert num(0.5 * g * b2, 9) in text and num(dW[0, 1], 9) in text
    text = plain(lines_for(lesson, "zhou", Selected("neuron", "output", 0)))
    assert "θ1" in text and num(-lesson.parameter_change()[1][1][0], 9) in text  # Δθ = −Δb


def test_every_phase_renders_for_every_notation_and_batch(qtbot):
    project = load_project(EXAMPLES / "lesson.annproj")
    project.training.batch_size = 4
    s = TrainingSession(ProjectDocument(project))
    for _ in range(2 * len(s.trainer.phases)):
        s.step_phase()
        for key in ("nielsen", "zhou"):
            assert plain(lines_for(s, key, Selected("neuron", "hidden", 2)))
    s.step_sample()
    assert "(1/4)" in plain(lines_for(s, "nielsen", None)) or s.current_phase.kind != "gradients"
    s.shutdown()


def test_dag_network_uses_source_activations(qtbot):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(3, 3)), rng.uniform(size=(3, 2))
    project = Project(merge_spec(), data={"train": {"inputs": x.tolist(), "targets": y.tolist()}})
    s = TrainingSession(ProjectDocument(project))
    while s.current_phase != Phase("forward", "out"):
        s.step_phase()
    text = plain(lines_for(s, "nielsen", Selected("neuron", "out", 0)))
    assert "a41" in text.replace(" ", "") and "terms" in text  # c (layer 4) feeds out; 9 inputs cut short
    s.shutdown()


def test_l2_update_is_written_as_nielsens_weight_decay(qtbot):
    """SGD with L2: w⁺ = (1 − η·λ/n)·w − η·∂E/∂w, weight_decay = λ/n (Nielsen's chapter 3); the
    bias, which L2 leaves alone unless regularize_bias, keeps b⁺ = b − η·∂E/∂b."""
    project = load_project(EXAMPLES / "lesson.annproj")
    project.optimizer.weight_decay = 0.125
    s = TrainingSession(ProjectDocument(project))
    s.step_batch()  # the run is past step 0, so the update has a weight before it
    while s.current_phase != Phase("update"):
        s.step_phase()
    t, eta = s.trainer, project.optimizer.learning_rate
    before = s.parameters_before_update()
    k = t.network.index["output"]
    old, g, new = before[-2][0, 1], t.pass_.grad_W[k][0, 1], t.network.layers[k].W[0, 1]
    assert new == pytest.approx((1 - eta * 0.125) * old - eta * g, abs=1e-15)
    text = plain(lines_for(s, "nielsen", Selected("weight", "output", 0, 1)))
    assert "(1 − η·λ/n) · w312 − η · ∂E/∂w312" in text and "(L2: weight_decay = λ/n = 0.125)" in text
    assert f"(1 − {factor(eta, 9)} × 0.125) × {factor(old, 9)} − {factor(eta, 9)} × {factor(g, 9)}" in text
    assert num(new, 9) in text
    bias = plain(lines_for(s, "nielsen", Selected("neuron", "output", 0)))
    assert "b31+ = b31 − η · ∂E/∂b31 =" in bias and "λ" not in bias[bias.index("b31+"):]
    s.shutdown()


def test_every_phase_renders_in_float32(qtbot):
    project = load_project(EXAMPLES / "lesson.annproj")
    project.training.dtype = "float32"
    s = TrainingSession(ProjectDocument(project))
    assert s.trainer.network.dense[0].W.dtype == np.float32
    for _ in range(2 * len(s.trainer.phases)):
        s.step_phase()
        assert plain(lines_for(s, "nielsen", Selected("neuron", "hidden", 1)))
    text = plain(lines_for(s, "nielsen", Selected("weight", "output", 0, 1)))
    assert num(float(s.trainer.network.layer("output").W[0, 1]), 9) in text
    after = [w.copy() for w in s.trainer.network.get_parameters()]
    s.step_back()  # a rewind in float32: the last phase again, the same numbers
    s.step_phase()
    assert all(np.array_equal(a, b) for a, b in zip(after, s.trainer.network.get_parameters()))
    s.shutdown()
