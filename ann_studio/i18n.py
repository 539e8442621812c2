"""Languages: Qt translators, the View → Language menu, and the CJK font check.

The language follows the system locale unless the user picked one (QSettings ``ui/language``:
``"system"``, ``"en"`` or ``"zh_CN"``; the environment variable ``ANN_STUDIO_LANGUAGE`` overrides
both, for screenshots and CI). :func:`install_translators` loads our ``ann_studio_<lang>.qm`` and
Qt's own ``qtbase_<lang>.qm`` (standard dialogs' buttons).

Widgets here set their texts with ``tr()`` once, at construction, so a language switch rebuilds
the main window (:func:`switch_language`): the document (with its undo history and file path),
the window geometry, the dock layout and whatever modules registered with
:func:`register_carry_over` (the current lesson, classroom restrictions) carry over; training
restarts at step 0, which the menu asks about first when training has progressed.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QMessageBox

from .paths import resource_path

SETTINGS_KEY = "ui/language"
ENV_KEY = "ANN_STUDIO_LANGUAGE"
CHOICES = ("system", "en", "zh_CN")
#: characters a CJK font must cover: the lesson's vocabulary (the test checks every translation)
CJK_SAMPLE = "神经网络权重偏置激活函数前向传播反向梯度学习率隐层输出损失误差轮次批阈值文件视图训练帮助"

_translators: list[QTranslator] = []
_current = "en"
_carry_over: list[tuple[Callable, Callable]] = []
_windows: list = []  # rebuilt main windows, kept alive here (the original one is owned by app.main)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Language", text)


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
    """The language the translators were last installed for ("en" or "zh_CN")."""
    return _current


def data_language() -> str:
    """The key of the current language in bilingual data files (lessons, examples): "en" or "zh"."""
    return "zh" if _current.startswith("zh") else "en"


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
    choice resolved against the system locale), replacing earlier ones. Returns the language."""
    global _current
    app = app or QCoreApplication.instance()
    language = resolve(language or os.environ.get(ENV_KEY) or saved_choice())
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if language != "en":
        ours = QTranslator(app)
        if ours.load(str(_qm_file(language))):
            _translators.append(ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load(f"qtbase_{language}", qt_dir):
            _translators.append(qtbase)
        for translator in _translators:
            app.installTranslator(translator)
    _current = language
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
    if not _current.startswith("zh") or cjk_font_family() is not None:
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


# ---------------------------------------------------------------------------- menu and switching


def register_carry_over(save: Callable[[object], object], restore: Callable[[object, object], None]) -> None:
    """Keep a module's state across :func:`switch_language`: ``save(old_window) -> state`` runs
    before the rebuild, ``restore(new_window, state)`` after."""
    if (save, restore) not in _carry_over:
        _carry_over.append((save, restore))


def install_language_menu(window) -> None:
    """Add View → Language (actions ``language_system``, ``language_en``, ``language_zh_CN``)."""
    menu = window.menus["view"].addMenu(_tr("&Language"))
    menu.setObjectName("menu_language")
    window.menus["language"] = menu
    group = QActionGroup(menu)
    names = {"system": _tr("&System Default"), "en": "English", "zh_CN": "简体中文"}
    choice = saved_choice()
    for code in CHOICES:
        action = QAction(names[code], window)
        action.setObjectName(f"language_{code}")
        action.setCheckable(True)
        action.setChecked(code == choice)
        action.setStatusTip(_tr("Show ANN Studio in this language (the window is rebuilt)"))
        action.triggered.connect(lambda _checked=False, c=code: ask_and_switch(window, c))
        group.addAction(action)
        menu.addAction(action)
        window.actions[action.objectName()] = action
    window.menus["view"].addSeparator()
    warn_if_no_cjk_font(window)


def ask_and_switch(window, choice: str):
    """The menu's handler: if training has progressed, ask before rebuilding; "Later" only saves."""
    trainer = getattr(window.session, "trainer", None)
    if trainer is not None and trainer.step > 0:
        box = QMessageBox(QMessageBox.Icon.Question, _tr("Switch language"),
                          _tr("Switching the language now rebuilds the window and restarts training at "
                              "step 0. Switch now, or at the next start?"), QMessageBox.StandardButton.NoButton,
                          window)
        now = box.addButton(_tr("Switch Now"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(_tr("At Next Start"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is later:
            QSettings().setValue(SETTINGS_KEY, choice)
            return window
        if box.clickedButton() is not now:
            return window
    return switch_language(window, choice)


def switch_language(window, choice: str):
    """Remember ``choice``, install its translators and rebuild ``window`` in the new language.
    Returns the new main window (shown if the old one was)."""
    if choice not in CHOICES:
        raise ValueError(f"unknown language {choice!r}; expected one of {', '.join(CHOICES)}")
    QSettings().setValue(SETTINGS_KEY, choice)
    before = current_language()
    after = install_translators(language=choice)
    from .views.undo_language import retranslate_undo_stack

    retranslate_undo_stack(window.document.undo_stack, before, after)  # Edit → Undo speaks it too
    return rebuild_window(window)


def rebuild_window(window, keep_layout: bool = True):
    """Replace ``window`` by a new main window on the same document (project, undo history and the
    registered carry-overs such as the lesson step survive). With ``keep_layout=False`` the docks
    come back in their default places (View → Reset Layout). Returns the new window."""
    from .views.main_window import MainWindow

    saved = [(restore, save(window)) for save, restore in _carry_over]
    document = window.document
    window.session.pause()
    document.sync_run()  # the new window's session continues the run exactly where it is
    document.setParent(None)
    # the new window restores the layout from QSettings while it places its docks (restoring a
    # state over docks already tabbed leaves stray tab bars in Qt)
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    if keep_layout:
        settings.setValue("window/state", window.saveState())
    else:
        settings.remove("window/state")
    new = MainWindow(document, recovery_dir=window.autosaver.directory)
    new.disk_guard.take_over(window.disk_guard)  # a change on disk before the rebuild is still noticed
    window.autosaver.hand_over(new.autosaver)  # the recovery file stays on disk throughout
    for restore, state in saved:
        restore(new, state)
    if window.isVisible():
        new.show()
    window.discard_prompt = lambda _w: "discard"  # nothing is lost: the document lives on in ``new``
    window.keep_saved_layout = False  # its closeEvent must not save its own layout over the new one
    window.close()
    window.deleteLater()
    if window in _windows:
        _windows.remove(window)
    _windows.append(new)
    return new


def application_windows() -> list:
    """The main windows this module rebuilt (they are kept alive here)."""
    return list(_windows)


__all__ = ["cjk_font_family", "current_language", "data_language", "install_language_menu",
           "install_translators", "pick", "register_carry_over", "resolve", "rebuild_window", "saved_choice", "switch_language",
           "warn_if_no_cjk_font"]
