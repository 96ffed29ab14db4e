"""Reviewing suggestions: accept (Enter) or reject (Backspace) one by one, or a label at once.

Enter on any member of an attribution group (source, claim, denial) accepts the group
with its links; Shift+Enter accepts only that member, Backspace rejects only it.

`SuggestionReviewer` makes every decision an operation run by the controller (one undoable
step; the controller announces the new spans), so every view follows.
`SuggestionPanel` lists the pending suggestions of the project.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.model import Span
from workbench.project import Project
from workbench.suggestion_groups import SuggestedLink, group_of, suggested_links
from workbench.suggestion_rows import Suggestion, suggestions
from workbench.ui.controller import ProjectController
from workbench.ui.shared.label_combo import show_whole_names
from workbench.wording import counted

if TYPE_CHECKING:  # the suggester itself is imported when it first runs
    from workbench.suggest import SuggestReport


def skipped_rules_message(report: SuggestReport, *, shown: int = 5) -> str | None:
    """The rules a run skipped for taking too long, for a message box (None: no rule was)."""
    if not report.warnings:
        return None
    lines = [w[0].upper() + w[1:] for w in report.warnings[:shown]]
    if len(report.warnings) > shown:
        lines.append(f"({len(report.warnings) - shown} more warnings like these.)")
    return "\n".join(lines)


class SuggestionReviewer(QObject):
    suggestions_changed = Signal()

    def __init__(self, controller: ProjectController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        controller.suggestions_changed.connect(self.suggestions_changed)

    @property
    def project(self) -> Project:
        return self.controller.project

    def run(self, *, labels: Sequence[str] | None = None) -> SuggestReport | None:
        try:
            report = self.controller.run_suggester(labels=labels)
        except WorkbenchError as e:
            self.controller.report_error(str(e))
            return None
        skipped = skipped_rules_message(report)
        if skipped:
            self.controller.report_error(skipped)
        return report

    def pending(
        self, *, document_id: str | None = None, labels: Sequence[str] | None = None
    ) -> list[Suggestion]:
        return suggestions(self.project, document_id=document_id, labels=labels)

    def accept_group(self, suggestion_id: str) -> list[str]:
        """Accept a suggestion with its group and the suggestions it links to."""
        return self.accept(group_of(self.project, suggestion_id))

    def accept(self, suggestion_ids: Sequence[str]) -> list[str]:
        """Turn suggestions into the analyst's spans, with the suggested links whose ends
        are spans now; returns the span ids."""
        return [s.id for s in self.controller.accept_suggestions(suggestion_ids)]

    def reject(self, suggestion_ids: Sequence[str]) -> None:
        self.controller.reject_suggestions(suggestion_ids)

    def accept_label(self, label: str) -> list[str]:
        return self.accept([s.id for s in self.pending(labels=[label])])

    def reject_label(self, label: str) -> None:
        self.reject([s.id for s in self.pending(labels=[label])])


class _SuggestionList(QListWidget):
    accept_pressed = Signal()
    accept_alone_pressed = Signal()
    reject_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.accept_alone_pressed.emit()
            else:
                self.accept_pressed.emit()
        elif event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.reject_pressed.emit()
        else:
            super().keyPressEvent(event)


class SuggestionPanel(QWidget):
    """Pending suggestions: Enter accepts the current one with its group, Shift+Enter
    only it, Backspace rejects it. A suggestion's links are shown after it (┄▸)."""

    suggestion_activated = Signal(object)  # Suggestion: show it in a pane

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reviewer = SuggestionReviewer(controller, self)
        self.controller = controller
        self.label_filter = QComboBox()
        show_whole_names(self.label_filter)
        self.run_button = QPushButton("Suggest")
        self.run_button.setToolTip(
            "Propose spans from the rules and from what was tagged (rejected ones stay away)"
        )
        self.accept_all = QPushButton("Accept all")
        self.reject_all = QPushButton("Reject all")
        self.list = _SuggestionList()
        self.summary = QLabel()
        top = QHBoxLayout()
        for w in (self.label_filter, self.run_button, self.accept_all, self.reject_all):
            top.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)

        self.run_button.clicked.connect(self._on_run)
        self.accept_all.clicked.connect(self._on_accept_all)
        self.reject_all.clicked.connect(self._on_reject_all)
        self.label_filter.currentIndexChanged.connect(self.refresh)
        self.list.accept_pressed.connect(self.accept_current)
        self.list.accept_alone_pressed.connect(self.accept_current_alone)
        self.list.reject_pressed.connect(self.reject_current)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.reviewer.suggestions_changed.connect(self.refresh)
        # A span over a suggestion answers it: after a burst of edits, the suggestions of
        # the documents edited are read again (only theirs), not inside each edit's frame.
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_fired)
        self._edited: set[str] = set()  # documents whose suggestions may have changed
        self._texts: dict[str, str] = {}  # document texts never change once imported
        controller.span_added.connect(self._on_span_changed)
        controller.span_removed.connect(self._on_span_changed)
        controller.span_updated.connect(self._on_span_updated)
        controller.labels_changed.connect(self._fill_labels)
        self._fill_labels()

    def _fill_labels(self) -> None:
        current = self.label_filter.currentData()
        self.label_filter.blockSignals(True)
        self.label_filter.clear()
        self.label_filter.addItem("All labels", None)
        for label in self.controller.project.labels():
            self.label_filter.addItem(label.name, label.name)
        index = self.label_filter.findData(current)
        self.label_filter.setCurrentIndex(max(index, 0))
        self.label_filter.blockSignals(False)
        self.refresh()

    def current_labels(self) -> list[str] | None:
        label = self.label_filter.currentData()
        return [label] if label else None

    def refresh(self) -> None:
        """List every pending suggestion of the project again."""
        if self.controller.project.closed:
            return  # a refresh scheduled before the window closed its project
        self._refresh_timer.stop()
        self._edited.clear()
        self._titles = self.controller.project.document_titles()
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        pending = self.reviewer.pending(labels=self.current_labels())
        links = self._links_among(
            pending, suggested_links(self.controller.project) if pending else []
        )
        for s in pending:
            self.list.addItem(self._item(s, links))
        self._keep_place(row)

    def _refresh_documents(self, document_ids: set[str]) -> None:
        """List the pending suggestions of these documents again (the others stay)."""
        order = {doc_id: i for i, doc_id in enumerate(self._titles)}
        if not document_ids <= order.keys():
            self.refresh()  # a document this list has not seen
            return
        row = self.list.currentRow()
        self.list.blockSignals(True)
        for document_id in sorted(document_ids, key=order.__getitem__):
            first, high = 0, self.list.count()  # items are in document order: bisect
            while first < high:
                middle = (first + high) // 2
                if order[self._at(middle).document_id] < order[document_id]:
                    first = middle + 1
                else:
                    high = middle
            while first < self.list.count() and self._at(first).document_id == document_id:
                self.list.takeItem(first)
            pending = self.reviewer.pending(document_id=document_id, labels=self.current_labels())
            links = self._links_among(
                pending,
                suggested_links(self.controller.project, document_id=document_id)
                if pending
                else [],
            )
            for n, s in enumerate(pending):
                self.list.insertItem(first + n, self._item(s, links))
        self._keep_place(row)

    @staticmethod
    def _links_among(
        pending: list[Suggestion], links: Iterable[SuggestedLink]
    ) -> dict[str, list[Suggestion]]:
        """For each pending suggestion, the pending ones it links to."""
        by_id = {s.id: s for s in pending}
        among: dict[str, list[Suggestion]] = {}
        for link in links:
            if link.head in by_id and link.tail in by_id:
                among.setdefault(link.head, []).append(by_id[link.tail])
        return among

    def _at(self, row: int) -> Suggestion:
        suggestion: Suggestion = self.list.item(row).data(Qt.ItemDataRole.UserRole)
        return suggestion

    def _item(self, s: Suggestion, links: dict[str, list[Suggestion]]) -> QListWidgetItem:
        text = self._texts.get(s.document_id) or self._texts.setdefault(
            s.document_id, self.controller.project.document(s.document_id).text
        )
        shown = f"{s.label}: {_short(text[s.start : s.end])}"
        for other in links.get(s.id, ()):
            shown += f"  ┄▸ {other.label}: {_short(text[other.start : other.end])}"
        item = QListWidgetItem(shown)
        item.setToolTip(f"{self._titles.get(s.document_id, '')} — rule {s.rule}")
        item.setData(Qt.ItemDataRole.UserRole, s)
        return item

    def _keep_place(self, row: int) -> None:
        if self.list.count():  # a refresh keeps the place without announcing it
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        self.list.blockSignals(False)
        self.summary.setText(f"{counted(self.list.count(), 'pending suggestion')}")

    def current(self) -> Suggestion | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def accept_current(self) -> None:
        """Accept the current suggestion with its group and links."""
        s = self.current()
        if s is not None:
            self.reviewer.accept_group(s.id)

    def accept_current_alone(self) -> None:
        s = self.current()
        if s is not None:
            self.reviewer.accept([s.id])

    def reject_current(self) -> None:
        s = self.current()
        if s is not None:
            self.reviewer.reject([s.id])

    def _on_run(self) -> None:
        report = self.reviewer.run(labels=self.current_labels())
        if report is not None:
            self.summary.setText(
                f"{report.added} new, {report.pending} pending, {report.rejected} rejected earlier"
            )

    def _on_accept_all(self) -> None:
        self.reviewer.accept([s.id for s in self.reviewer.pending(labels=self.current_labels())])

    def _on_reject_all(self) -> None:
        self.reviewer.reject([s.id for s in self.reviewer.pending(labels=self.current_labels())])

    def _on_current_changed(self, item: QListWidgetItem | None, _: object) -> None:
        if item is not None:
            self.suggestion_activated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_span_changed(self, span: Span) -> None:
        self._edited.add(span.document_id)
        self._refresh_timer.start()

    def _on_span_updated(self, old: Span, new: Span) -> None:
        if (old.start, old.end, old.label_id) != (new.start, new.end, new.label_id):
            self._on_span_changed(new)

    def _on_refresh_timer_fired(self) -> None:
        if self.controller.project.closed:
            return  # a refresh scheduled before the window closed its project
        edited, self._edited = self._edited, set()
        self._refresh_documents(edited)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
