"""The attribution rules and counted figures of many documents, on every core.

They are pure functions of a document's text, so a run over many documents hands them
to worker processes — spawned, so nothing of the caller (a window among them) is copied —
while the caller reads, runs the time-limited word-list rules and stores. Results come
back in document order; at most AHEAD documents per worker are in flight, which bounds
the texts held in memory. Below MIN_BYTES of text a run stays in one process: starting
the workers costs about 0.2 s.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from workbench.attribution import Group, find_attributions
from workbench.counted_figures import find_figures

MIN_BYTES = 1_000_000
MAX_WORKERS = 4
AHEAD = 8

K = TypeVar("K")
Found = tuple[list[Group], list[tuple[int, int, str, str]]]


def find(text: str, figures: bool) -> Found:
    """The attribution groups of `text` and (with `figures`) its counted figures."""
    return find_attributions(text), find_figures(text) if figures else []


def workers() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(MAX_WORKERS, cores or 1)


def found_in_order(
    items: Iterable[tuple[K, str]], *, figures: bool, parallel: bool
) -> Generator[tuple[K, str, Found], None, None]:
    """(key, text, find(text)) for each (key, text), in order; in worker processes when
    `parallel` and the machine has two cores or more. Close the generator to stop early.
    Spawned workers import the caller's main module as Python's spawn does: call this
    from a program whose main module is guarded by `if __name__ == "__main__"` (the
    `workbench` command is). A worker that dies leaves its documents to this process."""
    count = workers()
    if not parallel or count < 2:
        for key, text in items:
            yield key, text, find(text, figures)
        return
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending: deque[tuple[K, str, Future[Found] | None]] = deque()
        for key, text in items:
            try:
                pending.append((key, text, pool.submit(find, text, figures)))
            except BrokenProcessPool:
                pending.append((key, text, None))
            if len(pending) >= count * AHEAD:
                yield _take(pending, figures)
        while pending:
            yield _take(pending, figures)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _take(
    pending: deque[tuple[K, str, Future[Found] | None]], figures: bool
) -> tuple[K, str, Found]:
    key, text, future = pending.popleft()
    if future is not None:
        try:
            return key, text, future.result()
        except BrokenProcessPool:
            pass
    return key, text, find(text, figures)


def worth_workers(conn: sqlite3.Connection, document_ids: list[str]) -> bool:
    """Whether the documents hold MIN_BYTES of text or more (as stored, in UTF-8)."""
    total = 0
    for i in range(0, len(document_ids), 500):
        chunk = document_ids[i : i + 500]
        row = conn.execute(
            "SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM documents "
            f"WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchone()
        total += int(row[0])
        if total >= MIN_BYTES:
            return len(document_ids) > 1
    return False
