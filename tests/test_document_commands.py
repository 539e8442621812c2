"""Undo commands and per-layer document signals (no widgets)."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import EXAMPLES

from ann_studio.core import LayerSpec, load_project
from ann_studio.document import commands as c
from ann_studio.document.project_document import ProjectDocument


@pytest.fixture
def doc(qapp):
    return ProjectDocument(load_project(EXAMPLES / "mazur.annproj"))


def push(doc, network, text="edit"):
    doc.undo_stack.push(c.NetworkEditCommand(doc, network, text))


def test_add_layer_emits_one_signal_each_and_undoes(doc, qtbot):
    added, changed = [], []
    doc.layer_added.connect(added.append)
    doc.network_changed.connect(lambda: changed.append(1))
    push(doc, c.with_layers_added(doc.network, [LayerSpec("extra", "dense", 3, "tanh", ["hidden"])]), "Add")
    assert added == ["extra"] and changed == [1]
    assert doc.undo_stack.undoText() == "Add"
    doc.undo_stack.undo()
    assert [layer.id for layer in doc.network.layers] == ["in", "hidden", "out"]


def test_connect_and_disconnect_keep_explicit_weights(doc):
    before = doc.layer("out").weights.copy()
    push(doc, c.with_edge(doc.network, "in", "out"))
    w = doc.layer("out").weights
    assert w.shape == (2, 4) and np.array_equal(w[:, :2], before)
    assert doc.problems() == []
    push(doc, c.without_edge(doc.network, "hidden", "out"))
    assert doc.layer("out").inputs == ["in"] and np.array_equal(doc.layer("out").weights, w[:, 2:])
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert np.array_equal(doc.layer("out").weights, before)


def test_units_change_resizes_consumers_and_rename_follows(doc):
    push(doc, c.with_layer_edited(doc.network, "hidden", units=3))
    assert doc.layer("hidden").weights.shape == (3, 2)
    assert doc.layer("out").weights.shape == (2, 3)
    assert doc.problems() == []
    push(doc, c.with_layer_edited(doc.network, "out", id="result"))
    assert doc.network.output == "result"
    push(doc, c.with_layer_edited(doc.network, "hidden", id="h"))
    assert doc.layer("result").inputs == ["h"]


def test_removing_a_layer_drops_its_columns(doc):
    push(doc, c.with_edge(doc.network, "in", "out"))
    push(doc, c.with_layers_removed(doc.network, {"hidden"}))
    assert doc.layer("out").inputs == ["in"] and doc.layer("out").weights.shape == (2, 2)


def test_moves_merge_within_a_second_and_only_emit_moved(doc):
    rebuilt = []
    doc.network_changed.connect(lambda: rebuilt.append(1))
    for x in (10, 20, 30):
        doc.undo_stack.push(c.MoveLayersCommand(doc, {"hidden": (None, (x, 0))}, "Move"))
    assert doc.undo_stack.count() == 1 and doc.layer("hidden").extra["position"] == [30, 0]
    assert rebuilt == []
    doc.undo_stack.undo()
    assert "position" not in doc.layer("hidden").extra


def test_parameters_and_settings_commands(doc):
    w, b = doc.initial_parameters("hidden")
    w[0, 1] = 1 / 3
    doc.undo_stack.push(c.SetParametersCommand(doc, "hidden", w, b, "Set weight"))
    assert doc.layer("hidden").weights[0, 1] == pytest.approx(1 / 3)
    opt = doc.project.optimizer.copy()
    opt.learning_rate = 0.1
    doc.undo_stack.push(c.SetSettingsCommand(doc, "mse", opt, doc.project.training, "Settings"))
    assert doc.project.loss == "mse" and doc.project.optimizer.learning_rate == 0.1
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.project.loss == "half_sse" and doc.layer("hidden").weights[0, 1] == 0.20


def test_initial_parameters_match_the_trainer(qapp):
    doc = ProjectDocument(load_project(EXAMPLES / "lesson.annproj"))
    w, _b = doc.initial_parameters("hidden")
    assert np.array_equal(w, doc.project.build_network().layer("hidden").W)


def test_unique_id():
    from ann_studio.core import NetworkSpec

    spec = NetworkSpec.chain([2, 3, 1])
    assert c.unique_id(spec, "hidden") == "hidden2"
    assert c.unique_id(spec, "new") == "new"
