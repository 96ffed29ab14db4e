"""A large suggester run hands its attribution rules to worker processes: the suggestions,
groups and links it stores are the same as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.suggest_attribution import build
from workbench import suggest, suggest_parallel
from workbench.project import Project


def _stored(project: Project) -> tuple[list[tuple[object, ...]], ...]:
    conn = project.conn
    spans = conn.execute(
        "SELECT document_id, start, end, label, rule, status FROM suggestions ORDER BY 1, 2, 3, 4"
    ).fetchall()
    links = conn.execute(
        "SELECT a.document_id, a.start, a.end, a.label, b.start, b.end, b.label, l.relation "
        "FROM suggested_links l JOIN suggestions a ON a.id = l.head "
        "JOIN suggestions b ON b.id = l.tail ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"
    ).fetchall()
    groups = conn.execute(
        "SELECT document_id, group_concat(start || '-' || label, ' ') FROM "
        "(SELECT * FROM suggestions WHERE group_id IS NOT NULL ORDER BY start, label) "
        "GROUP BY group_id ORDER BY 1, 2"
    ).fetchall()
    return spans, links, groups


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parallel") / "corpus.wbproj"
    build(path, docs=60, kb=5)
    return path


def _run(corpus: Path, tmp: Path, **kw: object) -> tuple[object, ...]:
    copy = tmp / f"run{len(list(tmp.iterdir()))}.wbproj"
    copy.write_bytes(corpus.read_bytes())
    with Project.open(copy) as project:
        report = suggest.run_suggester(project, **kw)  # type: ignore[arg-type]
        return report.added, report.pending, _stored(project)


def test_workers_store_what_one_process_stores(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _run(corpus, tmp_path)
    monkeypatch.setattr(suggest_parallel, "MIN_BYTES", 1)
    monkeypatch.setattr(suggest_parallel, "workers", lambda: 2)
    spawned: list[int] = []
    real = suggest_parallel.ProcessPoolExecutor

    def counted(*args: object, **kw: object) -> object:
        spawned.append(1)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(suggest_parallel, "ProcessPoolExecutor", counted)
    together = _run(corpus, tmp_path, workers=True)
    assert spawned == [1]
    assert alone[0] > 1000 and together == alone


def test_a_broken_pool_leaves_the_documents_to_this_process(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _run(corpus, tmp_path)

    class Broken:
        def __init__(self, *args: object, **kw: object) -> None:
            pass

        def submit(self, *args: object) -> object:
            raise suggest_parallel.BrokenProcessPool("a worker died")

        def shutdown(self, **kw: object) -> None:
            pass

    monkeypatch.setattr(suggest_parallel, "MIN_BYTES", 1)
    monkeypatch.setattr(suggest_parallel, "workers", lambda: 2)
    monkeypatch.setattr(suggest_parallel, "ProcessPoolExecutor", Broken)
    assert _run(corpus, tmp_path, workers=True) == alone


def test_workers_only_for_a_large_run_of_several_documents(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(corpus) as project:
        ids = project.document_ids()
        assert not suggest_parallel.worth_workers(project.conn, ids)  # 300 KB < 1 MB
        monkeypatch.setattr(suggest_parallel, "MIN_BYTES", 100_000)
        assert suggest_parallel.worth_workers(project.conn, ids)
        assert not suggest_parallel.worth_workers(project.conn, ids[:1])  # one document


def test_library_calls_stay_in_one_process(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(suggest_parallel, "MIN_BYTES", 1)

    def refused(*args: object, **kw: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(suggest_parallel, "ProcessPoolExecutor", refused)
    assert _run(corpus, tmp_path)[0] > 1000
