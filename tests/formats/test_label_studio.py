"""Label Studio: tasks and config that label-studio-sdk accepts; code-point offsets."""

from __future__ import annotations

import json

import pytest

from tests.formats.conftest import reimport, relations_of, spans_of, texts_of
from workbench.errors import FormatError
from workbench.exporter import export_project
from workbench.importer import import_paths
from workbench.project import Project


def test_label_studio_sdk_validates_every_task_against_the_config(annotated, tmp_path):
    interface = pytest.importorskip("label_studio_sdk.label_interface")
    export_project(annotated, tmp_path / "ls", format="label-studio")
    config = (tmp_path / "ls" / "config.xml").read_text("utf-8")
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text("utf-8"))
    li = interface.LabelInterface(config)
    assert len(tasks) == 3
    for task in tasks:
        (annotation,) = task["annotations"]
        assert li.validate_prediction(annotation, return_errors=True) == []
        for r in annotation["result"]:
            if r["type"] == "labels":  # Label Studio counts code points
                v = r["value"]
                assert task["data"]["text"][v["start"] : v["end"]] == v["text"]
    # The validator does check labels: a label the config lacks is refused.
    bad = tasks[0]["annotations"][0]
    bad["result"][0]["value"]["labels"] = ["not-a-label"]
    assert li.validate_prediction(bad, return_errors=True)


def test_round_trip_keeps_spans_notes_and_relations(annotated, tmp_path):
    back = reimport(annotated, "label-studio", tmp_path, "ls", inside="tasks.json")
    assert texts_of(back) == texts_of(annotated)
    assert spans_of(back) == spans_of(annotated)
    assert relations_of(back) == relations_of(annotated)
    assert back.document("doc-1").meta == {"outlet": "o1"}


def test_crlf_counts_as_two_characters_on_import(tmp_path):
    raw = "😀 first line\r\nSeoul denied it."
    start = raw.index("Seoul")
    task = {
        "data": {"text": raw},
        "annotations": [
            {
                "result": [
                    {
                        "id": "r1",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {
                            "start": start,
                            "end": start + 5,
                            "text": "Seoul",
                            "labels": ["place"],
                        },
                    }
                ]
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    p = Project.memory(labels=[])
    import_paths(p, [path])
    (span,) = p.spans()
    assert p.document(span.document_id).text[span.start : span.end] == "Seoul"


def test_offsets_that_do_not_match_the_text_are_refused(tmp_path):
    task = {
        "data": {"text": "😀 Seoul denied"},
        "annotations": [
            {
                "result": [
                    {
                        "id": "r1",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 3, "end": 8, "text": "Seoul", "labels": ["place"]},
                    }
                ]
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(FormatError, match="are the offsets code points"):
        import_paths(Project.memory(labels=[]), [path])


def test_annotations_that_are_not_a_list_are_refused_naming_the_file(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"data": {"text": "Seoul"}, "annotations": 5}]), encoding="utf-8")
    with pytest.raises(FormatError, match=r"export\.json.*not a list"):
        import_paths(Project.memory(labels=[]), [path])
