"""Neuron view, selection by clicking, validation marking and the overlay API the training
overlay uses."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import EXAMPLES
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from qt_helpers import click, make_window, view_point

from ann_studio.document.selection import Selected


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, EXAMPLES / "mazur.annproj")
    w.actions["toggle_neuron_view"].trigger()
    w.canvas_view.fit_view()
    return w


def test_neuron_view_draws_every_neuron_and_weight(window):
    scene = window.canvas_scene
    assert window.actions["toggle_neuron_view"].isChecked()
    assert [len(scene.nodes[lid].neurons) for lid in ("in", "hidden", "out")] == [2, 2, 2]
    assert len(scene.layers["hidden"].items) == 4 and len(scene.layers["out"].items) == 4
    assert not scene.edges[("in", "hidden")].isVisible()
    window.actions["toggle_neuron_view"].trigger()
    assert scene.layers["hidden"].items == [] and scene.edges[("in", "hidden")].isVisible()


def test_weights_are_coloured_by_sign_and_sized_by_magnitude(window):
    layer = window.canvas_scene.layers["out"]
    items = {(i.i, i.j): i for i in layer.items}
    # Mazur's output weights: 0.40, 0.45 / 0.50, 0.55 — all positive (blue), the largest thickest
    assert all(item.colour.blue() > item.colour.red() for item in items.values())
    assert items[(1, 1)].width > items[(0, 0)].width


def test_clicking_a_neuron_and_a_connection_selects_them(window, qtbot):
    scene, view = window.canvas_scene, window.canvas_view
    neuron = scene.nodes["hidden"].neurons[1]
    click(view.viewport(), view_point(view, neuron.scenePos()))
    assert window.selection.current == Selected("neuron", "hidden", 1)
    assert neuron.selected
    item = next(i for i in scene.layers["out"].items if (i.i, i.j) == (0, 1))
    click(view.viewport(), view_point(view, item.line.pointAt(0.3)))
    assert window.selection.current == Selected("weight", "out", 0, 1)
    assert item.selected and not neuron.selected
    inspector = window.docks["inspector"].widget()
    assert inspector.param_value.text() == "0.45"


def test_selection_from_elsewhere_is_shown(window):
    scene = window.canvas_scene
    window.selection.select(Selected("layer", "out"))
    assert scene.nodes["out"].isSelected()
    window.selection.select(Selected("weight", "hidden", 1, 0))
    assert next(i for i in scene.layers["hidden"].items if (i.i, i.j) == (1, 0)).selected


def test_overlay_api(window):
    scene = window.canvas_scene
    assert scene.layer_item("hidden") is scene.nodes["hidden"] and scene.layer_item("nope") is None
    scene.set_layer_highlight("hidden", QColor("#f59e0b"))
    assert scene.nodes["hidden"].highlight == QColor("#f59e0b")
    scene.set_neuron_values("hidden", np.array([0.05, 0.95]), "activation")
    light, dark = (n.fill for n in scene.nodes["hidden"].neurons)
    assert light.lightness() > dark.lightness()
    assert scene.nodes["hidden"].neurons[1].value == pytest.approx(0.95)
    scene.set_neuron_values("out", np.array([0.2, -0.2]), "delta")
    pos, neg = (n.fill for n in scene.nodes["out"].neurons)
    assert pos.red() > pos.blue() and neg.blue() > neg.red()
    scene.set_connection_values("out", np.array([[0.1, -0.3], [0.0, 0.2]]), "gradient", backwards=True)
    items = {(i.i, i.j): i for i in scene.layers["out"].items}
    assert items[(0, 1)].backwards and items[(0, 1)].width > items[(0, 0)].width
    scene.set_connection_values("out", np.zeros((3, 3)), "change")  # wrong shape: ignored, no crash
    scene.clear_overlay()
    assert scene.nodes["hidden"].highlight is None and scene.nodes["hidden"].neurons[0].value is None
    assert not items[(0, 1)].backwards


def test_collapsed_view_shows_a_compact_summary(window):
    scene = window.canvas_scene
    window.actions["toggle_neuron_view"].trigger()
    scene.set_neuron_values("hidden", np.array([0.25, 0.75]), "activation")
    node = scene.nodes["hidden"]
    assert len(node.summary) == 2 and node.summary_text.startswith("a = [0.25, 0.75")


def test_big_layers_stay_collapsed(window):
    from ann_studio.document import commands as c

    doc = window.document
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=100), "big"))
    scene = window.canvas_scene
    assert not scene.nodes["hidden"].expanded and scene.nodes["out"].expanded
    assert scene.layers["out"].items == [] and scene.edges[("hidden", "out")].isVisible()


def test_validation_marks_nodes_and_edges(window):
    from ann_studio.document import commands as c
    from ann_studio.views.canvas import editing

    scene, doc = window.canvas_scene, window.document
    editing.add_layer(scene, "dense_sigmoid", QPointF(0, 400))
    node = scene.nodes["hidden2"]
    assert node.problems and "has no inputs" in node.toolTip()
    assert "Invalid network" in window.status_network.text()
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_edge(doc.network, "in", "hidden2"), "c"))
    assert "does not lead to the output layer" in node.toolTip()  # in plain words (problem_words)
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    assert all(not n.problems for n in scene.nodes.values())
    assert "Invalid" not in window.status_network.text()
