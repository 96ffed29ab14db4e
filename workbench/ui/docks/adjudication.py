"""The Adjudicate dock: settle one document's versions into the adjudicated layer.

Lists the annotators' versions of each span in the active document, coloured agreed /
disagreed / only one annotator, with ✓ on those already in the adjudicated layer. Keys on
the list: A or Enter accepts the selected version (replacing another version of the same
span), R or Delete rejects them all, E accepts and selects the copy in the pane so its
edges can be moved there; *Accept all agreed* copies every version all annotators share.
Each step is one undoable edit through the controller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.adjudicate import Candidate, candidates
from workbench.edits import AcceptAgreed, AcceptVersion, Operation, RemoveSpans
from workbench.model import Span
from workbench.ui.controller import ProjectController

DEFAULT_LAYER = "curator"
STATE_COLORS = {"agreed": "#c8ecc8", "disagreed": "#f8d7a8", "only": "#dde4f0"}
STATE_TEXT = {"agreed": "agreed", "disagreed": "disagreed", "only": "one annotator"}


class _CandidateList(QListWidget):
    key_pressed = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (
            Qt.Key.Key_A,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_R,
            Qt.Key.Key_Delete,
            Qt.Key.Key_E,
        ):
            self.key_pressed.emit(event.key())
            return
        super().keyPressEvent(event)


class AdjudicationPanel(QWidget):
    span_edit_requested = Signal(object)  # the adjudicated Span to select in its pane
    # document id, the annotators, the adjudicated layer: show them in two panes
    side_by_side_requested = Signal(str, object, str)

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.document_id: str | None = None
        self.candidates: list[Candidate] = []
        self.rejected: set[tuple[str, int, int, int]] = set()
        self._deciding = False  # one reload after a decision, not one per span it adds
        self._stale = False  # an edit came while hidden: reload when shown
        self.layer_name = QLineEdit(DEFAULT_LAYER)
        self.layer_name.setToolTip("The annotator whose layer receives the adjudicated spans")
        self.accept_agreed_button = QPushButton("Accept all agreed")
        self.side_by_side_button = QPushButton("Side by side")
        self.side_by_side_button.setToolTip(
            "The annotators' versions in the left pane, the adjudicated layer in the right"
        )
        self.title = QLabel("Open a document to adjudicate it.")
        self.title.setWordWrap(True)
        self.list = _CandidateList()
        row = QHBoxLayout()
        row.addWidget(QLabel("Into"))
        row.addWidget(self.layer_name, 1)
        row.addWidget(self.accept_agreed_button)
        row.addWidget(self.side_by_side_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel("A / Enter accept · R / Delete reject · E accept and edit"))
        self.accept_agreed_button.clicked.connect(self.accept_all_agreed)
        self.side_by_side_button.clicked.connect(self.show_side_by_side)
        self.list.key_pressed.connect(self._on_key_pressed)
        self.layer_name.editingFinished.connect(self.reload)
        for signal in (controller.span_added, controller.span_removed):
            signal.connect(self._on_span_changed)
        controller.span_updated.connect(self._on_span_updated)

    @property
    def into(self) -> str:
        return self.layer_name.text().strip() or DEFAULT_LAYER

    def set_document(self, document_id: str | None) -> None:
        self.document_id = document_id
        self.reload()

    def reload(self) -> None:
        """List the versions again; while the panel is hidden, only once it shows (an edit
        in the article must not pay for a list nobody sees)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _fill(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        self.candidates = []
        if self.document_id is None:
            self.title.setText("Open a document to adjudicate it.")
            return
        project = self.controller.project
        self.title.setText(f"Adjudicating “{project.document_titles()[self.document_id]}”")
        self.candidates = candidates(project, self.document_id, into=self.into)
        agreeing = len(self._annotators()) > 1
        self.accept_agreed_button.setEnabled(agreeing)
        self.accept_agreed_button.setToolTip(
            "Copy every span all the annotators share into the layer"
            if agreeing
            else "Only one annotator has spans in this document: nothing to agree on"
        )
        text = project.document(self.document_id).text
        names = {lb.id: lb.name for lb in project.labels()}
        for c in self.candidates:
            s = c.span
            mark = "✓ " if c.adopted else ("✗ " if self._key(c) in self.rejected else "")
            item = QListWidgetItem(
                f"{mark}{names[s.label_id]} “{text[s.start : s.end][:70]}” — "
                f"{', '.join(c.annotators)} ({STATE_TEXT[c.state]})"
            )
            item.setBackground(QColor(STATE_COLORS[c.state]))
            item.setForeground(QColor("black"))
            self.list.addItem(item)
        if self.candidates:
            self.list.setCurrentRow(min(max(current, 0), len(self.candidates) - 1))

    def _key(self, c: Candidate) -> tuple[str, int, int, int]:
        s = c.span
        return (s.document_id, s.start, s.end, s.label_id)

    def current(self) -> Candidate | None:
        row = self.list.currentRow()
        return self.candidates[row] if 0 <= row < len(self.candidates) else None

    # --- decisions -------------------------------------------------------------

    def accept_current(self) -> Span | None:
        """Put the selected version into the layer, instead of any other version of it."""
        c = self.current()
        if c is None:
            return None
        if c.adopted is not None:
            return c.adopted
        self._deciding = True
        try:
            applied = self.controller.adjudicate(
                [*self._rivals(c), AcceptVersion(c.span.id, self.into)], text="Accept version"
            )
        finally:
            self._deciding = False
        copy = None if applied is None else applied.record.spans_added[-1]
        self.rejected.discard(self._key(c))
        self.reload()
        return copy

    def reject_current(self) -> None:
        """None of the versions of this span goes into the layer."""
        c = self.current()
        if c is None:
            return
        self._deciding = True
        try:
            self.controller.adjudicate(self._rivals(c, including_self=True), text="Reject versions")
        finally:
            self._deciding = False
        self.rejected.add(self._key(c))
        self.reload()

    def _rivals(self, c: Candidate, *, including_self: bool = False) -> list[Operation]:
        """The removal of the layer's copies that overlap the candidate with its label."""
        s = c.span
        rivals = []
        for other in self.candidates:
            o = other.adopted
            if o is None or (other is c and not including_self):
                continue
            if o.label_id == s.label_id and o.start < s.end and s.start < o.end:
                rivals.append(o.id)
        return [RemoveSpans(tuple(rivals))] if rivals else []

    def _annotators(self) -> list[str]:
        """Who has versions in the document (read now if the list waits to be shown)."""
        found = self.candidates
        if self._stale and self.document_id is not None:
            found = candidates(self.controller.project, self.document_id, into=self.into)
        return sorted({a for c in found for a in c.annotators})

    def show_side_by_side(self) -> None:
        if self.document_id is not None:
            self.side_by_side_requested.emit(self.document_id, self._annotators(), self.into)

    def accept_all_agreed(self) -> None:
        if self.document_id is None:
            return
        others = self._annotators()
        if len(others) < 2:
            return  # (the button is disabled): one annotator agrees with nobody
        self._deciding = True
        try:
            self.controller.adjudicate(
                [AcceptAgreed(self.into, tuple(others), document_ids=(self.document_id,))],
                text="Accept all agreed",
            )
        finally:
            self._deciding = False
        self.reload()

    def _on_key_pressed(self, key: int) -> None:
        if key in (Qt.Key.Key_A, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_current()
        elif key in (Qt.Key.Key_R, Qt.Key.Key_Delete):
            self.reject_current()
        elif key == Qt.Key.Key_E:
            copy = self.accept_current()
            if copy is not None:
                self.span_edit_requested.emit(copy)

    def _on_span_changed(self, span: Span) -> None:
        if span.document_id == self.document_id and not self._deciding:
            self.reload()

    def _on_span_updated(self, _old: Span, new: Span) -> None:
        self._on_span_changed(new)
