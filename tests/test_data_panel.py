"""The data panel and its undo commands: switching and editing data updates every panel, drawn
points become samples (undoable), feature toggles keep the network consistent, import errors show."""

from __future__ import annotations

import numpy as np
import test_plots_helpers as helpers
from PySide6.QtCore import QPointF, Qt

from ann_studio.core import NetworkSpec
from ann_studio.core.datasets import builtin, section_for_builtin
from ann_studio.document import data_commands as cmd
from ann_studio.views.panels.data_wizard import DataWizard
from ann_studio.views.plots import style
from tests.qt_helpers import wizard_checked

host = helpers.host  # the fixture
train = helpers.train
visible_refresh = helpers.visible_refresh

PLOTS = ["loss_plot", "weights_panel", "decision_plot", "activations_panel", "gradients_panel",
         "confusion_panel", "prediction_panel", "activation_function_plot"]


def _refresh_all(window) -> dict:
    return {name: visible_refresh(window, name) for name in PLOTS}


def test_switching_dataset_updates_every_panel(host):
    train(host, 20)
    _refresh_all(host)
    data = host.panel("data_panel")
    data.combo.setCurrentIndex(data.combo.findData("digits"))
    data.combo.activated.emit(data.combo.currentIndex())
    t = host.session.trainer
    assert t is not None and t.x.shape[1] == 64 and t.y.shape[1] == 10
    assert host.document.undo_stack.count() == 1
    panels = _refresh_all(host)
    assert panels["weights_panel"].images["hidden1"].image.shape == (8, 64)
    assert panels["decision_plot"].plane is None and panels["decision_plot"].message.isVisible()
    assert panels["confusion_panel"].matrix.shape == (10, 10)
    assert panels["prediction_panel"].image_shape == (8, 8)
    assert panels["loss_plot"].buffer.n == 0 and len(panels["loss_plot"].earlier_runs) == 1
    assert panels["activations_panel"].bars[3].opts["height"].shape == (10,)
    assert data.preview.currentWidget() is data.mosaic
    host.document.undo_stack.undo()
    assert host.session.trainer.x.shape[1] == 2 and host.document.network.n_outputs() == 3
    assert data.combo.currentData() == "spirals"


def test_parameter_edit_regenerates_and_merges(host):
    data = host.panel("data_panel")
    before = host.session.trainer.n_samples
    data._param_widgets["samples"].setValue(200)
    data._param_widgets["samples"].setValue(250)
    assert host.document.undo_stack.count() == 1  # one slider gesture, one undo step
    assert host.session.trainer.n_samples == 200 and host.session.dataset.n_test == 50
    data._param_widgets["seed"].setValue(3)
    assert host.document.project.data["seed"] == 3
    host.document.undo_stack.undo()
    host.document.undo_stack.undo()
    assert host.session.trainer.n_samples == before


def test_clicking_the_plane_adds_a_sample_undoably(host, qtbot):
    data = host.panel("data_panel")
    host.docks["data_panel"].raise_()
    editor = data.editor
    n = host.session.trainer.n_samples
    data.draw_class.setCurrentIndex(2)
    vb = editor.getPlotItem().vb
    view_pos = editor.mapFromScene(vb.mapViewToScene(QPointF(0.1, 0.2)))
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    t = host.session.trainer
    assert t.n_samples == n + 1
    assert np.allclose(t.x[-1], [0.1, 0.2], atol=0.03) and list(t.y[-1]) == [0, 0, 1]
    decision = visible_refresh(host, "decision_plot")
    assert len(decision.plane.train[0]) == n + 1
    assert data.editor.parts["train"].shape == (n + 1, 2)
    host.document.undo_stack.undo()
    assert host.session.trainer.n_samples == n and "builtin" in host.document.project.data


def test_drawing_points_keeps_the_axes_and_a_legend_names_each_class(host, qtbot):
    data = host.panel("data_panel")
    host.docks["data_panel"].raise_()
    editor = data.editor
    vb = editor.getPlotItem().vb
    names = list(host.session.dataset.target_names)
    assert [name for name, _colour in editor.class_legend] == names
    assert [colour for _name, colour in editor.class_legend] == [style.PALETTE[c] for c in range(len(names))]
    before = vb.viewRange()
    for k, (x, y) in enumerate([(0.9, 0.9), (-0.9, 0.85), (0.5, -0.8)]):  # near the edges
        data.draw_class.setCurrentIndex(k % len(names))
        aim = editor.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=aim)
        assert np.allclose(vb.viewRange(), before)  # the axes stayed: the next click lands where aimed
        assert np.allclose(host.session.trainer.x[-1], [x, y], atol=0.03), (k, vb.viewRange())


