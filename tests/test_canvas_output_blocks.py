"""The palette offers output blocks that fit the data, and a softmax over one unit is flagged on
the canvas with sigmoid offered in its place."""

from __future__ import annotations

from qt_helpers import make_window

from ann_studio.views.canvas import editing


def test_palette_offers_sigmoid_softmax_and_linear_outputs(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    palette = window.canvas_view.palette
    assert {"output_sigmoid", "dense_softmax", "output_linear"} <= set(palette.buttons)
    expected = {"output_sigmoid": ("sigmoid", 1), "dense_softmax": ("softmax", 3), "output_linear": ("linear", 1)}
    for key, (activation, units) in expected.items():
        palette.buttons[key].click()
        added = window.document.network.layers[-1]
        assert (added.activation, added.units) == (activation, units) and added.id.startswith("output")


def test_softmax_over_one_unit_is_flagged_and_sigmoid_offered(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    scene = window.canvas_scene
    out = window.document.network.output
    network = editing.with_layer_edited(window.document.network, out, activation="softmax", units=1)
    window.document.set_network(network)
    node = scene.nodes[out]
    assert node.warnings and "1.00" in node.toolTip() and not node.problems
    menu = window.canvas_view.build_context_menu(window.canvas_view.mapFromScene(node.sceneBoundingRect().center()))
    use = next(a for a in menu.actions() if a.text() == "Use Sigmoid")
    use.trigger()
    assert window.document.layer(out).activation == "sigmoid"
    assert not scene.nodes[out].warnings
    window.document.undo_stack.undo()  # one step
    assert window.document.layer(out).activation == "softmax"
