"""spaCy DocBin: spaCy reads it back with the same span texts, and `spacy debug data` accepts it."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest

from tests.formats.conftest import SPANS
from workbench.exporter import export_project

spacy = pytest.importorskip("spacy")


def _docs(path):
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_docbin_holds_every_aligned_span_with_its_text(annotated, tmp_path):
    out = tmp_path / "train.spacy"
    report = export_project(annotated, out, format="spacy")
    docs = _docs(out)
    assert [d.user_data["id"] for d in docs] == ["doc-1", "doc-2", "doc-3"]
    read = {(d.user_data["id"], s.text, s.label_) for d in docs for s in d.spans["sc"]}
    expected = {(f"doc-{doc}", piece, label) for doc, piece, _, label, _ in SPANS}
    # "3 division" ends inside the token "divisions": the one span spaCy cannot hold.
    assert read == expected - {("doc-2", "3 division", "figure")}
    for d in docs:  # offsets agree with the text, not only the span's own text
        for s in d.spans["sc"]:
            assert d.text[s.start_char : s.end_char] == s.text
    assert report.skipped_spans == 0  # not duplicates: the warning counts them
    assert any(
        "1 span(s) could not be aligned" in w and "ends inside a token" in w
        for w in report.warnings
    )
    ents = docs[0].ents
    assert len(ents) < len(docs[0].spans["sc"])  # overlaps are left out of doc.ents
    assert all(a.end <= b.start for a, b in pairwise(ents))
    assert "12,000 troops were sent" in {e.text for e in ents}


def test_options_choose_the_language_and_span_key(annotated, tmp_path):
    out = tmp_path / "train.spacy"
    export_project(annotated, out, format="spacy", lang="de", key="claims")
    (doc, *_) = _docs(out)
    assert "claims" in doc.spans and "sc" not in doc.spans


def test_spacy_debug_data_accepts_the_export(annotated, tmp_path):
    # debug data refuses fewer than 100 training documents: add numbered copies.
    labels = {lb.id: lb.id for lb in annotated.labels()}
    originals = [(annotated.document(d), annotated.spans(d)) for d in annotated.document_ids()]
    for i in range(40):
        for doc, spans in originals:
            prefix = f"Report {i}. "
            copy = annotated.add_document(prefix + doc.text, title=doc.title)
            for s in spans:
                annotated.add_span(
                    copy.id,
                    s.start + len(prefix),
                    s.end + len(prefix),
                    labels[s.label_id],
                    annotator="ana",
                )
    out = tmp_path / "train.spacy"
    export_project(annotated, out, format="spacy")
    config = tmp_path / "config.cfg"
    spacy_cli = [sys.executable, "-m", "spacy"]
    subprocess.run(
        [*spacy_cli, "init", "config", "-l", "en", "-p", "ner,spancat", str(config)],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [
            *spacy_cli,
            "debug",
            "data",
            str(config),
            "--paths.train",
            str(out),
            "--paths.dev",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "123 training docs" in result.stdout
