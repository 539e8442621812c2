"""The default arrangement of the dock panels (also what View → Reset Layout returns to).

Three tab groups around the canvas, each opening on the panel a student needs first:
training controls on the left, the math view on the right, the error curve at the bottom.
Docks not named here stay where their ``PanelSpec`` put them.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTabBar

Area = Qt.DockWidgetArea

#: the window a large screen gets (logical pixels); smaller screens get the whole screen
PREFERRED_SIZE = QSize(1600, 1000)
#: below this width the math view and the inspector join the left group's tabs (one side column),
#: so the canvas keeps ≥ 480 px; wider windows (1280 × 720 logical is a 2560 × 1440 panel at
#: 200 %) keep the math view beside the lessons
COMPACT_WIDTH = 1200

#: (area, dock objectNames in tab order; the first is raised, width or height in pixels)
DEFAULT_LAYOUT = (
    (Area.LeftDockWidgetArea, ("training_panel", "data_panel", "lessons_panel"), 310),
    (Area.RightDockWidgetArea, ("math_panel", "inspector"), 440),
    (Area.BottomDockWidgetArea, ("loss_plot", "decision_plot", "weights_panel", "activations_panel",
                                 "gradients_panel", "confusion_panel", "prediction_panel",
                                 "activation_function_plot"), 270),
)


def fit_to_screen(window) -> None:
    """Size a fresh ``window`` for the screen it opens on: :data:`PREFERRED_SIZE` centred where
    that fits with room for the window frame, else the whole available screen (maximized)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    avail = screen.availableGeometry()
    frame = QSize(16, 48)  # a typical title bar and border
    if avail.width() >= PREFERRED_SIZE.width() + frame.width() and \
            avail.height() >= PREFERRED_SIZE.height() + frame.height():
        window.resize(PREFERRED_SIZE)
        window.move(avail.center() - window.rect().center())
        return
    window.resize(avail.size() - frame)
    window.move(avail.topLeft())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def layout_for(size: QSize) -> tuple:
    """The groups of :data:`DEFAULT_LAYOUT` sized for a window of ``size``: side columns and the
    bottom row take a share of the window (the canvas keeps at least 480 × 320); on a narrow
    window the right group is tabbed into the left one."""
    left = max(320, min(360, round(0.22 * size.width())))
    right = max(360, min(440, round(0.28 * size.width())))
    bottom = max(190, min(300, round(0.31 * size.height())))
    (l_area, l_names, _), (r_area, r_names, _), (b_area, b_names, _) = DEFAULT_LAYOUT
    if size.width() < COMPACT_WIDTH:
        return ((l_area, l_names + r_names, left), (b_area, b_names, bottom))
    return ((l_area, l_names, left), (r_area, r_names, right), (b_area, b_names, bottom))


def arrange_docks(window, specs, tabify: bool = True) -> None:
    """Add the freshly made ``window.docks`` to the window: those named in :data:`DEFAULT_LAYOUT`
    in its groups, the others where their :class:`PanelSpec` says. Each dock is added once, in
    its final place (re-tabifying placed docks leaves stray tab bars behind in Qt). With
    ``tabify=False`` the docks are only added, for ``restoreState`` to arrange: restoring a saved
    state over tabbed docks also leaves a stray tab bar."""
    window.setCorner(Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea)
    placed = set()
    for area, names, _size in layout_for(window.size()):
        docks = [window.docks[name] for name in names if name in window.docks]
        for k, dock in enumerate(docks):
            window.addDockWidget(area, dock)
            if k and tabify:
                window.tabifyDockWidget(docks[0], dock)
            placed.add(dock.objectName())
        if docks:
            docks[0].raise_()
    for spec in specs:
        if spec.object_name in placed:
            continue
        dock = window.docks[spec.object_name]
        window.addDockWidget(spec.area, dock)
        if tabify and spec.tab_with in window.docks:
            window.tabifyDockWidget(window.docks[spec.tab_with], dock)
        dock.setVisible(spec.visible)
    if tabify:
        size_docks(window)


def size_docks(window) -> None:
    """Front each group's first panel and give the group its default width (sides) or height
    (bottom). Qt only honours this once the window has its final size, so the window calls it
    again right after it is first shown."""
    for area, names, size in layout_for(window.size()):
        first = next((window.docks[n] for n in names if n in window.docks), None)
        if first is not None:
            first.raise_()  # before the window is shown Qt may still front the last tab added
            vertical = area == Area.BottomDockWidgetArea
            window.resizeDocks([first], [size], Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal)
    QTimer.singleShot(0, window, lambda: hide_stray_tab_bars(window))  # once the docks have their sizes


def hide_stray_tab_bars(window) -> None:
    """Hide the tab bars Qt leaves behind when it tabifies docks (Qt 6.11: tabifying a second
    group creates a duplicate bar that sits over the status bar or the canvas). A real bar sits
    right below the front dock of its group; the others are hidden (Qt leaves them hidden)."""
    if not window.isVisible():
        return
    docks = [d for d in window.docks.values() if d.isVisible() and not d.isFloating()
             and d.geometry().x() >= 0 and d.geometry().y() >= 0]
    for bar in window.findChildren(QTabBar):
        if bar.parent() is not window or not bar.isVisible():
            continue
        g = bar.geometry()
        if not any(abs(g.top() - d.geometry().bottom() - 1) <= 3 and g.left() < d.geometry().right()
                   and d.geometry().left() < g.right() for d in docks):
            bar.hide()


def has_saved_layout() -> bool:
    return isinstance(QSettings().value("window/state"), QByteArray)


def restore_layout(window) -> bool:
    """Geometry and docks as the user left them (QSettings); False when nothing was saved."""
    settings = QSettings()
    geometry, state = settings.value("window/geometry"), settings.value("window/state")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    return isinstance(state, QByteArray) and window.restoreState(state)
