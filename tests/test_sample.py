"""The bundled sample project: rebuilt from its texts, copied before use, never opened in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from workbench import sample, schema
from workbench.errors import WorkbenchError
from workbench.formats.plain import title_from
from workbench.importer import import_paths
from workbench.project import Project, content_hash


def _contents(path: Path) -> list[tuple[str, str, str, str, str]]:
    # Read-only, so the bundled file is not touched by the test itself.
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT title, source, text, content_hash, status FROM documents ORDER BY source"
        ).fetchall()
    finally:
        conn.close()


def test_the_bundled_project_matches_a_rebuild(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.wbproj"
    assert sample.main([str(rebuilt)]) == 0
    assert _contents(sample.bundled_sample()) == _contents(rebuilt)


def test_the_bundled_project_is_at_the_current_schema() -> None:
    conn = sqlite3.connect(f"file:{sample.bundled_sample()}?mode=ro", uri=True)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert version == schema.latest_version(), "rebuild it: make sample"


def test_the_sample_holds_the_five_articles_with_their_titles(sample_project_file: Path) -> None:
    titles = json.loads((sample.REPO_SAMPLES / "titles.json").read_text("utf-8"))
    articles = sorted(sample.articles_dir().glob("*.txt"))
    assert len(articles) == 5
    rows = _contents(sample_project_file)
    expected = [
        (titles.get(a.name) or title_from(a.read_text("utf-8"), a.stem), a.name) for a in articles
    ]
    assert [(r[0], r[1]) for r in rows] == expected
    for (_, _, text, digest, status), article in zip(rows, articles, strict=True):
        assert text == article.read_text("utf-8").replace("\r\n", "\n").removeprefix("\ufeff")
        assert digest == content_hash(text)
        assert status == "todo"


def test_the_user_gets_a_copy_in_the_data_folder(tmp_path: Path) -> None:
    bundled = sample.bundled_sample()
    before = bundled.read_bytes()
    copy = sample.user_sample_project()
    assert copy.is_file() and copy != bundled
    with Project.open(copy) as p:
        p.add_document("An analyst's own note.", title="note")
    assert sample.user_sample_project() == copy  # kept, not copied again
    assert _contents(copy) != _contents(bundled)
    assert bundled.read_bytes() == before


def test_a_forum_post_is_titled_the_same_by_import_and_in_the_sample(
    sample_project_file: Path,
) -> None:
    banner = sample.articles_dir() / "003_5ec9ef2b1258ae77.txt"  # opens with a forum banner
    with Project.memory() as project:
        import_paths(project, [banner])
        [imported] = project.documents()
    sample_titles = {row[1]: row[0] for row in _contents(sample_project_file)}
    assert imported.title == sample_titles[banner.name]
    assert imported.title.startswith("Seoul Calls for Immediate Withdrawal")


def test_a_rebuild_that_fails_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sample.wbproj"
    out.write_bytes(b"an analyst's own project")

    def half_way(path: Path, *, examples: bool = False) -> None:
        Project.create(path).close()  # a file is made, then the build stops
        raise WorkbenchError(f"{path}: cannot be read")

    monkeypatch.setattr(sample, "build_sample", half_way)
    assert sample.main([str(out)]) == 1
    assert "cannot be read" in capsys.readouterr().err
    assert out.read_bytes() == b"an analyst's own project"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.wbproj"]  # nothing left


def test_the_sample_goes_only_where_there_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert sample.main([str(tmp_path / "missing" / "sample.wbproj")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()
