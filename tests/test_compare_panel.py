"""The compare panel shows each run's own numbers: curves, small multiples, weight differences, table."""

from __future__ import annotations

import numpy as np
import test_plots_helpers as helpers
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from ann_studio.core.network import Network
from ann_studio.document.compared_runs import ComparedRuns
from ann_studio.views.plots.compare_panel import accuracy_curve, smoothed_losses
from ann_studio.views.plots.compare_views import MULTIPLE_RESOLUTION
from ann_studio.views.plots.plane import CLASS_TABLE, class_shades

host = helpers.host
train = helpers.train


def _three_runs(host):
    """main trained 30 steps; "fast" forked there with η 0.5 and trained 50; "slow" forked from
    main at 30 too and trained 20."""
    s = host.session
    train(host, 30)
    s.fork_run("fast")
    s.set_learning_rate(0.5)
    train(host, 50)
    s.make_run_current("main")
    s.fork_run("slow")
    train(host, 20)
    return s


def _panel(host, tab: int):
    host.docks["compare_panel"].raise_()
    panel = host.panel("compare_panel")
    panel.tabs.setCurrentIndex(tab)
    panel.refresh_now()
    return panel


def _pixel(view, vb, x: float, y: float) -> tuple[int, int, int]:
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    pos = view.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    return QColor(image.pixel(round(pos.x() * ratio), round(pos.y() * ratio))).getRgb()[:3]


def test_curves_are_each_runs_history_in_its_colour_from_its_fork(host):
    s = _three_runs(host)
    panel = _panel(host, 0)
    assert [panel.run_list.item(i).text() for i in range(panel.run_list.count())] == ["main", "fast", "slow"]
    for name in ("main", "fast", "slow"):
        snap = s.run_snapshot(name)
        x, y = smoothed_losses(snap)
        curve = panel.loss_curves[name]
        np.testing.assert_array_equal(curve.xData, x)
        np.testing.assert_array_equal(curve.yData, y)
        assert curve.pen().color() == QColor(snap.colour)
        ax, ay = accuracy_curve(snap)
        np.testing.assert_array_equal(panel.accuracy_curves[name].yData, ay)
    fast = s.run_snapshot("fast")
    assert panel.loss_curves["fast"].xData[0] == 30 and panel.loss_curves["fast"].xData[-1] == 80
    # the moving mean is the mean of the step losses it spans
    raw = np.asarray(fast.step_losses.values())
    assert np.isclose(smoothed_losses(fast)[1][-1], raw[-1])  # 80 steps: a window of one step
    # one fork mark per branch, at its fork step
    marks = panel.fork_marks.data
    assert sorted(marks["x"]) == [30, 30]
    # the screen: the curve's colour under its last point
    vb = panel.loss_plot.vb
    colour = QColor(fast.colour).getRgb()[:3]
    x, y = panel.loss_curves["fast"].xData[-5], np.log10(panel.loss_curves["fast"].yData[-5])
    near = [_pixel(panel.curves_view, vb, x + dx, y + dy) for dx in (-0.3, 0, 0.3) for dy in (-0.01, 0, 0.01)]
    assert min(np.abs(np.subtract(c, colour)).sum() for c in near) < 60
    legend = [label.text for _, label in panel.loss_plot.legend.items]
    assert legend == ["main", "fast", "slow"]


def test_unticking_a_run_hides_it_here_and_in_the_landscape(host):
    _three_runs(host)
    panel = _panel(host, 0)
    compared = ComparedRuns.of(host.session)
    panel.run_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert compared.names() == ["main", "slow"]
    panel.refresh_now()
    assert set(panel.loss_curves) == {"main", "slow"}
    assert [r.name for r in host.panel("landscape_plot").request().runs] == ["main", "slow"]
    host.session.fork_run("new")  # a new run joins what is shown
    assert compared.names() == ["main", "slow", "new"]


