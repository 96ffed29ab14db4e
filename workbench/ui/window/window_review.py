"""The window's search and review: the find bar under the panes and the suggester's
proposals, each opened in the pane they point to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout

from workbench.errors import WorkbenchError
from workbench.ui.window.window_projects import WindowProjects
from workbench.wording import counted

if TYPE_CHECKING:  # the find bar and the suggester are built when first asked for
    from workbench.suggest import SuggestReport
    from workbench.suggestion_rows import Suggestion
    from workbench.ui.dialogs.find_dialog import FindBar


class WindowReview(WindowProjects):
    """Find and suggestions; a part of `MainWindow`, which builds the layout they use."""

    _central_layout: QVBoxLayout
    _find_bar: FindBar | None

    # --- suggestions -----------------------------------------------------------

    def run_suggester(self) -> SuggestReport | None:
        """Propose spans in the open documents (all when none is open), with progress."""
        from workbench.ui.dialogs.progress import Cancelled, progress_dialog
        from workbench.ui.docks.suggestion_review import skipped_rules_message

        ids = self.pane_area.open_documents() or self.controller.project.document_ids()
        try:
            with progress_dialog(self, "Looking for suggestions…") as progress:
                report = self.controller.run_suggester(document_ids=set(ids), progress=progress)
        except Cancelled:
            report = None
        except WorkbenchError as e:
            self.show_error(str(e), modal=True)
            return None
        skipped = skipped_rules_message(report) if report is not None else None
        if skipped:
            self.show_error(skipped, modal=True)
        elif report is not None:
            self.show_message(
                f"{counted(report.added, 'new suggestion')}, {report.pending} pending. Click "
                "one, then Enter accepts it with its group and Backspace rejects it."
            )
        return report

    def decide_suggestion(self, suggestion: Suggestion, accept: bool) -> None:
        reviewer = self.analysis.reviewer
        if accept:
            reviewer.accept_group(suggestion.id)
        else:
            reviewer.reject([suggestion.id])

    def _on_suggestion_accepted_alone(self, suggestion: Suggestion) -> None:
        self.analysis.reviewer.accept([suggestion.id])

    def show_suggestion(self, suggestion: Suggestion) -> None:
        """Open the suggestion's document and select it there (focus stays where it is)."""
        pane = self.pane_area.open_document(suggestion.document_id)
        if pane is not None:
            pane.select_suggestion(suggestion)

    # --- find ------------------------------------------------------------------

    @property
    def find_bar(self) -> FindBar:
        """The find bar under the panes (built, hidden, when first asked for)."""
        if self._find_bar is None:
            from workbench.ui.dialogs.find_dialog import FindBar

            self._find_bar = FindBar(self.controller)
            self._find_bar.match_activated.connect(self._on_match_activated)
            self._find_bar.closed.connect(self._on_find_closed)
            self._find_bar.hide()
            self._central_layout.addWidget(self._find_bar)
        return self._find_bar

    def _on_match_activated(self, document_id: str, start: int, end: int) -> None:
        pane = self.pane_area.open_document(document_id)
        if pane is not None:
            pane.select_span(None)
            pane.select_range(start, end)
            pane.view.setFocus()

    def show_find(self) -> None:
        pane = self.pane_area.active_pane
        if pane is not None:
            self.find_bar.set_current_document(pane.document_id)
        self.find_bar.focus_query()

    def find_step(self, delta: int) -> None:
        """The next (previous) match of the find bar's search; the bar itself when there is
        no search to step through."""
        bar = self._find_bar
        if bar is None or not bar.isVisible() or not bar.query_edit.text():
            self.show_find()
            return
        if delta > 0:
            bar.find_next()
        else:
            bar.find_previous()

    def _on_find_closed(self) -> None:
        pane = self.pane_area.active_pane
        if pane is not None:
            pane.view.setFocus()
