"""The inspector: typed values (decimal comma, fractions), inline refusal, one command per edit."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import EXAMPLES
from qt_helpers import make_window

from ann_studio.document.selection import Selected
from ann_studio.views.numbers import parse_int, parse_number


@pytest.mark.parametrize("text, value", [("0.5", 0.5), ("0,5", 0.5), ("1/3", 1 / 3), ("-2/4", -0.5),
                                         (" 1e-3 ", 0.001), ("\u22120,25", -0.25), ("3", 3.0)])
def test_parse_number_accepts_what_teachers_type(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1/0", "1//2", "1,2,3", "nan", "inf", "1e999", "0x10"])
def test_parse_number_refuses_with_a_message(text):
    with pytest.raises(ValueError) as info:
        parse_number(text)
    assert str(info.value)


def test_parse_int_and_bounds():
    assert parse_int("12") == 12
    with pytest.raises(ValueError, match="whole number"):
        parse_int("1/2")
    with pytest.raises(ValueError, match="at least 1"):
        parse_int("0", 1)


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, EXAMPLES / "mazur.annproj")


@pytest.fixture
def inspector(window):
    return window.docks["inspector"].widget()


def type_into(qtbot, field, text):
    field.setText(text)
    field.editingFinished.emit()


def test_typing_a_fraction_sets_the_weight(window, inspector, qtbot):
    window.selection.select(Selected("weight", "hidden", 0, 1))
    assert inspector.param_value.text() == "0.2"
    type_into(qtbot, inspector.param_value, "1/3")
    assert window.document.layer("hidden").weights[0, 1] == pytest.approx(1 / 3)
    assert window.document.undo_stack.undoText() == "Set weight w[1, 2] of 'hidden' to 0.333333"


def test_typing_a_decimal_comma_sets_the_bias(window, inspector, qtbot):
    window.selection.select(Selected("neuron", "out", 1))
    type_into(qtbot, inspector.param_value, "0,75")
    assert window.document.layer("out").bias[1] == 0.75


def test_invalid_values_are_refused_inline(window, inspector, qtbot):
    window.selection.select(Selected("layer", "hidden"))
    count = window.document.undo_stack.count()
    type_into(qtbot, inspector.units, "0")
    assert inspector.layer_error.isVisibleTo(inspector) and "at least 1" in inspector.layer_error.text()
    assert "#d93025" in inspector.units.styleSheet()
    type_into(qtbot, inspector.layer_id, "out")
    assert "already used" in inspector.layer_error.text()
    type_into(qtbot, inspector.learning_rate, "fast")
    assert "not a number" in inspector.project_error.text()
    assert window.document.undo_stack.count() == count and window.document.layer("hidden").units == 2
    type_into(qtbot, inspector.units, "3")
    assert window.document.layer("hidden").units == 3 and not inspector.layer_error.isVisibleTo(inspector)


def test_layer_fields_edit_the_layer(window, inspector, qtbot):
    window.selection.select(Selected("layer", "hidden"))
    inspector.activation.setCurrentText("tanh")
    inspector.activation.activated.emit(inspector.activation.currentIndex())
    assert window.document.layer("hidden").activation == "tanh"
    inspector.train_weights.click()
    assert window.document.layer("hidden").train_weights is False
    type_into(qtbot, inspector.layer_id, "middle")
    assert window.document.layer("out").inputs == ["middle"]
    assert window.selection.current == Selected("layer", "middle")
    assert window.document.undo_stack.undoText() == "Rename 'hidden' to 'middle'"


def test_project_settings(window, inspector, qtbot):
    type_into(qtbot, inspector.learning_rate, "0,05")
    assert window.document.project.optimizer.learning_rate == 0.05
    type_into(qtbot, inspector.batch_size, "4")
    assert window.document.project.training.batch_size == 4
    inspector.loss.setCurrentIndex(inspector.loss.findData("mse"))
    inspector.loss.activated.emit(inspector.loss.currentIndex())
    assert window.document.project.loss == "mse"
    window.actions["undo"].trigger()
    assert window.document.project.loss == "half_sse"
    assert inspector.loss.currentData() == "half_sse"
    assert inspector.loss.currentText() == "Half sum of squares  ½Σ(ŷ − y)²"  # words, not the identifier
    inspector.optimizer.setCurrentIndex(inspector.optimizer.findData("adam"))
    inspector.optimizer.activated.emit(inspector.optimizer.currentIndex())
    assert window.document.project.optimizer.type == "adam" and inspector.optimizer.currentText() == "Adam"


def test_the_float32_box_starts_a_float32_run_and_undo_gives_the_run_back(window, inspector, qtbot):
    from PySide6.QtWidgets import QCheckBox

    session = window.session
    for _ in range(5):
        session.step_batch()
    box = inspector.findChild(QCheckBox, "training_dtype")
    assert box is inspector.float32 and not box.isChecked()
    box.click()
    assert window.document.project.training.dtype == "float32"
    assert session.trainer.dtype == np.float32 and session.trainer.step == 0
    assert session.trainer.network.dense[0].W.dtype == np.float32
    session.step_batch()
    assert session.trainer.step_losses[-1] > 0
    window.actions["undo"].trigger()
    assert window.document.project.training.dtype == "float64" and not box.isChecked()
    assert session.trainer.dtype == np.float64 and session.trainer.step == 5
