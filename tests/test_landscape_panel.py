"""The loss-landscape panel: computed off the GUI thread, at rest, and drawn as the core computes it."""

from __future__ import annotations

import time

import numpy as np
import pytest
import test_plots_helpers as helpers
from PySide6.QtCore import QElapsedTimer, QPointF, QTimer
from PySide6.QtGui import QColor

from ann_studio.core.landscape import loss_slice, objective, project
from ann_studio.core.landscape_compute import RESOLUTION

host = helpers.host
train = helpers.train


def _computed(host, qtbot, panel, start: bool = True):
    if start:
        panel.compute_now()
    qtbot.waitUntil(lambda: not panel.runner.busy, timeout=30_000)
    return panel.picture


def _panel(host):
    host.docks["landscape_plot"].raise_()
    return host.panel("landscape_plot")


def _drawn(panel, a: float, b: float) -> tuple[int, int, int]:
    image = panel.view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    pos = panel.view.mapFromScene(panel.plot.vb.mapViewToScene(QPointF(a, b)))
    return QColor(image.pixel(round(pos.x() * ratio), round(pos.y() * ratio))).getRgb()[:3]


def test_the_slice_is_the_cores_and_the_screen_shows_it(host, qtbot):
    train(host, 60)
    panel = _panel(host)
    picture = _computed(host, qtbot, panel)
    trainer = host.session.trainer
    assert picture.values.shape == (RESOLUTION, RESOLUTION)
    # the grid is the core's slice of the current weights over the training data
    dirs = picture.directions
    np.testing.assert_array_equal(np.concatenate([c.ravel() for c in dirs.centre]),
                                  np.concatenate([p.ravel() for p in trainer.network.get_parameters()]))
    again = loss_slice(trainer.network, trainer.loss, trainer.x, trainer.y, dirs, picture.a_values, picture.b_values)
    np.testing.assert_allclose(picture.values, again, rtol=1e-12)
    j, i = 5, 30
    direct = objective(trainer.network, trainer.loss, trainer.x, trainer.y, dirs.point(picture.a_values[i], picture.b_values[j]))
    assert picture.values[j, i] == pytest.approx(direct, rel=1e-12)
    # the colours on screen are the loss's, where no line crosses (the picture is smoothed: tolerance)
    panel.contours.hide()
    for item in panel.path_items:
        item.hide()
    panel.marks.hide()
    panel.current_mark.hide()
    for jj, ii in [(3, 3), (20, 35), (36, 8), (10, 25)]:
        a, b = picture.a_values[ii], picture.b_values[jj]
        assert np.allclose(_drawn(panel, a, b), panel.colour_at(a, b), atol=14), (ii, jj)
    # the run's path ends at the current point, and is drawn in the run's colour
    path = picture.paths[0]
    assert path.name == host.document.current_run and list(path.steps) == list(range(61))
    np.testing.assert_allclose(path.coords[-1], dirs.origin, atol=1e-9)
    np.testing.assert_allclose(path.coords[-1], project(dirs, [trainer.network.get_parameters()])[0], atol=1e-9)
    for item in panel.path_items:
        item.show()
    colour = QColor(host.document.runs.get(path.name).colour).getRgb()[:3]
    middle = path.coords[len(path.coords) // 2]
    near = [_drawn(panel, middle[0] + dx, middle[1] + dy) for dx in (-0.004, 0, 0.004) for dy in (-0.004, 0, 0.004)]
    assert min(np.abs(np.subtract(c, colour)).sum() for c in near) < 60
    assert "Loss landscape" in panel.plot.titleLabel.text


def test_the_gui_thread_stays_responsive_while_it_computes(host, qtbot):
    train(host, 2500)  # a long replay and a 41 × 41 slice of 450 samples
    panel = _panel(host)
    gaps, clock = [], QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    panel.compute_now()
    assert panel.runner.busy  # compute_now returned at once: the work is in the thread
    qtbot.waitUntil(lambda: not panel.runner.busy, timeout=60_000)
    timer.stop()
    took = time.perf_counter() - started
    assert panel.picture is not None
    # the event loop kept turning all along (the compute thread holds the GIL in turns, so the
    # 10 ms timer fires less often than idle; what the student notices is the longest wait)
    assert len(gaps) >= took / 0.250, "the event loop ran while the slice was computed"
    assert max(gaps[1:]) < 250, f"the longest wait of the event loop: {max(gaps)} ms"


def test_a_newer_request_cancels_the_stale_one_and_only_the_newest_is_drawn(host, qtbot):
    train(host, 200)
    panel = _panel(host)
    panel.compute_now()
    panel.seed_box.setValue(7)  # options change: the stale job's picture must never show
    panel.compute_now()
    _computed(host, qtbot, panel, start=False)
    panel.runner.wait()
    qtbot.wait(50)
    assert panel.compute_count == 1
    expected = panel.request()
    assert expected.seed == 7
    from ann_studio.core.landscape import random_directions

    dirs = random_directions(host.session.trainer.network, host.session.trainer.network.get_parameters(), 7)
    np.testing.assert_array_equal(panel.picture.directions.first[0], dirs.first[0])


def test_computed_at_a_pause_not_per_step(host, qtbot, monkeypatch):
    panel = _panel(host)
    _computed(host, qtbot, panel)
    count = panel.compute_count
    monkeypatch.setattr(host.session, "use_worker", False)
    host.session.play()
    qtbot.waitUntil(lambda: host.session.trainer.step > 50, timeout=20_000)
    qtbot.wait(2 * 400)
    assert panel.compute_count == count and not panel.runner.busy  # nothing while it plays
    star = panel.current_mark.data["x"][0], panel.current_mark.data["y"][0]
    assert star != (0.0, 0.0)  # the current point moves away from the old centre
    host.session.pause()
    qtbot.waitUntil(lambda: panel.compute_count == count + 1, timeout=30_000)
    qtbot.wait(2 * 400)
    assert panel.compute_count == count + 1
    assert panel.picture.paths[0].steps[-1] == host.session.trainer.step


def test_two_weights_mode_puts_the_weights_on_the_axes(host, qtbot):
    train(host, 30)
    panel = _panel(host)
    panel.mode_box.setCurrentIndex(panel.mode_box.findData("weights"))
    panel.second_box.setCurrentIndex(3)
    picture = _computed(host, qtbot, panel)
    first, second = panel.first_box.currentData(), panel.second_box.currentData()
    assert picture.directions.refs == (first, second)
    net = host.session.trainer.network
    w1 = net.layer(first.layer).W[first.index]
    w2 = net.layer(second.layer).W[second.index]
    assert picture.directions.origin == (w1, w2)
    assert picture.a_values[0] < w1 < picture.a_values[-1]
    assert panel.plot.getAxis("bottom").labelText == first.label()
    panel.second_box.setCurrentIndex(0)  # the same weight twice
    panel.compute_now()
    assert "two different weights" in panel.message.text()


def test_directions_of_the_paths_mode_spans_the_runs_paths(host, qtbot):
    train(host, 80)
    panel = _panel(host)
    panel.mode_box.setCurrentIndex(panel.mode_box.findData("paths"))
    assert not panel.seed_box.isVisibleTo(panel)
    picture = _computed(host, qtbot, panel)
    dirs = picture.directions
    assert dirs.kind == "paths" and dirs.explained[0] > 0.5
    path = picture.paths[0]
    assert np.ptp(path.coords[:, 0]) > 0 and picture.a_values[0] < path.coords[:, 0].min()
    assert panel.plot.getAxis("bottom").labelText.startswith("path direction 1")
    trainer = host.session.trainer
    direct = objective(trainer.network, trainer.loss, trainer.x, trainer.y, dirs.point(picture.a_values[9], picture.b_values[2]))
    assert picture.values[2, 9] == pytest.approx(direct, rel=1e-12)
