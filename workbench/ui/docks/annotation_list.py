"""The annotation list: every span in scope as a sortable, filterable table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.model import Span
from workbench.ui.controller import ProjectController
from workbench.ui.docks.span_table_model import SpanTableModel
from workbench.ui.shared.background import Slices
from workbench.ui.shared.elided_label import CountLabel
from workbench.ui.shared.label_combo import show_whole_names

_Index = QModelIndex | QPersistentModelIndex


class SpanFilterProxyModel(QSortFilterProxyModel):
    """Filters a SpanTableModel by label, annotator, document and a text substring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._label_id: int | None = None
        self._annotator: str | None = None
        self._document_id: str | None = None
        self._text = ""
        self._shows: Callable[[Span], bool] = lambda _span: True  # whose spans (blind mode)
        self.setSortRole(SpanTableModel.SortRole)
        self.setDynamicSortFilter(True)

    def set_label_id(self, label_id: int | None) -> None:
        self._change_filter("_label_id", label_id)

    def set_annotator(self, annotator: str | None) -> None:
        self._change_filter("_annotator", annotator)

    def set_document_id(self, document_id: str | None) -> None:
        self._change_filter("_document_id", document_id)

    def set_shows(self, shows: Callable[[Span], bool]) -> None:
        """Keep only the spans `shows` accepts (the window's annotator filter)."""
        self.beginFilterChange()
        self._shows = shows
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        """Keep spans whose text contains `text`, ignoring case."""
        self._change_filter("_text", text.casefold())

    def _change_filter(self, attribute: str, value: object) -> None:
        if getattr(self, attribute) == value:
            return
        self.beginFilterChange()
        setattr(self, attribute, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def multiData(
        self,
        index: _Index,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,  # noqa: N803 (Qt's name)
    ) -> None:
        # QSortFilterProxyModel would ask the source one role at a time.
        model = self.sourceModel()
        if isinstance(model, SpanTableModel):
            model.multiData(self.mapToSource(index), roleDataSpan)
        else:
            super().multiData(index, roleDataSpan)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, SpanTableModel) or source_parent.isValid():
            return True
        span = model.span_at(source_row)
        if not self._shows(span):
            return False
        if self._label_id is not None and span.label_id != self._label_id:
            return False
        if self._annotator is not None and span.annotator != self._annotator:
            return False
        if self._document_id is not None and span.document_id != self._document_id:
            return False
        return not self._text or self._text in model.span_text(span).casefold()


