"""Dialogs of the main window: About, the keyboard-shortcut sheet, the new-project gallery and
the recovery prompt."""
