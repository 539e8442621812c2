"""MNIST-shaped data in the panels (issue 16): 784 inputs with no declared shape are shown as
28 × 28 digits (prediction panel, data mosaic), and the confusion matrix counts a bounded,
evenly spaced subset while training plays, then every sample again at the pause."""

from __future__ import annotations

import numpy as np
import pytest

from ann_studio.core import NetworkSpec
from ann_studio.core.datasets.base import Dataset
from ann_studio.core.metrics import confusion_matrix
from ann_studio.document import data_commands as cmd
from ann_studio.document.project_document import ProjectDocument
from ann_studio.views.plots import confusion_panel
from ann_studio.views.plots.host import PanelHost
from ann_studio.views.refresh_clock import RefreshClock

N = 1500  # more than confusion_panel.LIVE_SAMPLES


def _digits(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A vertical bar at a class-dependent column of a 28 × 28 image."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n)
    images = np.zeros((n, 28, 28))
    images[np.arange(n), :, 2 + 2 * labels] = 1.0
    return images.reshape(n, 784), np.eye(10)[labels]


@pytest.fixture
def mnist_host(qtbot):
    document = ProjectDocument()
    window = PanelHost(document, tabbed=False)
    qtbot.addWidget(window)
    x, y = _digits(N)
    dataset = Dataset("digits 28×28", x, y, x[:200], y[:200], feature_names=[f"x{i}" for i in range(784)],
                      target_names=[str(c) for c in range(10)], task="classification")
    section = {"train": {"file": "never-read.npz"}}
    document.offer_dataset(section, dataset)
    document.set_network(NetworkSpec.chain([784, 16, 10]))
    document.undo_stack.push(cmd.switch_dataset(document, section, dataset, dataset.name))
    window.resize(1500, 900)
    window.show()
    window.arrange_grid(["data_panel", "confusion_panel", "prediction_panel"], columns=3)
    qtbot.waitExposed(window)
    yield window
    window.session.shutdown()
    RefreshClock.of(window.session).stop()


def test_784_inputs_show_as_a_28_by_28_digit(mnist_host):
    pred = mnist_host.panel("prediction_panel")
    pred.index_spin.setValue(3)
    pred.refresh_now()
    assert pred.image_shape == (28, 28) and pred.image in pred.input_plot.items
    t = mnist_host.session.trainer
    column = int(np.argmax(t.y[3])) * 2 + 2
    image = pred.image.image
    assert image.shape == (28, 28) and np.all(image[:, column] == 1.0) and image.sum() == 28
    data = mnist_host.panel("data_panel")
    assert data.preview.currentWidget() is data.mosaic
    assert data.mosaic_image.image.shape == (10 * 29, 10 * 29)


def test_the_confusion_matrix_counts_a_subset_while_playing_and_all_when_paused(mnist_host, qtbot):
    conf = mnist_host.panel("confusion_panel")
    session = mnist_host.session
    session.use_worker = False  # (the window's own trainer: the count check needs no worker)
    session.set_speed("fast")
    assert conf.is_shown()
    session.play()
    conf.refresh_now()  # (what the refresh clock does while playing, without waiting for a tick)
    assert conf.counted == confusion_panel.LIVE_SAMPLES
    assert conf.matrix.sum() == confusion_panel.LIVE_SAMPLES
    assert f"1,000 of the {N:,} samples" in conf.message.text()
    session.pause()  # the panel counts every sample again at once
    t = session.trainer
    assert conf.counted == N and not conf.message.isVisibleTo(conf)
    assert np.array_equal(conf.matrix, confusion_matrix(t.network.predict(t.x), t.y))
