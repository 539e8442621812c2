"""Each lesson, followed to its end on a shown window: whenever a step's text talks about a panel
(the math view, the error curve, the decision boundary, …) that panel is in front, not behind
another tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from test_lessons import LESSONS, _passed, _satisfy

#: phrases of the English step texts → the dock they talk about
PHRASES = {"math panel": "math_panel", "math view": "math_panel", "error curve": "loss_plot",
           "decision boundary": "decision_plot", "gradients panel": "gradients_panel",
           "weights panel": "weights_panel", "inspector": "inspector"}


@pytest.fixture
def window(qtbot, tmp_path):
    from ann_studio.app import create_main_window, ensure_application
    from ann_studio.views.panels.lessons_panel import LessonsPanel

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    ensure_application()
    LessonsPanel.advance_delay_ms = 0
    w = create_main_window()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.session.shutdown()


def _in_front(window, name: str) -> bool:
    dock = window.docks[name]
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_the_panel_a_step_talks_about_is_in_front(window, qtbot, lesson):
    panel = window.docks["lessons_panel"].widget()
    panel.start_lesson(lesson.id)
    talked_about = 0
    for k, step in enumerate(lesson.steps):
        qtbot.waitUntil(lambda k=k: panel.index == k)
        text = step.text["en"].lower()
        for phrase, dock in PHRASES.items():
            if phrase in text:
                talked_about += 1
                assert _in_front(window, dock), f"{lesson.id} step {k} talks about the {phrase}: {dock} is hidden"
        if step.check is None:
            if k < len(lesson.steps) - 1:
                panel.next_button.click()
            continue
        _satisfy(window, panel, qtbot, step)
        qtbot.waitUntil(lambda k=k: _passed(panel, k))
    assert panel.index == len(lesson.steps) - 1
    if lesson.id in ("source-article", "mazur", "vanishing-gradients"):
        assert talked_about
