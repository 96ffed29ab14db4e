"""The comparison view: workbench.compare's table in a QTableView, with CSV export.

Clicking a cell announces its first span (`span_activated`), which the main window opens
and selects. An edit changes only the rows it touches (`workbench.compare_source`): the
view never reads the whole project again after one.

Reading the project (when the dock is first shown, after documents or labels change) runs
in slices between input events (`background.Slices`): parsing the figures of an import,
then building the table from one snapshot, then fitting the rows to their text. Edits
made meanwhile wait and are followed once the table is built.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Generator, Iterator
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.compare import CompareTable, Row, write_csv
from workbench.compare_source import CompareSource
from workbench.errors import WorkbenchError
from workbench.model import Span
from workbench.output_files import refuse_project_files
from workbench.ui.controller import ProjectController
from workbench.ui.shared.background import Slices, keep_for_the_session

Index = QModelIndex | QPersistentModelIndex
_FIXED = 2  # fact, value
SYNC_SLICE = 64  # figure spans parsed in one operation (one transaction)


class CompareTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = CompareTable([], [])

    def set_table(self, table: CompareTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def update_table(self, table: CompareTable) -> range:
        """Show `table`, announcing only the rows that differ; returns their new rows."""
        old, new = self.table.rows, table.rows
        if self.table.documents != table.documents:
            self.set_table(table)
            return range(len(new))
        head = 0
        while head < min(len(old), len(new)) and _same(old[head], new[head]):
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and _same(
            old[len(old) - 1 - tail], new[len(new) - 1 - tail]
        ):
            tail += 1
        removed, added = len(old) - head - tail, len(new) - head - tail
        if removed == added:
            self.table = table
            if added:
                self.dataChanged.emit(
                    self.index(head, 0), self.index(head + added - 1, self.columnCount() - 1)
                )
            return range(head, head + added)
        if removed:
            self.beginRemoveRows(QModelIndex(), head, head + removed - 1)
            self.table = CompareTable(table.documents, old[:head] + old[len(old) - tail :])
            self.endRemoveRows()
        if added:
            self.beginInsertRows(QModelIndex(), head, head + added - 1)
        self.table = table
        if added:
            self.endInsertRows()
        return range(head, head + added)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _FIXED + len(self.table.documents)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if section < _FIXED:
            return ("Fact", "Value")[section]
        title = self.table.documents[section - _FIXED][1]
        return title if role == Qt.ItemDataRole.ToolTipRole else _clip(title)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.table.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return row.title
            if column == 1:
                return row.value_text()
            return self.table.cell_text(row, self.table.documents[column - _FIXED][0])
        if role == Qt.ItemDataRole.UserRole:
            return self.span_id(index.row(), column)
        return None

    def span_id(self, row: int, column: int) -> str | None:
        """The first span of a cell (None for the fact and value columns or an empty cell)."""
        if column < _FIXED:
            return None
        entries = self.table.rows[row].cells.get(self.table.documents[column - _FIXED][0])
        return entries[0].span_id if entries else None


class CompareView(QWidget):
    span_activated = Signal(object)  # Span

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = CompareTableModel(self)
        self.group_by = QComboBox()
        self.group_by.addItem("One row per figure", "value")
        self.group_by.addItem("One row per thing counted", "counts")
        self.export_button = QPushButton("Export CSV…")
        self.table_view = QTableView()
        self.table_view.setModel(self.model)
        self.table_view.setWordWrap(True)
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table_view.horizontalHeader().setDefaultSectionSize(220)
        self.table_view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # titles clip at the end
        )
        self.status = QLabel()  # what is still being read
        top = QHBoxLayout()
        top.addWidget(self.group_by)
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table_view)

        # Edits come in bursts: the rows they changed are shown once the burst is over.
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._on_timer_fired)
        self.group_by.currentIndexChanged.connect(self._read_again)
        self.export_button.clicked.connect(self._on_export)
        self.table_view.clicked.connect(self._on_clicked)
        controller.span_added.connect(self._on_span_added)
        controller.span_removed.connect(self._on_span_removed)
        controller.span_updated.connect(self._on_span_updated)
        controller.relations_changed.connect(self._on_relations_changed)
        controller.labels_changed.connect(self._read_again)
        controller.documents_changed.connect(self._on_documents_changed)
        # The controller stores a figure's value with each window edit; spans that came in
        # another way (an import, another program) are parsed once, here and after a change
        # of documents, not on every edit (that walks every figure span of the project).
        self._needs_sync = True
        self._source: CompareSource | None = None
        self._relations_stale = False
        self._changed = False
        # The reading under way: the long texts, the figure sync's next row, the source
        # being built (and the edits made since its snapshot), the rows still to fit.
        self._texts: Generator[None, None, None] | None = None
        self._sync_after: int | None = None
        self._building: Generator[None, None, None] | None = None
        self._waiting: list[tuple[Span | None, Span | None]] = []
        self._unfitted: Iterator[int] = iter(())
        self._slices = Slices(self, self._step)
        self._read_again()

    def reading(self) -> bool:
        """The project is still being read (the table shows what it showed before)."""
        return self._slices.isActive()

    def refresh(self) -> None:
        """Read the project again and rebuild the table now, all at once."""
        self._read_again()
        while self._step(float("inf")):
            pass

    def _read_again(self) -> None:
        """Start reading the project again, in slices (a new project, documents or labels,
        a new grouping)."""
        if self.controller.project.closed:
            return  # a signal queued before the window closed its project
        self._timer.stop()
        if self._building is not None:
            self._building.close()  # let go of its snapshot
        self._source, self._building, self._waiting = None, None, []
        self._unfitted = iter(())
        self._relations_stale = self._changed = False  # the snapshot is read after now
        self.status.setText("Reading the figures…")
        if self._texts is not None:
            self._texts.close()
        self._texts = self.controller.project.reading_long_texts()
        self._slices.start()

    def _source_read(self) -> bool:
        """The table is built (its rows may still be fitting their text)."""
        return self._texts is None and self._sync_after is None and self._building is None

    def _start_building(self) -> None:
        try:
            self._source = CompareSource(
                self.controller.project, group_by=self.group_by.currentData(), defer=True
            )
            self._building = self._source.building()
            next(self._building)  # its snapshot: every edit from now on waits in _waiting
        except (WorkbenchError, sqlite3.Error) as e:
            self._failed(e)

    def _failed(self, error: WorkbenchError | sqlite3.Error) -> None:
        self._building, self._source = None, None
        self.status.clear()
        message = str(error)
        if isinstance(error, sqlite3.Error):
            message = f"Cannot read the figures of {self.controller.project.path}: {error}."
        self.controller.report_error(message)

    def _step(self, deadline: float) -> bool:
        """Some of the reading, until `deadline`; whether any is left."""
        if self.controller.project.closed:
            return False  # a reading scheduled before the window closed its project
        while True:
            if self._texts is not None:
                try:
                    next(self._texts)
                except (StopIteration, WorkbenchError, sqlite3.Error, UnicodeDecodeError):
                    self._texts = None  # read (or, failing, read whole where needed)
                    self._sync_after = 0 if self._needs_sync else None
                    if self._sync_after is None:
                        self._start_building()
            elif self._sync_after is not None:
                self._sync_after = self.controller.sync_figures(self._sync_after, SYNC_SLICE)
                if self._sync_after is None:
                    self._needs_sync = False
                    self._start_building()
            elif self._building is not None:
                try:
                    next(self._building)
                    keep_for_the_session()  # the figures read, for as long as the view lives
                except (WorkbenchError, sqlite3.Error) as e:
                    self._failed(e)
                    return False
                except StopIteration:
                    self._built()
            else:
                row = next(self._unfitted, None)
                if row is None:
                    self.status.clear()
                    return False
                self.table_view.resizeRowToContents(row)
            if time.perf_counter() >= deadline:
                return True

    def _built(self) -> None:
        """The table as the snapshot was; then the edits made since."""
        self._building = None
        source = self._source
        assert source is not None
        for removed, added in self._waiting:
            source.apply(removed=removed, added=added)
        self._waiting = []
        self.model.set_table(source.table)
        self._unfitted = iter(range(self.model.rowCount()))
        if self._relations_stale:  # links made since the snapshot
            self._timer.start()

    def _follow(self, *, removed: Span | None = None, added: Span | None = None) -> None:
        if self._building is not None:
            self._waiting.append((removed, added))
            return
        if self._source is None:
            if self._source_read():  # the last read failed: try again after the burst
                self._timer.start()
            return  # the figure sync: the snapshot is read after it
        if self._source.apply(removed=removed, added=added):
            self._changed = True
            self._timer.start()

    def _on_span_added(self, span: Span) -> None:
        self._follow(added=span)

    def _on_span_removed(self, span: Span) -> None:
        self._follow(removed=span)

    def _on_span_updated(self, old: Span, new: Span) -> None:
        self._follow(removed=old, added=new)

    def _on_relations_changed(self) -> None:
        self._relations_stale = True
        self._timer.start()

    def _on_timer_fired(self) -> None:
        if self.controller.project.closed or not self._source_read():
            return  # the reading under way follows every edit
        if self._source is None:
            self._read_again()
            return
        if self._relations_stale:
            try:
                self._source.reload_relations()
            except WorkbenchError as e:
                self.controller.report_error(str(e))
                return
            self._relations_stale, self._changed = False, True
        if not self._changed:
            return
        self._changed = False
        for row in self.model.update_table(self._source.table):
            self.table_view.resizeRowToContents(row)

    def export_csv(self, path: str | Path) -> bool:
        try:
            refuse_project_files(self.controller.project, Path(path))
            write_csv(self.model.table, path)
        except WorkbenchError as e:
            self.controller.report_error(str(e))
            return False
        return True

    def _on_documents_changed(self) -> None:
        self._needs_sync = True
        self._read_again()

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the comparison", "comparison.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)

    def _on_clicked(self, index: QModelIndex) -> None:
        span_id = self.model.span_id(index.row(), index.column())
        if span_id is not None:
            span: Span = self.controller.project.span(span_id)
            self.span_activated.emit(span)


def _same(a: Row, b: Row) -> bool:
    return a is b or a == b


def _clip(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"
