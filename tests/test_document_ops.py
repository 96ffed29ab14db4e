"""Removing documents and taking an import back: every row that goes comes back on undo,
rowids included, and redo takes exactly them again."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from analysis_helpers import annotate_sample

from workbench.annotator_status import set_annotator_status
from workbench.edits import ImportFiles, RemoveRows, RemoveSpans, RenameDocument
from workbench.edits.document_ops import TABLES
from workbench.errors import EditError
from workbench.project import Project
from workbench.suggest import run_suggester


def dump(project: Project) -> dict[str, list[tuple]]:
    """Every row of every table a document's rows live in, in rowid order."""
    return {
        table: project.conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid").fetchall()
        for table in TABLES
    }


def test_removing_a_document_takes_what_hangs_on_it_and_undo_puts_it_all_back(
    sample_project_file: Path,
) -> None:
    with Project.open(sample_project_file) as project:
        ids = annotate_sample(project)  # fig0a (document 0) is the same as fig1a (document 1)
        run_suggester(project)
        first, second = project.document_ids()[:2]
        set_annotator_status(project, first, "analyst", "done")
        project.set_status(first, "in_progress")
        before = dump(project)

        applied = RemoveRows(documents=(first,)).apply(project)
        after = dump(project)
        assert first not in project.document_ids() and second in project.document_ids()
        assert not project.spans(first)
        assert ids["fig1a"] in {s.id for s in project.spans(second)}
        # The same_as link between the two documents went with the first one's span.
        assert not [r for r in project.relations() if ids["fig0a"] in (r.head, r.tail)]
        for table in ("suggestions", "status_history", "annotator_statuses"):
            assert all(first not in row for row in after[table]), table
        assert len(after["suggestions"]) < len(before["suggestions"])
        assert after["labels"] == before["labels"]  # labels other documents use stay

        assert applied.inverse is not None
        redo = applied.inverse.apply(project).inverse
        assert dump(project) == before
        assert project.document(first).text  # not a text kept from before the removal
        assert redo is not None
        redo.apply(project)
        assert dump(project) == after


def test_undoing_an_import_leaves_the_project_as_it_was_and_redo_brings_it_back(
    sample_project_file: Path, tmp_path: Path
) -> None:
    with Project.open(sample_project_file) as project:
        annotate_sample(project)
        existing = project.document_ids()[0]
        text = project.document(existing).text
        before = dump(project)
        dataset = tmp_path / "in.jsonl"
        lines = [
            # Spans into a document the project has, one of them with a label it lacks.
            {"text": text, "spans": [{"start": 0, "end": 5, "label": "rumour"}]},
            {
                "id": "new-doc",
                "text": "Officials said troops moved north.",
                "spans": [
                    {"id": "a", "start": 0, "end": 9, "label": "source"},
                    {"id": "b", "start": 15, "end": 33, "label": "claim"},
                ],
                "relations": [{"head": "b", "tail": "a", "label": "attributed_to"}],
            },
        ]
        dataset.write_bytes(b"\n".join(orjson.dumps(line) for line in lines))

        applied = ImportFiles((dataset,), annotator="importer").apply(project)
        assert applied.result.documents == 1 and applied.result.added_labels == ["rumour"]
        imported = dump(project)
        assert imported != before
        # A span of the import deleted, and that undone, before the import is undone: it
        # comes back with another rowid and must still go with the import.
        span = next(s for s in project.spans("new-doc") if s.start == 0)
        removal = RemoveSpans((span.id,)).apply(project)
        assert removal.inverse is not None
        removal.inverse.apply(project)
        restored = dump(project)
        assert restored["spans"] != imported["spans"]  # the span's rowid is a new one

        assert applied.inverse is not None
        redo = applied.inverse.apply(project).inverse
        assert dump(project) == before
        assert project.label_named("rumour") is None
        assert redo is not None
        redo.apply(project)
        assert dump(project) == restored


def test_an_import_that_adds_nothing_has_no_undo(sample_project_file: Path) -> None:
    with Project.open(sample_project_file) as project:
        articles = sorted(
            (Path(__file__).parents[1] / "sample_projects" / "articles").glob("*.txt")
        )
        applied = ImportFiles(tuple(articles)).apply(project)
        assert applied.result.documents == 0 and applied.result.skipped_documents == 5
        assert applied.inverse is None


def test_every_table_that_refers_to_a_removed_row_is_taken_along(project: Project) -> None:
    # The removal deletes with the foreign keys unchecked: a table added later that refers
    # to documents, spans or the schemes must be in TABLES, or its rows would be orphaned.
    names = [
        row[0]
        for row in project.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    referring = {
        name
        for name in names
        for key in project.conn.execute(f"PRAGMA foreign_key_list({name})")
        if key[2] in TABLES
    }
    assert referring and referring <= set(TABLES)


def test_a_removal_and_its_undo_leave_no_dangling_reference(sample_project_file: Path) -> None:
    with Project.open(sample_project_file) as project:
        annotate_sample(project)
        run_suggester(project)
        applied = RemoveRows(documents=tuple(project.document_ids()[:3])).apply(project)
        assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert applied.inverse is not None
        applied.inverse.apply(project)
        assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_rename_is_undone_and_an_empty_title_is_refused(project: Project) -> None:
    doc = project.add_document("Troops moved north.", title="Wire 1").id
    applied = RenameDocument(doc, "  Troops move north (AP)  ").apply(project)
    assert project.document(doc).title == "Troops move north (AP)"  # the edges trimmed
    assert applied.record.documents_changed and applied.inverse is not None
    applied.inverse.apply(project)
    assert project.document(doc).title == "Wire 1"
    with pytest.raises(EditError, match="needs a title"):
        RenameDocument(doc, "   ").apply(project)
    same = RenameDocument(doc, "Wire 1").apply(project)
    assert same.record.empty and same.inverse is None  # nothing to undo


def test_a_restore_whose_rows_were_taken_meanwhile_is_refused_whole(
    sample_project_file: Path,
) -> None:
    with Project.open(sample_project_file) as project:
        annotate_sample(project)
        first = project.document_ids()[0]
        applied = RemoveRows(documents=(first,)).apply(project)
        # Another program imports the same document again, under the same id.
        project.conn.execute(
            "INSERT INTO documents (id, title, text, content_hash, imported_at)"
            " VALUES (?, 'again', 'x', 'h', 't')",
            (first,),
        )
        project.conn.commit()
        meanwhile = dump(project)
        assert applied.inverse is not None
        with pytest.raises(EditError, match="cannot be put back"):
            applied.inverse.apply(project)
        assert dump(project) == meanwhile
