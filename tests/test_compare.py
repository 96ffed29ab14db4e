"""The comparison table over the sample project, its CSV and the `compare` command."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from analysis_helpers import annotate_sample

from workbench.cli import main
from workbench.compare import build_table, render_table, write_csv
from workbench.errors import WorkbenchError
from workbench.project import Project


@pytest.fixture
def annotated(sample_project_file: Path) -> tuple[Project, dict[str, str]]:
    project = Project.open(sample_project_file)
    ids = annotate_sample(project)
    yield project, ids
    project.close()


def _figure_rows(table) -> list[tuple[str, dict[int, list[str]]]]:
    index = {doc_id: i for i, (doc_id, _) in enumerate(table.documents)}
    return [
        (
            row.value_text(),
            {index[d]: [e.span_id for e in entries] for d, entries in row.cells.items()},
        )
        for row in table.rows
    ]


def test_troop_figures_across_the_articles(annotated: tuple[Project, dict[str, str]]) -> None:
    project, ids = annotated
    table = build_table(project)
    assert _figure_rows(table) == [
        ("≈1,500", {0: [ids["fig0a"]], 1: [ids["fig1a"]], 4: [ids["fig4"]]}),
        ("≤3,000", {2: [ids["fig2"]]}),
        ("≤10,000", {1: [ids["fig1b"]]}),
        ("≤12,000", {0: [ids["fig0b"]]}),
    ]
    first = table.rows[0]
    assert first.kind == "same_as"
    assert first.cells[project.document_ids()[0]][0].sources == ("Seoul’s intelligence agency",)


def test_source_and_denial_reach_a_figure_through_its_claim(
    annotated: tuple[Project, dict[str, str]],
) -> None:
    project, _ = annotated
    table = build_table(project)
    row = next(r for r in table.rows if r.value_text() == "≤3,000")
    (entry,) = row.cells[project.document_ids()[2]]
    assert entry.sources == ("U.S. and South Korean officials",)
    assert entry.denials == ("dismissed allegations of sending troops to Russia",)


def test_group_by_counts_gives_one_troops_row(annotated: tuple[Project, dict[str, str]]) -> None:
    project, ids = annotated
    table = build_table(project, group_by="counts")
    troops = [r for r in table.rows if r.kind == "figure"]
    assert [r.title for r in troops] == ["troops"]
    assert troops[0].value_text() == "≈1,500 … ≤12,000"
    with pytest.raises(WorkbenchError):
        build_table(project, group_by="colour")


def test_same_as_group_of_claims_is_a_row(project: Project) -> None:
    a = project.add_document("Troops crossed the border.", title="A")
    b = project.add_document("The border was crossed by troops.", title="B")
    claim = project.label_named("claim").id
    s1 = project.add_span(a.id, 0, 25, claim, annotator="x")
    s2 = project.add_span(b.id, 0, 32, claim, annotator="x")
    project.add_relation(s1.id, s2.id, project.relation_type_named("same_as").id)
    (row,) = build_table(project).rows
    assert (row.kind, row.title) == ("same_as", "Troops crossed the border")
    assert set(row.cells) == {a.id, b.id}


def test_csv_has_a_column_per_document(
    annotated: tuple[Project, dict[str, str]], tmp_path: Path
) -> None:
    project, _ = annotated
    table = build_table(project)
    out = tmp_path / "compare.csv"
    write_csv(table, out)
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][2:] == [title for _, title in table.documents]
    assert [r[1] for r in rows[1:]] == ["≈1,500", "≤3,000", "≤10,000", "≤12,000"]
    assert "up to 3,000 North Korean troops" in rows[2][4]
    assert not list(tmp_path.glob(".*tmp"))


def test_cli_prints_and_writes_csv(
    annotated: tuple[Project, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project, _ = annotated
    path = str(project.path)
    assert main(["compare", path]) == 0
    printed = capsys.readouterr().out
    for value in ("≈1,500", "≤3,000", "≤10,000", "≤12,000"):
        assert value in printed
    assert render_table(build_table(project)) == printed
    assert main(["compare", path, "--csv", str(tmp_path / "no" / "x.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err
