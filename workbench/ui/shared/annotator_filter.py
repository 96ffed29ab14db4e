"""Whose spans the window shows: mine only (blind mode), a chosen set, or everyone's.

`AnnotatorFilter` holds the choice for one controller; panes, the annotation list and its
counts ask `shows(span)` and reload on `changed`. Each annotator gets an underline style
of their own, so two layers read at once stay apart. Spans accepted from the rule-based
suggester count as the analyst's own in blind mode.
"""

from __future__ import annotations

from collections.abc import Iterable
from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from workbench.model import Span
from workbench.project import Project
from workbench.suggestion_rows import SUGGESTER

PEN_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)


class AnnotatorFilter(QObject):
    changed = Signal()

    def __init__(self, me: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.me = me
        self.shown: frozenset[str] | None = None  # None: everyone
        self._styles: dict[str, Qt.PenStyle] = {}
        # A pane showing one document with its own annotators (two layers side by side).
        self._panes: WeakKeyDictionary[QObject, tuple[str, frozenset[str]]] = WeakKeyDictionary()

    @property
    def blind(self) -> bool:
        return self.shown == frozenset({self.me})

    def shows(self, span: Span) -> bool:
        if self.shown is None:
            return True
        return span.annotator in self.shown or (self.blind and span.annotator == SUGGESTER)

    def shows_in(self, pane: QObject, span: Span) -> bool:
        """Whether the pane shows the span (its own choice of annotators, else the window's)."""
        own = self._panes.get(pane)
        if own is not None and own[0] == span.document_id:
            return span.annotator in own[1]
        return self.shows(span)

    def show_in_pane(self, pane: QObject, document_id: str, annotators: Iterable[str]) -> None:
        """Let this pane show only these annotators' spans of the document."""
        self._panes[pane] = (document_id, frozenset(annotators))
        self.changed.emit()

    def count(self, project: Project) -> int:
        """How many of the project's spans show."""
        if self.shown is None:
            return project.span_count()
        names = set(self.shown) | ({SUGGESTER} if self.blind else set())
        row = project.conn.execute(
            f"SELECT count(*) FROM spans WHERE annotator IN ({','.join('?' * len(names))})",
            sorted(names),
        ).fetchone()
        return int(row[0])

    def show(self, annotators: Iterable[str] | None) -> None:
        """Show these annotators' spans (None: everyone's)."""
        shown = None if annotators is None else frozenset(annotators)
        if shown != self.shown or self._panes:
            self.shown = shown
            self._panes.clear()  # every pane follows the window's choice again
            self.changed.emit()

    def show_mine(self) -> None:
        self.show([self.me])

    def set_annotators(self, annotators: Iterable[str]) -> None:
        """Give the project's annotators their underline styles (kept for the session)."""
        for name in sorted(set(annotators) | {self.me}):
            self._style(name)

    def _style(self, annotator: str) -> Qt.PenStyle:
        style = self._styles.get(annotator)
        if style is None:
            style = self._styles[annotator] = PEN_STYLES[len(self._styles) % len(PEN_STYLES)]
        return style

    def pen_style(self, annotator: str) -> Qt.PenStyle:
        """Solid while one layer shows; a style per annotator when several do (a name not
        seen before gets the next style)."""
        if self.shown is not None and len(self.shown) <= 1:
            return Qt.PenStyle.SolidLine
        return self._style(annotator)


def fill_menu(menu: QMenu, annotator_filter: AnnotatorFilter, annotators: list[str]) -> None:
    """View › Show annotators: mine only, everyone, or a set (one checkable entry each)."""
    menu.clear()
    group = QActionGroup(menu)
    mine = menu.addAction(f"Mine only ({annotator_filter.me}) — blind")
    everyone = menu.addAction("All annotators")
    for choice in (mine, everyone):
        choice.setCheckable(True)
        group.addAction(choice)
    mine.setChecked(annotator_filter.blind)
    everyone.setChecked(annotator_filter.shown is None)
    mine.triggered.connect(annotator_filter.show_mine)
    everyone.triggered.connect(lambda: annotator_filter.show(None))
    menu.addSeparator()
    for name in sorted(set(annotators) | {annotator_filter.me}):
        entry: QAction = menu.addAction(name)
        entry.setCheckable(True)
        entry.setChecked(annotator_filter.shown is None or name in annotator_filter.shown)
        entry.toggled.connect(lambda on, n=name: _toggle(annotator_filter, annotators, n, on))


def _toggle(annotator_filter: AnnotatorFilter, annotators: list[str], name: str, on: bool) -> None:
    current = (
        set(annotators) | {annotator_filter.me}
        if annotator_filter.shown is None
        else set(annotator_filter.shown)
    )
    if on:
        current.add(name)
    else:
        current.discard(name)
    annotator_filter.show(current)