class AnnotationList(QWidget):
    """Spans of the open documents or of the whole project; selecting one activates it."""

    span_activated = Signal(object)  # Span

    ALL = "All"

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._open_documents: list[str] = []
        self._model_changing = False
        self._later: list[str] | None = None
        self._later_slice = Slices(self, self._on_later_due)
        controller.spans_read.connect(self._on_spans_read)

        self.model = SpanTableModel(controller, self, document_ids=[])
        self.proxy = SpanFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        # Connected before the view's selection model exists, so these run first: when a
        # removal or reset moves the current row, that is not the user activating a span.
        for about_to in (
            self.proxy.rowsAboutToBeRemoved,
            self.proxy.rowsAboutToBeInserted,
            self.proxy.modelAboutToBeReset,
            self.proxy.layoutAboutToBeChanged,
        ):
            about_to.connect(self._on_model_change_started)

        self.open_documents_button = QRadioButton("Open documents")
        self.whole_project_button = QRadioButton("Whole project")
        self.open_documents_button.setChecked(True)
        self._scope_group = QButtonGroup(self)
        self._scope_group.addButton(self.open_documents_button)
        self._scope_group.addButton(self.whole_project_button)

        self.label_filter = QComboBox()
        self.label_filter.setAccessibleName("Filter by label")
        show_whole_names(self.label_filter)
        self.annotator_filter = QComboBox()
        self.annotator_filter.setAccessibleName("Filter by annotator")
        self.document_filter = QComboBox()
        self.document_filter.setAccessibleName("Filter by document")
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter text…")
        self.text_filter.setClearButtonEnabled(True)
        # Its size never follows its text: see the text row below.
        self.count_label = CountLabel(
            "888,888 of 888,888 spans", alignment=Qt.AlignmentFlag.AlignRight
        )

        self.table = QTableView()
        self.table.setModel(self.proxy)
        # Unsorted until the analyst clicks a header: rows then stay in reading order, and
        # opening 20,000 spans does not sort them through Python calls one by one.
        self.table.horizontalHeader().setSortIndicatorClearable(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SpanTableModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)

        scope_row = QHBoxLayout()
        scope_row.addWidget(self.open_documents_button)
        scope_row.addWidget(self.whole_project_button)
        scope_row.addStretch(1)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.label_filter)
        filter_row.addWidget(self.annotator_filter)
        filter_row.addWidget(self.document_filter)
        filter_row.addStretch(1)
        # The text filter gets a row of its own (with the count): beside three combos in a
        # laptop's dock it was squeezed to "Fi…".
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(scope_row)
        layout.addLayout(filter_row)
        # The count beside the text filter. Sized by its text, in the top row, it widened
        # the dock at each new digit while a long article's 50,000 rows arrived, and the
        # article beside it was laid out again each time.
        text_row = QHBoxLayout()
        text_row.addWidget(self.text_filter, 1)
        text_row.addWidget(self.count_label)
        layout.addLayout(text_row)
        layout.addWidget(self.table, 1)

        for finished in (
            self.proxy.rowsRemoved,
            self.proxy.rowsInserted,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            finished.connect(self._on_model_change_finished)
        self.proxy.rowsInserted.connect(self._on_rows_changed)
        self.proxy.rowsRemoved.connect(self._on_rows_changed)
        self.proxy.modelReset.connect(self._on_rows_changed)
        self.model.rowsInserted.connect(self._on_rows_changed)
        self.model.rowsRemoved.connect(self._on_rows_changed)
        self.model.modelReset.connect(self._on_rows_changed)
        self.model.annotators_changed.connect(self._fill_annotator_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(self._on_row_activated)
        self.whole_project_button.toggled.connect(self._on_scope_toggled)
        self.label_filter.currentIndexChanged.connect(self._on_label_filter_changed)
        self.annotator_filter.currentIndexChanged.connect(self._on_annotator_filter_changed)
        self.document_filter.currentIndexChanged.connect(self._on_document_filter_changed)
        self.text_filter.textChanged.connect(self.proxy.set_text)
        controller.labels_changed.connect(self._on_labels_changed)
        controller.documents_changed.connect(self._on_documents_changed)
        self.proxy.set_shows(controller.annotator_filter.shows)
        controller.annotator_filter.changed.connect(self._on_shown_annotators_changed)

        self._fill_label_filter()
        self._fill_document_filter()
        self._fill_annotator_filter()
        self._update_count()

    # --- public --------------------------------------------------------------

    def set_open_documents(self, document_ids: Sequence[str]) -> None:
        """The documents open in the window; shown when the scope is 'Open documents'."""
        self._open_documents = list(document_ids)
        if not self.whole_project_button.isChecked():
            self.model.set_scope(self._open_documents)
            self._fill_document_filter()

    def set_open_documents_later(self, document_ids: Sequence[str]) -> None:
        """set_open_documents once the window has painted and a long article's spans have
        arrived (the list takes the spans the pane has read)."""
        self._later = list(document_ids)
        self._later_slice.start()

    def _on_later_due(self, deadline: float) -> bool:
        if self._controller.project.closed:  # not after the window closed its project
            return False
        if self._controller.reading_spans():
            return False  # the pane's slices are still arriving: on spans_read
        later, self._later = self._later, None
        if later is not None:
            self.set_open_documents(later)
        return False

    def _on_spans_read(self, document_id: str) -> None:
        if self._later is not None:
            self._later_slice.start()

    def set_whole_project(self, whole: bool) -> None:
        """Show the spans of the whole project (True) or of the open documents (False)."""
        (self.whole_project_button if whole else self.open_documents_button).setChecked(True)

    def is_whole_project(self) -> bool:
        return self.whole_project_button.isChecked()

    def visible_spans(self) -> list[Span]:
        """The spans shown, in the table's order."""
        self.model.finish_filling()
        return [
            self.proxy.index(row, 0).data(SpanTableModel.SpanRole)
            for row in range(self.proxy.rowCount())
        ]

    def select_span(self, span_id: str) -> bool:
        """Make a span the current row (without emitting span_activated); False if hidden."""
        row = self.model.row_of(span_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._model_changing = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._model_changing = False
        self.table.scrollTo(index)
        return True

    def current_span(self) -> Span | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(SpanTableModel.SpanRole) if index.isValid() else None

    def delete_current_span(self) -> None:
        """Delete the selected span through the controller (undoable)."""
        span = self.current_span()
        if span is not None and self.table.selectionModel().hasSelection():
            self._controller.delete_span(span.id)

    # --- events --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            self.delete_current_span()
            return True
        return super().eventFilter(watched, event)

    # --- slots ---------------------------------------------------------------

    def _on_model_change_started(self, *args: object) -> None:
        self._model_changing = True

    def _on_model_change_finished(self, *args: object) -> None:
        self._model_changing = False

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._model_changing or not current.isValid():
            return
        self.span_activated.emit(current.data(SpanTableModel.SpanRole))

    def _on_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.span_activated.emit(index.data(SpanTableModel.SpanRole))

    def _on_scope_toggled(self, whole: bool) -> None:
        self.model.set_scope(None if whole else self._open_documents)
        self._fill_document_filter()

    def _on_label_filter_changed(self, index: int) -> None:
        self.proxy.set_label_id(self.label_filter.itemData(index))

    def _on_annotator_filter_changed(self, index: int) -> None:
        self.proxy.set_annotator(self.annotator_filter.itemData(index))

    def _on_document_filter_changed(self, index: int) -> None:
        self.proxy.set_document_id(self.document_filter.itemData(index))

    def _on_labels_changed(self) -> None:
        self._fill_label_filter()

    def _on_documents_changed(self) -> None:
        project_ids = set(self._controller.project.document_ids())
        self._open_documents = [d for d in self._open_documents if d in project_ids]
        self._fill_document_filter()

    def _on_shown_annotators_changed(self) -> None:
        self.proxy.set_shows(self._controller.annotator_filter.shows)
        self._update_count()

    def _on_rows_changed(self, *args: object) -> None:
        self._update_count()

    # --- helpers -------------------------------------------------------------

    def _update_count(self) -> None:
        annotators = self._controller.annotator_filter
        shown = self.proxy.rowCount()
        if annotators.shown is None:  # everyone's spans: no need to look at each
            total = self.model.span_count()
        else:
            total = sum(1 for span in self.model.spans() if annotators.shows(span))
        noun = "span" if total == 1 else "spans"
        self.count_label.setText(f"{shown:,} of {total:,} {noun}")

    def _fill_combo(self, combo: QComboBox, all_text: str, items: list[tuple[str, object]]) -> None:
        """Refill a filter combo, keeping its choice when it still exists."""
        current = combo.currentData()
        wanted = [(all_text, None), *items]
        if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == wanted:
            return
        combo.blockSignals(True)
        combo.clear()
        for text, data in wanted:
            combo.addItem(text, data)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if combo.currentData() != current:
            combo.currentIndexChanged.emit(combo.currentIndex())

    def _fill_label_filter(self) -> None:
        labels = self._controller.project.labels()
        self._fill_combo(
            self.label_filter, "All labels", [(label.name, label.id) for label in labels]
        )
        for i, label in enumerate(labels, start=1):
            self.label_filter.setItemData(i, QColor(label.color), Qt.ItemDataRole.DecorationRole)

    def _fill_annotator_filter(self) -> None:
        names = self.model.annotators()
        current = self.annotator_filter.currentData()
        if current is not None and current not in names:
            names.append(current)  # keep the user's choice until they change it
        self._fill_combo(self.annotator_filter, "All annotators", [(n, n) for n in names])

    def _fill_document_filter(self) -> None:
        titles = self._controller.project.document_titles()  # no span counts: cheaper
        scope = self.model.scope()
        if scope is not None:
            titles = {doc_id: title for doc_id, title in titles.items() if doc_id in scope}
        self._fill_combo(
            self.document_filter,
            "All documents",
            [(title or doc_id, doc_id) for doc_id, title in titles.items()],
        )
