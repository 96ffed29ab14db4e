"""The project's documents as a filterable table: title, source, span count, status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.annotator_status import statuses_seen_by
from workbench.model import STATUSES, DocumentInfo, Span
from workbench.ui.controller import ProjectController
from workbench.ui.pane.article_view import DOCUMENT_MIME
from workbench.ui.shared.texts import STATUS_TEXT

COLUMNS = ("Title", "Source", "Spans", "Status")
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    """Adapts `Project.documents()`; refreshes one row per controller signal."""

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._rows: list[DocumentInfo] = self._documents()
        self._row_of = {d.id: i for i, d in enumerate(self._rows)}
        controller.span_added.connect(self._on_span_added)
        controller.span_removed.connect(self._on_span_removed)
        controller.document_status_changed.connect(self._on_document_status_changed)
        controller.documents_changed.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._documents()
        self._row_of = {d.id: i for i, d in enumerate(self._rows)}
        self.endResetModel()

    def _documents(self) -> list[DocumentInfo]:
        """The documents, each with this annotator's own status."""
        project = self.controller.project
        mine = statuses_seen_by(project, self.controller.annotator)
        return [replace(d, status=mine.get(d.id, d.status)) for d in project.documents()]

    def shown_values(self) -> tuple[set[str], set[str]]:
        """The span counts and statuses the rows show, as text."""
        counts = {f"{max((d.span_count for d in self._rows), default=0):,}"}
        return counts, {STATUS_TEXT.get(d.status, d.status) for d in self._rows}

    def document_at(self, row: int) -> DocumentInfo:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        doc = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (doc.title, doc.source, doc.span_count, STATUS_TEXT.get(doc.status, doc.status))[
                column
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{doc.title}\n{doc.source}\n{doc.length:,} characters, {doc.span_count} spans"
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [DOCUMENT_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        if indexes:
            mime.setData(DOCUMENT_MIME, self._rows[indexes[0].row()].id.encode("utf-8"))
        return mime

    def _change(self, document_id: str, **changes: object) -> None:
        """Update one row in place (counts follow the signals; no query per edit)."""
        row = self._row_of.get(document_id)
        if row is None:
            self.reload()
            return
        self._rows[row] = replace(self._rows[row], **changes)  # type: ignore[arg-type]  # its fields
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _on_span_added(self, span: Span) -> None:
        row = self._row_of.get(span.document_id)
        count = self._rows[row].span_count + 1 if row is not None else 0
        self._change(span.document_id, span_count=count)

    def _on_span_removed(self, span: Span) -> None:
        row = self._row_of.get(span.document_id)
        count = max(0, self._rows[row].span_count - 1) if row is not None else 0
        self._change(span.document_id, span_count=count)

    def _on_document_status_changed(self, document_id: str, status: str) -> None:
        self._change(document_id, status=status)


class DocumentList(QWidget):
    """A filter box above the documents; Enter or double-click opens one."""

    document_activated = Signal(str)  # open it (in the active pane or a new one)
    document_opened_in_new_pane = Signal(str)
    remove_requested = Signal(list)  # document ids (Delete, or the menu): ask, then remove

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = DocumentListModel(controller, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = _DocumentTable(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift- and Ctrl-click choose several: a status or a removal takes them all.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 60)  # a file name: the title says more
        # The count and status columns fit what they show, measured here from the rows'
        # values. Qt's ResizeToContents measured them again over every row at each edit
        # (16,000 data() calls and 176 ms an edit with 1,000 documents).
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._fitted: dict[int, int] = {}  # column: the widest text it was fitted to
        self.model.modelReset.connect(self._refit_columns)
        # A reload (a rename, an import, a removal) keeps the row the analyst was on.
        self._kept: str | None = None
        self.model.modelAboutToBeReset.connect(self._keep_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.dataChanged.connect(self._fit_columns)
        self._fit_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu_requested)
        self.table.doubleClicked.connect(self._on_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)

    def _keep_current(self) -> None:
        self._kept = self.current_document_id()

    def _restore_current(self) -> None:
        if self._kept is not None:
            self.select_document(self._kept)

    def _refit_columns(self) -> None:
        self._fitted.clear()
        self._fit_columns()

    def _fit_columns(self, *args: object) -> None:
        metrics = self.table.fontMetrics()
        margin = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
        header = self.table.horizontalHeader()
        counts, statuses = self.model.shown_values()
        for column, texts in ((2, counts), (3, statuses)):
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            if self._fitted.get(column) == widest:
                continue  # an edit's new count as wide as the last: no header measured (1 ms)
            self._fitted[column] = widest
            width = max(widest + margin, header.sectionSizeHint(column))
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def document_id_at(self, row: int) -> str | None:
        index = self.proxy.index(row, 0)
        return index.data(DOCUMENT_ID_ROLE) if index.isValid() else None

    def row_of(self, document_id: str) -> int:
        for row in range(self.proxy.rowCount()):
            if self.document_id_at(row) == document_id:
                return row
        return -1

    def neighbour(self, document_id: str | None, step: int) -> str | None:
        """The document `step` rows from `document_id` in the list as shown (filtered and
        sorted); from none, the first (or last) row. None past either end."""
        row = self.row_of(document_id) if document_id else -1
        if row < 0:
            row = -1 if step > 0 else self.proxy.rowCount()
        return self.document_id_at(row + step) if row + step >= 0 else None

    def current_document_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(DOCUMENT_ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: str) -> None:
        row = self.row_of(document_id)
        if row >= 0:
            self.table.selectRow(row)

    def edit_title(self, document_id: str) -> QInputDialog | None:
        """Ask for the document's new title (F2); OK renames it, one undo step."""
        title = self.controller.project.document_titles().get(document_id)
        if title is None:
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Rename document")
        dialog.setLabelText("Title:")
        dialog.setTextValue(title)
        dialog.resize(max(480, dialog.sizeHint().width()), dialog.sizeHint().height())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            lambda text: self.controller.rename_document(document_id, text)
        )
        dialog.open()
        return dialog

    def _on_activated(self, index: QModelIndex) -> None:
        document_id = index.data(DOCUMENT_ID_ROLE)
        if document_id:
            self.document_activated.emit(document_id)

    def selected_document_ids(self) -> list[str]:
        """The chosen rows' documents, top to bottom (the current one when none is)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [d for d in map(self.document_id_at, rows) if d]
        current = self.current_document_id()
        return ids or ([current] if current else [])

    def status_menu(self, document_ids: list[str], parent: QMenu) -> QMenu:
        menu = parent.addMenu("Status")
        current = {self.controller.status_of(d) for d in document_ids}
        for status in STATUSES:
            action = menu.addAction(STATUS_TEXT[status])
            action.setCheckable(True)
            action.setChecked(current == {status})
            action.triggered.connect(
                lambda _=False, s=status: self.controller.set_statuses(document_ids, s)
            )
        return menu

    def context_menu(self, document_id: str) -> QMenu:
        """The row's menu; its status and removal take every chosen row when it is one."""
        chosen = self.selected_document_ids()
        group = chosen if document_id in chosen else [document_id]
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.document_activated.emit(document_id))
        menu.addAction(
            "Open in new pane", lambda: self.document_opened_in_new_pane.emit(document_id)
        )
        menu.addSeparator()
        self.status_menu(group, menu)
        menu.addSeparator()
        menu.addAction("Rename…\tF2", lambda: self.edit_title(document_id))
        what = "the document" if len(group) == 1 else f"{len(group)} documents"
        menu.addAction(
            f"Remove {what} from project…\tDel", lambda: self.remove_requested.emit(group)
        )
        return menu

    def _on_context_menu_requested(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        document_id = index.data(DOCUMENT_ID_ROLE) if index.isValid() else None
        if document_id:
            self.context_menu(document_id).exec(self.table.viewport().mapToGlobal(pos))


class _DocumentTable(QTableView):
    def __init__(self, owner: DocumentList) -> None:
        super().__init__(owner)
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            document_id = self.currentIndex().data(DOCUMENT_ID_ROLE)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._owner.document_opened_in_new_pane.emit(document_id)
            else:
                self._owner.document_activated.emit(document_id)
            event.accept()
            return
        if event.key() == Qt.Key.Key_F2 and self.currentIndex().isValid():
            self._owner.edit_title(self.currentIndex().data(DOCUMENT_ID_ROLE))
            event.accept()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self._owner.remove_requested.emit(self._owner.selected_document_ids())
            event.accept()
            return
        super().keyPressEvent(event)
