"""Importing files: every format, the encoding policy, all-or-nothing, no duplicates."""

from __future__ import annotations

import codecs
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench.errors import FormatError
from workbench.importer import import_paths
from workbench.project import Project

HTML = Path(__file__).resolve().parent / "data" / "html"
AWKWARD = "Kim 🇰🇷 and 👨\u200d👩\u200d👧, 𠀀, e\u0301, مرحبا, zero\u200bwidth,\u2028sep\u2029\tend"


def dump(project: Project) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to compare a project before and after."""
    tables = [
        r[0]
        for r in project.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {
        t: sorted(map(tuple, project.conn.execute(f"SELECT * FROM {t}")), key=repr) for t in tables
    }


def _jsonl(path: Path, *objs: dict) -> Path:  # type: ignore[type-arg]
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")
    return path


def test_txt_and_md(project: Project, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfTroops seen\r\n\r\nIn Kursk.\rEnd")
    (tmp_path / "b.md").write_text("# Moscow denies\n\nNo *troops*.\n", "utf-8")
    report = import_paths(project, [tmp_path / "a.txt", tmp_path / "b.md"], annotator="x")
    assert (report.documents, report.warnings) == (2, [])
    docs = [project.document(i) for i in project.document_ids()]
    assert [(d.title, d.source, d.text) for d in docs] == [
        ("Troops seen", "a.txt", "Troops seen\n\nIn Kursk.\nEnd"),
        ("Moscow denies", "b.md", "# Moscow denies\n\nNo *troops*.\n"),
    ]


def test_awkward_unicode_is_kept_verbatim(project: Project, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AWKWARD, "utf-8")
    import_paths(project, [tmp_path])
    [doc_id] = project.document_ids()
    assert project.document(doc_id).text == AWKWARD


def test_html_folder_imports_every_article(project: Project, tmp_path: Path) -> None:
    report = import_paths(project, [HTML])
    assert report.documents == len(list(HTML.glob("*.html")))
    titles = {d.title for d in project.documents()}
    assert "North Korean troops arrive in Russia\u2019s Kursk region" in titles


def test_folders_are_read_recursively_skipping_hidden_and_unknown_files(
    project: Project, tmp_path: Path
) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.txt").write_text("deep", "utf-8")
    (tmp_path / "top.txt").write_text("top", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("hidden", "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    import_paths(project, [tmp_path])
    assert sorted(d.title for d in project.documents()) == ["deep", "top"]


@pytest.mark.parametrize(
    ("data", "warned"),
    [
        ("Café – “quoted”".encode(), None),
        (codecs.BOM_UTF8 + "Café – “quoted”".encode(), None),
        (codecs.BOM_UTF16_LE + "Café – “quoted”".encode("utf-16-le"), "UTF-16"),
        ("Café – “quoted”".encode("cp1252"), "Windows-1252"),
    ],
)
def test_encodings(project: Project, tmp_path: Path, data: bytes, warned: str | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    report = import_paths(project, [path])
    [doc_id] = project.document_ids()
    assert project.document(doc_id).text == "Café – “quoted”"
    if warned is None:
        assert report.warnings == []
    else:
        [warning] = report.warnings
        assert str(path) in warning and warned in warning


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.txt", b"", "is empty"),
        ("a.txt", b"\x00\x01\x02\x03binary", "looks like a binary file"),
        ("a.txt", b"\x81\x8d\x8f\x90\x9d", "is neither UTF-8"),
        ("a.pdf", b"%PDF-1.4", "is not a file type Workbench imports"),
        ("a.jsonl", b'{"text": "ok"}\n{"text": \n', "line 2: is not valid JSON"),
    ],
)
def test_bad_files_are_refused_naming_the_file(
    project: Project, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FormatError, match=message) as info:
        import_paths(project, [path])
    assert str(path) in str(info.value)
    assert project.document_ids() == []


def test_missing_path_and_empty_folder_are_refused(project: Project, tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="does not exist"):
        import_paths(project, [tmp_path / "nope.txt"])
    with pytest.raises(FormatError, match="holds no file Workbench can import"):
        import_paths(project, [tmp_path])


def test_a_bad_last_file_leaves_the_project_unchanged(project_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with Project.open(project_file) as p:
        doc = p.add_document("Already here.", title="old")
        p.add_span(doc.id, 0, 7, 1, annotator="ann")
        before = dump(p)
    (folder / "a_good.txt").write_text("Good text.", "utf-8")
    shutil.copy(HTML / "wire_story.html", folder / "b_good.html")
    _jsonl(
        folder / "c_good.jsonl",
        {"text": "With spans", "spans": [{"start": 0, "end": 4, "label": "brand_new_label"}]},
    )
    _jsonl(
        folder / "z_bad.jsonl", {"text": "abc", "spans": [{"start": 0, "end": 9, "label": "claim"}]}
    )
    with Project.open(project_file) as p:
        with pytest.raises(FormatError, match=r"z_bad\.jsonl, line 1"):
            import_paths(p, [folder])
        assert dump(p) == before
    with Project.open(project_file) as p:  # and on disk
        assert dump(p) == before


def test_a_failure_while_writing_rolls_everything_back(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _jsonl(
        tmp_path / "a.jsonl",
        {"text": "abc", "spans": [{"start": 0, "end": 1, "label": "new_label"}]},
    )
    before = dump(project)

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(project, "insert_span_rows", fail)
    with pytest.raises(OSError):
        import_paths(project, [tmp_path])
    assert dump(project) == before


def test_an_import_skips_the_row_by_row_key_checks_and_restores_them(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import makes every reference it stores, so SQLite does not check each row's;
    the connection checks them again once it ends, whether it succeeded or failed, and
    inside a caller's transaction (where the switch would be ignored) nothing changes."""

    def checking() -> int:
        return int(project.conn.execute("PRAGMA foreign_keys").fetchone()[0])

    seen: list[int] = []
    insert = project.insert_span_rows

    def spy(rows: object) -> None:
        seen.append(checking())
        insert(rows)  # type: ignore[arg-type]

    monkeypatch.setattr(project, "insert_span_rows", spy)
    span = {"start": 0, "end": 3, "label": "claim"}
    import_paths(project, [_jsonl(tmp_path / "a.jsonl", {"text": "abc", "spans": [span]})])
    assert (seen, checking()) == ([0], 1)
    bad = {"text": "def", "spans": [{**span, "end": 9}]}
    with pytest.raises(FormatError):
        import_paths(project, [_jsonl(tmp_path / "b.jsonl", bad)])
    assert checking() == 1
    with project.transaction():
        import_paths(project, [_jsonl(tmp_path / "c.jsonl", {"text": "ghi", "spans": [span]})])
    assert (seen, checking()) == ([0, 1], 1)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        project.conn.execute(
            "INSERT INTO spans (id, document_id, start, end, label_id, annotator, created_at, "
            "updated_at) VALUES ('s', 'no such document', 0, 1, 1, 'x', 'now', 'now')"
        )


