"""brat standoff: the bioc package's brat decoder reads the export; code points both ways."""

from __future__ import annotations

import pytest

from tests.formats.conftest import reimport, relations_of, spans_of, texts_of
from workbench.errors import FormatError
from workbench.exporter import export_project
from workbench.importer import import_paths
from workbench.project import Project


def test_bioc_brat_decoder_reads_spans_notes_and_relations(annotated, tmp_path):
    brat = pytest.importorskip("bioc.brat")
    export_project(annotated, tmp_path / "brat", format="brat")
    folder = tmp_path / "brat"
    assert "[entities]\nclaim\nsource\ndenial\nfigure" in (folder / "annotation.conf").read_text()
    doc = brat.loads(
        (folder / "doc-1.txt").read_text("utf-8"), (folder / "doc-1.ann").read_text("utf-8")
    )
    entities = doc.get_types(brat.BratEntity)
    assert len(entities) == 8
    for e in entities:
        pieces = sorted(e.locations)
        # brat counts code points: each fragment is the text between its offsets.
        assert " ".join(doc.text[i.begin : i.end] for i in pieces) == e.text
    crossing = next(e for e in entities if len(e.locations) == 2)
    assert crossing.text == "sent. Seoul"
    notes = {n.refid: n.text for n in doc.get_types(brat.BratNote)}
    by_id = {e.id: e for e in entities}
    assert by_id[next(k for k, v in notes.items() if v == "the leader 😀")].text == "Kim Jong Un"
    relations = doc.get_types(brat.BratRelation)
    assert {
        (r.type, by_id[r.arguments["Arg1"]].text, by_id[r.arguments["Arg2"]].text)
        for r in relations
    } >= {("denies", "Seoul denied it", "Kim Jong Un")}


def test_round_trip_of_the_folder_keeps_everything_the_format_carries(annotated, tmp_path):
    back = reimport(annotated, "brat", tmp_path, "brat", forced=False)
    assert texts_of(back) == texts_of(annotated)
    assert spans_of(back) == spans_of(annotated)
    assert relations_of(back) == relations_of(annotated)


def test_crlf_text_offsets_count_both_characters(tmp_path):
    raw = "𠀀 first line\r\nSeoul denied it.\r\n"
    start = raw.index("Seoul")
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    (tmp_path / "a.ann").write_text(
        f"T1\tplace {start} {start + 5}\tSeoul\n#1\tAnnotatorNotes T1\ta city\nA1\tNegated T1\n",
        encoding="utf-8",
    )
    p = Project.memory(labels=[])
    report = import_paths(p, [tmp_path])
    assert len(p.document_ids()) == 1  # the .txt is part of the pair, not a second document
    (span,) = p.spans()
    assert p.document(span.document_id).text[span.start : span.end] == "Seoul"
    assert span.note == "a city"
    assert any("were not imported" in w for w in report.warnings)


def test_a_span_whose_text_does_not_match_is_refused_with_its_line(tmp_path):
    (tmp_path / "a.txt").write_text("😀 Seoul", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tplace 3 8\tSeoul\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"a\.ann, line 1: span T1"):
        import_paths(Project.memory(labels=[]), [tmp_path / "a.ann"])
