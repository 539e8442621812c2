"""The decision-boundary plot, as drawn: the colour under each training point is its class's
colour once the network classifies the point right (one sigmoid output, two and three classes,
and the hidden-unit thumbnails).

The networks get hand-made weights that classify every point right, so the tests do not depend
on training; the pixels are read from the rendered widget with the points hidden.
"""

from __future__ import annotations

import numpy as np
import pytest
import test_plots_helpers as helpers
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from ann_studio.core import NetworkSpec
from ann_studio.core.datasets import builtin
from ann_studio.core.datasets.section import dataset_from_section
from ann_studio.document import data_commands as cmd
from ann_studio.views.plots import style

host = helpers.host  # the fixture
use_dataset = helpers.use_dataset
visible_refresh = helpers.visible_refresh

CLASS_RGB = np.array([QColor(c).getRgb()[:3] for c in style.PALETTE], dtype=float)


def _set_weights(host, weights: dict[int, tuple[list, list]]) -> None:
    net = host.session.trainer.network
    for index, (W, b) in weights.items():
        net.layers[index].W[...] = np.asarray(W, dtype=float)
        net.layers[index].b[...] = np.asarray(b, dtype=float)


def _drawn_colours(widget, vb, points: np.ndarray) -> np.ndarray:
    """(N, 3) RGB of the rendered ``widget`` (a GraphicsLayoutWidget) at the view points ``points``."""
    image = widget.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    out = []
    for x, y in points:
        pos = widget.mapFromScene(vb.mapViewToScene(QPointF(float(x), float(y))))
        out.append(QColor(image.pixel(round(pos.x() * ratio), round(pos.y() * ratio))).getRgb()[:3])
    return np.array(out, dtype=float)


def _nearest_class(rgb: np.ndarray, k: int) -> np.ndarray:
    """The class whose palette colour ``rgb`` is a shade of (faded toward white or grey): the
    smallest angle between the colours' offsets from white."""
    offsets = 255.0 - CLASS_RGB[:k]
    seen = 255.0 - rgb
    cos = (seen @ offsets.T) / np.maximum(np.linalg.norm(seen, axis=1)[:, None] * np.linalg.norm(offsets, axis=1), 1e-9)
    return np.argmax(cos, axis=1)


def _plane_colours(panel) -> tuple[np.ndarray, np.ndarray]:
    """The drawn colours under the training points (points hidden) and the points' classes."""
    panel.train_points.hide()
    panel.test_points.hide()
    xy, labels = panel.plane.train
    colours = _drawn_colours(panel.main_widget, panel.plot.vb, xy)
    panel.train_points.show()
    return colours, labels


def _use_inline(document, inputs: np.ndarray, targets: np.ndarray, out_activation: str) -> None:
    """A [2, k] network (no hidden layer) on inline data ``inputs`` → one-hot ``targets``."""
    section = {"train": {"inputs": inputs.tolist(), "targets": targets.tolist()}}
    spec = NetworkSpec.chain([2, targets.shape[1]])
    spec.layers[-1].activation = out_activation
    document.set_network(spec)
    document.undo_stack.push(cmd.switch_dataset(document, section, dataset_from_section(section, "."), "inline"))


def _nearest_centre_weights(inputs: np.ndarray, labels: np.ndarray, k: int, gain: float = 20.0):
    """Weights of a linear layer whose arg-max is the class of the nearest class centre."""
    centres = np.array([inputs[labels == c].mean(axis=0) for c in range(k)])
    return centres * gain, -0.5 * (centres ** 2).sum(axis=1) * gain


def test_one_sigmoid_output_xor_draws_each_point_on_its_class_colour(host):
    use_dataset(host.document, "xor", hidden=(2,), activation="sigmoid")
    # hidden: OR and NAND, output: AND of the two -- XOR, every point right
    _set_weights(host, {1: ([[20, 20], [-20, -20]], [-10, 30]), 2: ([[20, 20]], [-30])})
    panel = visible_refresh(host, "decision_plot")
    net = host.session.trainer.network
    xy, labels = panel.plane.train
    assert np.array_equal(net.predict(xy)[:, 0] > 0.5, labels == 1)  # accuracy 1.0
    colours, labels = _plane_colours(panel)
    np.testing.assert_allclose(colours, CLASS_RGB[labels], atol=12)
    panel.discretise_box.setChecked(True)
    colours, _ = _plane_colours(panel)
    np.testing.assert_allclose(colours, CLASS_RGB[labels], atol=12)


