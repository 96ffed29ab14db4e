"""The relations list: every link in the project (head, type, tail), with delete and jump."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from workbench.model import Relation, Span
from workbench.ui.controller import ProjectController

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("From", "Link", "To", "Documents")


class RelationTableModel(QAbstractTableModel):
    """Adapts the project's relations; rebuilt when the controller says they changed."""

    def __init__(self, controller: ProjectController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._rows: list[tuple[Relation, str, str, str, str]] = []
        controller.relations_changed.connect(self.reload)
        controller.span_removed.connect(self._on_span_changed)
        controller.span_updated.connect(self._on_span_changed)
        self._linked: set[str] = set()
        self.reload()

    def _on_span_changed(self, span: Span, *args: object) -> None:
        # Edits happen all day; only those of linked spans change this table.
        if span.id in self._linked:
            self.reload()

    def reload(self, *args: object) -> None:
        project = self.controller.project
        types = {t.id: t.name for t in project.relation_types()}
        titles = project.document_titles()
        texts: dict[str, str] = {}
        relations = project.relations()
        self._linked = {i for r in relations for i in (r.head, r.tail)}
        spans = {i: project.span(i) for i in self._linked}

        def describe(span_id: str) -> str:
            s = spans[span_id]
            text = texts.get(s.document_id) or texts.setdefault(
                s.document_id, project.document(s.document_id).text
            )
            return " ".join(text[s.start : s.end].split())

        self.beginResetModel()
        self._rows = []
        for r in relations:
            head, tail = spans[r.head], spans[r.tail]
            where = (
                titles[head.document_id]
                if head.document_id == tail.document_id
                else f"{titles[head.document_id]} → {titles[tail.document_id]}"
            )
            self._rows.append((r, describe(r.head), types[r.type_id], describe(r.tail), where))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column() + 1]
        if role == Qt.ItemDataRole.UserRole:
            return row[0]
        return None

    def relation(self, row: int) -> Relation:
        return self._rows[row][0]


class RelationsList(QWidget):
    span_activated = Signal(object)  # Span: a double-clicked end of a link

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = RelationTableModel(controller, self)
        self.table_view = QTableView()
        self.table_view.setModel(self.model)
        self.table_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table_view.horizontalHeader().setStretchLastSection(True)
        self.delete_button = QPushButton("Unlink")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table_view)
        layout.addLayout(buttons)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table_view.doubleClicked.connect(self._on_double_clicked)

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table_view.selectionModel().selectedRows()})
        for relation in [self.model.relation(r) for r in rows]:
            self.controller.delete_relation(relation.id)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        relation = self.model.relation(index.row())
        span_id = relation.tail if index.column() == 2 else relation.head
        self.span_activated.emit(self.controller.project.span(span_id))
