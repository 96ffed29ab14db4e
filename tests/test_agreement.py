"""Agreement measures: hand-computed values, the libraries on random data, and the CLI."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import krippendorff
import numpy as np
import pytest

from workbench import cli
from workbench.agreement import AgreementResult, compute_agreement
from workbench.annotator_status import set_annotator_status
from workbench.errors import EditError
from workbench.model import Span
from workbench.project import Project

TEXT = "Seoul said troops came; Moscow denied it all."  # 45 characters

try:  # scikit-learn comes with the "consumers" extra (through seqeval), which make test installs
    from sklearn.metrics import cohen_kappa_score as sklearn_kappa
except ImportError:
    sklearn_kappa = None


def _plain_kappa(x: list[int], y: list[int]) -> float:
    """Cohen's kappa written out, independent of workbench.agreement."""
    n = len(x)
    observed = sum(a == b for a, b in zip(x, y, strict=True)) / n
    px, py = sum(x) / n, sum(y) / n
    chance = px * py + (1 - px) * (1 - py)
    return (observed - chance) / (1 - chance)


def _ids(p: Project) -> dict[str, int]:
    return {lb.name: lb.id for lb in p.labels()}


@pytest.fixture
def hand(project: Project) -> Project:
    """Two annotators on a 20-character document (values worked out in the tests)."""
    doc = project.add_document("x" * 20, title="t", id="d")
    ids = _ids(project)
    for label, start, end in (("source", 0, 5), ("claim", 6, 12), ("claim", 14, 18)):
        project.add_span(doc.id, start, end, ids[label], annotator="ann")
    for label, start, end in (("source", 0, 5), ("claim", 6, 10), ("denial", 14, 18)):
        project.add_span(doc.id, start, end, ids[label], annotator="bob")
    return project


def test_pair_measures_match_hand_computed_values(hand: Project) -> None:
    [pair] = compute_agreement(hand).pairs
    s, c, d = pair.labels["source"], pair.labels["claim"], pair.labels["denial"]
    assert (s.exact_f1, s.overlap_f1, s.kappa) == (1.0, 1.0, 1.0)
    # claim: no exact match; P = 1/2 (6-12 overlaps, 14-18 does not), R = 1/1 -> F = 2/3.
    # kappa: n = 20, ann covers 10, bob 4, both 4: p_o = 0.7, p_e = .5*.2 + .5*.8 = .5 -> 0.4.
    assert c.exact_f1 == 0.0
    assert c.overlap_f1 == pytest.approx(2 / 3)
    assert c.kappa == pytest.approx(0.4)
    # denial: only bob, 4 characters: p_o = 0.8 = p_e -> kappa 0.
    assert (d.exact_f1, d.overlap_f1) == (0.0, 0.0)
    assert d.kappa == pytest.approx(0.0)
    assert pair.labels["figure"].exact_f1 is None and pair.labels["figure"].kappa is None
    # all labels: 1 exact match of 3 + 3 spans; overlap P = R = 2/3.
    assert pair.all.exact_f1 == pytest.approx(1 / 3)
    assert pair.all.overlap_f1 == pytest.approx(2 / 3)


def test_alpha_matches_a_hand_computed_value(hand: Project) -> None:
    # claim over 20 characters: ann covers 6-12 and 14-18, bob 6-10. Units where they
    # disagree: 10, 11, 14-17 (6 of 20). Coincidences: o(0,0) = 2*10, o(1,1) = 2*4,
    # o(0,1) = o(1,0) = 6; n0 = 26, n1 = 14, n = 40.
    # alpha = 1 - (n-1) * o01 / (n0 * n1) = 1 - 39 * 6 / (26 * 14).
    alpha = compute_agreement(hand).label_alpha["claim"].alpha
    assert alpha == pytest.approx(1 - 39 * 6 / (26 * 14))


