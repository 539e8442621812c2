"""The Mazur worked example stepped through the GUI's actions: the math view shows the published
numbers phase by phase; after one step the weights are the reference values; rewind is exact."""

from __future__ import annotations

import numpy as np
import pytest

from ann_studio.core.phases import Phase
from ann_studio.document.selection import Selected
from ann_studio.views.main_window import MainWindow
from tests.helpers import EXAMPLES


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    for name in ("math_panel", "training_panel"):  # panels behind another tab skip their refresh
        w.docks[name].raise_()
    assert w.open_project(EXAMPLES / "mazur.annproj")
    yield w
    w.session.shutdown()


def math(window):
    return window.findChild(object, "math_view")


def formula_text(window) -> str:
    return math(window).formula.toPlainText()


def step_to(window, kind: str, layer: str | None = None) -> None:
    """Trigger ``step_phase`` until the phase just completed is (kind, layer)."""
    for _ in range(20):
        window.actions["step_phase"].trigger()
        if window.session.current_phase == Phase(kind, layer):
            return
    raise AssertionError(f"never reached {kind} {layer}")


def test_the_actions_exist_in_menu_and_toolbar(window):
    names = ("step_phase", "step_back", "step_sample", "step_batch", "step_epoch", "play_pause",
             "reset_training", "new_seed", "rewind_start")
    toolbar = window.findChild(object, "training_toolbar")
    for name in names:
        action = window.actions[name]
        assert action.objectName() == name and action.toolTip() and not action.icon().isNull()
        assert action in window.menus["train"].actions() and action in toolbar.actions()
        assert not action.shortcut().isEmpty()


def test_math_view_shows_the_published_forward_values(window):
    m = math(window)
    assert m.notation_box.currentData() == "mazur" and m.digits_box.value() == 9
    step_to(window, "forward", "hidden")
    text = formula_text(window)
    assert "0.3775" in text and "0.593269992" in text
    assert "net" in text and "w1" in text.replace(" ", "")
    window.selection.select(Selected("neuron", "hidden", 1))
    assert "0.596884378" in formula_text(window)
    step_to(window, "forward", "out")
    window.selection.select(Selected("neuron", "out", 0))
    text = formula_text(window)
    assert "1.105905967" in text and "0.751365070" in text
    window.selection.select(Selected("neuron", "out", 1))
    assert "0.772928465" in formula_text(window)
    step_to(window, "error")
    assert "0.298371109" in formula_text(window)
    counter = window.findChild(object, "counter_phase")
    assert counter.text() == "Error"


def test_math_view_shows_the_published_gradients(window):
    window.selection.select(Selected("weight", "out", 0, 0))
    step_to(window, "gradients", "out")
    text = formula_text(window)
    assert "0.741365070 × 0.186815602 × 0.593269992" in text
    assert "0.082167041" in text
    window.selection.select(Selected("weight", "hidden", 0, 0))
    step_to(window, "gradients", "hidden")
    assert "0.000438568" in formula_text(window)
    assert window.findChild(object, "counter_phase").text() == "Gradients: hidden layer"
    window.actions["step_phase"].trigger()  # the update
    assert "0.149780716" in formula_text(window)


def test_one_step_gives_the_reference_weights_and_the_badge(window):
    for _ in range(len(window.session.trainer.phases)):
        window.actions["step_phase"].trigger()
    net = window.session.trainer.network
    np.testing.assert_allclose(net.layers[2].W.ravel(), [0.35891648, 0.408666186, 0.51130127, 0.561370121],
                               atol=5e-9)
    np.testing.assert_allclose(net.layers[1].W.ravel(), [0.149780716, 0.199561432, 0.249751144, 0.299502287],
                               atol=5e-9)
    badge = window.findChild(object, "mazur_badge")
    assert badge.isVisibleTo(window) and "17 of 17" in badge.text()
    details = window.findChild(object, "mazur_details").toPlainText()
    assert "0.291027924" in details and "0.29102777369" in details and "9,999" in details


def test_step_back_restores_the_exact_previous_state(window):
    t = window.session.trainer
    states = []
    for _ in range(len(t.phases) + 3):
        states.append((t.step, t.phase_index, [p.copy() for p in t.network.get_parameters()],
                       formula_text(window)))
        window.actions["step_phase"].trigger()
    for step, phase_index, params, text in reversed(states):
        window.actions["step_back"].trigger()
        assert (t.step, t.phase_index) == (step, phase_index)
        for a, b in zip(t.network.get_parameters(), params):
            np.testing.assert_array_equal(a, b)
        assert formula_text(window) == text


def test_gradient_check_agrees_with_backprop(window):
    window.selection.select(Selected("weight", "out", 0, 0))
    step_to(window, "gradients", "out")
    m = math(window)
    m.check_button.click()
    assert "relative error" in m.check_result.text()
    result = m.check_gradient()
    assert abs(result.analytic - 0.0821670406) < 1e-9 and result.relative_error < 1e-7


def test_notations_switch(window):
    step_to(window, "backward", "out")
    m = math(window)
    m.set_notation("zhou")
    text = formula_text(window)
    assert "g1" in text.replace(" ", "") and "−0.138498562" in text
    m.set_notation("nielsen")
    assert "δ" in formula_text(window) and "0.138498562" in formula_text(window)
    m.bilingual_box.setChecked(True)
    assert "误差项" in formula_text(window)


def test_csv_export_is_tidy_and_complete(window, tmp_path):
    from ann_studio.views.panels.math_table import write_csv

    for _ in range(len(window.session.trainer.phases) - 1):
        window.actions["step_phase"].trigger()
    n = write_csv(window.session.trainer, tmp_path / "v.csv")
    lines = (tmp_path / "v.csv").read_text().splitlines()
    assert lines[0] == "layer,unit,quantity,sample,input,value" and len(lines) == n + 1
    assert any(line.startswith("out,1,dE/dW,,1,0.08216704") for line in lines)
    table = math(window).table.model()
    assert table.rowCount() == 4 and table.columnCount() == 7
