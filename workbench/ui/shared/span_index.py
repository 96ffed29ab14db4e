"""Spans by id for the views that hold a long article's spans, kept in shards.

A dict grows by copying every entry into a table twice its size, all at once: at 174,762
spans, the step a 20 MB article's read passes, one insert took 8.5 ms in a bare process
and 17-26 ms in the window (the pane's layer and the annotation list each hold such a
dict), a pass that kept a key press waiting. In 64 shards each grows on its own and the
largest step copies a 64th of the entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping

from workbench.model import Span

SHARDS = 64  # a power of two: a key's shard is the low bits of its hash


class SpanIndex(MutableMapping[str, Span]):
    """A dict of spans by id, in shards (the operations the views use written out: the
    mixins of MutableMapping would go through `__getitem__` and exceptions)."""

    __slots__ = ("_shards",)

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._shards: list[dict[str, Span]] = [{} for _ in range(SHARDS)]
        self.add_all(spans)

    def __getitem__(self, span_id: str) -> Span:
        return self._shards[hash(span_id) & (SHARDS - 1)][span_id]

    def __setitem__(self, span_id: str, span: Span) -> None:
        self._shards[hash(span_id) & (SHARDS - 1)][span_id] = span

    def __delitem__(self, span_id: str) -> None:
        del self._shards[hash(span_id) & (SHARDS - 1)][span_id]

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._shards[hash(span_id) & (SHARDS - 1)]

    def get(self, span_id: str, default: Span | None = None) -> Span | None:  # type: ignore[override]  # one signature is enough here
        return self._shards[hash(span_id) & (SHARDS - 1)].get(span_id, default)

    def pop(self, span_id: str, default: Span | None = None) -> Span | None:  # type: ignore[override]  # as dict.pop(key, None)
        return self._shards[hash(span_id) & (SHARDS - 1)].pop(span_id, default)

    def __len__(self) -> int:
        return sum(map(len, self._shards))

    def __bool__(self) -> bool:
        return any(self._shards)

    def __iter__(self) -> Iterator[str]:
        for shard in self._shards:
            yield from shard

    def add_all(self, spans: Iterable[Span]) -> None:
        for span in spans:
            self._shards[hash(span.id) & (SHARDS - 1)][span.id] = span
