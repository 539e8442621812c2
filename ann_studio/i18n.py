"""Languages: Qt translators, the View → Language menu, and the CJK font check.

The language follows the system locale unless the user picked one (QSettings ``ui/language``:
``"system"``, ``"en"`` or ``"zh_CN"``; the environment variable ``ANN_STUDIO_LANGUAGE`` overrides
both, for screenshots and CI). :func:`install_translators` loads our ``ann_studio_<lang>.qm`` and
Qt's own ``qtbase_<lang>.qm`` (standard dialogs' buttons).

The installed translators and the language they are for belong to the QApplication (its
children and a dynamic property), not to this module: no module state here. Widgets set their
texts with ``tr()`` once, at construction, so a language switch rebuilds the main window
(``views/language_menu.py``).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QMessageBox

from .paths import resource_path

SETTINGS_KEY = "ui/language"
ENV_KEY = "ANN_STUDIO_LANGUAGE"
CHOICES = ("system", "en", "zh_CN")
#: characters a CJK font must cover: the lesson's vocabulary (the test checks every translation)
CJK_SAMPLE = "神经网络权重偏置激活函数前向传播反向梯度学习率隐层输出损失误差轮次批阈值文件视图训练帮助"

#: the QApplication's dynamic property holding the installed language, and our translators' name
LANGUAGE_PROPERTY = "ann_studio_language"
TRANSLATOR_NAME = "ann_studio_translator"


# ---------------------------------------------------------------------------- choosing


def saved_choice() -> str:
    """The remembered choice: "system", "en" or "zh_CN"."""
    value = QSettings().value(SETTINGS_KEY, "system")
    return value if value in CHOICES else "system"


def resolve(choice: str) -> str:
    """The language to show for ``choice``: "system" maps the system locale to "zh_CN" (any
    Chinese locale) or "en"."""
    if choice == "system":
        return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"
    return choice if choice in CHOICES else "en"


def current_language() -> str:
    """The language the translators were last installed for ("en" or "zh_CN"; "en" before)."""
    app = QCoreApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return value if value in CHOICES else "en"


def data_language() -> str:
    """The key of the current language in bilingual data files (lessons, examples): "en" or "zh"."""
    return "zh" if current_language().startswith("zh") else "en"


def pick(texts: dict | str) -> str:
    """The current language's text from ``{"en": …, "zh": …}`` (English when missing)."""
    if isinstance(texts, str):
        return texts
    return texts.get(data_language()) or texts.get("en") or next(iter(texts.values()), "")


# ---------------------------------------------------------------------------- translators


def _qm_file(language: str):
    """Our compiled ``.qm`` for ``language``; in a source checkout it is compiled when missing or
    older than its ``.ts`` (a bundle ships the ``.qm``)."""
    qm = resource_path("translations", f"ann_studio_{language}.qm")
    ts = qm.with_suffix(".ts")
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        try:
            from .i18n_build import compile_translations

            compile_translations()
        except (OSError, RuntimeError):
            pass  # no lrelease here: use an older .qm if there is one
    return qm


def install_translators(app: QCoreApplication | None = None, language: str | None = None) -> str:
    """Install the translators for ``language`` (default: the environment, else the saved
    choice resolved against the system locale), replacing earlier ones. Returns the language.
    The translators are children of ``app`` (named :data:`TRANSLATOR_NAME`); the language is
    ``app``'s property :data:`LANGUAGE_PROPERTY`."""
    app = app or QCoreApplication.instance()
    language = resolve(language or os.environ.get(ENV_KEY) or saved_choice())
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in ((str(_qm_file(language)), ""), (f"qtbase_{language}", qt_dir)):
            translator = QTranslator(app)
            translator.setObjectName(TRANSLATOR_NAME)
            if translator.load(name, directory):
                app.installTranslator(translator)
            else:
                translator.setParent(None)
    app.setProperty(LANGUAGE_PROPERTY, language)
    return language


# ---------------------------------------------------------------------------- CJK fonts


def cjk_font_family(text: str = CJK_SAMPLE) -> str | None:
    """The first installed font family that has a glyph for every character of ``text``
    (``QFontMetrics.inFontUcs4``), preferring Simplified Chinese fonts; None when there is none.

    ``inFontUcs4(ord(ch))``, not ``inFont(ch)``: PySide6 6.11 converts a Python character to
    QChar wrongly above about U+7000 (``inFont("的")`` is False in a font that has it)."""
    chars = sorted(set(text) - set(" \n\t"))
    preferred = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for family in preferred + [f for f in QFontDatabase.families() if f not in preferred]:
        metrics = QFontMetrics(QFont(family))
        if all(metrics.inFontUcs4(ord(ch)) for ch in chars):
            return family
    return None


def warn_if_no_cjk_font(window) -> bool:
    """When Chinese is shown but no installed font covers it, say so in the status bar and, once
    per installation, in a (non-modal) message box. Returns True when a warning was given."""
    if not current_language().startswith("zh") or cjk_font_family() is not None:
        return False
    text = ("No Chinese font is installed, so Chinese text shows as empty boxes. Install one "
            "(Debian/Ubuntu: sudo apt install fonts-wqy-microhei) or choose View → Language → English.\n"
            "未安装中文字体，中文会显示为方框。请安装中文字体（例如 fonts-wqy-microhei），或选择英文界面。")
    window.statusBar().showMessage(text.splitlines()[0], 30000)
    settings = QSettings()
    if not settings.value("ui/cjk_warning_shown", False, type=bool):
        settings.setValue("ui/cjk_warning_shown", True)
        box = QMessageBox(QMessageBox.Icon.Warning, "ANN Studio", text, QMessageBox.StandardButton.Ok, window)
        box.setObjectName("cjk_font_warning")
        box.open()
    return True


__all__ = ["cjk_font_family", "current_language", "data_language", "install_translators", "pick", "resolve",
           "saved_choice", "warn_if_no_cjk_font"]
