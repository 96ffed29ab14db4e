"""UIMA CAS XMI: dkpro-cassis reads the export back; UTF-16 offsets in the file."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.formats.conftest import TEXT_1, find, reimport, relations_of, spans_of, texts_of
from workbench.errors import FormatError
from workbench.exporter import export_project
from workbench.importer import import_paths
from workbench.offsets import Utf16Map
from workbench.project import Project

cassis = pytest.importorskip("cassis")


def test_cassis_reads_spans_relations_and_title(annotated, tmp_path):
    export_project(annotated, tmp_path / "xmi", format="xmi")
    folder = tmp_path / "xmi"
    ts = cassis.load_typesystem((folder / "TypeSystem.xml").read_text("utf-8"))
    cas = cassis.load_cas_from_xmi((folder / "doc-1.xmi").read_text("utf-8"), typesystem=ts)
    spans = list(cas.select("webanno.custom.Span"))
    assert len(spans) == 8
    for s in spans:  # cassis hands out code points: they must cut the stored text
        assert cas.sofa_string[s.begin : s.end] == s.get_covered_text()
    assert {(s.get_covered_text(), s.label) for s in spans} >= {("Kim Jong Un", "source")}
    assert {s.note for s in spans if s.note} == {"the leader 😀", "nested", "crosses a line"}
    relations = list(cas.select("webanno.custom.SpanRelation"))
    assert {
        (r.Governor.get_covered_text(), r.Dependent.get_covered_text(), r.label) for r in relations
    } == relations_of(annotated)
    (meta,) = cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")
    assert meta.documentTitle == "Doc 1"


def test_the_file_counts_utf16_units(annotated, tmp_path):
    export_project(annotated, tmp_path / "xmi", format="xmi")
    xml = (tmp_path / "xmi" / "doc-1.xmi").read_text("utf-8")
    start = find(TEXT_1, "Kim Jong Un")
    begin = Utf16Map(TEXT_1).to_utf16(start)
    assert begin == start + 1  # one emoji before it
    assert re.search(rf'begin="{begin}" end="{begin + 11}" label="source"', xml)


def test_round_trip_of_the_folder(annotated, tmp_path):
    back = reimport(annotated, "xmi", tmp_path, "xmi", forced=False)
    assert texts_of(back) == texts_of(annotated)
    assert spans_of(back) == spans_of(annotated)
    assert relations_of(back) == relations_of(annotated)


def test_an_inception_style_zip_imports(annotated, tmp_path):
    export_project(annotated, tmp_path / "xmi", format="xmi")
    archive = tmp_path / "annotation.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in (tmp_path / "xmi").iterdir():
            z.write(f, f.name)
    back = Project.memory(labels=[])
    import_paths(back, [archive])
    assert spans_of(back) == spans_of(annotated)


def test_an_xmi_without_its_type_system_is_refused(annotated, tmp_path):
    export_project(annotated, tmp_path / "xmi", format="xmi")
    (tmp_path / "xmi" / "TypeSystem.xml").unlink()
    with pytest.raises(FormatError, match="has no TypeSystem.xml beside it"):
        import_paths(Project.memory(labels=[]), [tmp_path / "xmi" / "doc-1.xmi"])
