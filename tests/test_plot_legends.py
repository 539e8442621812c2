"""Legends sit beside the data, never on a curve, and fit inside the plot."""

from __future__ import annotations

import pyqtgraph as pg
import test_plots_helpers as helpers

host = helpers.host  # the fixture
train = helpers.train

PANELS = ["loss_plot", "activations_panel", "gradients_panel", "weights_panel", "activation_function_plot",
          "prediction_panel"]


def test_every_legend_is_outside_the_data_area(host):
    train(host, 50)
    checked = 0
    for name in PANELS:
        host.docks[name].raise_()
        panel = host.panel(name)
        panel.refresh_now()
        for view in panel.findChildren(pg.GraphicsView):
            for item in view.scene().items():
                if not isinstance(item, pg.PlotItem) or item.legend is None or not item.legend.items:
                    continue
                legend, data = item.legend.sceneBoundingRect(), item.vb.sceneBoundingRect()
                assert legend.intersected(data).width() <= 1, (name, legend, data)
                assert legend.left() >= data.right() - 1  # beside the data, on the right
                # every entry is inside the plot's width (none cut off at the right)
                for _sample, label in item.legend.items:
                    assert label.item.sceneBoundingRect().right() <= item.sceneBoundingRect().right() + 1, name
                checked += 1
    assert checked >= 6
