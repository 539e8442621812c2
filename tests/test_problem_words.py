"""Network problems read in plain words, in the user's language, on the status bar and canvas:
"the hidden layer 'hidden' has no inputs", not ``network.layers[1].inputs: …``."""

from __future__ import annotations

import pytest
from qt_helpers import make_window

from ann_studio import i18n
from ann_studio.core import LayerSpec, NetworkSpec
from ann_studio.core.spec import problems_of
from ann_studio.views.problem_words import describe


def _no_inputs() -> NetworkSpec:
    return NetworkSpec([LayerSpec("in", "input", 2), LayerSpec("hidden", "dense", 3, "tanh", []),
                        LayerSpec("out", "dense", 1, "sigmoid", ["hidden"])], "out")


@pytest.fixture
def english(qapp):
    i18n.install_translators(language="en")
    yield
    i18n.install_translators(language="en")


def test_every_problem_the_engine_reports_has_words(english):
    spec = _no_inputs()
    texts = [describe(p, spec) for p in problems_of(spec)]
    assert texts[0] == "The hidden layer 'hidden' has no inputs: connect a layer to it"
    cycle = NetworkSpec([LayerSpec("in", "input", 2), LayerSpec("a", "dense", 2, "tanh", ["in", "b"]),
                         LayerSpec("b", "dense", 2, "tanh", ["a"]), LayerSpec("out", "dense", 1, "sigmoid", ["b"])],
                        "out")
    dangling = NetworkSpec([LayerSpec("in", "input", 2), LayerSpec("lost", "dense", 2, "tanh", ["in"]),
                            LayerSpec("out", "dense", 1, "sigmoid", ["in"])], "out")
    for spec in (cycle, dangling):
        for problem in problems_of(spec):
            assert describe(problem, spec) != problem.message, problem.message


def test_the_status_bar_and_canvas_say_it_in_chinese(qtbot, tmp_path, english):
    i18n.install_translators(language="zh_CN")
    window = make_window(qtbot, tmp_path)
    window.document.set_network(_no_inputs())
    window.update_status()
    status = window.status_network.text()
    assert "隐藏层“hidden”没有输入" in status and "network.layers" not in status and "has no inputs" not in status
    assert "没有输入" in window.canvas_scene.nodes["hidden"].toolTip()
