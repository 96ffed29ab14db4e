"""A dock whose widget is built the first time it is seen, not when the window starts.

Until then the dock holds an empty placeholder. The docks the window lays out at start-up
(shown, or tabs behind one shown) are built right after its first paint, so the articles
appear first and the docks then settle where they would have; a hidden dock costs nothing
until it is shown (View › a dock), and is built as it shows. Code that needs the widget
asks `widget()`, which builds it if it was not yet.

A dock is built in a pass of the event loop of its own (`background.Slices`): building
one takes 5-35 ms, and all of them in one pass made a key press wait 100 ms and more.
The next one waits two frames, so that the window's repaint around the dock just built
(10-20 ms) has a pass of its own too instead of adding to the next build's (the first waits
as long after the window's first paint); and a dock
whose modules take long to import (the charts': 15-25 ms) names them, to be imported one
a pass before it is built.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

from workbench.ui.shared.background import Slices

GAP_SECONDS = 0.03  # two frames: the repaint comes a few ms after the build, and lasts 10-20
_last_paint = [0.0]  # when a dock was last built, or its window first painted (perf_counter)


class _Placeholder(QWidget):
    """Empty until the real widget replaces it."""


class LazyDock(QObject):
    def __init__(self, dock: QDockWidget) -> None:
        super().__init__(dock)
        self.dock = dock
        self._build: Callable[[], QWidget] | None = None
        self._imports: list[str] = []
        self._widget: QWidget | None = None
        self._due = Slices(self, self._on_due)
        dock.visibilityChanged.connect(self._on_visibility_changed)

    @property
    def built(self) -> bool:
        return self._widget is not None

    def set_builder(self, build: Callable[[], QWidget], *, imports: Sequence[str] = ()) -> None:
        """Build the dock's widget with `build` when it is first seen (a new project: the
        old widget goes; a dock on screen builds the new one now), after importing the
        modules `build` needs, one a pass, in the order given."""
        old = self.dock.widget()
        self._build, self._widget = build, None
        self._imports = list(imports)
        self.dock.setWidget(_Placeholder())
        self.dock.installEventFilter(self)  # for its first paint (a title bar, at least)
        if old is not None:
            stop_timers(old)
            old.deleteLater()
        if _laid_out(self.dock) and _on_screen(self.dock):
            self._due.start()

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
            self._due.stop()
            self._build = None  # never built now: its project is going
        else:
            stop_timers(self._widget)

    def _on_visibility_changed(self, visible: bool) -> None:
        # While the window is not yet on screen, wait for its first paint.
        if visible and self._widget is None and self._build and _on_screen(self.dock):
            self._due.start()

    def _on_due(self, deadline: float) -> bool:
        if self._widget is not None or self._build is None:
            return False
        if self._imports:
            importlib.import_module(self._imports.pop(0))
            return True
        if time.perf_counter() - _last_paint[0] < GAP_SECONDS:
            return True  # the window's repaint first
        self.widget()
        _last_paint[0] = time.perf_counter()
        return False  # built: nothing left

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._widget is None and self._build:
            QTimer.singleShot(0, self, self._on_painted_due)
        return False

    def _on_painted_due(self) -> None:
        # The window has painted: build every dock it lays out, the tabs behind the one
        # shown too, so that the docks settle where they would have had they been built
        # before it showed (a tab's minimum width counts for its whole group); the first
        # a gap after the window's first paint, as the next ones after a build.
        docks = self.dock.window().findChildren(LazyDock)
        if not any(lazy.built for lazy in docks):
            _last_paint[0] = time.perf_counter()
        for lazy in docks:
            if lazy._widget is None and lazy._build is not None and _laid_out(lazy.dock):
                lazy._due.start()


def docks_to_build(window: QWidget) -> int:
    """How many docks the window lays out are still to be built (one a pass, after the
    first paint)."""
    return sum(
        lazy._widget is None and lazy._build is not None and _laid_out(lazy.dock)
        for lazy in window.findChildren(LazyDock)
    )


def _laid_out(dock: QDockWidget) -> bool:
    """Shown, or a tab behind the one shown (not closed by the analyst)."""
    return dock.toggleViewAction().isChecked()


def _on_screen(dock: QDockWidget) -> bool:
    # Mapped: its window is exposed (asking the window handle would wrap a QWindow, and
    # PySide would create every window class's type for it, before the first paint).
    return dock.window().testAttribute(Qt.WidgetAttribute.WA_Mapped)


def stop_timers(widget: QWidget) -> None:
    """Views refresh a moment after a change; not once their project has gone."""
    for timer in widget.findChildren(QTimer):
        timer.stop()
