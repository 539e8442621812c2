"""The plot panels show the engine's numbers."""

from __future__ import annotations

import numpy as np
import test_plots_helpers as helpers
from PySide6.QtCore import QPointF, QRectF, Qt

from ann_studio.core.metrics import confusion_matrix
from ann_studio.document.selection import Selected
from ann_studio.views.panels.registry import panel_specs
from ann_studio.views.plots import style
from ann_studio.views.plots.activations_panel import flagged_units
from ann_studio.views.plots.export import history_rows, save_history_csv, save_image
from ann_studio.views.plots.plane import SHADES

host = helpers.host  # the fixture
train = helpers.train
use_dataset = helpers.use_dataset
visible_refresh = helpers.visible_refresh

REQUIRED = {"loss_plot", "activations_panel", "gradients_panel", "weights_panel", "decision_plot", "data_panel",
            "confusion_panel", "prediction_panel", "activation_function_plot"}


def test_registry_names_every_panel():
    assert REQUIRED <= {spec.object_name for spec in panel_specs()}


def test_loss_curve_equals_history(host):
    train(host, 120)
    panel = visible_refresh(host, "loss_plot")
    t = host.session.trainer
    assert np.array_equal(panel.step_curve.yData, np.asarray(t.step_losses))
    assert np.array_equal(panel.step_curve.xData, np.arange(1, t.step + 1))
    assert np.array_equal(panel.train_curve.yData, [r.loss for r in t.epoch_records])
    assert np.array_equal(panel.train_curve.xData, [r.step for r in t.epoch_records])
    assert np.array_equal(panel.test_curve.yData, [r.test_loss for r in t.epoch_records])
    assert np.array_equal(panel.test_acc_curve.yData, [r.test_accuracy for r in t.epoch_records])
    panel.smooth_spin.setValue(5)
    assert np.isclose(panel.smooth_curve.yData[-1], np.mean(t.step_losses[-5:]))


def test_reset_keeps_earlier_run_faded_until_cleared(host, qtbot):
    train(host, 30)
    panel = visible_refresh(host, "loss_plot")
    with qtbot.waitSignal(host.session.reset_done):
        host.session.reset(new_seed=True)
    panel.refresh_now()
    assert len(panel.earlier_runs) == 1 and panel.buffer.n == 0
    panel.clear_button.click()
    assert panel.earlier_runs == []


def test_weight_heatmaps_equal_weight_matrices(host):
    train(host, 40)
    panel = visible_refresh(host, "weights_panel")
    for layer in host.session.trainer.network.dense:
        np.testing.assert_allclose(panel.images[layer.id].image, layer.W, rtol=1e-6)
        low, high = panel.images[layer.id].levels  # symmetric, zero white, kept while they fit
        assert low == -high and np.abs(layer.W).max() <= high <= 2 * np.abs(layer.W).max()


