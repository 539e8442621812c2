"""Thousands of in-place refreshes (the PySide6 6.12 reference-count bug aborts the process here),
and the refresh clock's rate cap while training plays."""

from __future__ import annotations

import time

import test_plots_helpers as helpers

host = helpers.host  # the fixture
train = helpers.train

PANELS = ["loss_plot", "weights_panel", "decision_plot", "activations_panel", "gradients_panel",
          "confusion_panel", "prediction_panel", "activation_function_plot"]


def test_thousands_of_refreshes(host, qtbot):
    panels = [host.panel(name) for name in PANELS]
    loss = host.panel("loss_plot")
    for i in range(3000):
        host.session.trainer.train_step()
        panel = panels[i % len(panels)]
        panel.refresh_now()
        loss.refresh_now()  # setData on every iteration
        if i % 100 == 0:
            qtbot.wait(1)  # let paint events run too
    assert loss.refresh_count >= 3000
    assert loss.buffer.n == host.session.trainer.step == 3000


def test_refresh_rate_is_capped_while_playing(host, qtbot):
    loss = host.panel("loss_plot")
    host.docks["loss_plot"].raise_()
    qtbot.waitUntil(loss.isVisible)
    start_count, start = loss.refresh_count, time.perf_counter()
    host.session.play()
    try:
        qtbot.waitUntil(lambda: loss.refresh_count - start_count >= 15, timeout=5000)
    finally:
        host.session.pause()
    # n refreshes span n − 1 intervals (the first comes at once when play starts)
    rate = (loss.refresh_count - start_count - 1) / (time.perf_counter() - start)
    assert rate <= 40
    assert loss.buffer.n == len(host.session.trainer.step_losses)
    hidden = [host.panel(name) for name in PANELS if not host.panel(name).is_shown()]
    assert hidden and all(p._stale for p in hidden)  # behind another tab: skipped, caught up when shown
    hidden[0].parentWidget().raise_()
    qtbot.waitUntil(lambda: not hidden[0]._stale)
