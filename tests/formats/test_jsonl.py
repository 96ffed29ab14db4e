"""The native JSONL dataset: reading, its errors, and the byte-identical round trip."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import FormatError
from workbench.exporter import export_project
from workbench.formats import jsonl
from workbench.importer import import_paths
from workbench.project import Project

AWKWARD = [
    "😀",
    "🇰🇷",
    "👨\u200d👩\u200d👧",
    "𠀀",
    "e\u0301",
    "مرحبا",
    "שלום",
    "\u200b",
    "\u200d",
    "\u2028",
    "\u2029",
    "\t",
    "\n",
    "\ufeff",
    " ",
    "\x00",
    "a",
]
pieces = st.sampled_from(AWKWARD) | st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\r"), min_size=1, max_size=5
)
texts = st.lists(pieces, min_size=1, max_size=30).map("".join)
names = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)


def _line(obj: dict) -> str:  # type: ignore[type-arg]
    return json.dumps(obj, ensure_ascii=False) + "\n"


def _write(tmp_path: Path, *objs: dict, name: str = "in.jsonl") -> Path:  # type: ignore[type-arg]
    path = tmp_path / name
    path.write_text("".join(_line(o) for o in objs), "utf-8")
    return path


@st.composite
def projects(draw: st.DrawFn) -> Project:
    project = Project.memory()
    labels = [lb.id for lb in project.labels()]
    labels.append(project.add_label(draw(st.sampled_from(["lieu", "🏷️", "a b"]))).id)
    doc_texts = draw(st.lists(texts, min_size=1, max_size=4, unique=True))
    span_ids = []
    for text in doc_texts:
        doc = project.add_document(
            text,
            title=draw(names),
            source=draw(names),
            status=draw(st.sampled_from(["todo", "in_progress", "done"])),
            meta=draw(
                st.dictionaries(
                    names,
                    names
                    | st.integers(-(2**63), 2**63 - 1)
                    | st.floats(allow_nan=False, allow_infinity=False),
                    max_size=3,
                )
            ),
        )
        for _ in range(draw(st.integers(0, 6))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            key = dict(
                annotator=draw(st.sampled_from(["ann", "bob", "Émilie 李"])), note=draw(names)
            )
            label = draw(st.sampled_from(labels))
            if not any(
                (s.start, s.end, s.label_id, s.annotator) == (start, end, label, key["annotator"])
                for s in project.spans(doc.id)
            ):
                span_ids.append(project.add_span(doc.id, start, end, label, **key).id)
    types = [t.id for t in project.relation_types()]
    for _ in range(draw(st.integers(0, 3)) if len(span_ids) > 1 else 0):
        head, tail = draw(st.lists(st.sampled_from(span_ids), min_size=2, max_size=2, unique=True))
        type_id = draw(st.sampled_from(types))
        if not any(
            (r.head, r.tail, r.type_id) == (head, tail, type_id) for r in project.relations()
        ):
            project.add_relation(head, tail, type_id)
    return project


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_export_import_export_is_byte_identical(project: Project) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "first.jsonl", Path(tmp) / "second.jsonl"
        export_project(project, first)
        data = first.read_bytes()
        for line in data.decode("utf-8").split("\n")[:-1]:
            doc = json.loads(line)
            for span in doc["spans"]:
                assert span["text"] == doc["text"][span["start"] : span["end"]]
        with Project.memory(labels=[]) as copy:
            report = import_paths(copy, [first], strict=False)
            assert (report.documents, report.spans, report.relations) == (
                len(project.documents()),
                project.span_count(),
                len(project.relations()),
            )
            export_project(copy, second)
        assert second.read_bytes() == data
    project.close()


def test_export_schema_field_order(project: Project, tmp_path: Path) -> None:
    doc = project.add_document("Seoul says 3,000.", title="T", source="s.txt", meta={"k": 1})
    a = project.add_span(doc.id, 11, 16, project.label_named("figure").id, annotator="ann")  # type: ignore[union-attr]
    b = project.add_span(doc.id, 0, 5, project.label_named("source").id, annotator="ann")  # type: ignore[union-attr]
    project.add_relation(a.id, b.id, project.relation_type_named("attributed_to").id)  # type: ignore[union-attr]
    out = tmp_path / "out.jsonl"
    export_project(project, out)
    [line] = out.read_text("utf-8").splitlines()
    obj = json.loads(line)
    assert list(obj) == ["id", "title", "source", "text", "status", "meta", "spans", "relations"]
    assert [list(s) for s in obj["spans"]] == [
        ["id", "start", "end", "label", "text", "annotator", "note", "created_at", "updated_at"]
    ] * 2
    assert [(s["start"], s["label"], s["text"]) for s in obj["spans"]] == [
        (0, "source", "Seoul"),
        (11, "figure", "3,000"),
    ]
    assert obj["relations"] == [
        {"id": project.relations()[0].id, "head": a.id, "tail": b.id, "label": "attributed_to"}
    ]
    assert (obj["id"], obj["title"], obj["source"], obj["status"], obj["meta"]) == (
        doc.id,
        "T",
        "s.txt",
        "todo",
        {"k": 1},
    )


def test_crlf_text_spans_cover_the_same_characters(tmp_path: Path) -> None:
    raw = "\ufeffFirst line\r\nSecond: 😀 1,500\rThird"
    wanted = ["First", "😀 1,500", "Third"]
    spans = [
        {"start": raw.index(w), "end": raw.index(w) + len(w), "label": "claim", "text": w}
        for w in wanted
    ]
    [record] = jsonl.read(_write(tmp_path, {"text": raw, "spans": spans}), [])
    assert record.text == "\ufeffFirst line\nSecond: 😀 1,500\nThird"
    assert [record.text[s.start : s.end] for s in record.spans] == wanted


def test_a_span_across_a_crlf_keeps_the_line_break(tmp_path: Path) -> None:
    raw = "ab\r\ncd"
    [record] = jsonl.read(
        _write(tmp_path, {"text": raw, "spans": [{"start": 1, "end": 5, "label": "x"}]}), []
    )
    [span] = record.spans
    assert record.text[span.start : span.end] == "b\nc"


def test_line_separators_inside_strings_do_not_split_records(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        _line({"text": "a\u2028b\u2029c\x85d"}) + "\r\n" + _line({"text": "e"}), "utf-8"
    )
    assert [r.text for r in jsonl.read(path, [])] == ["a\u2028b\u2029c\x85d", "e"]


def test_missing_fields_get_defaults(tmp_path: Path) -> None:
    [r] = jsonl.read(_write(tmp_path, {"text": "Headline\nbody"}, name="feed.jsonl"), [])
    assert (r.title, r.source, r.status, r.meta, r.id, r.spans) == (
        "Headline",
        "feed.jsonl",
        "todo",
        {},
        None,
        [],
    )


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ([1, 2], "is not a JSON object"),
        ({"title": "x"}, 'has no "text" string'),
        ({"text": ""}, 'has no "text" string'),
        ({"text": "abc", "status": "finished"}, 'has status "finished"'),
        ({"text": "abc", "meta": [1]}, '"meta" that is not a JSON object'),
        ({"text": "abc", "title": 5}, '"title" that is not a string'),
        ({"text": "abc", "spans": {}}, "not a list"),
        ({"text": "abc", "spans": [{"start": "0", "end": 2, "label": "x"}]}, "whole-number"),
        ({"text": "abc", "spans": [{"start": 0.0, "end": 2, "label": "x"}]}, "whole-number"),
        ({"text": "abc", "spans": [{"start": True, "end": 2, "label": "x"}]}, "whole-number"),
        ({"text": "abc", "spans": [{"start": 0, "end": 2}]}, 'span 1 has no "label"'),
        (
            {"text": "abc", "spans": [{"start": 0, "end": 4, "label": "x"}]},
            r"span 1 \(0-4\) falls outside",
        ),
        ({"text": "abc", "spans": [{"start": 2, "end": 2, "label": "x"}]}, "falls outside"),
        ({"text": "abc", "spans": [{"start": -1, "end": 2, "label": "x"}]}, "falls outside"),
        (
            {"text": "😀bc", "spans": [{"start": 0, "end": 2, "label": "x", "text": "😀"}]},
            "are the offsets code points",
        ),
        ({"text": "a\r\nb", "spans": [{"start": 1, "end": 2, "label": "x"}]}, "only a line-ending"),
        ({"text": "abc", "relations": [{"head": "a"}]}, '"head", "tail" and "label"'),
    ],
)
def test_bad_records_are_refused_naming_file_and_line(
    tmp_path: Path, obj: object, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(_line({"text": "fine"}) + "\n" + json.dumps(obj) + "\n", "utf-8")
    with pytest.raises(FormatError, match=message) as info:
        jsonl.read(path, [])
    assert str(info.value).startswith(f"{path}, line 3: ")


def test_malformed_json_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(_line({"text": "fine"}) + '{"text": "oops",\n', "utf-8")
    with pytest.raises(FormatError, match=r"bad\.jsonl, line 2: is not valid JSON"):
        jsonl.read(path, [])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "a", "meta": {"n": NaN}}', "holds NaN, which is not JSON"),
        ('{"text": "a", "meta": {"n": -Infinity}}', "holds -Infinity"),
        (
            '{"text": "a", "meta": {"n": 123456789012345678901234567890}}',
            "holds a value JSON cannot carry",
        ),
    ],
)
def test_values_that_would_not_export_again_are_refused(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(line + "\n", "utf-8")
    with pytest.raises(FormatError, match=rf"odd\.jsonl, line 1: {message}"):
        jsonl.read(path, [])


def test_a_file_with_only_blank_lines_holds_no_documents(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n   \n\n", "utf-8")
    with pytest.raises(FormatError, match="empty|holds no documents"):
        jsonl.read(path, [])


def test_a_span_text_that_is_not_a_string_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path, {"text": "abc", "spans": [{"start": 0, "end": 1, "label": "x", "text": 5}]}
    )
    with pytest.raises(FormatError, match=r'line 1: span 1 has a "text" that is not a string'):
        jsonl.read(path, [])


# JSON values as a file may spell them: big and small integers, floats, deep nesting.
_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


def _read_exactly(monkeypatch: pytest.MonkeyPatch, path: Path) -> object:
    """What `jsonl.read` gives (records or the refusal's sentence), and what it gives
    when every line is read by the standard library alone."""

    def outcome() -> object:
        try:
            return jsonl.read(path, [])
        except FormatError as e:
            return str(e)

    fast = outcome()
    with monkeypatch.context() as m:
        m.setattr(jsonl, "_fast_loads", _always_inexact)
        exact = outcome()
    return fast, exact


def _always_inexact(line: str) -> object:
    raise jsonl._Inexact


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meta=_json_values, attrs=_json_values, depth=st.integers(0, 300))
def test_orjson_reads_what_the_standard_library_reads(
    monkeypatch: pytest.MonkeyPatch, meta: object, attrs: object, depth: int
) -> None:
    # orjson reads an integer past 64 bits as a float and writes no deeper than 255
    # levels: a kept value must come out as `json` reads it, or be refused the same way.
    deep: object = meta
    for _ in range(depth % 7 * 50):
        deep = [deep]
    line = json.dumps(
        {
            "text": "Seoul said so.",
            "meta": {"value": deep},
            "spans": [{"start": 0, "end": 5, "label": "source", "attrs": {"a": attrs}}],
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "values.jsonl"
        path.write_text(line + "\n", "utf-8")
        fast, exact = _read_exactly(monkeypatch, path)
    assert fast == exact
    if isinstance(fast, list):
        assert fast[0].meta == {"value": deep} and fast[0].spans[0].attrs == {"a": attrs}


def test_an_integer_past_64_bits_is_never_kept_as_a_float(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        '{"text": "a b", "meta": {"n": 18446744073709551615, "x": 0.1}, "spans": '
        '[{"start": 0, "end": 1, "label": "figure", "attrs": {"value": 3.5}}]}\n'
        '{"text": "c", "spans": [{"start": 0, "end": 1, "label": "figure", '
        '"attrs": {"value": 98765432109876543210}}]}\n',
        "utf-8",
    )
    with pytest.raises(FormatError, match=r"big\.jsonl, line 2: holds a value JSON cannot carry"):
        jsonl.read(path, [])
    first = next(jsonl.iter_read(path, []))
    assert first.meta == {"n": 18446744073709551615, "x": 0.1}
    assert type(first.meta["n"]) is int and first.spans[0].attrs == {"value": 3.5}


@pytest.mark.parametrize(
    "number",
    [
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1e19",
        "-1e19",
        "9223372036854775808.0",
        "3.5",
    ],
)
def test_numbers_at_64_bits_read_as_the_standard_library_reads_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, number: str
) -> None:
    path = tmp_path / "numbers.jsonl"
    path.write_text(
        f'{{"text": "Seoul said so.", "meta": {{"n": {number}}}, "spans": [{{"start": 0, '
        f'"end": 5, "label": "figure", "attrs": {{"value": {number}}}}}]}}\n',
        "utf-8",
    )
    fast, exact = _read_exactly(monkeypatch, path)
    assert fast == exact
    if isinstance(fast, list):
        assert type(fast[0].meta["n"]) is type(json.loads(number))
