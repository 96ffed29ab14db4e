"""Import, export and open: the core's throughput against raw sqlite3 floors."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import LABELS, Size, build_project, raw_insert, write_jsonl
from workbench.exporter import export_project
from workbench.importer import import_paths
from workbench.project import Project


def best_of(repeat: int, run: Callable[[int], Any]) -> float:
    """The fastest of `repeat` runs of `run(i)`, in seconds."""
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        run(i)
        times.append(time.perf_counter() - start)
    return min(times)


def alternating(
    repeat: int, floor: Callable[[int], Any], ours: Callable[[int], Any]
) -> tuple[float, float]:
    """The fastest of `repeat` runs of `floor` and of `ours`, taken in turns, so that a
    slow minute of a shared machine falls on both."""
    times: tuple[list[float], list[float]] = ([], [])
    for i in range(repeat):
        for run, kept in ((floor, times[0]), (ours, times[1])):
            start = time.perf_counter()
            run(i)
            kept.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def _repeat(size: Size) -> int:
    # A million spans: ~25 s a run, and a single pair of runs moved the ratio by 0.15.
    return 3 if size.spans <= 100_000 else 2


def bench_import(size: Size, work: Path) -> dict[str, Any]:
    """MB/s of `import_paths` on a JSONL file vs json.loads + executemany of the same rows."""
    source = work / "corpus.jsonl"
    nbytes = write_jsonl(size, source)

    def ours(i: int) -> None:
        with Project.create(work / f"ours{i}.wbproj", labels=list(LABELS)) as project:
            import_paths(project, [source], annotator="bench")

    def floor(i: int) -> None:
        Project.create(work / f"floor{i}.wbproj", labels=list(LABELS)).close()
        conn = sqlite3.connect(work / f"floor{i}.wbproj", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        with source.open(encoding="utf-8") as f:
            raw_insert(conn, (json.loads(line) for line in f))
        conn.close()

    t_floor, t_ours = alternating(_repeat(size), floor, ours)
    mb = nbytes / 1e6
    return {
        "figure": mb / t_ours,
        "floor": mb / t_floor,
        "unit": "MB/s",
        "note": f"{mb:.0f} MB file, {t_ours:.2f} s",
    }


def bench_export(size: Size, work: Path) -> list[dict[str, Any]]:
    """spans/s and MB/s of `export_project(format="jsonl")` vs sqlite3 + stdlib json."""
    path = build_project(size, work / "export.wbproj")
    out_ours, out_floor = work / "ours.jsonl", work / "floor.jsonl"

    def ours(i: int) -> None:
        with Project.open(path) as project:
            export_project(project, out_ours, format="jsonl")

    def floor(i: int) -> None:
        conn = sqlite3.connect(path)
        docs = conn.execute(
            "SELECT id, title, source, text, status, meta FROM documents ORDER BY rowid"
        )
        with out_floor.open("w", encoding="utf-8") as out:
            for doc_id, title, source, text, status, meta in docs:
                spans = [
                    {
                        "id": sid,
                        "start": start,
                        "end": end,
                        "label": label,
                        "text": text[start:end],
                        "annotator": who,
                        "note": note,
                        "created_at": created,
                        "updated_at": updated,
                    }
                    for sid, start, end, label, who, note, created, updated in conn.execute(
                        "SELECT s.id, s.start, s.end, l.name, s.annotator, s.note, "
                        "s.created_at, s.updated_at FROM spans s JOIN labels l "
                        "ON l.id = s.label_id WHERE s.document_id = ? ORDER BY s.start, s.end",
                        (doc_id,),
                    )
                ]
                out.write(
                    json.dumps(
                        {
                            "id": doc_id,
                            "title": title,
                            "source": source,
                            "text": text,
                            "status": status,
                            "meta": json.loads(meta),
                            "spans": spans,
                            "relations": [],
                        },
                        ensure_ascii=False,
                    )
                )
                out.write("\n")
        conn.close()

    t_floor, t_ours = alternating(_repeat(size), floor, ours)
    mb = out_ours.stat().st_size / 1e6
    return [
        {
            "figure": size.spans / t_ours,
            "floor": size.spans / t_floor,
            "unit": "spans/s",
            "note": f"{t_ours:.2f} s",
        },
        {
            "figure": mb / t_ours,
            "floor": out_floor.stat().st_size / 1e6 / t_floor,
            "unit": "MB/s",
            "note": f"{mb:.0f} MB file",
        },
    ]


def bench_open(size: Size, work: Path) -> dict[str, Any]:
    """Seconds to open a project and list its documents (what the window does first)."""
    path = build_project(size, work / "open.wbproj")

    def ours(i: int) -> None:
        with Project.open(path) as project:
            assert len(project.documents()) == size.documents

    return {"figure": best_of(3, ours), "floor": None, "unit": "s", "note": ""}


def scratch() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="wb-bench-")
