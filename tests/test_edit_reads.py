"""An edit in the article an analyst has open reads no document text again: in a 5 MB
article each such read was a pause of 15-25 ms on the first tag or every figure tag."""

from __future__ import annotations

from pathlib import Path

from workbench.edits import AddSpans
from workbench.project import Project
from workbench.project_documents import KEPT_TEXTS


def test_tagging_a_figure_in_the_open_article_reads_no_text(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbproj") as project:
        doc = project.add_document("Officials said 12,000 troops moved.", title="t").id
        figure = project.label_named("figure")
        assert figure is not None
        opened = project.document(doc)  # what the pane shows
        statements: list[str] = []
        project.conn.set_trace_callback(statements.append)
        applied = AddSpans(((doc, 15, 21, figure.id),), "ann").apply(project)
        project.conn.set_trace_callback(None)
        (span,) = project.spans(doc)
        assert span.attrs["figure"]["value"] == 12000 and applied is not None
        reads = [s for s in statements if "text" in s.lower() and "documents" in s.lower()]
        assert reads == [] and opened.text[15:21] == "12,000"


def test_text_of_another_document_is_read_from_the_file(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbproj") as project:
        first = project.add_document("One said 3 ships.", title="a").id
        second = project.add_document("Two said 40 planes.", title="b").id
        project.document(first)
        assert project.document_text(second) == "Two said 40 planes."
        assert project.document_text(first) == "One said 3 ships."
        project.delete_document(first)
        assert project.document_text(second) == "Two said 40 planes."


def test_only_the_last_texts_read_are_kept(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbproj") as project:
        ids = [
            project.add_document(f"Text {n} said.", title=str(n)).id for n in range(KEPT_TEXTS + 1)
        ]
        for doc_id in ids:
            project.document(doc_id)
        statements: list[str] = []
        project.conn.set_trace_callback(statements.append)
        assert project.document(ids[-1]).text == f"Text {KEPT_TEXTS} said."
        assert not [s for s in statements if "text" in s.lower()]
        assert project.document(ids[0]).text == "Text 0 said."  # read again: it was dropped
        project.conn.set_trace_callback(None)
        assert [s for s in statements if "text" in s.lower()]
