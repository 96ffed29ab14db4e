"""Linking spans from the window: L (or "Link to…") on a selected span, then a click on
the other span in any pane; Escape cancels.

`Linking` wraps `LinkMode` with what the window needs: the status-bar prompt, a question
when the label pair does not imply a relation type, and an action to cancel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QWidget

from workbench.links import relation_name_for
from workbench.model import Relation, RelationType, Span
from workbench.ui.controller import ProjectController
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.pane.link_mode import LinkMode

PROMPT = "Click the span to link to… Esc cancels."


class Linking(QObject):
    prompt_changed = Signal(str)  # a lasting status-bar message ("" clears it)
    message_posted = Signal(str)  # a short one

    def __init__(
        self, controller: ProjectController, cancel_action: QAction, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.cancel_action = cancel_action
        self.mode = LinkMode(controller, choose_type=self._choose_type, parent=self)
        self.mode.started.connect(self._on_started)
        self.mode.finished.connect(self._on_finished)
        self.mode.refused.connect(self._on_refused)
        cancel_action.setEnabled(False)
        cancel_action.triggered.connect(self.cancel)

    def set_controller(self, controller: ProjectController) -> None:
        self.cancel()
        self.mode.controller = controller

    def watch(self, pane: ArticlePane) -> None:
        """Let a pane finish links (a click on a span) and start them ("Link to…")."""
        self.mode.watch(pane.span_selected)
        pane.link_requested.connect(lambda span, p=pane: self._on_link_requested(p, span))
        pane.escaped.connect(self.cancel)

    @property
    def active(self) -> bool:
        return self.mode.active

    def start(self, span: Span | None) -> bool:
        return self.mode.start(span)

    def cancel(self) -> None:
        self.mode.cancel()

    def _on_link_requested(self, pane: ArticlePane, span: Span) -> None:
        pane.select_span(span.id)
        self.start(span)

    def _on_started(self, head: Span) -> None:
        self.cancel_action.setEnabled(True)
        self.prompt_changed.emit(PROMPT)

    def _on_finished(self, relation: Relation | None) -> None:
        self.cancel_action.setEnabled(False)
        self.prompt_changed.emit("")
        if relation is None:
            self.message_posted.emit("Not linked.")
            return
        types = {t.id: t.name for t in self.mode.controller.project.relation_types()}
        name = types.get(relation.type_id, "link")
        self.message_posted.emit(f"Linked: {name}. Ctrl+Z undoes it.")

    def _on_refused(self) -> None:
        # The controller's reason ("already linked …") has replaced the prompt in the status
        # bar; "Not linked." (or clearing the prompt) would wipe it out.
        self.cancel_action.setEnabled(False)

    def _choose_type(
        self, head: Span, tail: Span, default: RelationType | None
    ) -> RelationType | None:
        project = self.mode.controller.project
        pair = (project.label(head.label_id).name, project.label(tail.label_id).name)
        if relation_name_for(*pair) is not None and default is not None:
            return default
        return self.ask_type(project.relation_types(), default, pair)

    def ask_type(
        self, types: list[RelationType], default: RelationType | None, labels: tuple[str, str]
    ) -> RelationType | None:
        """Ask which relation joins a pair of labels with no usual one (tests replace this)."""
        names = [t.name for t in types]
        if not names:
            return None
        current = names.index(default.name) if default is not None else 0
        name, ok = QInputDialog.getItem(
            self.parent_widget,
            "Link",
            f"How does this {labels[0]} relate to that {labels[1]}?",
            names,
            current,
            False,
        )
        return types[names.index(name)] if ok else None
