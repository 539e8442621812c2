"""Undo texts recorded before a language switch follow the new language."""

from __future__ import annotations

from helpers import EXAMPLES
from qt_helpers import make_window

from ann_studio.document.selection import Selected
from ann_studio.views.undo_language import convert


def test_a_text_with_arguments_goes_both_ways():
    zh = convert("Set weight w[1, 2] of 'hidden' to 0.5", "en", "zh_CN")
    assert zh is not None and "hidden" in zh and "0.5" in zh and "Set weight" not in zh
    assert convert(zh, "zh_CN", "en") == "Set weight w[1, 2] of 'hidden' to 0.5"
    assert convert("not a message of the app", "en", "zh_CN") is None


def test_the_undo_history_speaks_the_new_language(qtbot, tmp_path):
    from ann_studio.views import language_menu

    window = make_window(qtbot, tmp_path, EXAMPLES / "mazur.annproj")
    window.selection.select(Selected("weight", "hidden", 0, 1))
    field = window.docks["inspector"].widget().param_value
    field.setText("0,25")
    field.editingFinished.emit()
    assert window.document.undo_stack.undoText().startswith("Set weight")
    new = language_menu.switch_language(window, "zh_CN")
    qtbot.addWidget(new)
    try:
        text = new.document.undo_stack.undoText()
        assert "Set weight" not in text and "0.25" in text and "hidden" in text
    finally:
        back = language_menu.switch_language(new, "en")
        qtbot.addWidget(back)
        assert back.document.undo_stack.undoText() == "Set weight w[1, 2] of 'hidden' to 0.25"
        back.session.shutdown()
