"""An article pane's keys and mouse: label keys, edge moves, clicks that cycle overlapping
spans, tooltips, the context menu and dropped documents (a part of `ArticlePane`)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QMimeData, QPoint, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu

from workbench.model import Label, Span
from workbench.ui.pane.article_view import DOCUMENT_MIME
from workbench.ui.pane.pane_spans import PaneSpans
from workbench.ui.shared.shortcuts import edge_move_for


class PaneInput(PaneSpans):
    """What the analyst does with keys and mouse in one pane; mixed into `ArticlePane`."""

    activated: SignalInstance
    document_dropped: SignalInstance
    link_requested: SignalInstance
    escaped: SignalInstance
    _last_click: tuple[int, list[str], int] | None

    # --- keys and mouse --------------------------------------------------------

    def _label_for_key(self, event: QKeyEvent) -> Label | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return None
        text = event.text()
        if not text:
            return None
        return next((label for label in self._labels.values() if label.shortcut == text), None)

    def wants_key(self, event: QKeyEvent) -> bool:
        if self.marks.wants_key(event) or self._label_for_key(event) is not None:
            return True
        if edge_move_for(event, self.settings) is not None and self.selected_span() is not None:
            return True
        key = event.key()
        if key == Qt.Key.Key_Escape and (
            self.selected_span() or self.view.textCursor().hasSelection()
        ):
            return True
        return key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_span() is not None

    def handle_key(self, event: QKeyEvent) -> bool:
        if self.marks.handle_key(event):
            return True
        label = self._label_for_key(event)
        if label is not None:
            self.tag(label.id)
            return True
        key, mods = event.key(), event.modifiers()
        ctrl = Qt.KeyboardModifier.ControlModifier
        alt = Qt.KeyboardModifier.AltModifier
        edge_move = edge_move_for(event, self.settings)
        if edge_move is not None and self.selected_span():
            self.move_edge(*edge_move)
            return True
        if key == Qt.Key.Key_Escape:
            cursor = self.view.textCursor()
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
            self.select_span(None)
            self.escaped.emit()
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.selected_span():
            self.delete_selected_span()
            return True
        if key == Qt.Key.Key_N and not mods & (ctrl | alt) and self.selected_span():
            self.edit_note()
            return True
        return False

    def on_focused(self) -> None:
        self.activated.emit(self)

    def on_mouse_released(self, pos: QPoint) -> None:
        cursor = self.view.textCursor()
        if cursor.hasSelection():
            self._last_click = None
            if self.selected_span_id is not None:
                self.select_span(None)
            if self.settings.snap_words and self.snapper is not None:
                selection = self.selection()
                assert selection is not None
                self.select_range(*self.snapper.snap(*selection, words=True))
            return
        self.click_at(self._cp_at(pos))

    def click_at(self, cp: int | None) -> None:
        """A click on the text: select the span there; clicking again cycles overlaps."""
        spans = self.spans_at(cp) if cp is not None else []
        if cp is None or not spans:
            self._last_click = None
            suggestions = self.marks.at(cp) if cp is not None else []
            self.select_suggestion(suggestions[0] if suggestions else None)
            return
        ids = [s.id for s in spans]
        index = 0
        if self._last_click and self._last_click[1] == ids and self._last_click[0] == cp:
            index = (self._last_click[2] + 1) % len(ids)
        elif self.selected_span_id in ids and len(ids) > 1 and self._last_click is None:
            index = (ids.index(self.selected_span_id) + 1) % len(ids)
        self._last_click = (cp, ids, index)
        self.select_span(ids[index])
        if len(ids) > 1:
            self.message_posted.emit(
                f"{len(ids)} spans overlap here; click again to select the next one."
            )

    def tooltip_at(self, pos: QPoint) -> str:
        cp = self._cp_at(pos)
        if cp is None:
            return ""
        parts = []
        for span in self.spans_at(cp):
            label = self._labels.get(span.label_id)
            name = label.name if label else "?"
            color = label.color if label else "#999"
            note = f"<br><i>{_escape(span.note)}</i>" if span.note else ""
            parts.append(
                f"<b style='color:{color}'>■</b> <b>{_escape(name)}</b>"
                f" — {_escape(span.annotator)}{note}"
            )
        marks = self.marks.tooltip(cp)
        return "<br>".join(parts + ([marks] if marks else []))

    def on_mouse_moved(self, pos: QPoint | None) -> None:
        self.marks.hover(self._cp_at(pos) if pos is not None else None)

    def context_menu(self, pos: QPoint) -> QMenu:
        menu = self.view.createStandardContextMenu(pos)
        cp = self._cp_at(pos)
        spans = self.spans_at(cp) if cp is not None else []
        if self.view.textCursor().hasSelection():
            tag_menu = menu.addMenu("Tag selection as")
            for label in self._labels.values():
                action = tag_menu.addAction(_label_text(label))
                action.triggered.connect(lambda _=False, lid=label.id: self._tag_selection(lid))
        for span in spans:
            span_label = self._labels.get(span.label_id)
            name = span_label.name if span_label else "?"
            sub = menu.addMenu(f"Span: {name} “{self._excerpt(span)}”")
            sub.addAction("Select", partial(self.select_span, span.id))
            sub.addAction("Link to…\tL", partial(self.link_requested.emit, span))
            relabel = sub.addMenu("Relabel as")
            for other in self._labels.values():
                action = relabel.addAction(_label_text(other))
                action.triggered.connect(
                    lambda _=False, sid=span.id, lid=other.id: self.controller.relabel_span(
                        sid, lid
                    )
                )
            sub.addAction("Edit note…", partial(self._edit_note_of, span.id))
            sub.addAction("Delete", partial(self.controller.delete_span, span.id))
        for suggestion in self.marks.at(cp) if cp is not None else []:
            sub = menu.addMenu(f"Suggested {suggestion.label}")
            for text, accept in (("Accept\tEnter", True), ("Reject\tBackspace", False)):
                sub.addAction(text, partial(self.marks.decided.emit, suggestion, accept))
        return menu

    def _edit_note_of(self, span_id: str) -> None:
        self.select_span(span_id)
        self.edit_note()

    def _tag_selection(self, label_id: int) -> None:
        self.select_span(None)
        self.tag(label_id)

    def _excerpt(self, span: Span) -> str:
        assert self.document is not None
        text = self.document.text[span.start : span.end].replace("\n", " ")
        return text if len(text) <= 30 else text[:28] + "…"

    def drop(self, mime: QMimeData) -> bool:
        if not mime.hasFormat(DOCUMENT_MIME):
            return False
        document_id = bytes(mime.data(DOCUMENT_MIME).data()).decode("utf-8")
        self.document_dropped.emit(self, document_id)
        return True


def _label_text(label: Label) -> str:
    return f"{label.name}\t{label.shortcut}" if label.shortcut else label.name


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
