"""A progress dialog for long tasks that report `progress(done, total)`.

It appears only when the task looks like it will take longer than half a second, blocks
input to the window meanwhile, and turns Cancel into `Cancelled` raised from the
callback, so the task stops where it is (imports and exports then leave nothing behind).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 500
Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """The analyst pressed Cancel in the progress dialog."""


@contextlib.contextmanager
def progress_dialog(parent: QWidget | None, text: str) -> Iterator[Progress]:
    """Yield a `progress(done, total)` callback that drives a window-modal dialog."""
    dialog = QProgressDialog(text, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Workbench")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def progress(done: int, total: int) -> None:
        if dialog.maximum() != total:
            dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))  # a modal dialog processes events here
        if dialog.wasCanceled():
            raise Cancelled

    try:
        yield progress
    finally:
        dialog.reset()
        dialog.deleteLater()
