"""One name per weight: in each notation the math view, the layer table and the canvas tooltip
name and number the same weight the same way (1-based, the notation's symbol).

The math view's formula is read as drawn: its text fragments with their super- and subscripts.
The inspector names it the same way too (its symbol and its 1-based title).
"""

from __future__ import annotations

import pytest
from helpers import EXAMPLES
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from qt_helpers import make_window

from ann_studio.document.selection import Selected

_SUPER = str.maketrans("0123456789+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: (example, notation, the symbol of hidden-layer weight (neuron 2, input 1))
CASES = [
    ("xor.annproj", "nielsen", "w²₂₁"),  # w^l_jk: to neuron 2 of layer 2 from neuron 1 of layer 1
    ("xor.annproj", "zhou", "v₁₂"),  # v_ih: from input 1 to hidden unit 2
    ("mazur.annproj", "mazur", "w₃"),  # Mazur's w3: i1 → h2
]


def drawn_text(document) -> str:
    """The text of a QTextDocument as drawn, superscripts and subscripts as Unicode (digits) or
    ``_text`` (a subscript word)."""
    out = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            text, align = fragment.text(), fragment.charFormat().verticalAlignment()
            if align == QTextCharFormat.VerticalAlignment.AlignSuperScript:
                text = text.translate(_SUPER)
            elif align == QTextCharFormat.VerticalAlignment.AlignSubScript:
                text = text.translate(_SUB) if text.replace(",", "").isdigit() else f"_{text}"
            out.append(text)
            it += 1
        out.append("\n")
        block = block.next()
    return "".join(out)


@pytest.mark.parametrize(("example", "key", "symbol"), CASES)
def test_math_view_table_and_canvas_name_a_weight_alike(qtbot, tmp_path, example, key, symbol):
    window = make_window(qtbot, tmp_path, EXAMPLES / example, all_panels=True)
    panel = window.docks["math_panel"].widget()
    window.docks["math_panel"].raise_()
    panel.set_notation(key)
    assert window.notation.key == key
    session = window.session
    while not (session.current_phase is not None and session.current_phase.kind == "gradients"
               and session.current_phase.layer == "hidden"):
        session.step_phase()
    window.selection.select(Selected("weight", "hidden", 1, 0))
    panel.refresh()
    # the math view
    shown = drawn_text(panel.formula.document())
    assert f"∂E/∂{symbol}" in shown.replace("E_k", "E").replace("E_total", "E"), shown
    # the layer table: the hidden layer's neuron 2 is numbered 2, its ∂E/∂W tooltip names the weight
    model = panel.model
    row = next(r for r in range(model.rowCount()) if model.value(r, 0) == "hidden" and model.value(r, 1) == 2)
    tip = model.data(model.index(row, 6), Qt.ItemDataRole.ToolTipRole)
    assert f"∂E/∂{symbol} = " in tip.splitlines()[0]
    # the canvas: the connection's tooltip, 1-based like the inspector, with the same symbol
    window.canvas_scene.set_neuron_view(True)
    item = next(c for c in window.canvas_scene.layers["hidden"].items if (c.i, c.j) == (1, 0))
    item.hoverEnterEvent(None)
    lines = item.toolTip().splitlines()
    assert lines[0].startswith("w[2, 1]: from neuron 1 of 'in' to neuron 2 of 'hidden'")
    assert lines[1].startswith(f"{symbol} = ")
    # the inspector: the same 1-based title and the notation's symbol
    inspector = window.docks["inspector"].widget()
    inspector.refresh()
    assert inspector.title.text() == "Connection w[2, 1] of 'hidden'"
    assert inspector.param_name.text() == symbol
    assert inspector.param_label.text().startswith(f"Weight {symbol} from unit 1 of 'in' to neuron 2 of 'hidden'")
    session.shutdown()


def test_the_inspector_says_that_zhous_threshold_is_minus_the_bias(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj", all_panels=True)
    window.docks["math_panel"].widget().set_notation("zhou")
    window.selection.select(Selected("neuron", "hidden", 0))
    inspector = window.docks["inspector"].widget()
    inspector.refresh()
    b = float(inspector.param_value.text())
    text = inspector.param_label.text()
    assert "threshold γ₁ = −b" in text and text.endswith(f"{-b:.6g}".replace("-", "−") if b > 0 else f"{-b:.6g}")
    window.session.shutdown()


def test_zhou_table_follows_the_notation(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj", all_panels=True)
    panel = window.docks["math_panel"].widget()
    panel.set_notation("zhou")
    window.session.step_phase()
    window.session.step_phase()  # forward through the hidden layer
    panel.refresh()
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[2:5] == ["α, β", "b, ŷ", "e, g (= −δ)"]
    t = window.session.trainer
    hidden = t.network.layer("hidden")
    z = t.pass_.z[hidden.index][0, 0]
    assert model.value(0, 2) == pytest.approx(z - hidden.b[0])  # α₁ as in the math view
    shown = drawn_text(panel.formula.document())
    assert "α₁" in shown and f"{model.data(model.index(0, 2))}" in shown
    assert "γ₁" in shown and "bias" in shown  # the threshold is named as −bias
    panel.set_notation("nielsen")
    assert model.headerData(2, Qt.Orientation.Horizontal) == "z"
    window.session.shutdown()


def test_no_repeated_step_in_a_derivation(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj", all_panels=True)
    panel = window.docks["math_panel"].widget()
    session = window.session
    while not (session.current_phase is not None and session.current_phase.kind == "error"):
        session.step_phase()
    panel.refresh()
    lines = [line.strip() for line in drawn_text(panel.formula.document()).splitlines() if line.strip()]
    steps = [after for before, after in zip(lines, lines[1:]) if before == "="]  # each "= …" of the derivation
    assert len(steps) >= 2 and all(a != b for a, b in zip(steps, steps[1:])), lines
    session.shutdown()