def test_reimporting_the_same_content_adds_nothing(project: Project, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same text.", "utf-8")
    _jsonl(
        tmp_path / "b.jsonl",
        {
            "id": "d1",
            "text": "Other text.",
            "spans": [
                {"id": "s1", "start": 0, "end": 5, "label": "claim", "annotator": "ann"},
                {"id": "s2", "start": 6, "end": 10, "label": "claim", "annotator": "ann"},
            ],
            "relations": [{"id": "r1", "head": "s1", "tail": "s2", "label": "same_as"}],
        },
    )
    first = import_paths(project, [tmp_path])
    assert (first.documents, first.spans, first.relations) == (2, 2, 1)
    before = dump(project)
    again = import_paths(project, [tmp_path])
    assert (again.documents, again.spans, again.relations) == (0, 0, 0)
    assert (again.skipped_documents, again.skipped_spans) == (2, 2)
    assert dump(project) == before


def test_the_same_text_twice_in_one_import_is_one_document(
    project: Project, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_bytes(b"Same\ntext.")
    (tmp_path / "b.txt").write_bytes(b"Same\r\ntext.")  # the same once normalised
    report = import_paths(project, [tmp_path])
    assert (report.documents, report.skipped_documents) == (1, 1)


def test_new_spans_on_a_known_document_are_merged(project: Project, tmp_path: Path) -> None:
    doc = project.add_document("Known text here.", title="t")
    project.add_span(doc.id, 0, 5, 1, annotator="ann")
    _jsonl(
        tmp_path / "a.jsonl",
        {
            "text": "Known text here.",
            "spans": [
                {"start": 0, "end": 5, "label": "claim", "annotator": "ann"},
                {"start": 6, "end": 10, "label": "claim", "annotator": "ann"},
            ],
        },
    )
    report = import_paths(project, [tmp_path])
    assert (report.documents, report.spans, report.skipped_spans) == (0, 1, 1)
    assert [(s.start, s.end) for s in project.spans(doc.id)] == [(0, 5), (6, 10)]


def test_taken_ids_get_fresh_ones(project: Project, tmp_path: Path) -> None:
    _jsonl(
        tmp_path / "a.jsonl",
        {
            "id": "d",
            "text": "first text",
            "spans": [
                {"id": "s1", "start": 0, "end": 5, "label": "claim"},
                {"id": "s2", "start": 6, "end": 10, "label": "claim"},
            ],
            "relations": [{"id": "r", "head": "s1", "tail": "s2", "label": "same_as"}],
        },
    )
    import_paths(project, [tmp_path / "a.jsonl"])
    _jsonl(
        tmp_path / "b.jsonl",
        {
            "id": "d",
            "text": "other text",
            "spans": [
                {"id": "s1", "start": 0, "end": 5, "label": "claim"},
                {"id": "s2", "start": 6, "end": 10, "label": "claim"},
            ],
            "relations": [{"id": "r", "head": "s1", "tail": "s2", "label": "same_as"}],
        },
    )
    report = import_paths(project, [tmp_path / "b.jsonl"])
    assert (report.documents, report.spans, report.relations) == (1, 2, 1)
    assert len(set(project.document_ids())) == 2
    assert len({s.id for s in project.spans()}) == 4
    relations = project.relations()
    assert len({r.id for r in relations}) == 2
    # The second relation joins the second document's spans, not the first's.
    new_doc = project.document_ids()[1]
    assert {
        project.span(relations[1].head).document_id,
        project.span(relations[1].tail).document_id,
    } == {new_doc}


def test_an_id_taken_in_the_middle_of_a_batch(project: Project, tmp_path: Path) -> None:
    # The rows before the taken id are written once; it and the rows after it get fresh
    # ids where theirs are taken (by the project, or earlier in the same batch).
    _jsonl(
        tmp_path / "a.jsonl",
        {"text": "first text", "spans": [{"id": "s2", "start": 0, "end": 5, "label": "claim"}]},
    )
    import_paths(project, [tmp_path / "a.jsonl"])
    spans = [
        {"id": "n1", "start": 0, "end": 3, "label": "claim"},
        {"id": "s2", "start": 4, "end": 7, "label": "claim"},
        {"id": "n3", "start": 8, "end": 11, "label": "claim"},
    ]
    _jsonl(
        tmp_path / "b.jsonl",
        {
            "text": "one two six ten",
            "spans": spans,
            "relations": [{"head": "s2", "tail": "n3", "label": "same_as"}],
        },
        {"text": "other words", "spans": [{"id": "n1", "start": 0, "end": 5, "label": "claim"}]},
    )
    report = import_paths(project, [tmp_path / "b.jsonl"])
    assert (report.documents, report.spans, report.relations) == (2, 4, 1)
    stored = project.spans()
    assert len(stored) == 5 and len({s.id for s in stored}) == 5
    by_offsets = {(project.document(s.document_id).text[s.start : s.end]): s for s in stored}
    assert by_offsets["one"].id == "n1" and by_offsets["six"].id == "n3"
    assert by_offsets["two"].id not in {"s2", "n1", "n3"}
    assert by_offsets["other"].id not in {"s2", "n1", "n3"}
    [relation] = project.relations()
    assert (relation.head, relation.tail) == (by_offsets["two"].id, "n3")


def test_the_schema_has_no_triggers(project: Project) -> None:
    # The importer counts a batch's written rows by `total_changes`, which a trigger's
    # writes would add to.
    assert (
        project.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        == []
    )


def test_unknown_labels_are_added_by_default(project: Project, tmp_path: Path) -> None:
    _jsonl(
        tmp_path / "a.jsonl",
        {
            "text": "abc def",
            "spans": [{"start": 0, "end": 3, "label": "location"}],
            "relations": [],
        },
    )
    report = import_paths(project, [tmp_path])
    assert report.added_labels == ["location"]
    label = project.label_named("location")
    assert label is not None
    assert [s.label_id for s in project.spans()] == [label.id]


def test_unknown_labels_are_refused_with_strict(project: Project, tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        {"text": "ok"},
        {"text": "abc def", "spans": [{"start": 0, "end": 3, "label": "location"}]},
    )
    before = dump(project)
    with pytest.raises(FormatError, match=r"a\.jsonl, line 2: uses the label 'location'"):
        import_paths(project, [path], strict=True)
    assert dump(project) == before


def test_a_relation_to_a_missing_span_is_refused(project: Project, tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        {
            "text": "abc",
            "spans": [{"id": "s1", "start": 0, "end": 1, "label": "claim"}],
            "relations": [{"head": "s1", "tail": "ghost", "label": "same_as"}],
        },
    )
    with pytest.raises(FormatError, match="span 'ghost'"):
        import_paths(project, [path])
    assert project.document_ids() == []


def test_a_relation_from_a_span_to_itself_is_refused(project: Project, tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "a.jsonl",
        {
            "text": "abc",
            "spans": [{"id": "s1", "start": 0, "end": 1, "label": "claim"}],
            "relations": [{"head": "s1", "tail": "s1", "label": "same_as"}],
        },
    )
    with pytest.raises(
        FormatError, match=r"a\.jsonl, line 1: a relation links span 's1' to itself"
    ):
        import_paths(project, [path])
    assert project.document_ids() == []


def test_annotator_defaults_to_the_configured_one(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.config import Config

    config = Config.load()
    config.annotator = "configured"
    config.save()
    _jsonl(
        tmp_path / "a.jsonl",
        {
            "text": "abc def",
            "spans": [
                {"start": 0, "end": 3, "label": "claim"},
                {"start": 4, "end": 7, "label": "claim", "annotator": "named"},
            ],
        },
    )
    import_paths(project, [tmp_path])
    assert sorted(s.annotator for s in project.spans()) == ["configured", "named"]


def test_the_settings_are_not_read_when_every_span_names_its_annotator(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench import importer

    def unreadable() -> str:
        raise AssertionError("the settings were read")

    monkeypatch.setattr(importer, "_default_annotator", unreadable)
    _jsonl(
        tmp_path / "a.jsonl",
        {"text": "abc", "spans": [{"start": 0, "end": 3, "label": "claim", "annotator": "x"}]},
    )
    import_paths(project, [tmp_path])
    assert [s.annotator for s in project.spans()] == ["x"]


def test_a_reader_tripping_on_malformed_structure_still_names_the_file(
    tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importer's net: a shape no reader check foresaw is one sentence, not a traceback."""
    from workbench.formats import jsonl

    def broken(*args: object, **kwargs: object) -> object:
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setattr(jsonl, "iter_read", broken)
    monkeypatch.setattr(jsonl, "read", broken)
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"odd\.jsonl: is not a valid jsonl file \(TypeError"):
        import_paths(project, [path])
    assert project.documents() == []


def test_a_label_with_surrounding_spaces_joins_the_existing_label(project: Project) -> None:
    from workbench.formats.records import DocumentRecord, SpanRecord
    from workbench.importer import import_records

    record = DocumentRecord(
        text="Seoul said", title="t", origin="spaced.ann", spans=[SpanRecord(0, 5, " source ")]
    )
    report = import_records(project, [record])
    assert report.added_labels == []
    assert [project.label(s.label_id).name for s in project.spans()] == ["source"]


def test_a_lone_surrogate_escape_in_json_is_refused_naming_the_file(
    tmp_path: Path, project: Project
) -> None:
    # Native JSONL names the line itself; this is the importer's net for the other readers.
    path = tmp_path / "lone.json"
    path.write_text('[{"data": {"text": "bad \\ud800 text"}}]', encoding="utf-8")
    with pytest.raises(FormatError, match=r"lone\.json: holds a lone UTF-16 surrogate"):
        import_paths(project, [path], format="label-studio")
    assert project.documents() == []


def test_every_control_character_is_one_isprintable_refuses() -> None:
    # The import checks a document's span ids with str.isprintable() before the regular
    # expression; that is only sound while no control character is printable.
    import sys

    from workbench.control_chars import CONTROL

    printable = [
        hex(c) for c in range(sys.maxunicode + 1) if CONTROL.match(chr(c)) and chr(c).isprintable()
    ]
    assert printable == []


@pytest.mark.parametrize("bad", ["\x1b[2J", "a\nb", "\u202eevil", "\x85", "\u2029"])
@pytest.mark.parametrize("where", ["span", "linked span", "document", "relation"])
def test_an_id_holding_a_control_character_is_refused(
    project: Project, bad: str, where: str
) -> None:
    from workbench.formats.records import DocumentRecord, RelationRecord, SpanRecord
    from workbench.importer import import_records

    spans = [SpanRecord(0, 5, "source", id="s1"), SpanRecord(6, 10, "claim", id="s2")]
    relations = [RelationRecord("s1", "s2", "supports", id="r1")]
    if where.endswith("span"):
        spans.append(SpanRecord(0, 10, "claim", id=bad))
        if where == "span":
            relations = []  # a document without relations is checked another way
    elif where == "relation":
        relations[0].id = bad
    record = DocumentRecord(
        text="Seoul said",
        title="t",
        origin="ids.jsonl",
        id=bad if where == "document" else "d1",
        spans=spans,
        relations=relations,
    )
    what = where.removeprefix("linked ")
    with pytest.raises(FormatError, match=f"has a {what} id holding a control character"):
        import_records(project, [record])
    assert project.document_ids() == []


@pytest.mark.parametrize("valid", [True, False])
def test_the_garbage_collector_runs_again_after_an_import(
    project: Project, tmp_path: Path, valid: bool
) -> None:
    # The import pauses the cyclic collector; a refused file must not leave it paused.
    import gc

    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Seoul said so."}\n' if valid else '{"text": \n', "utf-8")
    assert gc.isenabled()
    if valid:
        import_paths(project, [path])
    else:
        with pytest.raises(FormatError):
            import_paths(project, [path])
    assert gc.isenabled()
    assert len(project.documents()) == (1 if valid else 0)
