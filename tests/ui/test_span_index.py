"""SpanIndex: a dict of spans by id in shards, for the views holding a long article."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.model import Span
from workbench.ui.shared.span_index import SHARDS, SpanIndex


def _span(n: int) -> Span:
    return Span(f"span-{n}", "doc", n, n + 1, 1, "ana")


# Each step: put span n, or take it away (pop, del or pop of a missing id).
steps = st.lists(st.tuples(st.sampled_from(["put", "pop", "del"]), st.integers(0, 300)))


@given(steps)
def test_it_answers_as_a_dict_of_the_same_spans_would(ops: list[tuple[str, int]]) -> None:
    index, plain = SpanIndex(), dict[str, Span]()
    for op, n in ops:
        span = _span(n)
        if op == "put":
            index[span.id] = plain[span.id] = span
        elif op == "pop":
            assert index.pop(span.id) == plain.pop(span.id, None)
        elif span.id in plain:
            del index[span.id], plain[span.id]
        assert (span.id in index) == (span.id in plain)
        assert index.get(span.id) == plain.get(span.id)
    assert len(index) == len(plain) and bool(index) == bool(plain)
    assert sorted(index) == sorted(plain)
    assert {i: index[i] for i in index} == plain


def test_spans_spread_over_the_shards_so_none_grows_with_the_whole() -> None:
    spans = [_span(n) for n in range(20_000)]
    index = SpanIndex(spans[:10_000])
    index.add_all(spans[10_000:])
    assert len(index) == 20_000 and all(index[s.id] is s for s in spans)
    largest = max(len(shard) for shard in index._shards)
    assert largest < 2 * len(spans) / SHARDS  # a dict of all 20,000 would grow in one go
