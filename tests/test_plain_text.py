"""Layer ids and text from files are shown as plain text, never as markup.

A layer id ``<img src=…>`` must not load an image and ``<a href=file://…>`` must not draw a link:
in the math heading, the plot titles and legends, the canvas tooltips, the status bar and the
"Could not open" dialog. Where the text goes through HTML, the test renders that HTML (as Qt
does) and checks that the student reads the id literally.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from qt_helpers import make_window

from ann_studio.core import LayerSpec, NetworkSpec
from ann_studio.document.selection import Selected
from ann_studio.views import plain_text

IMG = "<img src=file:///tmp/ann-studio-markup.png>"
LINK = "<a href=file:///etc/passwd>link</a>"


def _shown(html: str) -> str:
    """What a student reads when Qt draws ``html`` as rich text."""
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def _reads_literally(html: str, text: str) -> bool:
    return text in _shown(html) and "<img" not in html and "<a " not in html


def _markup_network() -> NetworkSpec:
    return NetworkSpec([
        LayerSpec("in", "input", 2),
        LayerSpec(IMG, "dense", 3, "tanh", ["in"]),
        LayerSpec(LINK, "dense", 2, "tanh", [IMG]),
        LayerSpec("out", "dense", 1, "sigmoid", [LINK]),
    ], "out")


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path, all_panels=True)
    w.document.set_network(_markup_network())
    assert w.session.trainer is not None
    yield w
    w.session.shutdown()


def test_math_heading_shows_layer_ids_literally(window):
    panel = window.docks["math_panel"].widget()
    window.docks["math_panel"].raise_()
    window.session.step_phase()  # input
    window.session.step_phase()  # forward through the first hidden layer
    panel.refresh()
    assert window.session.current_phase.layer == IMG
    assert _reads_literally(panel.heading.text(), IMG)
    window.session.step_phase()
    panel.refresh()
    assert _reads_literally(panel.heading.text(), LINK)
    assert panel.check_result.textFormat() == Qt.TextFormat.PlainText


def test_plot_titles_and_legends_show_layer_ids_literally(window):
    weights = window.docks["weights_panel"].widget()
    window.docks["weights_panel"].raise_()
    weights.refresh_now()
    for layer_id in (IMG, LINK):
        title = weights.plots[layer_id].titleLabel.item
        assert layer_id in title.toPlainText()
    gradients = window.docks["gradients_panel"].widget()
    window.docks["gradients_panel"].raise_()
    gradients.refresh_now()
    legend = gradients.norm_plot.legend
    names = [label.item.toPlainText() for _sample, label in legend.items]
    assert IMG in names and LINK in names
    window.selection.select(Selected("neuron", IMG, 0))
    function = window.docks["activation_function_plot"].widget()
    window.docks["activation_function_plot"].raise_()
    function.refresh_now()
    assert IMG in function.plot.titleLabel.item.toPlainText()
    decision = window.docks["decision_plot"].widget()
    window.docks["decision_plot"].raise_()
    decision.refresh_now()
    decision.set_focus((1, 0))
    assert decision.plot.titleLabel.item.toPlainText() == f"Unit 1 of {IMG}"


def test_canvas_tooltips_show_layer_ids_literally(window):
    node = window.canvas_scene.nodes[IMG]
    node.set_problems([f"{IMG} has a problem"])
    assert _reads_literally(node.toolTip(), f"{IMG} has a problem")
    edges = [item for item in window.canvas_scene.items() if hasattr(item, "src") and item.src == IMG]
    assert edges
    assert _reads_literally(edges[0].toolTip(), f"{IMG} → {LINK}")
    assert plain_text.tooltip("no markup here") == "no markup here"


def test_status_bar_shows_a_problem_with_an_id_as_plain_text(window):
    spec = _markup_network()
    spec.layers[2].inputs = []  # the LINK layer has no inputs: a problem naming it
    window.document.set_network(spec)
    window.update_status()
    assert window.status_network.textFormat() == Qt.TextFormat.PlainText
    assert window.status_training.textFormat() == Qt.TextFormat.PlainText


def test_could_not_open_dialog_shows_the_files_words_as_plain_text(window, tmp_path, qtbot):
    bad = tmp_path / "bad.annproj"
    bad.write_text(json.dumps({"format": "ann-studio-project", "version": 1, "network": {
        "layers": [{"id": "in", "type": "input", "units": 2},
                   {"id": IMG, "type": "dense", "units": 1, "activation": "sigmoid", "inputs": ["in"]},
                   {"id": IMG, "type": "dense", "units": 1, "activation": "sigmoid", "inputs": ["in"]}],
        "output": IMG}}), encoding="utf-8")  # a duplicate id: a file no edit can make
    seen = {}

    def look_and_close():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen["format"], seen["text"] = box.textFormat(), box.text()
            box.close()
        else:
            QTimer.singleShot(20, look_and_close)

    window.document.undo_stack.clear()
    QTimer.singleShot(0, look_and_close)
    window._on_file_dropped(str(bad))
    assert seen["format"] == Qt.TextFormat.PlainText
    assert IMG in seen["text"]


def test_labels_showing_file_text_are_plain(window):
    data = window.docks["data_panel"].widget()
    for label in (data.info, data.description, data.draw_hint):
        assert label.textFormat() == Qt.TextFormat.PlainText
    training = window.docks["training_panel"].widget()
    labels = [label for label in training.findChildren(QLabel) if label.objectName().endswith("_label")]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