@pytest.mark.parametrize("out_activation", ["softmax", "sigmoid"])
def test_two_class_outputs_draw_each_point_on_its_class_colour(host, out_activation):
    data = builtin("gaussians", k=2, samples=80, noise=0.15)
    labels = data.train_targets[:, 0].astype(int)
    _use_inline(host.document, data.train_inputs, np.eye(2)[labels], out_activation)
    net = host.session.trainer.network
    assert net.layers[net.output_index].units == 2 and host.session.dataset.n_classes == 2
    _set_weights(host, {1: _nearest_centre_weights(data.train_inputs, labels, 2)})
    panel = visible_refresh(host, "decision_plot")
    xy, labels = panel.plane.train
    right = np.argmax(net.predict(xy), axis=1) == labels
    assert right.mean() > 0.9
    colours, labels = _plane_colours(panel)
    assert np.array_equal(_nearest_class(colours[right], 2), labels[right])


def test_three_classes_draw_each_point_on_its_class_colour(host):
    use_dataset(host.document, "gaussians", hidden=(), k=3, samples=150, noise=0.15)
    data = host.session.dataset
    labels = np.argmax(data.train_targets, axis=1)
    _set_weights(host, {1: _nearest_centre_weights(data.train_inputs, labels, 3)})
    panel = visible_refresh(host, "decision_plot")
    net = host.session.trainer.network
    xy, labels = panel.plane.train
    right = np.argmax(net.predict(xy), axis=1) == labels
    assert right.mean() > 0.9
    colours, labels = _plane_colours(panel)
    assert np.array_equal(_nearest_class(colours[right], 3), labels[right])
    panel.discretise_box.setChecked(True)
    colours, _ = _plane_colours(panel)
    assert np.array_equal(_nearest_class(colours[right], 3), labels[right])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh"])
def test_hidden_unit_thumbnail_draws_each_point_on_its_class_colour(host, activation):
    """A single hidden unit that separates the classes (high for class 1): its thumbnail, as
    drawn, shows class 1's colour under class 1's points and class 0's under class 0's."""
    use_dataset(host.document, "function", hidden=(1,), activation=activation, curve="linear",
                samples=120, noise=0.0)
    # unit high above the line y = 0.5 x (class 1), the output follows it
    _set_weights(host, {1: ([[-5, 10]], [0]), 2: ([[10]], [0 if activation == "tanh" else -5])})
    panel = visible_refresh(host, "decision_plot")
    net = host.session.trainer.network
    xy, labels = panel.plane.train
    unit = net.layers[1].activation.f(xy @ net.layers[1].W.T + net.layers[1].b)[:, 0]
    mid = 0.5 if activation == "sigmoid" else 0.0
    sure = np.abs(unit - mid) > 0.3 * (1 if activation == "sigmoid" else 2)
    assert np.array_equal((unit > mid)[sure], (labels == 1)[sure]) and sure.sum() > 40
    assert panel.thumbnails == [(1, 0)]
    # a point's place on the tile: the plane's bounds map onto the tile's square, y up
    tile = panel.mosaic.tiles[0]
    x0, x1, y0, y1 = panel.plane.bounds
    size = panel.mosaic.size
    u = tile.left + (xy[:, 0] - x0) / (x1 - x0) * size
    v = tile.top + (y1 - xy[:, 1]) / (y1 - y0) * size
    colours = _drawn_colours(panel.thumb_widget, panel.mosaic.plot.vb, np.column_stack([u, v]))
    assert np.array_equal(_nearest_class(colours[sure], 2), labels[sure])
    # and it is the output plot's colour map: the far ends are the class colours themselves
    far = np.abs(unit - mid) > 0.45 * (1 if activation == "sigmoid" else 2)
    distance = np.abs(colours[far] - CLASS_RGB[labels[far]]).max(axis=1)
    assert np.median(distance) < 12 and np.mean(distance < 40) > 0.95  # tiles are sampled every 2nd pixel
