"""What the windows of one application share, handed from window to window (issue 18: no module
globals): the main windows kept alive.

``create_main_window`` makes one; a window opened from another (a restored recovery, the rebuild
after a language switch or Reset Layout) gets its opener's. (The language's translators belong to
the QApplication: ``ann_studio.i18n``.)
"""

from __future__ import annotations


class AppContext:
    """``windows``: the main windows opened from another one, kept alive here until destroyed
    (the first window is owned by ``app.main``)."""

    def __init__(self):
        self.windows: list = []

    def keep(self, window) -> None:
        """Keep ``window`` alive until it is destroyed (or :meth:`forget`)."""
        self.windows.append(window)
        window.destroyed.connect(lambda *_a, w=window: self.forget(w))

    def forget(self, window) -> None:
        if window in self.windows:
            self.windows.remove(window)
