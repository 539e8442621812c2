"""One refresh clock drives every view: plots, canvas overlay, math view and training panel
refresh on its frames while playing and at once when the user steps — Next Sample included."""

from __future__ import annotations

from tests.helpers import EXAMPLES
from tests.qt_helpers import make_window


def test_next_sample_refreshes_the_plots_and_the_training_panel(qtbot, tmp_path):
    from ann_studio.views.refresh_clock import RefreshClock

    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj", all_panels=True)  # batch 4
    window.session.use_worker = False
    window.docks["training_panel"].raise_()
    ticks = []
    RefreshClock.of(window.session).ticked.connect(lambda: ticks.append(window.session.focus_sample))
    window.actions["step_sample"].trigger()  # computes the batch, focuses sample 1
    window.actions["step_sample"].trigger()  # only the focus moves: sample 2
    assert window.session.focus_sample == 1
    assert ticks[-1] == 1  # the clock ticked for it: every plot panel redraws sample 2
    training = window.docks["training_panel"].widget()
    assert training.sample_label.text().startswith("2 of 4")


def test_views_share_the_session_clock_while_playing(qtbot, tmp_path):
    from ann_studio.views.refresh_clock import RefreshClock

    window = make_window(qtbot, tmp_path, EXAMPLES / "xor.annproj", all_panels=True)
    window.session.use_worker = False
    clock = RefreshClock.of(window.session)
    ticks = []
    clock.ticked.connect(lambda: ticks.append(window.session.trainer.step))
    window.docks["training_panel"].raise_()
    window.session.set_speed("full")
    window.session.play()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=10000)
    window.session.pause()
    training = window.docks["training_panel"].widget()
    # the panel shows the final state of the play (drawn on pause), on the clock's schedule before
    qtbot.waitUntil(lambda: training.step_label.text() == str(window.session.trainer.step), timeout=2000)
    assert len(window.session.findChildren(RefreshClock)) == 1
