"""A table of spans over the core: one row per span, updated row by row from the controller.

A new scope shows its first rows at once and appends the others in chunks from a timer, so
50,000 spans never block the window in one go; any edit or lookup first takes the rest in.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from workbench.errors import WorkbenchError
from workbench.model import Label, Span
from workbench.ui.controller import ProjectController
from workbench.ui.shared.background import Slices, keep_for_the_session
from workbench.ui.shared.span_index import SpanIndex

_Index = QModelIndex | QPersistentModelIndex

MAX_TEXT_CHARS = 80
FILL_CHUNK = 500  # rows appended per pass of the event loop while a scope fills
NEWLINE_MARK = "⏎"


def asked_roles(roles: QModelRoleDataSpan | QModelRoleData) -> Iterable[QModelRoleData]:
    """The roles of a `multiData` call: a span from Qt, or one role from Python."""
    if isinstance(roles, QModelRoleData):
        return (roles,)
    return roles  # type: ignore[return-value]  # the stubs miss the span's iteration


def display_text(text: str, *, limit: int = MAX_TEXT_CHARS) -> str:
    """A span's text on one line: newlines shown as ⏎, long text elided in the middle."""
    one_line = text.replace("\r\n", "\n").replace("\n", NEWLINE_MARK).replace("\t", " ")
    if len(one_line) <= limit:
        return one_line
    head = (limit - 1) // 2
    tail = limit - 1 - head
    return one_line[:head] + "…" + one_line[-tail:]


