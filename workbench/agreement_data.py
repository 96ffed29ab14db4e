"""The annotators' layers for agreement, as numpy arrays on one character axis.

The documents lie one after another on the axis (a document's characters start at its
offset), so a span is a pair of integers and no span crosses into another document.
Each annotator's spans of one label form a `Track`: the spans sorted, an integer key per
span for exact matching, and their union (the characters they cover) as disjoint
intervals. Loading reads each annotator's spans with one query, without a Python loop
over the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from workbench.project import Project
from workbench.unitizing import Intervals, union_intervals

Array = NDArray[np.int64]
Mask = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Track:
    """One annotator's spans of one label on the axis."""

    start: Array
    end: Array
    doc: Array
    keys: Array  # start * (axis size + 1) + end: sorted, as the spans are
    union: Intervals
    union_doc: Array

    def within(self, docs: Mask) -> Track:
        """Only the spans in the documents marked True."""
        pick, upick = docs[self.doc], docs[self.union_doc]
        return Track(
            self.start[pick],
            self.end[pick],
            self.doc[pick],
            self.keys[pick],
            (self.union[0][upick], self.union[1][upick]),
            self.union_doc[upick],
        )

    @property
    def covered(self) -> int:
        return int((self.union[1] - self.union[0]).sum())


# (document rowid, start, end, label id) of every span, by annotator.
SpanArrays = dict[str, tuple[Array, Array]]  # annotator: (rowid per span, [start, end, label])


def load_spans(project: Project) -> SpanArrays:
    """Every annotator's spans as integer arrays.

    SQLite hands each annotator's spans of a document over as one string of numbers, which
    numpy parses: a million spans cost a fraction of a million Python row tuples.
    """
    rows = project.conn.execute(
        "SELECT s.annotator, d.rowid, count(*), "
        "group_concat(s.start || ' ' || s.end || ' ' || s.label_id, ' ') "
        "FROM documents d JOIN spans s ON s.document_id = d.id GROUP BY d.rowid, s.annotator"
    )
    grouped: dict[str, tuple[list[int], list[int], list[str]]] = {}
    for annotator, rowid, count, numbers in rows:
        rowids, counts, texts = grouped.setdefault(annotator, ([], [], []))
        rowids.append(rowid)
        counts.append(count)
        texts.append(numbers)
    out: SpanArrays = {}
    for annotator, (rowids, counts, texts) in grouped.items():
        values = np.fromstring(" ".join(texts), dtype=np.int64, sep=" ").reshape(-1, 3)
        out[annotator] = (np.repeat(np.array(rowids, np.int64), counts), values)
    return out


class TeamLayers:
    """Documents on one axis and every chosen annotator's tracks, loaded once."""

    def __init__(
        self,
        project: Project,
        annotators: Sequence[str],
        labels: Sequence[str],
        *,
        spans: SpanArrays | None = None,
    ):
        rowids = [r for (r,) in project.conn.execute("SELECT rowid FROM documents ORDER BY rowid")]
        self.doc_ids = project.document_ids()
        self.lengths = np.array(
            [len(t) for (t,) in project.conn.execute("SELECT text FROM documents ORDER BY rowid")],
            np.int64,
        )
        self.offsets = np.concatenate(([0], np.cumsum(self.lengths)))[:-1].astype(np.int64)
        self.size = int(self.lengths.sum())
        doc_of_rowid = np.full(max(rowids, default=0) + 1, -1, np.int64)
        doc_of_rowid[rowids] = np.arange(len(rowids))
        label_ids = {lb.name: lb.id for lb in project.labels()}
        label_of_id = np.full(max(label_ids.values(), default=0) + 1, -1, np.int64)
        for i, name in enumerate(labels):
            label_of_id[label_ids[name]] = i
        self.annotators = list(annotators)
        self.labels = list(labels)
        self.active: dict[str, Mask] = {}
        self.tracks: dict[tuple[str, int], Track] = {}
        spans = load_spans(project) if spans is None else spans
        empty = (np.zeros(0, np.int64), np.zeros((0, 3), np.int64))
        for annotator in annotators:
            rowid, values = spans.get(annotator, empty)
            doc = doc_of_rowid[rowid]
            active = np.zeros(len(self.doc_ids), bool)
            active[doc] = True  # a span of a label left out still makes it count
            self.active[annotator] = active
            label = label_of_id[values[:, 2]]
            start = self.offsets[doc] + values[:, 0]
            end = self.offsets[doc] + values[:, 1]
            for i in range(len(labels)):
                pick = label == i
                self.tracks[(annotator, i)] = self._track(start[pick], end[pick], doc[pick])
        index = {d: i for i, d in enumerate(self.doc_ids)}
        for doc_id, annotator in project.conn.execute(
            "SELECT document_id, annotator FROM annotator_statuses WHERE status = 'done'"
        ):
            if annotator in self.active:
                self.active[annotator][index[doc_id]] = True

    def _track(self, start: Array, end: Array, doc: Array) -> Track:
        order = np.lexsort((end, start))
        start, end, doc = start[order], end[order], doc[order]
        union = union_intervals(start, end)
        union_doc = np.searchsorted(self.offsets, union[0], side="right") - 1
        return Track(start, end, doc, start * (self.size + 1) + end, union, union_doc)

    def char_mask(self, docs: Mask) -> Mask:
        return np.repeat(docs, self.lengths)