def _identical(project: Project) -> None:
    d1 = project.add_document(TEXT, title="one", id="d1")
    d2 = project.add_document(TEXT + " Again.", title="two", id="d2")
    ids = _ids(project)
    rel = project.relation_type_named("same_as")
    assert rel is not None
    for ann in ("ann", "bob", "cy"):
        a = project.add_span(d1.id, 0, 5, ids["source"], annotator=ann)
        b = project.add_span(d1.id, 11, 22, ids["claim"], annotator=ann)
        project.add_span(d1.id, 31, 37, ids["denial"], annotator=ann)
        c = project.add_span(d2.id, 11, 22, ids["claim"], annotator=ann)
        project.add_span(d2.id, 0, 5, ids["figure"], annotator=ann)
        project.add_relation(c.id, b.id, rel.id)  # across documents
        project.add_relation(b.id, a.id, _ids_rel(project, "attributed_to"))


def _ids_rel(project: Project, name: str) -> int:
    rel = project.relation_type_named(name)
    assert rel is not None
    return rel.id


def test_identical_layers_agree_perfectly_on_every_measure(project: Project) -> None:
    _identical(project)
    result = compute_agreement(project)
    assert len(result.pairs) == 3
    for pair in result.pairs:
        assert pair.documents == 2
        for scores in pair.labels.values():
            assert (scores.exact_f1, scores.overlap_f1, scores.kappa) == (1.0, 1.0, 1.0)
        assert (pair.all.exact_f1, pair.all.overlap_f1) == (1.0, 1.0)
        assert pair.relations_f1 == 1.0 and pair.relations == (2, 2, 2)
    for label in result.label_alpha.values():
        assert label.alpha == pytest.approx(1.0) and label.alpha_u == pytest.approx(1.0)


def test_relations_across_documents_need_both_spans_matched(project: Project) -> None:
    _identical(project)
    bob_claim = next(s for s in project.spans("d2") if s.annotator == "bob" and s.start == 11)
    project.update_span(bob_claim.id, end=21)  # bob's cross-document link no longer matches
    result = compute_agreement(project, annotators=["ann", "bob"])
    [pair] = result.pairs
    assert pair.relations == (2, 2, 1)
    assert pair.relations_f1 == pytest.approx(0.5)


def test_a_document_counts_when_marked_done_or_annotated_by_both(project: Project) -> None:
    ids = _ids(project)
    docs = [project.add_document(TEXT, title=str(i)).id for i in range(3)]
    project.add_span(docs[0], 0, 5, ids["source"], annotator="ann")
    project.add_span(docs[0], 0, 5, ids["source"], annotator="bob")
    project.add_span(docs[1], 0, 5, ids["source"], annotator="ann")  # bob never looked
    project.add_span(docs[2], 0, 5, ids["source"], annotator="ann")  # bob: done, no span
    set_annotator_status(project, docs[2], "bob", "done")
    [pair] = compute_agreement(project).pairs
    assert pair.documents == 2
    assert (pair.labels["source"].spans_a, pair.labels["source"].spans_b) == (2, 1)
    assert pair.labels["source"].exact_f1 == pytest.approx(2 / 3)


def _random_project(rng: random.Random, annotators: int) -> Project:
    project = Project.memory()
    ids = list(_ids(project).values())
    for d in range(4):
        length = rng.randint(40, 120)
        doc = project.add_document("y" * length, title=str(d), id=f"d{d}")
        for a in range(annotators):
            for _ in range(rng.randint(1, 8)):
                start = rng.randrange(0, length - 1)
                end = min(length, start + rng.randint(1, 15))
                label = rng.choice(ids[:2])
                try:
                    project.add_span(doc.id, start, end, label, annotator=f"a{a}")
                except EditError:  # the same span twice: the schema refuses it
                    continue
    return project


def _char_vectors(project: Project, annotator: str, label_id: int) -> list[int]:
    """Independent of the module: one 0/1 per character, by plain loops."""
    values: list[int] = []
    for doc_id in project.document_ids():
        marks = [0] * project.document_length(doc_id)
        for s in project.spans(doc_id):
            if s.annotator == annotator and s.label_id == label_id:
                for i in range(s.start, s.end):
                    marks[i] = 1
        values += marks
    return values


