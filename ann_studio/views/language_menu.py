"""View → Language, the language switch, and rebuilding a main window (the switch and View →
Reset Layout build a fresh window on the same document).

Widgets set their texts with ``tr()`` once, at construction, so a language switch rebuilds the
main window: the document (with its undo history and file path), the window geometry, the dock
layout and what the window carries over (:meth:`MainWindow.carried_state`: the current lesson,
classroom restrictions) survive; the run continues where it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from ..i18n import (
    CHOICES,
    SETTINGS_KEY,
    current_language,
    install_translators,
    saved_choice,
    warn_if_no_cjk_font,
)
from .undo_language import retranslate_undo_stack


def _tr(text: str) -> str:
    return QCoreApplication.translate("Language", text)


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
    trainer = window.session.trainer
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
    retranslate_undo_stack(window.document.undo_stack, before, after)  # Edit → Undo speaks it too
    return rebuild_window(window)


def rebuild_window(window, keep_layout: bool = True):
    """Replace ``window`` by a new main window on the same document (project, undo history and
    what :meth:`carried_state` holds, such as the lesson step, survive). With ``keep_layout=False``
    the docks come back in their default places (View → Reset Layout). Returns the new window,
    kept alive by the window's :class:`AppContext`."""
    saved = window.carried_state()
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
    new = type(window)(document, recovery_dir=window.autosaver.directory, context=window.context,
                       panel_modules=window.panel_modules)
    new.disk_guard.take_over(window.disk_guard)  # a change on disk before the rebuild is still noticed
    window.autosaver.hand_over(new.autosaver)  # the recovery file stays on disk throughout
    new.restore_carried_state(saved)
    if window.isVisible():
        new.show()
    window.discard_prompt = lambda _w: "discard"  # nothing is lost: the document lives on in ``new``
    window.keep_saved_layout = False  # its closeEvent must not save its own layout over the new one
    window.close()
    window.deleteLater()
    window.context.forget(window)
    window.context.keep(new)
    return new