def test_small_multiples_show_every_run_at_the_same_step(host):
    s = _three_runs(host)
    panel = _panel(host, 1)
    side = panel.side
    assert side.step == 50  # "slow" is at 50, "fast" at 80 is replayed to 50, main stopped at its fork (30)
    net = Network(s.trainer.network.to_spec())
    fast_now = s.run_snapshot("fast").params
    for name, step in (("main", 30), ("fast", 50), ("slow", 50)):
        params = side.weights(s.run_snapshot(name), step)
        net.set_parameters(params)
        out = net.forward_all(side.plane.grid_inputs, np.float32)[net.output_index]
        expected = class_shades(out, False).reshape(MULTIPLE_RESOLUTION, MULTIPLE_RESOLUTION)
        np.testing.assert_array_equal(side.images[name].image, expected)
        assert side.plots[name].titleLabel.text.endswith(f"step {step}")
    assert not np.array_equal(side.weights(s.run_snapshot("fast"), 50)[0], fast_now[0])
    # pixel: the plane's colour at the centre of the "slow" plot is the class table's entry there
    x0, x1, y0, y1 = side.plane.bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    index = side.images["slow"].image[MULTIPLE_RESOLUTION // 2, MULTIPLE_RESOLUTION // 2]
    for item in side.plots["slow"].items:
        if item is not side.images["slow"]:
            item.hide()
    drawn = _pixel(side.view, side.plots["slow"].vb, cx + 0.01, cy + 0.01)
    assert np.abs(np.subtract(drawn, CLASS_TABLE[index])).max() <= 30


def test_weight_differences_are_layer_by_layer(host):
    s = _three_runs(host)
    panel = _panel(host, 2)
    diff = panel.differences
    assert (diff.first_box.currentText(), diff.second_box.currentText()) == ("slow", "main")
    diff.first_box.setCurrentText("fast")
    a, b = s.run_snapshot("fast").params, s.run_snapshot("main").params
    for k, layer in enumerate(s.trainer.network.dense):
        np.testing.assert_array_equal(diff.images[layer.id].image, a[2 * k] - b[2 * k])
        top = float(np.max(np.abs(a[2 * k] - b[2 * k])))
        assert f"{top:.3g}" in diff.plots[layer.id].titleLabel.text
    low, high = diff.levels
    assert low == -high and high >= max(float(np.max(np.abs(d))) for d in diff.differences.values())


def test_table_holds_each_runs_numbers_now(host):
    s = _three_runs(host)
    panel = _panel(host, 3)
    table = panel.table
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}
    assert set(rows) == {"main", "fast", "slow"}
    fast = s.run_snapshot("fast")
    assert rows["fast"][1:4] == ["main", "30", "80"]
    assert float(rows["fast"][4]) == float(f"{fast.loss:.6g}")
    assert "0.5" in rows["fast"][8] and rows["slow"][8] == ""
    assert rows["main"][1] == "\u2013"


def _params_at(s, name: str, step: int):
    """The run's parameters at ``step``, replayed independently of the panel."""
    from ann_studio.core.landscape_path import replica

    copy = replica(s.trainer)
    state = s.trainer.state_dict() if name == s.document.current_run else s.document.stored_run_state(name)
    copy.load_state_dict(state)
    copy.goto(step)
    return copy.network.get_parameters()


def test_the_step_slider_and_the_lockstep_animation_show_every_run_at_that_step(host, qtbot):
    s = _three_runs(host)
    panel = _panel(host, 1)
    side = panel.side
    assert (side.slider.minimum(), side.slider.maximum()) == (0, 50)
    side.slider.setValue(35)
    net = Network(s.trainer.network.to_spec())
    for name, step in (("main", 30), ("fast", 35), ("slow", 35)):
        net.set_parameters(_params_at(s, name, step))
        out = net.forward_all(side.plane.grid_inputs, np.float32)[net.output_index]
        np.testing.assert_array_equal(side.images[name].image,
                                      class_shades(out, False).reshape(MULTIPLE_RESOLUTION, MULTIPLE_RESOLUTION))
        assert side.plots[name].titleLabel.text.endswith(f"step {step}")
    side.play_button.click()  # from 35: at the end, it stops at the common step and follows the runs again
    qtbot.waitUntil(lambda: not side.play_button.isChecked(), timeout=20_000)
    assert side.slider.value() == 50 and side.chosen_step is None
    net.set_parameters(_params_at(s, "fast", 50))
    out = net.forward_all(side.plane.grid_inputs, np.float32)[net.output_index]
    np.testing.assert_array_equal(side.images["fast"].image,
                                  class_shades(out, False).reshape(MULTIPLE_RESOLUTION, MULTIPLE_RESOLUTION))