@pytest.mark.parametrize("seed", range(6))
def test_kappa_and_alpha_agree_with_scikit_learn_and_krippendorff(seed: int) -> None:
    rng = random.Random(seed)
    with _random_project(rng, 3) as project:
        result: AgreementResult = compute_agreement(project)
        for label in project.labels()[:2]:
            vectors = {a: _char_vectors(project, a, label.id) for a in result.annotators}
            for pair in result.pairs:
                a, b = pair.annotators
                kappa = pair.labels[label.name].kappa
                assert kappa == pytest.approx(_plain_kappa(vectors[a], vectors[b]))
                if sklearn_kappa is not None:
                    assert kappa == pytest.approx(sklearn_kappa(vectors[a], vectors[b]))
            data = np.array([vectors[a] for a in result.annotators], dtype=float)
            expected_alpha = krippendorff.alpha(
                reliability_data=data, level_of_measurement="nominal"
            )
            assert result.label_alpha[label.name].alpha == pytest.approx(expected_alpha)


@pytest.mark.parametrize("seed", range(6))
def test_exact_and_overlap_f1_agree_with_a_plain_computation(seed: int) -> None:
    with _random_project(random.Random(seed), 2) as project:
        [pair] = compute_agreement(project).pairs
        spans = project.spans()
        for label in project.labels()[:2]:
            mine = [s for s in spans if s.annotator == "a0" and s.label_id == label.id]
            theirs = [s for s in spans if s.annotator == "a1" and s.label_id == label.id]
            shared = len(
                {(s.document_id, s.start, s.end) for s in mine}
                & {(s.document_id, s.start, s.end) for s in theirs}
            )
            assert pair.labels[label.name].exact_f1 == pytest.approx(
                2 * shared / (len(mine) + len(theirs))
            )

            def hit(s: Span, others: list[Span]) -> bool:
                return any(
                    o.document_id == s.document_id and o.start < s.end and s.start < o.end
                    for o in others
                )

            p = sum(hit(s, theirs) for s in mine) / len(mine)
            r = sum(hit(s, mine) for s in theirs) / len(theirs)
            expected = 0.0 if p + r == 0 else 2 * p * r / (p + r)
            assert pair.labels[label.name].overlap_f1 == pytest.approx(expected)


def test_cli_json_has_the_documented_shape(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(project_file) as p:
        _identical(p)
    assert (
        cli.main(
            [
                "agreement",
                str(project_file),
                "--annotator",
                "ann",
                "--annotator",
                "bob",
                "--label",
                "claim",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    [pair] = data["pairs"]
    assert pair["annotators"] == ["ann", "bob"]
    assert set(pair["labels"]) == {"claim"}
    assert set(pair["labels"]["claim"]) >= {"exact_f1", "overlap_f1", "kappa"}
    assert set(pair["all"]) >= {"exact_f1", "overlap_f1"}
    assert pair["relations"]["exact_f1"] == 1.0  # the same_as link joins two claims
    assert data["labels"]["claim"]["alpha"] == pytest.approx(1.0)
    assert data["labels"]["claim"]["alpha_u"] == pytest.approx(1.0)
    assert data["documents_all_annotators"] == 2


def test_cli_csv_and_refusals(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(project_file) as p:
        _identical(p)
    out = tmp_path / "agreement.csv"
    umask = os.umask(0o022)
    try:
        assert cli.main(["agreement", str(project_file), "--csv", str(out)]) == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644  # as `open` makes it: not mkstemp's 0600
    assert sorted(tmp_path.iterdir()) == sorted([out, project_file])  # no temporary left
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("annotator_a,annotator_b,label")
    assert "ann,bob,claim,2,2,2,2,1.000,1.000,1.000,," in lines
    capsys.readouterr()
    assert cli.main(["agreement", str(project_file), "--annotator", "nobody"]) == 1
    err = capsys.readouterr().err
    assert "no annotator 'nobody'" in err and err.count("\n") == 1


def test_cli_prints_a_table_by_default(
    project_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(project_file) as p:
        _identical(p)
    assert (
        cli.main(["agreement", str(project_file), "--annotator", "ann", "--annotator", "cy"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["annotator_a", "annotator_b", "label", "documents"]
    claim = next(line.split() for line in lines if line.split()[2:3] == ["claim"])
    assert claim == ["ann", "cy", "claim", "2", "2", "2", "2", "1.000", "1.000", "1.000"]
    assert any(line.split()[:3] == ["(all)", "claim", "2"] for line in lines)
