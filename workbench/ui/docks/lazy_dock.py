"""A dock whose widget is built the first time it is seen, not when the window starts.

Until then the dock holds an empty placeholder. A dock behind another's tab, or hidden,
costs nothing at start-up; one shown at start-up (or by a restored layout) is built right
after the window's first paint, so the articles appear first; one shown later (a tab
clicked, View › a dock) is built as it shows. Code that needs the widget asks `widget()`,
which builds it if it was not yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget


class _Placeholder(QWidget):
    """Empty until the real widget replaces it."""


class LazyDock(QObject):
    def __init__(self, dock: QDockWidget) -> None:
        super().__init__(dock)
        self.dock = dock
        self._build: Callable[[], QWidget] | None = None
        self._widget: QWidget | None = None
        dock.visibilityChanged.connect(self._on_visibility_changed)

    @property
    def built(self) -> bool:
        return self._widget is not None

    def set_builder(self, build: Callable[[], QWidget]) -> None:
        """Build the dock's widget with `build` when it is first seen (a new project: the
        old widget goes; a dock on screen builds the new one now)."""
        old = self.dock.widget()
        self._build, self._widget = build, None
        self.dock.setWidget(_Placeholder())
        self.dock.installEventFilter(self)  # for its first paint (a title bar, at least)
        if old is not None:
            stop_timers(old)
            old.deleteLater()
        if self.dock.isVisible() and _on_screen(self.dock):
            self.widget()

    def widget(self) -> QWidget:
        """The dock's widget, built now if it was not yet."""
        if self._widget is None:
            assert self._build is not None, "set_builder first"
            self.dock.removeEventFilter(self)
            self._widget = self._build()
            old = self.dock.widget()
            self.dock.setWidget(self._widget)
            if old is not None:
                old.deleteLater()
        return self._widget

    def stop(self) -> None:
        """Stop the widget's pending refreshes (its project is about to close)."""
        if self._widget is None:
            self._build = None  # never built now: its project is going
        else:
            stop_timers(self._widget)

    def _on_visibility_changed(self, visible: bool) -> None:
        # While the window is not yet on screen, wait for its first paint.
        if visible and self._widget is None and self._build and _on_screen(self.dock):
            self.widget()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._widget is None and self._build:
            QTimer.singleShot(0, self, self._on_painted_due)
        return False

    def _on_painted_due(self) -> None:
        if self._widget is None and self._build is not None and self.dock.isVisible():
            self.widget()


def _on_screen(dock: QDockWidget) -> bool:
    handle = dock.window().windowHandle()
    return handle is not None and handle.isExposed()


def stop_timers(widget: QWidget) -> None:
    """Views refresh a moment after a change; not once their project has gone."""
    for timer in widget.findChildren(QTimer):
        timer.stop()
