"""Linking two spans: start on a selected span (L), then select the other end in any pane.

`LinkMode` listens to the panes' `span_selected(Span)` signal, so it works across panes
without knowing how they draw. The relation type defaults by label pair
(workbench.links.default_relation_type); `choose_type` may ask the analyst instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance

from workbench.links import default_relation_type
from workbench.model import Relation, RelationType, Span
from workbench.ui.controller import ProjectController

TypeChooser = Callable[[Span, Span, RelationType | None], RelationType | None]


class LinkMode(QObject):
    started = Signal(object)  # the head Span
    finished = Signal(object)  # the new Relation, or None when cancelled
    refused = Signal()  # the project refused the link (the controller has said why)

    def __init__(
        self,
        controller: ProjectController,
        *,
        choose_type: TypeChooser | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.choose_type = choose_type
        self.head: Span | None = None

    def watch(self, span_selected: SignalInstance) -> None:
        """Follow a pane's span_selected signal (call for every pane)."""
        span_selected.connect(self._on_span_selected)

    @property
    def active(self) -> bool:
        return self.head is not None

    def start(self, head: Span | None) -> bool:
        if head is None:
            self.controller.report_error("Select a span first, then press L to link it.")
            return False
        self.head = head
        self.started.emit(head)
        return True

    def cancel(self) -> None:
        if self.head is not None:
            self.head = None
            self.finished.emit(None)

    def link_to(self, tail: Span) -> Relation | None:
        head, self.head = self.head, None
        if head is None:
            return None
        if tail.id == head.id:
            self.finished.emit(None)
            return None
        default = default_relation_type(self.controller.project, head.id, tail.id)
        kind = self.choose_type(head, tail, default) if self.choose_type else default
        if kind is None:
            self.finished.emit(None)
            return None
        relation = self.controller.add_relation(head.id, tail.id, kind.id)
        if relation is None:
            self.refused.emit()
        else:
            self.finished.emit(relation)
        return relation

    def _on_span_selected(self, span: Span | None) -> None:
        if self.head is not None and span is not None and span.id != self.head.id:
            self.link_to(span)
