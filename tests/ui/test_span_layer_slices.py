"""A long article shows the highlights on screen at once and formats the rest in slices;
when the slices are done every block holds the formats one pass over all spans gives."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import shown_pane

from workbench.project import Project
from workbench.ui.pane.article_pane import ArticlePane
from workbench.ui.pane.span_highlighter import FIRST_SLICE_CHARS

PARAGRAPH = "North Korea sent 1,500 troops 😀 to Russia, officials said in Seoul.\n"


@pytest.fixture
def long_pane(qtbot: QtBot, tmp_path: Path) -> Iterator[ArticlePane]:
    path = tmp_path / "long.wbproj"
    text = PARAGRAPH * (4 * FIRST_SLICE_CHARS // len(PARAGRAPH))
    with Project.create(path) as project:
        doc_id = project.add_document(text, title="Long", source="wire").id
        claim = project.label_named("claim")
        assert claim is not None
        with project.transaction():
            for start in range(0, len(text) - 20, 97):
                project.add_span(doc_id, start, start + 11, claim.id, annotator="a")
    project = Project.open(path)
    pane = shown_pane(qtbot, project)
    yield pane
    project.close()


def _formats(pane: ArticlePane, number: int) -> list[tuple[int, int, str]]:
    block = pane.view.document().findBlockByNumber(number)
    return [
        (r.start, r.length, r.format.background().color().name()) for r in block.layout().formats()
    ]


def test_screen_first_then_the_rest_in_slices(qtbot: QtBot, long_pane: ArticlePane) -> None:
    project = long_pane.controller.project
    assert long_pane.open_document(project.document_ids()[0])
    layer = long_pane.layer
    assert layer is not None
    last = long_pane.view.document().blockCount() - 1
    assert _formats(long_pane, 0)
    assert _formats(long_pane, last) == []  # not formatted yet: a slice will do it
    every = {s.id for s in project.spans(project.document_ids()[0])}
    assert 0 < len(layer.spans) < len(every)  # the first screens' spans; the rest come next
    assert all(s.start < FIRST_SLICE_CHARS for s in layer.spans.values())
    qtbot.waitUntil(lambda: set(layer.spans) == every and layer.done, timeout=20_000)
    doc_id = project.document_ids()[0]
    assert long_pane.controller._spans[doc_id] == project.spans(doc_id)  # kept for the list
    sliced = [_formats(long_pane, n) for n in range(last + 1)]
    layer._apply(range(last + 1))  # every block again, in one pass
    assert sliced == [_formats(long_pane, n) for n in range(last + 1)]
    assert sum(map(bool, sliced)) > last // 2


def test_opening_another_document_drops_the_old_slices(
    qtbot: QtBot, long_pane: ArticlePane
) -> None:
    project = long_pane.controller.project
    assert long_pane.open_document(project.document_ids()[0])
    while long_pane.controller.reading_spans():  # the rest of the spans now, as the
        long_pane.controller._on_read_due()  # controller's timer would bring them
    old = long_pane.layer
    assert old is not None and not old.done
    other = project.add_document("Short text.", title="Short", source="wire").id
    assert long_pane.open_document(other)
    assert old.done
    qtbot.wait(50)
    assert _formats(long_pane, 0) == []


def test_blocks_formatted_off_screen_paint_their_highlights(
    qtbot: QtBot, long_pane: ArticlePane
) -> None:
    project = long_pane.controller.project
    assert long_pane.open_document(project.document_ids()[0])
    layer = long_pane.layer
    assert layer is not None
    qtbot.waitUntil(lambda: layer.done and not long_pane.controller.reading_spans(), timeout=20_000)
    bar = long_pane.view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the end: formatted by slices that repainted nothing
    qtbot.wait(50)
    sliced = long_pane.view.viewport().grab().toImage()
    last = long_pane.view.document().blockCount()
    layer._apply(range(last), repaint=True)  # every block again, marked dirty
    qtbot.wait(50)
    assert long_pane.view.viewport().grab().toImage() == sliced


def test_spans_changed_in_place_during_the_read_keep_it_whole(
    qtbot: QtBot, long_pane: ArticlePane, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The compare view parses an imported project's figures while a long article's spans
    arrive: each update used to spoil the read, and the annotation list then read every
    span of the article again at once (1.5 s and 150 MB more at 200k spans)."""
    controller = long_pane.controller
    project = controller.project
    doc_id = project.document_ids()[0]
    assert long_pane.open_document(doc_id)
    layer = long_pane.layer
    assert layer is not None and controller.reading_spans()
    arrived, to_come = (
        min(layer.spans.values(), key=lambda s: s.start),
        max(project.spans(doc_id), key=lambda s: s.start),
    )
    assert to_come.id not in layer.spans
    controller.set_span_note(arrived.id, "read before")
    controller.set_span_note(to_come.id, "read after")
    qtbot.waitUntil(lambda: not controller.reading_spans(), timeout=20_000)
    kept = controller._spans[doc_id]
    assert kept == project.spans(doc_id)
    notes = {s.id: s.note for s in kept}
    assert notes[arrived.id] == "read before" and notes[to_come.id] == "read after"
    # The list takes them from there, without reading the article's spans again.
    read_again: list[str] = []
    monkeypatch.setattr(project, "spans", lambda *a, **k: read_again.append("spans") or [])
    assert controller.document_spans(doc_id) is kept and read_again == []
    # A relabel keeps them too, the new version in its place.
    other = next(lb for lb in project.labels() if lb.id != arrived.label_id)
    controller.relabel_span(arrived.id, other.id)
    assert controller.document_spans(doc_id) is kept
    assert next(s for s in kept if s.id == arrived.id).label_id == other.id


def test_slices_go_on_from_the_screen_and_then_wrap_to_the_top(
    qtbot: QtBot, long_pane: ArticlePane
) -> None:
    project = long_pane.controller.project
    assert long_pane.open_document(project.document_ids()[0])
    layer = long_pane.layer
    assert layer is not None
    qtbot.waitUntil(lambda: layer.done and not long_pane.controller.reading_spans())
    bar = long_pane.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = long_pane.view.firstVisibleBlock().blockNumber()
    layer.set_colors(layer.colors, layer.base, layer.text_color)  # every block again
    waiting = set(layer._pending)
    assert min(waiting) < middle < max(waiting)
    applied: list[int] = []
    apply = layer._apply

    def recorded(numbers: Iterable[int], *, repaint: bool = True) -> None:
        numbers = list(numbers)
        applied.extend(numbers)
        apply(numbers, repaint=repaint)

    layer._apply = recorded  # type: ignore[method-assign]  # a probe
    qtbot.waitUntil(lambda: layer.done, timeout=20_000)
    sliced = [n for n in applied if n in waiting]
    assert sorted(sliced) == sorted(waiting)  # each waiting block once
    below = [n for n in sliced if n >= middle]
    assert sliced == below + sorted(set(sliced) - set(below))  # the screen on, then the top
    assert below == sorted(below)
    last = long_pane.view.document().blockCount() - 1
    formats = [_formats(long_pane, n) for n in range(last + 1)]
    apply(range(last + 1))  # every block again, in one pass
    assert formats == [_formats(long_pane, n) for n in range(last + 1)]
