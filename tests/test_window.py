"""The main window: actions, files without dialogs, title, autosave and recovery, export,
dialogs, and what a screenshot shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import EXAMPLES, ROOT
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QFontDatabase, QImage
from qt_helpers import drop_mime, make_window

from ann_studio.document import commands as c
from ann_studio.document.autosave import find_recovery

REQUIRED = ["new_project", "open_project", "save_project", "save_project_as", "undo", "redo", "select_all",
            "delete_selection", "fit_view", "auto_layout", "toggle_neuron_view", "export_image", "reset_layout",
            "about", "shortcuts", "clear_recent"]


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def edit(window):
    doc = window.document
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, "hidden", units=5), "units"))


def test_contract_attributes_and_actions(window):
    assert window.canvas_view.objectName() == "canvas_view"
    assert window.canvas_view.scene() is window.canvas_scene
    assert set(window.menus) >= {"file", "edit", "view", "train", "help"}
    assert window.toolbar.actions()
    for name in REQUIRED:
        assert window.actions[name].objectName() == name
    assert "inspector" in window.docks


def test_docs_list_every_action_with_its_shortcut(window):
    text = (ROOT / "docs" / "actions.md").read_text(encoding="utf-8")
    for name in REQUIRED + ["copy", "paste", "duplicate", "zoom_in", "zoom_out", "toggle_snap", "quit"]:
        assert re.search(rf"`{name}`", text), name


def test_open_and_save_without_dialogs(window, tmp_path):
    assert window.open_project(EXAMPLES / "xor.annproj")
    assert window.windowTitle().startswith("xor.annproj")
    edit(window)
    assert window.isWindowModified()
    assert window.actions["undo"].text().endswith("units")
    target = tmp_path / "copy.annproj"
    assert window.save_project(target)
    assert not window.isWindowModified() and window.windowTitle().startswith("copy.annproj")
    assert '"units": 5' in target.read_text(encoding="utf-8")
    assert str(target.resolve()) == window.recent_files()[0]
    assert window.actions["recent_file_0"].toolTip() == str(target.resolve())


def test_bad_file_keeps_the_current_project(window, tmp_path):
    bad = tmp_path / "bad.annproj"
    bad.write_text("{nope", encoding="utf-8")
    assert not window.open_project(bad)
    assert "not valid JSON" in window.last_error and window.document.network.output == "output"


def test_confirm_before_discarding(window):
    edit(window)
    asked = []
    window.discard_prompt = lambda w: asked.append(1) or "cancel"
    assert not window.confirm_discard()
    window.discard_prompt = lambda w: "discard"
    assert window.confirm_discard() and asked == [1]


def test_dropping_a_project_file_opens_it(window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(EXAMPLES / "mazur.annproj"))])
    drop_mime(window.canvas_view.viewport(), mime, window.canvas_view.viewport().rect().center())
    assert window.document.path.name == "mazur.annproj"


def test_new_project_from_an_example_is_untitled(window):
    from ann_studio.views.dialogs.gallery import NewProjectGallery, examples

    assert [p.stem for p, _t, _d in examples()][:2] == ["blank", "lesson"]
    gallery = NewProjectGallery(window)
    gallery.list.setCurrentRow(1)
    gallery.accept()
    assert gallery.chosen is not None and window.new_project(gallery.chosen)
    assert window.document.path is None and window.windowTitle().startswith("Untitled")


def test_new_blank_project_has_an_input_and_an_output_layer(window):
    from ann_studio.views.dialogs.gallery import NewProjectGallery

    gallery = NewProjectGallery(window)
    assert gallery.list.currentRow() == 0 and gallery.list.currentItem().text() == "Blank project"
    gallery.accept()
    assert window.new_project(gallery.chosen)
    net = window.document.network
    assert [(layer.type, layer.units) for layer in net.layers] == [("input", 2), ("dense", 1)]
    assert net.layers[1].inputs == ["in"] and net.output == "out" and not window.document.problems()
    assert window.session.trainer is not None and window.document.path is None


def test_autosave_and_recovery(qtbot, tmp_path):
    own = tmp_path / "lesson.annproj"
    own.write_bytes((EXAMPLES / "lesson.annproj").read_bytes())
    first = make_window(qtbot, tmp_path, path=own)
    edit(first)
    assert first.autosaver.scheduled and first.autosaver.interval_ms == 60_000
    with qtbot.waitSignal(first.autosaver.saved, timeout=2000):
        first.autosaver.save_now()
    assert find_recovery(tmp_path / "recovery") is None  # a live window's autosave is no crash
    first.autosaver.abandon()  # as a crash leaves it
    second = make_window(qtbot, tmp_path)
    asked = []
    assert second.offer_recovery(lambda w, rs: asked.extend(rs) or ["restore"] * len(rs)) == [second]
    assert asked[0].original.name == "lesson.annproj" and second.document.layer("hidden").units == 5
    assert second.isWindowModified() and second.document.path.name == "lesson.annproj"
    assert second.save_project()  # saving cleanly removes the recovery file
    assert find_recovery(tmp_path / "recovery") is None and not second.autosaver.path.exists()


def test_declined_recovery_is_discarded(window, tmp_path):
    edit(window)
    assert window.autosaver.save_now()
    window.autosaver.abandon()
    assert not window.offer_recovery(lambda w, rs: ["discard"] * len(rs))
    assert find_recovery(tmp_path / "recovery") is None and not window.autosaver.path.exists()


def test_export_png_and_svg(window, tmp_path):
    assert window.export_image(tmp_path / "net.png")
    image = QImage(str(tmp_path / "net.png"))
    assert image.width() > 400
    svg = (tmp_path / "net.svg")
    assert window.export_image(svg) and "<svg" in svg.read_text(encoding="utf-8")
    assert not window.export_image(tmp_path / "net.bmp")


def test_about_shortcuts_and_reset_layout(qtbot, tmp_path):
    from ann_studio import __version__
    from ann_studio.views.dialogs.about import about_text
    from ann_studio.views.dialogs.shortcuts import ShortcutSheet

    window = make_window(qtbot, tmp_path, all_panels=True)  # the rebuilt window keeps the panels
    assert __version__ in about_text() and "MIT" in about_text()
    sheet = ShortcutSheet(window.actions, window)
    keys = [sheet.table.item(r, 0).text() for r in range(sheet.table.rowCount())]
    assert "Ctrl+L" in keys and "F1" in keys
    dock = window.docks["inspector"]
    dock.setFloating(True)
    dock.hide()
    document = window.document
    fresh = window.reset_layout()
    qtbot.addWidget(fresh)
    assert fresh.document is document
    dock = fresh.docks["inspector"]
    assert not dock.isFloating() and not dock.isHidden()
    assert dock in fresh.tabifiedDockWidgets(fresh.docks["math_panel"])  # back in its default group


def test_screenshot_shows_the_network(qtbot, tmp_path):
    assert QFontDatabase.families()
    window = make_window(qtbot, tmp_path, all_panels=True)
    window.canvas_view.fit_view()
    image = window.canvas_view.viewport().grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(colours) > 20  # nodes, header colours, text and edges, not a blank canvas
    header = window.canvas_scene.nodes["hidden"].mapToScene(20, 6)
    point = window.canvas_view.mapFromScene(header)
    assert image.pixelColor(point).blue() > image.pixelColor(point).red()  # the blue hidden-layer header


def test_training_menu_is_disabled_while_invalid(window):
    from PySide6.QtCore import QPointF

    from ann_studio.views.canvas import editing

    window.menus["train"].addAction("probe")
    editing.add_layer(window.canvas_scene, "dense_sigmoid", QPointF(0, 300))
    assert not any(a.isEnabled() for a in window.menus["train"].actions())
    window.actions["undo"].trigger()
    assert all(a.isEnabled() for a in window.menus["train"].actions())


def test_recovery_file_lives_in_app_data(qapp):
    from ann_studio.document.autosave import recovery_dir

    assert isinstance(recovery_dir(), Path)


def test_new_from_an_example_never_points_at_the_shipped_file(window):
    assert window.new_project(EXAMPLES / "xor.annproj")
    assert window.document.path is None and window.document.network.layer("hidden").units == 2
    assert not any("resources/examples" in name for name in window.recent_files())


def test_status_bar_shows_the_step_the_training_panel_shows_after_a_pause(qtbot, tmp_path):
    """Full speed trains in a worker; pausing takes its step back: the status bar must say the
    same epoch and step as the training panel, not the last mirrored one."""
    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj", all_panels=True)
    session = window.session
    session.set_speed("full")
    session.play()
    try:
        qtbot.waitUntil(lambda: session.trainer.step > 300, timeout=30_000)
    finally:
        session.pause()
    t = session.trainer
    assert window.status_training.text() == f"Epoch {t.epoch} · step {t.step}"
    training = window.docks["training_panel"].widget()
    training.refresh()
    assert training.step_label.text() == str(t.step)
    session.shutdown()


def test_an_unfinished_network_saved_mid_edit_opens_with_its_problems_marked(window, qtbot, tmp_path):
    doc = window.document
    out = doc.network.output
    feeds = list(doc.network.layer(out).inputs)
    doc.undo_stack.push(c.NetworkEditCommand(doc, c.with_layer_edited(doc.network, out, inputs=[]), "cut"))
    assert doc.problems()
    doc.save(tmp_path / "draft.annproj")
    again = make_window(qtbot, tmp_path / "second")
    assert again.open_project(tmp_path / "draft.annproj")
    node = again.canvas_scene.nodes[out]
    assert node.problems and "no inputs" in node.toolTip()
    assert not again.actions["play_pause"].isEnabled()
    fix = c.with_layer_edited(again.document.network, out, inputs=feeds)
    again.document.undo_stack.push(c.NetworkEditCommand(again.document, fix, "connect"))
    assert not again.document.problems() and again.actions["play_pause"].isEnabled()


@pytest.mark.parametrize("change", [{"output": "nowhere"}, {"cycle": True}, {"no_input": True}])
def test_a_draft_graph_of_any_kind_opens_and_says_what_is_wrong(window, tmp_path, change):
    import json

    obj = json.loads((EXAMPLES / "mazur.annproj").read_text(encoding="utf-8"))
    net = obj["network"]
    if "output" in change:
        net["output"] = "nowhere"
    if "cycle" in change:  # the hidden layer also takes the output's activations
        next(lay for lay in net["layers"] if lay["id"] == "hidden")["inputs"].append(net["output"])
        obj.pop("run", None)
    if "no_input" in change:
        net["layers"] = [lay for lay in net["layers"] if lay["type"] != "input"]
        obj.pop("run", None)
    for layer in net["layers"]:  # fan-ins changed: start from fresh weights
        layer.pop("weights", None), layer.pop("bias", None)
    path = tmp_path / "draft.annproj"
    path.write_text(json.dumps(obj), encoding="utf-8")
    assert window.open_project(path), window.last_error
    window.update_status()
    assert window.document.problems() and window.status_network.text()
    assert not window.actions["play_pause"].isEnabled()
