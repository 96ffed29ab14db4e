"""Keep the window on its screen: size the first start to it, clamp restored geometry,
and let panes share the width instead of widening the window.

Pure geometry on `QRect`s (tested without a display) plus the two calls the window makes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

PREFERRED_SIZE = QSize(1500, 900)
SCREEN_SHARE = 0.9  # of a screen larger than the preferred size, on the first start
PANE_MIN_WIDTH = 160  # four panes, both side docks and the frame fit 1366 px
DOCK_MIN_WIDTH = 180  # the document list keeps whole short titles
# What a window manager typically adds around the client area (left, top, right, bottom)
# before the window is shown; replaced by the real frame once there is one.
FRAME_GUESS = QMargins(4, 32, 4, 8)


def fitted(rect: QRect, available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """Client geometry `rect` shrunk and moved so that it, with its frame, lies in `available`."""
    width = min(rect.width(), available.width() - frame.left() - frame.right())
    height = min(rect.height(), available.height() - frame.top() - frame.bottom())
    x = min(
        max(rect.x(), available.x() + frame.left()),
        available.x() + available.width() - frame.right() - width,
    )
    y = min(
        max(rect.y(), available.y() + frame.top()),
        available.y() + available.height() - frame.bottom() - height,
    )
    return QRect(x, y, width, height)


def first_start_geometry(available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """Most of a large screen (articles side by side want the width), at least the preferred
    size, never more than the screen's available area; centred."""
    room_w = available.width() - frame.left() - frame.right()
    room_h = available.height() - frame.top() - frame.bottom()
    width = min(max(PREFERRED_SIZE.width(), round(room_w * SCREEN_SHARE)), room_w)
    height = min(max(PREFERRED_SIZE.height(), round(room_h * SCREEN_SHARE)), room_h)
    x = available.x() + frame.left() + (room_w - width) // 2
    y = available.y() + frame.top() + (room_h - height) // 2
    return QRect(x, y, width, height)


def available_geometry(window: QWidget) -> QRect:
    """The available area (without panels) of the screen the window is on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _frame_of(window: QWidget) -> QMargins:
    outer, inner = window.frameGeometry(), window.geometry()
    if not window.isVisible() or outer == inner:
        return FRAME_GUESS
    return QMargins(
        inner.left() - outer.left(),
        inner.top() - outer.top(),
        outer.right() - inner.right(),
        outer.bottom() - inner.bottom(),
    )


def size_for_first_start(window: QMainWindow) -> None:
    window.setGeometry(first_start_geometry(available_geometry(window)))


def clamp_to_screen(window: QMainWindow) -> None:
    """Shrink and move the window so that it and its frame lie on its screen."""
    if window.isMaximized() or window.isFullScreen():
        return
    target = fitted(window.geometry(), available_geometry(window), _frame_of(window))
    if target != window.geometry():
        window.setGeometry(target)


def set_minimum_widths(*, panes: list[QWidget], docks: list[QDockWidget]) -> None:
    """Panes and side docks ask only for what fits a laptop, so adding one never
    widens the window: the others share the width."""
    for pane in panes:
        pane.setMinimumWidth(PANE_MIN_WIDTH)
    for dock in docks:
        dock.setMinimumWidth(DOCK_MIN_WIDTH)


class ScreenFitter(QObject):
    """Clamps its window to the screen when shown, and once more as soon as the window
    manager has put its frame around it (the frame's size is only known then)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._frame_known = False
        self._collapsible: tuple[QDockWidget, QDockWidget] | None = None
        window.installEventFilter(self)

    def collapse_when_narrow(self, dock: QDockWidget, *, into: QDockWidget) -> None:
        """On a screen too narrow for the window's minimum width, put `dock` in a tab
        beside `into` (the document list beside the annotations on a small laptop)."""
        self._collapsible = (dock, into)

    def fit(self) -> None:
        """Collapse docks into tabs if the screen is too narrow, then clamp."""
        window = self._window
        if self._collapsible is not None:
            dock, into = self._collapsible
            frame = _frame_of(window)
            room = available_geometry(window).width() - frame.left() - frame.right()
            if window.minimumSizeHint().width() > room and not window.tabifiedDockWidgets(dock):
                window.tabifyDockWidget(into, dock)
                dock.raise_()
                # the smaller minimum applies once the layout has run
                QTimer.singleShot(0, lambda: clamp_to_screen(window))
        clamp_to_screen(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._frame_known = False
            self.fit()
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize) and not self._frame_known:
            window = self._window
            if window.isVisible() and window.frameGeometry() != window.geometry():
                self._frame_known = True
                self.fit()
        elif kind == QEvent.Type.Resize and self._frame_known and self._too_wide():
            # something grew the window's minimum (a find bar, another pane): fit again
            self.fit()
        return False

    def _too_wide(self) -> bool:
        window = self._window
        return window.frameGeometry().width() > available_geometry(window).width()
