"""The find bar: search one document or all, step through the matches, tag them all."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from workbench.search import find_in_project
from workbench.ui.controller import ProjectController
from workbench.ui.shared.label_combo import show_whole_names

Match = tuple[str, int, int]  # document id, start, end (code points)


class FindBar(QWidget):
    """A search bar; Next/Previous announce each match, 'Tag all' labels every one at once."""

    match_activated = Signal(str, int, int)  # document id, start, end (code points)
    closed = Signal()

    THIS_DOCUMENT, ALL_DOCUMENTS = 0, 1

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._document_id: str | None = None
        self._matches: list[Match] | None = None  # None: not searched since the last change
        self._index = -1

        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText("Find")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setMinimumWidth(self.query_edit.fontMetrics().horizontalAdvance("x" * 24))
        self.match_case_check = QCheckBox("Aa")
        self.match_case_check.setToolTip("Match case")
        self.whole_words_check = QCheckBox("Words")
        self.whole_words_check.setToolTip("Whole words only")
        self.scope_combo = QComboBox()
        self.scope_combo.addItems(["This document", "All documents"])
        # Compact, so the query keeps its room in a narrow window.
        self.previous_button = QToolButton()
        self.previous_button.setText("▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setToolTip("Next match (Enter)")
        self.count_label = QLabel()
        self.label_combo = QComboBox()
        self.label_combo.setAccessibleName("Label for tag all")
        show_whole_names(self.label_combo)
        self.tag_all_button = QPushButton("Tag all")
        self.tag_all_button.setToolTip("Tag every match with the chosen label (one undo step)")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Esc)")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.query_edit, 1)
        for widget in (
            self.match_case_check,
            self.whole_words_check,
            self.scope_combo,
            self.previous_button,
            self.next_button,
            self.count_label,
            self.label_combo,
            self.tag_all_button,
            self.close_button,
        ):
            layout.addWidget(widget)

        self.query_edit.installEventFilter(self)
        self.query_edit.textChanged.connect(self._on_search_changed)
        self.match_case_check.toggled.connect(self._on_search_changed)
        self.whole_words_check.toggled.connect(self._on_search_changed)
        self.scope_combo.currentIndexChanged.connect(self._on_search_changed)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.tag_all_button.clicked.connect(self.tag_all)
        self.close_button.clicked.connect(self.close_bar)
        controller.labels_changed.connect(self._on_labels_changed)
        controller.documents_changed.connect(self._on_search_changed)

        self._fill_label_combo()
        self._update_state()

    # --- public --------------------------------------------------------------

    def set_current_document(self, document_id: str | None) -> None:
        """The document shown in the window: the scope of 'This document'."""
        if document_id == self._document_id:
            return
        self._document_id = document_id
        self._on_search_changed()

    def set_all_documents(self, all_documents: bool) -> None:
        scope = self.ALL_DOCUMENTS if all_documents else self.THIS_DOCUMENT
        self.scope_combo.setCurrentIndex(scope)

    def set_label(self, label_id: int) -> None:
        """Choose the label 'Tag all' applies."""
        index = self.label_combo.findData(label_id)
        if index >= 0:
            self.label_combo.setCurrentIndex(index)

    def focus_query(self) -> None:
        """Show the bar and put the cursor in the search field, its text selected."""
        self.show()
        self.query_edit.setFocus()
        self.query_edit.selectAll()

    def matches(self) -> list[Match]:
        """Every match in scope, in document order."""
        if self._matches is None:
            self._matches = self._search()
            self._index = -1
        return list(self._matches)

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def tag_all(self) -> list[str]:
        """Tag every match in scope with the chosen label as one undoable step.

        Matches this annotator already tagged with that label are skipped. Returns the
        ids of the new spans.
        """
        query = self.query_edit.text()
        label_id = self.label_combo.currentData()
        matches = self.matches()
        if not matches or label_id is None:
            return []
        project = self._controller.project
        label = project.label(label_id)
        tagged = {
            (s.document_id, s.start, s.end)
            for document_id in dict.fromkeys(m[0] for m in matches)
            for s in project.spans(document_id)
            if s.label_id == label_id and s.annotator == self._controller.annotator
        }
        new = [(d, s, e, label_id) for d, s, e in matches if (d, s, e) not in tagged]
        if not new:
            self.count_label.setText(f"All {len(matches)} already tagged as {label.name}")
            return []
        added = self._controller.add_spans(new, text=f"Tag all '{query}' as {label.name}")
        skipped = len(matches) - len(added)
        message = f"Tagged {len(added)} as {label.name}"
        if skipped:
            message += f" ({skipped} already tagged)"
        self.count_label.setText(message)
        return [span.id for span in added]

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    # --- events --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.query_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- slots ---------------------------------------------------------------

    def _on_search_changed(self, *args: object) -> None:
        self._matches = None
        self._index = -1
        self._update_state()

    def _on_labels_changed(self) -> None:
        self._fill_label_combo()

    # --- helpers -------------------------------------------------------------

    def _search(self) -> list[Match]:
        query = self.query_edit.text()
        if not query:
            return []
        if self.scope_combo.currentIndex() == self.ALL_DOCUMENTS:
            document_ids = None
        elif self._document_id is not None:
            document_ids = [self._document_id]
        else:
            return []
        return find_in_project(
            self._controller.project,
            query,
            document_ids=document_ids,
            match_case=self.match_case_check.isChecked(),
            whole_words=self.whole_words_check.isChecked(),
        )

    def _step(self, delta: int) -> None:
        matches = self.matches()
        if not matches:
            self._update_state()
            return
        if self._index == -1:
            # Start in the document on screen: its first match going forward, its last going back.
            here = [i for i, m in enumerate(matches) if m[0] == self._document_id]
            if here:
                self._index = here[0] if delta > 0 else here[-1]
            else:
                self._index = 0 if delta > 0 else len(matches) - 1
        else:
            self._index = (self._index + delta) % len(matches)
        self._update_state()
        document_id, start, end = matches[self._index]
        self.match_activated.emit(document_id, start, end)

    def _update_state(self) -> None:
        has_query = bool(self.query_edit.text())
        matches = self.matches() if has_query else []
        if not has_query:
            self.count_label.setText("")
        elif not matches:
            self.count_label.setText("No matches")
        elif self._index < 0:
            self.count_label.setText(f"{len(matches)} match{'es' if len(matches) != 1 else ''}")
        else:
            self.count_label.setText(f"{self._index + 1} of {len(matches)}")
        for button in (self.next_button, self.previous_button, self.tag_all_button):
            button.setEnabled(bool(matches))
        self.tag_all_button.setEnabled(bool(matches) and self.label_combo.count() > 0)

    def _fill_label_combo(self) -> None:
        current = self.label_combo.currentData()
        self.label_combo.blockSignals(True)
        self.label_combo.clear()
        for label in self._controller.project.labels():
            self.label_combo.addItem(label.name, label.id)
            self.label_combo.setItemData(
                self.label_combo.count() - 1, QColor(label.color), Qt.ItemDataRole.DecorationRole
            )
        index = self.label_combo.findData(current) if current is not None else 0
        self.label_combo.setCurrentIndex(max(index, 0))
        self.label_combo.blockSignals(False)
        self._update_state()
