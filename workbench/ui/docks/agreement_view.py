"""The Agreement dock: a pair × label matrix of one measure, and the disagreements behind it.

Each cell holds the measure's value with its count of units (spans for the F1 scores,
characters for kappa), coloured by strength. Clicking a cell lists that pair's
disagreements on the label; activating one opens its document showing both annotators'
layers side by side (A's in the left pane, B's in the right), each version selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.disagreements import Disagreement, disagreements
from workbench.errors import WorkbenchError
from workbench.ui.controller import ProjectController

if TYPE_CHECKING:  # the measures (numpy, krippendorff) load when the dock first computes
    from workbench.agreement import AgreementResult, PairScores

MEASURES = (("exact_f1", "Exact F1"), ("overlap_f1", "Overlap F1"), ("kappa", "Cohen's κ"))
ALL = "all"
RELATIONS = "relations"
KIND_TEXT = {"boundaries": "boundaries differ", "only_a": "only {a}", "only_b": "only {b}"}


def strength_color(value: float | None) -> QColor:
    """Red (≤ 0.4) through yellow to green (≥ 0.8); grey when there is no value."""
    if value is None:
        return QColor("#dddddd")
    t = min(max((value - 0.4) / 0.4, 0.0), 1.0)
    red, green = QColor("#f4a6a6"), QColor("#a6e3a6")
    yellow = QColor("#f6e39a")
    low, high, f = (red, yellow, t * 2) if t < 0.5 else (yellow, green, t * 2 - 1)
    return QColor.fromRgbF(
        low.redF() + (high.redF() - low.redF()) * f,
        low.greenF() + (high.greenF() - low.greenF()) * f,
        low.blueF() + (high.blueF() - low.blueF()) * f,
    )


class AgreementView(QWidget):
    """Agreement of every pair of annotators, refreshed on demand."""

    # (Disagreement, (annotator A, annotator B)): show it, each layer in a pane of its own
    disagreement_activated = Signal(object, object)

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.result: AgreementResult | None = None
        self.shown: list[Disagreement] = []
        self.pair: tuple[str, str] | None = None
        self.measure = QComboBox()
        for key, text in MEASURES:
            self.measure.addItem(text, key)
        self.refresh_button = QPushButton("Refresh")
        self.summary = QLabel()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.list = QListWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel("Measure"))
        top.addWidget(self.measure)
        top.addWidget(self.refresh_button)
        top.addWidget(self.summary, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.measure.currentIndexChanged.connect(self._on_measure_changed)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.cellClicked.connect(self._on_cell_clicked)
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.itemClicked.connect(self._on_item_activated)

    def refresh(self) -> None:
        """Compute the agreement again from the project file."""
        try:
            from workbench.agreement import compute_agreement

            self.result = compute_agreement(self.controller.project)
        except WorkbenchError as e:
            self.result = None
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.summary.setText(str(e))
            return
        self.summary.setText(
            f"{len(self.result.annotators)} annotators, {self.result.documents} documents"
        )
        self._fill()

    def _fill(self) -> None:
        result = self.result
        if result is None:
            return
        measure = str(self.measure.currentData())
        columns = [*result.labels, ALL, RELATIONS]
        self.table.clear()
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setRowCount(len(result.pairs))
        self.table.setVerticalHeaderLabels([" × ".join(p.annotators) for p in result.pairs])
        for row, pair in enumerate(result.pairs):
            for column, name in enumerate(columns):
                if name == RELATIONS:
                    value, units = pair.relations_f1, pair.relations[0] + pair.relations[1]
                else:
                    scores = pair.all if name == ALL else pair.labels[name]
                    value, units = _value(scores, measure)
                text = "–" if value is None else f"{value:.2f}"
                item = QTableWidgetItem(f"{text}  ({units:,})")
                item.setBackground(strength_color(value))
                item.setForeground(QColor("black"))
                item.setToolTip(
                    f"{' and '.join(pair.annotators)} on {name}: {text} over "
                    f"{units:,} {'characters' if measure == 'kappa' else 'spans'}"
                )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def _on_measure_changed(self, _index: int) -> None:
        self._fill()

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _on_cell_clicked(self, row: int, column: int) -> None:
        if self.result is None:
            return
        pair = self.result.pairs[row]
        header = self.table.horizontalHeaderItem(column)
        if header is None:
            return
        name = header.text()
        label = None if name in (ALL, RELATIONS) else name
        self.pair = pair.annotators
        self.shown = disagreements(self.controller.project, *pair.annotators, label=label)
        project = self.controller.project
        titles = project.document_titles()
        texts: dict[str, str] = {}
        self.list.clear()
        a, b = pair.annotators
        for d in self.shown:
            if d.document_id not in texts:
                texts[d.document_id] = project.document(d.document_id).text
            text = texts[d.document_id][d.start : d.end]
            kind = KIND_TEXT[d.kind].format(a=a, b=b)
            item = QListWidgetItem(
                f"{titles[d.document_id][:30]} · {d.label} · {kind}: “{text[:60]}”"
            )
            self.list.addItem(item)
        if not self.shown:
            self.list.addItem("No disagreements.")

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if not 0 <= row < len(self.shown) or self.pair is None:
            return
        self.disagreement_activated.emit(self.shown[row], self.pair)


def _value(scores: PairScores, measure: str) -> tuple[float | None, int]:
    if measure == "kappa":
        return scores.kappa, scores.characters
    value = scores.exact_f1 if measure == "exact_f1" else scores.overlap_f1
    return value, scores.spans_a + scores.spans_b
