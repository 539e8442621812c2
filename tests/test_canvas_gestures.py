"""Real mouse gestures on the canvas, checked against the document and the undo stack."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from qt_helpers import drag, drop_mime, make_window, send_mouse, view_point

from ann_studio.core.project import dumps, project_to_json
from ann_studio.views.canvas.palette import TEMPLATE_MIME


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def file_text(window) -> str:
    return dumps(project_to_json(window.document.project))


def drop_template(view, key: str, viewport_point) -> None:
    mime = QMimeData()
    mime.setData(TEMPLATE_MIME, key.encode())
    drop_mime(view.viewport(), mime, viewport_point)


def header_point(window, layer_id: str):
    node = window.canvas_scene.nodes[layer_id]
    return view_point(window.canvas_view, node.mapToScene(QPointF(60, 12)))


def test_drop_from_palette_adds_a_layer_where_dropped(window):
    view, doc = window.canvas_view, window.document
    target = view.viewport().rect().center()
    drop_template(view, "dense_tanh", target)
    layer = doc.network.layers[-1]
    assert (layer.id, layer.activation, layer.units) == ("hidden2", "tanh", 4)
    scene_pos = view.mapToScene(target) - QPointF(80, 40)
    assert abs(layer.extra["position"][0] - scene_pos.x()) <= 10
    assert doc.undo_stack.undoText() == "Add layer 'hidden2'"
    assert window.canvas_scene.nodes["hidden2"].problems  # no inputs yet: marked invalid
    window.actions["undo"].trigger()
    assert "hidden2" not in window.canvas_scene.nodes


def test_connect_by_dragging_from_output_port_to_input_port(window, qtbot):
    view, scene, doc = window.canvas_view, window.canvas_scene, window.document
    drop_template(view, "dense_sigmoid", view.viewport().rect().center() + QPointF(0, 160).toPoint())
    scene.nodes["hidden2"].setPos(scene.nodes["output"].pos() + QPointF(0, 160))
    start = view_point(view, scene.nodes["hidden"].output_anchor())
    end = view_point(view, scene.nodes["hidden2"].input_anchor())
    drag(view.viewport(), start, end)
    assert doc.layer("hidden2").inputs == ["hidden"]
    assert doc.undo_stack.undoText() == "Connect 'hidden' → 'hidden2'"
    assert ("hidden", "hidden2") in scene.edges
    window.actions["undo"].trigger()
    assert ("hidden", "hidden2") not in scene.edges and doc.layer("hidden2").inputs == []


def test_invalid_target_is_refused_visibly(window):
    view, scene, doc = window.canvas_view, window.canvas_scene, window.document
    count = doc.undo_stack.count()
    start = view_point(view, scene.nodes["output"].output_anchor())
    end = view_point(view, scene.nodes["hidden"].input_anchor())
    vp = view.viewport()
    send_mouse(vp, QEvent.Type.MouseButtonPress, start)
    send_mouse(vp, QEvent.Type.MouseMove, (QPointF(start) + QPointF(end)) / 2, Qt.MouseButton.NoButton)
    send_mouse(vp, QEvent.Type.MouseMove, end, Qt.MouseButton.NoButton)
    assert scene.nodes["hidden"].in_port.state == "invalid"
    assert scene.connector.label.text() == "'hidden' already feeds 'output'" or "cycle" in scene.connector.label.text()
    send_mouse(vp, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton)
    assert doc.undo_stack.count() == count and doc.layer("hidden").inputs == ["input"]
    assert scene.nodes["hidden"].in_port.state in (None, "hover")  # no longer red


def test_moving_a_node_is_one_snapped_undo_step(window):
    view, scene, doc = window.canvas_view, window.canvas_scene, window.document
    before = scene.nodes["hidden"].pos()
    start = header_point(window, "hidden")
    drag(view.viewport(), start, start + QPointF(93, 47).toPoint(), steps=10)
    x, y = doc.layer("hidden").extra["position"]
    assert x % 20 == 0 and y % 20 == 0 and (x, y) != (before.x(), before.y())
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Move layer 'hidden'"
    assert scene.nodes["hidden"].pos() == QPointF(x, y)
    window.actions["undo"].trigger()
    assert "position" not in doc.layer("hidden").extra and scene.nodes["hidden"].pos() == before


def test_rubber_band_selects_and_delete_removes_as_one_step(window):
    view, scene, doc = window.canvas_view, window.canvas_scene, window.document
    original = file_text(window)
    rect = scene.nodes["hidden"].sceneBoundingRect().united(scene.nodes["output"].sceneBoundingRect())
    start = view_point(view, rect.topLeft() - QPointF(30, 30))
    end = view_point(view, rect.bottomRight() + QPointF(30, 30))
    drag(view.viewport(), start, end)
    assert sorted(scene.selected_layer_ids()) == ["hidden", "output"]
    window.actions["delete_selection"].trigger()
    assert [layer.id for layer in doc.network.layers] == ["input"]
    assert doc.undo_stack.undoText() == "Delete 2 items"
    window.actions["undo"].trigger()
    assert file_text(window) == original
    assert set(scene.nodes) == {"input", "hidden", "output"} and len(scene.edges) == 2


def test_arrow_key_nudges_merge_into_one_step(window, qtbot):
    scene, doc = window.canvas_scene, window.document
    scene.nodes["hidden"].setSelected(True)
    x0 = scene.nodes["hidden"].pos().x()
    window.canvas_view.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.canvas_view, Qt.Key.Key_Right)
    assert doc.layer("hidden").extra["position"][0] == pytest.approx(x0 + 30)
    assert doc.undo_stack.count() == 1


def test_copy_paste_and_duplicate_keep_inputs(window):
    scene, doc = window.canvas_scene, window.document
    scene.nodes["hidden"].setSelected(True)
    window.actions["duplicate"].trigger()
    assert doc.layer("hidden2").inputs == ["input"]
    assert doc.layer("hidden2").extra["position"] != doc.layer("hidden").extra.get("position")
    scene.clearSelection()
    scene.nodes["output"].setSelected(True)
    window.actions["copy"].trigger()
    window.actions["paste"].trigger()
    assert doc.layer("output2").inputs == ["hidden"]
    assert doc.undo_stack.undoText() == "Paste 1 layers"


def test_undo_redo_round_trips_to_identical_files(window, tmp_path):
    from ann_studio.document import commands as c
    from ann_studio.views.canvas import editing

    scene, doc = window.canvas_scene, window.document
    original = file_text(window)
    editing.add_layer(scene, "dense_relu", QPointF(200, 200))
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_edge(doc.network, "input", "hidden2"), "connect"))
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=6), "units"))
    scene.nodes["output"].setSelected(True)
    scene.mover.nudge(40, 0)
    w, b = doc.initial_parameters("output")
    w[0, 0] = 0.25
    doc.undo_stack.push(c.SetParametersCommand(doc, "output", w, b, "weight"))
    editing.rename(scene, "hidden", "middle")
    edited = file_text(window)
    steps = doc.undo_stack.count()
    for _ in range(steps):
        window.actions["undo"].trigger()
    assert file_text(window) == original
    for _ in range(steps):
        window.actions["redo"].trigger()
    assert file_text(window) == edited
    assert window.save_project(tmp_path / "edited.annproj")
    assert (tmp_path / "edited.annproj").read_text(encoding="utf-8") == edited + "\n"


def test_scene_mirrors_a_loaded_file(window):
    assert window.open_project(EXAMPLES / "mazur.annproj")
    scene, net = window.canvas_scene, window.document.network
    assert set(scene.nodes) == {layer.id for layer in net.layers}
    assert set(scene.edges) == {(src, layer.id) for layer in net.layers for src in layer.inputs}
    node = scene.nodes[net.output]
    assert node.kind == "output" and node.units_text == f"{net.layer(net.output).units} units"
    assert window.windowTitle().startswith("mazur.annproj")


def test_positions_round_trip_through_the_file(window, tmp_path):
    scene = window.canvas_scene
    scene.nodes["hidden"].setSelected(True)
    scene.mover.nudge(0, 100)
    path = tmp_path / "moved.annproj"
    assert window.save_project(path)
    assert window.open_project(path)
    pos = window.document.layer("hidden").extra["position"]
    assert window.canvas_scene.nodes["hidden"].pos() == QPointF(*pos)


def test_double_click_and_context_menu_add_layers(window, qtbot):
    view, doc = window.canvas_view, window.document
    empty = view_point(view, window.canvas_scene.items_rect().bottomRight() + QPointF(150, 150))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert doc.network.layers[-1].id == "hidden2"
    menu = view.build_context_menu(empty + QPointF(0, 200).toPoint())
    add = next(a for a in menu.actions() if a.menu() is not None)
    next(a for a in add.menu().actions() if "ReLU" in a.text()).trigger()
    assert doc.network.layers[-1].activation == "relu"
