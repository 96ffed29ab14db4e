"""The window's status bar and message boxes: counts, short messages, errors."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from workbench.ui.controller import ProjectController
from workbench.ui.shared.elided_label import CountLabel

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

log = logging.getLogger("workbench.ui.window.main_window")

STATUS_MESSAGE_MS = 6000


class WindowMessages(QMainWindow):
    """What the window tells the analyst; a part of `MainWindow`, which sets these up."""

    controller: ProjectController
    counts_label: CountLabel
    annotator_label: QLabel
    last_error: str
    _boxes: list[QMessageBox]
    _document_count: int
    _span_count: int

    # --- status and errors -----------------------------------------------------------

    def _on_changed_outside(self) -> None:
        self.controller.reload()
        self.show_message("Another program changed the project file; the window shows it now.")

    def _on_span_count_changed(self, delta: int) -> None:
        self._span_count += delta
        self._show_counts()

    def _on_counts_changed(self, *args: object) -> None:
        project = self.controller.project
        self._document_count = len(project.document_ids())
        self._span_count = self.controller.annotator_filter.count(project)
        self._show_counts()

    def _show_counts(self) -> None:
        documents, spans = self._document_count, self._span_count
        self.counts_label.setText(
            f"{documents:,} document{'s' if documents != 1 else ''} · "
            f"{spans:,} span{'s' if spans != 1 else ''}"
        )
        self.annotator_label.setText(f"Annotator: {self.controller.annotator}")

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _on_error_raised(self, message: str) -> None:
        self.show_error(message)

    def show_error(self, message: str, *, modal: bool = False) -> None:
        """Edits that fail go to the status bar; project errors also open a message box."""
        self.last_error = message
        log.warning("%s", message)
        self.statusBar().showMessage(f"⚠ {message}", STATUS_MESSAGE_MS * 2)
        if modal:
            box = QMessageBox(QMessageBox.Icon.Warning, "Workbench", message, parent=self)
            self.open_box(box)

    def open_box(self, box: QMessageBox) -> None:
        self._boxes.append(box)
        box.finished.connect(lambda _=0, b=box: self._boxes.remove(b) if b in self._boxes else None)
        box.open()

    def saved_state(self) -> tuple[QByteArray, QByteArray]:
        return self.saveGeometry(), self.saveState()
