"""CoNLL IOB2: seqeval reads the tags back as the spans; overlaps are stated as lost."""

from __future__ import annotations

import pytest

from workbench.exporter import export_project

seqeval_metrics = pytest.importorskip("seqeval.metrics.sequence_labeling")


def _documents(path):
    """[(comments, [[(token, tag), ...] per sequence])] from the file."""
    docs, sequence = [], []
    for line in path.read_text("utf-8").split("\n"):
        if line.startswith("# id = "):
            docs.append(([], []))
        if line.startswith("#"):
            docs[-1][0].append(line)
        elif line:
            sequence.append(tuple(line.split("\t")))
        elif sequence:
            docs[-1][1].append(sequence)
            sequence = []
    return docs


def test_seqeval_reads_the_tags_as_the_non_overlapping_spans(annotated, tmp_path):
    out = tmp_path / "tags.conll"
    report = export_project(annotated, out, format="conll")
    docs = _documents(out)
    assert len(docs) == 3
    comments, sequences = docs[0]
    # Eight spans in document 1; IOB2 holds the longest of each overlapping group.
    assert "# overlapping spans not tagged = 3" in comments
    assert any("3 overlapping span(s) could not be written" in w for w in report.warnings)
    found = set()
    for sequence in sequences:
        tokens = [t for t, _ in sequence]
        for label, start, end in seqeval_metrics.get_entities([tag for _, tag in sequence]):
            found.add((label, " ".join(tokens[start : end + 1])))
    assert found == {
        ("claim", "12,000 troops were sent"),
        ("denial", "Seoul denied it"),
        ("claim", "no troops"),
        ("source", "Lee"),
        ("source", "Kim Jong Un"),
    }
    # Every entity seqeval finds is a span of the document (tokens joined by spaces here).
    text = annotated.document("doc-1").text
    assert all(piece.replace(" ", "") in text.replace(" ", "") for _, piece in found)


def test_every_tag_is_valid_iob2(annotated, tmp_path):
    out = tmp_path / "tags.conll"
    export_project(annotated, out, format="conll")
    for _, sequences in _documents(out):
        for sequence in sequences:
            previous = "O"
            for _, tag in sequence:
                assert tag == "O" or tag[:2] in ("B-", "I-")
                if tag.startswith("I-"):
                    assert previous[2:] == tag[2:]
                previous = tag
