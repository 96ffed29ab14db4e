"""A table of spans over the core: one row per span, updated row by row from the controller."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from workbench.model import Label, Span
from workbench.ui.controller import ProjectController

_Index = QModelIndex | QPersistentModelIndex

MAX_TEXT_CHARS = 80
NEWLINE_MARK = "⏎"


def display_text(text: str, *, limit: int = MAX_TEXT_CHARS) -> str:
    """A span's text on one line: newlines shown as ⏎, long text elided in the middle."""
    one_line = text.replace("\r\n", "\n").replace("\n", NEWLINE_MARK).replace("\t", " ")
    if len(one_line) <= limit:
        return one_line
    head = (limit - 1) // 2
    tail = limit - 1 - head
    return one_line[:head] + "…" + one_line[-tail:]


class SpanTableModel(QAbstractTableModel):
    """Spans of some documents (or of the whole project) as rows; the core holds the truth."""

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
        self._titles: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        self._labels: dict[int, Label] = {}
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
        return document_id in self._titles and (
            self._scope is None or document_id in self._scope
        )

    def _load(self) -> None:
        project = self._controller.project
        self._titles = {d.id: d.title for d in project.documents()}
        self._texts = {}
        self._labels = {label.id: label for label in project.labels()}
        if self._scope is None:
            self._rows = project.spans()
        else:
            self._rows = [
                span
                for document_id in dict.fromkeys(self._scope)
                if document_id in self._titles
                for span in project.spans(document_id)
            ]

    # --- lookups -------------------------------------------------------------

    def span_at(self, row: int) -> Span:
        return self._rows[row]

    def spans(self) -> list[Span]:
        return list(self._rows)

    def row_of(self, span_id: str) -> int | None:
        for row, span in enumerate(self._rows):
            if span.id == span_id:
                return row
        return None

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        span = self._rows[index.row()]
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
        if not self._in_scope(span.document_id) or self.row_of(span.id) is not None:
            return
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(span)
        self.endInsertRows()

    def _on_span_updated(self, old: Span, new: Span) -> None:
        row = self.row_of(old.id)
        if row is None:
            self._on_span_added(new)
            return
        if not self._in_scope(new.document_id):
            self._on_span_removed(old)
            return
        self._rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _on_span_removed(self, span: Span) -> None:
        row = self.row_of(span.id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

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
