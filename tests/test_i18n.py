"""Translations: every user-visible string has a finished Chinese translation, Chinese renders
with an installed font, and View → Language switches the visible menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from ann_studio import i18n
from ann_studio.i18n_build import compile_translations, extract_messages, merge, read_ts, ts_path
from ann_studio.lessons import load_lessons
from ann_studio.views import language_menu


@pytest.fixture
def settings(tmp_path):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield
    i18n.install_translators(language="en")


@pytest.fixture(scope="module")
def committed():
    return read_ts(ts_path("zh_CN"))


def test_every_string_in_the_code_has_a_finished_chinese_translation(committed):
    extracted = extract_messages()  # pyside6-lupdate plus the _tr helpers
    merged, _ = merge(extracted, [m for m in committed])
    exact = {m.key: m for m in committed}
    missing = [f"{m.context}: {m.source!r}" for m in extracted
               if not (m.key in exact and exact[m.key].finished and exact[m.key].translation.strip())]
    assert len(merged) == len(extracted)
    assert not missing, (f"{len(missing)} strings have no finished zh_CN translation; run "
                         f"tools/update_translations.py and translate them:\n  " + "\n  ".join(missing))


def test_the_helpers_strings_are_extracted():
    keys = {(m.context, m.source) for m in extract_messages(strict=False)}
    assert ("TrainingActions", "Next &Phase") in keys  # _tr helper, invisible to lupdate alone
    assert ("MainWindow", "&File") in keys  # self.tr


def test_translations_keep_placeholders_and_accelerators(committed):
    for m in (m for m in committed if m.finished):
        for k in range(1, 10):
            assert (f"%{k}" in m.source) == (f"%{k}" in m.translation), f"{m.context}: {m.source!r}"
        if "&" in m.source.replace("&&", "") and m.context != "plots.export":
            assert "&" in m.translation, f"{m.context}: {m.source!r} lost its accelerator"


def test_lrelease_compiles(tmp_path):
    qm = compile_translations(out_dir=tmp_path, force=True)
    assert [p.name for p in qm] == ["ann_studio_zh_CN.qm"] and qm[0].stat().st_size > 1000


def test_a_cjk_font_covers_every_chinese_character(qapp, committed):
    assert QFontDatabase.families(), "no fonts at all: Qt would draw boxes"
    text = "".join(m.translation for m in committed)
    for lesson in load_lessons():
        text += lesson.title["zh"] + lesson.summary["zh"] + "".join(s.text["zh"] for s in lesson.steps)
    chars = {ch for ch in text if 0x2E80 <= ord(ch) <= 0x9FFF or 0xFF00 <= ord(ch) <= 0xFFEF}  # CJK, full-width
    family = i18n.cjk_font_family("".join(sorted(chars)))
    if family is None and not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")
    assert family is not None
    metrics = QFontMetrics(QFont(family))
    assert not [ch for ch in chars if not metrics.inFontUcs4(ord(ch))]


def test_the_language_follows_the_setting_and_the_system(qapp, settings):
    assert i18n.resolve("en") == "en" and i18n.resolve("zh_CN") == "zh_CN"
    assert i18n.resolve("system") in ("en", "zh_CN")
    QSettings().setValue(i18n.SETTINGS_KEY, "zh_CN")
    assert i18n.install_translators() == "zh_CN"
    assert qapp.translate("MainWindow", "&File") == "文件(&F)"
    assert qapp.translate("QPlatformTheme", "Cancel") != "Cancel"  # Qt's own qtbase translation
    assert i18n.install_translators(language="en") == "en"
    assert qapp.translate("MainWindow", "&File") == "&File"


def test_the_language_switch_changes_the_visible_menu_titles(qtbot, settings):
    from ann_studio.app import create_main_window, ensure_application

    ensure_application()
    i18n.install_translators(language="en")
    window = create_main_window()
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:2] == ["&File", "&Edit"]
    window.actions["language_zh_CN"].trigger()  # training is at step 0: no question asked
    new = window.context.windows[-1]
    qtbot.addWidget(new)
    assert new is not window and new.document is window.document
    zh = [a.text() for a in new.menuBar().actions()]
    assert zh[:2] == ["文件(&F)", "编辑(&E)"] and "训练(&T)" in zh
    assert new.actions["language_zh_CN"].isChecked()
    assert QSettings().value(i18n.SETTINGS_KEY) == "zh_CN"
    back = language_menu.switch_language(new, "en")
    qtbot.addWidget(back)
    assert [a.text() for a in back.menuBar().actions()][:2] == ["&File", "&Edit"]
    for w in (window, new, back):
        w.session.shutdown()


def test_no_cjk_font_is_reported(qtbot, settings, monkeypatch):
    from ann_studio.app import create_main_window, ensure_application

    ensure_application()
    window = create_main_window()
    qtbot.addWidget(window)
    i18n.install_translators(language="zh_CN")
    monkeypatch.setattr(i18n, "cjk_font_family", lambda text=i18n.CJK_SAMPLE: None)
    assert i18n.warn_if_no_cjk_font(window)
    assert "Chinese font" in window.statusBar().currentMessage()
    box = window.findChild(object, "cjk_font_warning")
    assert box is not None
    box.close()
    window.session.shutdown()


def test_texts_translated_through_variables_are_extracted():
    """Texts that reach tr()/translate() through a variable are marked with QT_TRANSLATE_NOOP;
    every one the code can show must be among the extracted strings."""
    import ast
    from pathlib import Path

    from ann_studio.core.datasets import BUILTINS
    from ann_studio.views.canvas.editing import TEMPLATES

    keys = {(m.context, m.source) for m in extract_messages(strict=False)}
    wanted = {("canvas", label) for label, *_ in TEMPLATES.values()}
    wanted |= {("MainWindow", "ANN Studio projects (*.annproj)")}
    for info in BUILTINS.values():
        wanted |= {("DataPanel", info.title), ("DataPanel", info.description)}
        wanted |= {("DataPanel", key.replace("_", " ")) for key in info.defaults}
    panels = Path(__file__).resolve().parent.parent / "ann_studio" / "views" / "panels"
    for path in panels.glob("math_*.py"):  # caption("…") and ctx.cap("…")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node.func, "attr", getattr(node.func, "id", None)) if isinstance(node, ast.Call) else None
            if name in ("cap", "caption") and node.args and isinstance(node.args[0], ast.Constant):
                wanted.add(("MathFormulas", node.args[0].value))
    assert not sorted(wanted - keys)


def test_the_palette_and_the_inspector_show_chinese(qtbot, settings):
    from ann_studio.app import create_main_window, ensure_application

    ensure_application()
    i18n.install_translators(language="zh_CN")
    window = create_main_window()
    qtbot.addWidget(window)
    palette = window.findChild(object, "layer_palette")
    assert palette.buttons["dense_sigmoid"].text() == "全连接层 · sigmoid"
    inspector = window.docks["inspector"].widget()
    assert inspector.loss.findData("half_sse") >= 0 and inspector.loss.currentData() == window.document.project.loss
    assert "half_sse" not in [inspector.loss.itemText(i) for i in range(inspector.loss.count())]
    assert inspector.optimizer.itemText(inspector.optimizer.findData("sgd")) == "SGD（随机梯度下降）"
    window.session.shutdown()