def test_weight_selection_both_ways(host, qtbot):
    panel = visible_refresh(host, "weights_panel")
    host.selection.select(Selected("weight", "hidden2", 3, 5))
    assert panel.highlighted == QRectF(5, 3, 1, 1)
    plot = panel.plots["hidden1"]
    scene_pos = plot.vb.mapViewToScene(QPointF(1.5, 4.5))
    view_pos = panel.layout_widget.mapFromScene(scene_pos)
    qtbot.mouseClick(panel.layout_widget.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert host.selection.current == Selected("weight", "hidden1", 4, 1)
    assert panel.highlighted == QRectF(1, 4, 1, 1)


def test_decision_image_equals_network_output_on_grid(host):
    train(host, 60)
    panel = visible_refresh(host, "decision_plot")
    net = host.session.trainer.network
    grid = panel.grid_inputs()
    assert grid.shape == (100 * 100, 2)
    np.testing.assert_allclose(panel.output_values, net.predict(grid), rtol=1e-5, atol=1e-6)
    # each pixel has the colour of the predicted class, stronger where the network is surer
    shades = panel.image.image.ravel().astype(int)
    np.testing.assert_array_equal(shades // SHADES, np.argmax(panel.output_values, axis=1))
    surest = np.argmax(np.max(panel.output_values, axis=1) / panel.output_values.sum(axis=1))
    assert shades[surest] % SHADES >= np.median(shades % SHADES)
    panel.discretise_box.setChecked(True)
    assert len(np.unique(panel.image.image.ravel() % SHADES)) == 1
    panel.discretise_box.setChecked(False)
    panel.set_focus((1, 3))  # the thumbnail of hidden1's unit 3, enlarged
    hidden = np.tanh(grid @ net.layers[1].W.T + net.layers[1].b)[:, 3]
    np.testing.assert_allclose(panel.image.image, hidden.reshape(100, 100), rtol=1e-5, atol=1e-6)
    assert len(panel.thumbnails) == 16
    # the thumbnail's top-left pixel is the top-left grid point (high x2, low x1), in the
    # two-class colours from -1 (tanh's low end) to +1
    value = hidden.reshape(100, 100)[98, 0]
    expected = style.TWO_CLASS_LUT[int(np.clip((value + 1) * 255 / 2, 0, 255))]
    np.testing.assert_allclose(panel.mosaic.tile_rgb(1, 3)[0, 0], expected, atol=4)  # 255 steps, not 256


def test_decision_thumbnail_click_enlarges_that_unit(host, qtbot):
    train(host, 20)
    panel = visible_refresh(host, "decision_plot")
    tile = next(t for t in panel.mosaic.tiles if (t.layer, t.unit) == (2, 5))
    centre = QPointF(tile.left + panel.mosaic.size / 2, tile.top + panel.mosaic.size / 2)
    view_pos = panel.thumb_widget.mapFromScene(panel.mosaic.plot.vb.mapViewToScene(centre))
    qtbot.mouseClick(panel.thumb_widget.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert panel.focus == (2, 5)
    assert panel.mosaic.outline.isVisible()
    qtbot.mouseClick(panel.thumb_widget.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert panel.focus is None


def test_decision_image_binary_output_and_pixel_positions(host):
    use_dataset(host.document, "circles", samples=100)
    train(host, 30)
    panel = visible_refresh(host, "decision_plot")
    out = host.session.trainer.network.predict(panel.grid_inputs())[:, 0]
    np.testing.assert_allclose(panel.image.image, out.reshape(100, 100), rtol=1e-5, atol=1e-6)
    x0, x1, y0, y1 = panel.plane.bounds
    rect = panel.image.mapRectToParent(panel.image.boundingRect()).normalized()
    assert np.allclose([rect.left(), rect.right(), rect.top(), rect.bottom()], [x0, x1, y0, y1])
    # row r, column c of the image shows the grid point at the centre of that pixel
    r, c = 17, 83
    expected = [x0 + (c + 0.5) * (x1 - x0) / 100, y0 + (r + 0.5) * (y1 - y0) / 100]
    assert np.allclose(panel.grid_inputs()[r * 100 + c], expected)
    panel.discretise_box.setChecked(True)
    assert set(np.unique(panel.image.image)) <= {0.0, 1.0}


def test_activations_gradients_and_function_show_the_pass(host):
    train(host, 25)
    t = host.session.trainer
    acts = visible_refresh(host, "activations_panel")
    k = t.network.dense[0].index
    np.testing.assert_allclose(acts.bars[k].opts["height"], t.pass_.a[k][0])
    grads = visible_refresh(host, "gradients_panel")
    for layer in t.network.dense:
        assert np.isclose(grads.norm_curves[layer.index].yData[-1], np.linalg.norm(t.pass_.grad_W[layer.index]))
    host.selection.select(Selected("neuron", "hidden2", 5))
    fn = visible_refresh(host, "activation_function_plot")
    z = t.pass_.z[t.network.index["hidden2"]][0, 5]
    assert np.allclose(fn.operating, (z, np.tanh(z), 1 - np.tanh(z) ** 2))


def test_saturated_and_dead_units_are_flagged():
    z = np.array([[8.0, 0.1], [-9.0, 0.2]])
    assert list(flagged_units("sigmoid", z, 0.5 * (1 + np.tanh(z / 2)))) == [True, False]
    a = np.maximum(np.array([[-1.0, 2.0], [-3.0, -1.0]]), 0)
    assert list(flagged_units("relu", a, a)) == [True, False]


def test_confusion_and_prediction(host):
    train(host, 50)
    t = host.session.trainer
    conf = visible_refresh(host, "confusion_panel")
    assert np.array_equal(conf.matrix, confusion_matrix(t.network.predict(t.x), t.y))
    assert conf.texts[0].toPlainText() == str(conf.matrix[0, 0])
    pred = visible_refresh(host, "prediction_panel")
    pred.index_spin.setValue(7)
    np.testing.assert_allclose(pred.output, t.network.predict(t.x[7:8])[0])


def test_export_png_svg_and_history_csv(host, tmp_path):
    train(host, 40)
    panel = visible_refresh(host, "loss_plot")
    png = save_image(panel.layout_widget.scene(), tmp_path / "loss.png")
    svg = save_image(panel.loss_plot, tmp_path / "loss.svg")
    assert png.stat().st_size > 1000 and svg.read_text().lstrip().startswith("<?xml")
    rows = history_rows(host.session.trainer)
    assert len(rows) == 1 + 40 + len(host.session.trainer.epoch_records)
    path = save_history_csv(host.session.trainer, tmp_path / "history.csv")
    assert path.read_text().splitlines()[1].startswith("step,1,0,")


def test_weights_as_hinton_diagram(host, qtbot):
    train(host, 30)
    panel = visible_refresh(host, "weights_panel")
    panel.hinton_box.setChecked(True)
    layer = host.session.trainer.network.dense[0]
    hinton = panel.hintons[layer.id]
    assert hinton.isVisible() and not panel.images[layer.id].isVisible()
    W = layer.W
    np.testing.assert_array_equal(hinton.values, W)
    # the largest weight's square fills most of its cell; areas are proportional to |w|
    i, j = np.unravel_index(np.argmax(np.abs(W)), W.shape)
    item, mask = (hinton.positive, W > 0) if W[i, j] > 0 else (hinton, W < 0)
    k = [tuple(c) for c in np.argwhere(mask)].index((i, j))  # squares are drawn in row-major order
    corner, opposite = item.path().elementAt(5 * k), item.path().elementAt(5 * k + 2)
    side = np.sqrt(abs(W[i, j]) / hinton.scale) * 0.92
    assert 0.5 < side <= 0.92
    assert np.allclose([opposite.x - corner.x, opposite.y - corner.y], [side, side])
    assert np.allclose([(corner.x + opposite.x) / 2, (corner.y + opposite.y) / 2], [j + 0.5, i + 0.5])
    n_pos, n_neg = int((W > 0).sum()), int((W < 0).sum())
    assert hinton.positive.path().elementCount() == 5 * n_pos and hinton.path().elementCount() == 5 * n_neg
    # selection still works on the diagram's cells
    host.selection.select(Selected("weight", layer.id, 1, 0))
    assert panel.highlighted == QRectF(0, 1, 1, 1)
    panel.hinton_box.setChecked(False)
    assert panel.images[layer.id].isVisible() and not hinton.isVisible()


def test_weight_distribution_sits_beside_the_heatmaps_in_a_wide_short_dock(host, qtbot):
    panel = visible_refresh(host, "weights_panel")
    n = len(host.session.trainer.network.dense)
    for size, cell in (((1400, 260), (0, 2 * n)), ((600, 560), (1, 0))):
        panel.resize(*size)
        qtbot.wait(10)
        assert panel.layout_widget.ci.items[panel.spread_plot][0] == cell
        assert panel.plots[host.session.trainer.network.dense[0].id].vb.height() > 60  # heatmaps keep room