def test_right_click_removes_the_nearest_point(host, qtbot):
    data = host.panel("data_panel")
    host.docks["data_panel"].raise_()
    editor = data.editor
    target = host.session.dataset.test_inputs[4]
    vb = editor.getPlotItem().vb
    view_pos = editor.mapFromScene(vb.mapViewToScene(QPointF(*target)))
    assert editor.nearest(*target) == ("test", 4)
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.RightButton, pos=view_pos)
    ds = host.session.dataset
    assert ds.n_test == 29 and not np.any(np.all(np.isclose(ds.test_inputs, target), axis=1))


def test_feature_toggle_adds_input_unit_and_weight_column_in_one_step(host):
    doc = host.document
    spec = doc.network.copy()
    rng = np.random.default_rng(0)
    spec.layers[1].weights = rng.normal(size=(8, 2))
    spec.layers[1].bias = np.zeros(8)
    doc.set_network(spec)
    doc.undo_stack.clear()
    data = host.panel("data_panel")
    data.feature_checks["x1*x2"].click()
    assert doc.undo_stack.count() == 1
    W = doc.network.layers[1].weights
    assert doc.network.n_inputs() == 3 and W.shape == (8, 3)
    assert np.array_equal(W[:, :2], spec.layers[1].weights) and np.all(W[:, 2] == 0)
    assert host.session.trainer is not None and host.session.trainer.x.shape[1] == 3
    assert np.allclose(host.session.trainer.x[:, 2], host.session.trainer.x[:, 0] * host.session.trainer.x[:, 1])
    decision = visible_refresh(host, "decision_plot")
    assert decision.plane.grid_inputs.shape == (10000, 3)
    data.feature_checks["x1"].click()
    assert doc.network.n_inputs() == 2 and np.array_equal(doc.network.layers[1].weights[:, 0], W[:, 1])
    assert not data.editor.drawing_enabled
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.network.n_inputs() == 2 and np.array_equal(doc.network.layers[1].weights, spec.layers[1].weights)
    assert "features" not in doc.project.data and host.session.error is None


def test_fit_network_resizes_inputs_and_outputs():
    spec = NetworkSpec.chain([2, 4, 3])
    spec.layers[1].weights = np.ones((4, 2))
    new = cmd.fit_network(spec, 64, 10)
    assert new.n_inputs() == 64 and new.n_outputs() == 10 and new.layers[1].weights is None
    assert cmd.fit_network(spec, 2, 3) is None


def test_switch_command_never_shows_a_mismatch(host, qtbot):
    problems = []
    host.session.problem.connect(problems.append)
    host.document.undo_stack.push(cmd.switch_dataset(host.document, section_for_builtin("xor"), builtin("xor"), "XOR"))
    host.document.undo_stack.undo()
    assert problems == []


def test_wizard_shows_importer_errors_and_accepts_good_files(qtbot, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,label\n1,2,x\n3,oops,y\n", encoding="utf-8")
    wizard = DataWizard(tmp_path)
    qtbot.addWidget(wizard)
    wizard.fields["csv_file"].setText(str(bad))
    assert not wizard_checked(qtbot, wizard)
    assert "line 3" in wizard.result_label.text() and not wizard.ok_button.isEnabled()
    good = tmp_path / "good.csv"
    good.write_text("a,b,label\n" + "".join(f"{i},{i % 3},{'xy'[i % 2]}\n" for i in range(20)), encoding="utf-8")
    wizard.fields["csv_file"].setText(str(good))
    assert wizard_checked(qtbot, wizard) and wizard.ok_button.isEnabled()
    assert wizard.dataset.input_size == 2 and wizard.section["csv"] == str(good)
    wizard.kind.setCurrentIndex(1)
    wizard.fields["train_images"].setText(str(tmp_path / "missing-images"))
    wizard.fields["train_labels"].setText(str(tmp_path / "missing-labels"))
    assert not wizard_checked(qtbot, wizard) and "missing-images" in wizard.result_label.text()


def test_imported_data_that_changes_the_output_units_says_so(host, tmp_path):
    data = host.panel("data_panel")
    host.docks["data_panel"].raise_()
    out = host.document.network.output
    assert host.document.layer(out).units == 3  # three spiral arms
    section = {"train": {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]}}
    from ann_studio.core.datasets.section import dataset_from_section

    data.use_imported(section, dataset_from_section(section, str(tmp_path)))
    assert host.document.layer(out).units == 1
    assert f"units of '{out}': 3 → 1" in data.info.text()
    assert "does not fit the network" in host.statusBar().currentMessage()


def test_the_import_wizard_counts_one_output_in_the_singular(qtbot, tmp_path):
    path = tmp_path / "or.csv"
    path.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,1\n", encoding="utf-8")
    wizard = DataWizard(tmp_path)
    qtbot.addWidget(wizard)
    wizard.fields["csv_file"].setText(str(path))
    assert wizard_checked(qtbot, wizard)
    text = wizard.result_label.text()
    assert "1 output " in text + " " and "1 outputs" not in text and "2 inputs" in text
