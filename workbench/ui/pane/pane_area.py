"""The middle of the window: two to four article panes side by side in a splitter.

`PaneArea` opens documents into panes, closes and swaps them, keeps one pane active
and optionally scrolls them together. It knows nothing of menus or docks: the window
follows its signals.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from workbench.ui.controller import ProjectController
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.shared.screen_fit import set_minimum_widths
from workbench.ui.shared.window_settings import WindowSettings

MAX_PANES = 4
SPARE_AFTER_MS = 500  # idle time before the next pane is built ahead of its document


class PaneArea(QWidget):
    """The article panes; a placeholder when none is open."""

    panes_changed = Signal()  # opened, closed, swapped, or another document shown
    active_changed = Signal(object)  # the active ArticlePane
    pane_added = Signal(object)  # a new ArticlePane, before it shows a document
    message_posted = Signal(str)

    def __init__(
        self,
        controller: ProjectController,
        settings: WindowSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.panes: list[ArticlePane] = []
        self.active_pane: ArticlePane | None = None
        self.sync_scrolling = settings.sync_scroll
        self._syncing = False

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(6)
        self.placeholder = QLabel(
            "Double-click a document (or drag it here) to read it.\n"
            "Open a second one to compare them side by side."
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.splitter, 1)

        # The next pane, built while the window is idle and kept hidden at the end of the
        # splitter: building one and putting it into the splitter (Qt resolves the fonts
        # and palettes of its widgets again when they change parent: 6-8 ms of it) took
        # 9-14 of the 39-51 ms a 100k-character article took to open in one hour's probe.
        self._spare: ArticlePane | None = None
        self._spare_timer = QTimer(self)
        self._spare_timer.setSingleShot(True)
        self._spare_timer.setInterval(SPARE_AFTER_MS)
        self._spare_timer.timeout.connect(self._build_spare)
        self._spare_timer.start()

    def set_controller(self, controller: ProjectController) -> None:
        """Close every pane and follow another project's controller."""
        for pane in list(self.panes):
            self.close_pane(pane, announce=False)
        self.controller = controller
        if self._spare is not None:  # it follows the other project's signals
            self._spare.setParent(None)
            self._spare.deleteLater()
            self._spare = None
        self._spare_timer.start()
        self._update()

    # --- opening and closing ----------------------------------------------------

    def _build_spare(self) -> None:
        if (
            self._spare is None
            and len(self.panes) < MAX_PANES
            and not self.controller.project.closed
        ):
            self._spare = ArticlePane(self.controller, self.settings, self.splitter)
            self._spare.hide()  # explicitly: showing the splitter would show it
            self._spare.ensurePolished()

    def _new_pane(self) -> ArticlePane:
        pane, self._spare = self._spare, None
        if pane is None:
            pane = ArticlePane(self.controller, self.settings)
            self.splitter.addWidget(pane)
        pane.show()
        self._spare_timer.start()
        set_minimum_widths(panes=[pane], docks=[])
        pane.activated.connect(self._on_pane_activated)
        pane.close_requested.connect(self.close_pane)
        pane.swap_requested.connect(self.swap_pane)
        pane.document_dropped.connect(self._on_document_dropped)
        pane.message_posted.connect(self.message_posted)
        pane.marks.hovered.connect(self._on_link_hovered)
        pane.view.verticalScrollBar().valueChanged.connect(
            lambda value, p=pane: self._on_pane_scrolled(p, value)
        )
        self.panes.append(pane)
        self.splitter.setSizes([1000] * len(self.panes))
        self.pane_added.emit(pane)
        return pane

    def pane_of(self, document_id: str) -> ArticlePane | None:
        return next((p for p in self.panes if p.document_id == document_id), None)

    def open_document(
        self, document_id: str, *, new_pane: bool = False, here: bool = False
    ) -> ArticlePane | None:
        """Show a document: focus its pane if open, else a new pane (up to two, or when
        asked, up to four), else (or, `here`, at once) the active pane."""
        pane = self.pane_of(document_id)
        if pane is not None:
            self.set_active(pane)
            return pane
        count = len(self.panes)
        if not self.panes or (not here and count < MAX_PANES and (new_pane or count < 2)):
            pane = self._new_pane()
        else:
            pane = self.active_pane or self.panes[-1]
        if not pane.open_document(document_id):
            if pane.document_id is None:
                self.close_pane(pane)
            return None
        self.set_active(pane)
        self._update()
        return pane

    def open_twice(self, document_id: str) -> tuple[ArticlePane, ArticlePane] | None:
        """Show a document in two panes side by side (left, right), e.g. for two layers."""
        first = self.open_document(document_id)
        if first is None:
            return None
        second = next((p for p in self.panes if p is not first), None) or self._new_pane()
        if second.document_id != document_id and not second.open_document(document_id):
            return None
        self._update()
        left, right = sorted((first, second), key=self.panes.index)
        return left, right

    def restore(self, document_ids: Sequence[str]) -> None:
        """Open these documents, one pane each (as many as fit)."""
        for document_id in list(document_ids)[:MAX_PANES]:
            self.open_document(document_id, new_pane=True)

    def close_pane(self, pane: ArticlePane, *, announce: bool = True) -> None:
        if pane not in self.panes:
            return
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        if self.active_pane is pane:
            self.active_pane = self.panes[-1] if self.panes else None
        if self._spare is None:  # four were open: none was built ahead
            self._spare_timer.start()
        if announce:
            self._update()

    def close_removed(self) -> None:
        """Close the panes of documents the project no longer has (removed, an import
        undone, or deleted by another program)."""
        gone = [
            p
            for p in self.panes
            if p.document_id and not self.controller.project.has_document(p.document_id)
        ]
        for pane in gone:
            self.close_pane(pane)

    def swap_pane(self, pane: ArticlePane, direction: int) -> None:
        i = self.panes.index(pane)
        j = i + direction
        if not 0 <= j < len(self.panes):
            return
        sizes = self.splitter.sizes()
        self.panes[i], self.panes[j] = self.panes[j], self.panes[i]
        self.splitter.insertWidget(min(i, j), self.panes[min(i, j)])
        self.splitter.setSizes(sizes)
        self._update()

    def open_documents(self) -> list[str]:
        return [p.document_id for p in self.panes if p.document_id]

    def set_active(self, pane: ArticlePane) -> None:
        self.active_pane = pane
        for p in self.panes:
            p.setProperty("active", p is pane)
        self.active_changed.emit(pane)

    def apply_settings(self) -> None:
        for pane in [*self.panes, *filter(None, [self._spare])]:
            pane.apply_settings()

    def _update(self) -> None:
        has_panes = bool(self.panes)
        self.placeholder.setVisible(not has_panes)
        self.splitter.setVisible(has_panes)
        for i, pane in enumerate(self.panes):
            pane.left_button.setEnabled(i > 0)
            pane.right_button.setEnabled(i < len(self.panes) - 1)
        self.panes_changed.emit()

    # --- pane signals -------------------------------------------------------------

    def _on_pane_activated(self, pane: ArticlePane) -> None:
        if pane is not self.active_pane:
            self.set_active(pane)

    def _on_document_dropped(self, pane: ArticlePane, document_id: str) -> None:
        other = self.pane_of(document_id)
        if other is not None:
            self.set_active(other)
            return
        if pane.open_document(document_id):
            self.set_active(pane)
            self._update()

    def _on_link_hovered(self, span_ids: frozenset[str]) -> None:
        """Hovering a linked span highlights its other ends, whichever pane shows them."""
        for pane in self.panes:
            pane.marks.set_partners(span_ids)

    def _on_pane_scrolled(self, pane: ArticlePane, value: int) -> None:
        if not self.sync_scrolling or self._syncing:
            return
        source = pane.view.verticalScrollBar()
        fraction = value / source.maximum() if source.maximum() else 0.0
        self._syncing = True
        try:
            for other in self.panes:
                if other is not pane:
                    bar = other.view.verticalScrollBar()
                    bar.setValue(round(fraction * bar.maximum()))
        finally:
            self._syncing = False