class SpanTableModel(QAbstractTableModel):
    """Spans of some documents (or of the whole project) as rows; the core holds the truth.

    Rows stay in reading order — document (scope or import order), start, end, id — so a
    span's row is found by bisection and one edit costs O(log n), not a scan or a re-sort.
    """

    annotators_changed = Signal()  # an annotator appeared in or left the rows

    DOCUMENT, LABEL, TEXT, ANNOTATOR, NOTE, START = range(6)
    HEADERS = ("Document", "Label", "Text", "Annotator", "Note", "Start")

    SpanRole = Qt.ItemDataRole.UserRole  # the Span record
    SortRole = Qt.ItemDataRole.UserRole + 1  # a value that sorts naturally (int or folded str)
    TextRole = Qt.ItemDataRole.UserRole + 2  # the span's full text

    def __init__(
        self,
        controller: ProjectController,
        parent: QObject | None = None,
        *,
        document_ids: Sequence[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._scope: list[str] | None = None if document_ids is None else list(document_ids)
        self._rows: list[Span] = []
        self._by_id = SpanIndex()
        self._order: dict[str, int] = {}  # document id -> its place in the rows
        self._annotators: Counter[str] = Counter()
        self._titles: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        self._labels: dict[int, Label] = {}
        self._incoming: list[Span] = []  # rows still to append, in order
        self._fill = Slices(self, self._on_fill_due)
        self._load()
        controller.span_added.connect(self._on_span_added)
        controller.span_updated.connect(self._on_span_updated)
        controller.span_removed.connect(self._on_span_removed)
        controller.labels_changed.connect(self._on_labels_changed)
        controller.documents_changed.connect(self._on_documents_changed)

    # --- scope ---------------------------------------------------------------

    def scope(self) -> list[str] | None:
        """The documents shown, or None for the whole project."""
        return None if self._scope is None else list(self._scope)

    def set_scope(self, document_ids: Sequence[str] | None) -> None:
        """Show the spans of these documents (None: the whole project)."""
        scope = None if document_ids is None else list(document_ids)
        if scope == self._scope:
            return
        self.beginResetModel()
        self._scope = scope
        self._load()
        self.endResetModel()

    def _in_scope(self, document_id: str) -> bool:
        return document_id in self._titles and (self._scope is None or document_id in self._scope)

    def _load(self) -> None:
        project = self._controller.project
        self._titles = project.document_titles()
        self._texts = {}
        self._labels = {label.id: label for label in project.labels()}
        if self._scope is None:
            self._order = {doc_id: i for i, doc_id in enumerate(self._titles)}
            self._rows = project.spans()  # already in import order, then start, end, id
        else:
            self._order = {
                doc_id: i
                for i, doc_id in enumerate(
                    d for d in dict.fromkeys(self._scope) if d in self._titles
                )
            }
            self._rows = [
                span
                for document_id in self._order
                for span in self._controller.document_spans(document_id)
            ]
        # Rows, ids and annotator counts grow a chunk at a time: indexing 50,000 spans at
        # once would hold the event loop for 40 ms and more.
        before = set(self._annotators)
        self._rows, self._incoming = [], self._rows
        self._by_id = SpanIndex()
        self._annotators = Counter()
        self._take(FILL_CHUNK)
        if self._incoming:
            self._fill.start()
        else:
            self._fill.stop()
        if set(self._annotators) != before:
            self.annotators_changed.emit()

    def _take(self, count: int) -> None:
        chunk = self._incoming[:count]
        del self._incoming[:count]  # not a copy of the rest: 4 ms a chunk with 100k to come
        self._rows.extend(chunk)
        self._by_id.add_all(chunk)
        self._annotators.update(span.annotator for span in chunk)

    @property
    def filling(self) -> bool:
        """Rows of the scope are still being appended."""
        return bool(self._incoming)

    def finish_filling(self) -> None:
        """Append every row still to come, now."""
        if self._incoming:
            self._append(len(self._incoming))

    def _append(self, count: int) -> None:
        count = min(count, len(self._incoming))
        names = len(self._annotators)
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + count - 1)
        self._take(count)
        self.endInsertRows()
        # The rows and their index stay as long as the scope: a collection that found them
        # young walked 200k rows and ids, 11-14 ms in the middle of a slice at 200k spans.
        keep_for_the_session()
        if not self._incoming:
            self._fill.stop()
        if len(self._annotators) != names:
            self.annotators_changed.emit()

    def _on_fill_due(self, deadline: float) -> bool:
        if self._incoming:
            self._append(FILL_CHUNK)
        return bool(self._incoming)

    def _key(self, span: Span) -> tuple[int, int, int, str]:
        return (self._order.get(span.document_id, len(self._order)), span.start, span.end, span.id)

    def _incoming_index(self, span: Span) -> int | None:
        """Where a span waits among the rows still to be appended, if it does."""
        at = bisect_left(self._incoming, self._key(span), key=self._key)
        if at < len(self._incoming) and self._incoming[at].id == span.id:
            return at
        return None

    def _insert_row(self, span: Span) -> None:
        key = self._key(span)
        if self._incoming and key > self._key(self._incoming[0]):
            insort(self._incoming, span, key=self._key)  # appended in its turn
            return
        row = bisect_left(self._rows, key, key=self._key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, span)
        self._by_id[span.id] = span
        self.endInsertRows()
        self._count_annotator(span.annotator, +1)

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        span = self._rows.pop(row)
        del self._by_id[span.id]
        self.endRemoveRows()
        self._count_annotator(span.annotator, -1)

    def _count_annotator(self, name: str, delta: int) -> None:
        self._annotators[name] += delta
        if self._annotators[name] <= 0:
            del self._annotators[name]
            self.annotators_changed.emit()
        elif delta > 0 and self._annotators[name] == 1:
            self.annotators_changed.emit()

    # --- lookups -------------------------------------------------------------

    def span_at(self, row: int) -> Span:
        return self._rows[row]

    def spans(self) -> list[Span]:
        self.finish_filling()
        return list(self._rows)

    def span_count(self) -> int:
        """Rows in scope, counting those still being appended."""
        return len(self._by_id) + len(self._incoming)

    def row_of(self, span_id: str) -> int | None:
        span = self._by_id.get(span_id)
        if span is None:
            if not self._incoming:
                return None
            try:
                span = self._controller.project.span(span_id)
            except WorkbenchError:
                return None
            at = self._incoming_index(span)
            if at is None:
                return None
            self._append(at + 1)  # the rows up to it now, the rest in their turn
        return bisect_left(self._rows, self._key(span), key=self._key)

    def annotators(self) -> list[str]:
        """The annotators of the spans in scope (of those appended so far while filling;
        `annotators_changed` tells of more)."""
        return sorted(self._annotators, key=str.casefold)

    def label(self, label_id: int) -> Label | None:
        return self._labels.get(label_id)

    def labels(self) -> list[Label]:
        return list(self._labels.values())

    def document_title(self, document_id: str) -> str:
        return self._titles.get(document_id, "")

    def span_text(self, span: Span) -> str:
        text = self._texts.get(span.document_id)
        if text is None:
            text = self._texts[span.document_id] = self._controller.project.document(
                span.document_id
            ).text
        return text[span.start : span.end]

    # --- Qt model ------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each visible cell for a dozen roles (font, colours, check state...)
        # on every repaint: the ones this model never answers return before the index is
        # looked at (a repaint after an edit: ~400 calls).
        if role not in _ROLES:
            return None
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return None
        span = self._rows[row]
        column = index.column()
        if role == self.SpanRole:
            return span
        if role == self.TextRole:
            return self.span_text(span)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(span, column)
        if role == self.SortRole:
            if column == self.START:
                return span.start
            if column == self.TEXT:
                return self.span_text(span).casefold()
            return str(self._display(span, column)).casefold()
        if role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            label = self._labels.get(span.label_id)
            return QColor(label.color) if label is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TEXT, self.NOTE):
            full = self.span_text(span) if column == self.TEXT else span.note
            return full[:2000] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.START:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def multiData(
        self,
        index: _Index,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,  # noqa: N803 (Qt's name)
    ) -> None:
        # A view's delegate asks a cell for all the roles it paints in one call: one call
        # from Qt into Python a cell instead of seven, and the proxy maps the index once
        # (a repaint of 19 rows under xcb: 32.5M -> 28.3M instructions; a bare table of
        # the same text takes 17.7M).
        for role_data in asked_roles(roleDataSpan):
            role = role_data.role()
            if role in _ROLES:
                role_data.setData(self.data(index, role))
            else:
                role_data.clearData()

    def _display(self, span: Span, column: int) -> str | int | None:
        if column == self.DOCUMENT:
            return self._titles.get(span.document_id, "")
        if column == self.LABEL:
            label = self._labels.get(span.label_id)
            return label.name if label is not None else f"#{span.label_id}"
        if column == self.TEXT:
            return display_text(self.span_text(span))
        if column == self.ANNOTATOR:
            return span.annotator
        if column == self.NOTE:
            return display_text(span.note)
        if column == self.START:
            return span.start
        return None

    # --- controller signals: one row at a time -------------------------------

    def _on_span_added(self, span: Span) -> None:
        if (
            self._in_scope(span.document_id)
            and span.id not in self._by_id
            and self._incoming_index(span) is None
        ):
            self._insert_row(span)

    def _forget_incoming(self, span: Span) -> None:
        at = self._incoming_index(span)
        if at is not None:
            del self._incoming[at]

    def _on_span_updated(self, old: Span, new: Span) -> None:
        if old.id not in self._by_id:  # not in the table yet, or not in scope
            self._forget_incoming(old)
            self._on_span_added(new)
            return
        row = self.row_of(old.id)
        assert row is not None
        current = self._rows[row]
        if not self._in_scope(new.document_id) or self._key(current) != self._key(new):
            self._remove_row(row)  # its place in reading order changed
            self._on_span_added(new)
            return
        self._rows[row] = self._by_id[new.id] = new
        self._count_annotator(new.annotator, +1)
        self._count_annotator(current.annotator, -1)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _on_span_removed(self, span: Span) -> None:
        if span.id not in self._by_id:
            self._forget_incoming(span)
            return
        row = self.row_of(span.id)
        if row is not None:
            self._remove_row(row)

    def _on_labels_changed(self) -> None:
        # Names and colours show in one column; rows stay (a used label cannot be deleted),
        # so the selection survives a rename.
        self._labels = {label.id: label for label in self._controller.project.labels()}
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.LABEL),
                self.index(len(self._rows) - 1, self.LABEL),
            )

    def _on_documents_changed(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()


# The roles SpanTableModel.data answers; a view asks for others too, on every repaint.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SpanTableModel.SpanRole,
        SpanTableModel.SortRole,
        SpanTableModel.TextRole,
    }
)
