"""A first run that teaches: a hint above the articles that says how to tag, link and
export, until the analyst has tagged something or closes it.

Spans by the sample's example annotator do not count as the analyst's own, so the
sample opens with its examples and the hint; the first span the analyst makes (or the
✕) puts it away for good.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from workbench.model import Span
from workbench.sample import EXAMPLE_ANNOTATOR
from workbench.ui.controller import ProjectController
from workbench.ui.shared.window_settings import WindowSettings

HINT_TEXT = (
    "<b>Tag:</b> select words and press <b>1–4</b> (or click a label above). "
    "<b>Link:</b> click a span, press <b>L</b>, click the span it links to. "
    "<b>Export:</b> File › Export… (Ctrl+E). Every edit is saved at once; "
    "Ctrl+Z undoes. The first article shows a few examples."
)


def has_own_spans(controller: ProjectController) -> bool:
    """True once anyone but the sample's examples has tagged something."""
    if controller.project.span_count() == 0:
        return False
    from workbench.stats import project_stats  # only until the hint is put away

    by_annotator = project_stats(controller.project).by_annotator
    return any(name != EXAMPLE_ANNOTATOR for name in by_annotator)


class FirstRunHint(QFrame):
    """The dismissable hint bar; hidden for good once dismissed or once a span is made."""

    dismissed = Signal()

    def __init__(self, settings: WindowSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("firstRunHint")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.label = QLabel(HINT_TEXT)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Hide this hint for good")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._on_close_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._controller: ProjectController | None = None
        # The settings file is written a moment after the first tag, not in its key press
        # (1.4 ms); should the window close first, the project's own spans keep it hidden.
        self._remember = QTimer(self, singleShot=True, interval=1000)
        self._remember.timeout.connect(self._remember_done)
        self.hide()

    def follow(self, controller: ProjectController) -> None:
        """Show the hint for this project unless it is no longer needed."""
        if self._controller is not None:
            self._controller.span_added.disconnect(self._on_span_added)
        self._controller = controller
        controller.span_added.connect(self._on_span_added)
        self.setVisible(not self.settings.first_run_done and not has_own_spans(controller))

    def _on_span_added(self, span: Span) -> None:
        if span.annotator != EXAMPLE_ANNOTATOR and not self._remember.isActive():
            if self.settings.first_run_done and self.isHidden():
                return  # every later tag: no settings file written again
            self.hide()
            self._remember.start()

    def _on_close_clicked(self) -> None:
        self._remember_done()
        self.dismissed.emit()

    def _remember_done(self) -> None:
        self._remember.stop()
        self.settings.first_run_done = True
        self.settings.sync()
        self.hide()
