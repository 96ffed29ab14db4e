"""Exports stay in their target: safe file names, no foreign folder replaced, never the project."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.security.helpers import (
    Result,
    assert_refused,
    file_hashes,
    project_with,
    tamper,
    write_jsonl,
)
from workbench.formats.export_folder import MANIFEST, FileNamer
from workbench.project import Project

FOLDER_FORMATS = ["brat", "xmi", "label-studio"]
HOSTILE_IDS = [
    "/home/u/notes",
    "../x",
    "a/b",
    "..",
    ".",
    "CON",
    "con.txt",
    "nul",
    "Doc",
    "doc",
    "a\\b",
    ".hidden",
    "-rf",
    "x" * 300,
    "문서",
    "a b",
    "../../../../etc/passwd",
]
SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
RunCli = Callable[..., Result]


def _documents(ids: list[str]) -> list[dict[str, object]]:
    return [
        {
            "id": doc_id,
            "text": f"Text {i} of {doc_id}.",
            "title": f"Title {i}",
            "spans": [{"start": 0, "end": 4, "label": "claim"}],
        }
        for i, doc_id in enumerate(ids)
    ]


def _stored_ids(path: Path) -> list[str]:
    with Project.open(path) as project:
        return sorted(project.document_ids())


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_hostile_ids_write_only_inside_the_folder_and_come_back(
    tmp_path: Path, run: RunCli, fmt: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    project = project_with(work / "p.wbproj", _documents(HOSTILE_IDS))
    (tmp_path / "home" / "u").mkdir(parents=True)
    (tmp_path / "home" / "u" / "notes.txt").write_text("the user's notes", "utf-8")
    before = file_hashes(tmp_path)

    code, _, err = run("export", project, "-o", work / "out", "--format", fmt)

    assert code == 0, err
    after = file_hashes(tmp_path)
    new = {name for name in after if name not in before}
    assert all(name.startswith(os.path.join("work", "out") + os.sep) for name in new), new
    assert {k: v for k, v in after.items() if k in before} == before
    names = [p.name for p in (work / "out").iterdir() if p.name != MANIFEST]
    assert all(SAFE_NAME.fullmatch(n) and len(n) <= 90 for n in names), names
    assert len({n.casefold() for n in names}) == len(names)  # "Doc" and "doc" on macOS
    copy = tmp_path / "copy.wbproj"
    Project.create(copy).close()
    assert run("import", copy, work / "out")[0] == 0
    assert _stored_ids(copy) == sorted(HOSTILE_IDS)


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
@pytest.mark.parametrize("bad_id", ["a\0b", "../\0x", "a\nb", "\x1b[2J", "a\u202eb"])
def test_a_mailed_project_with_control_characters_in_ids_exports_safely(
    tmp_path: Path, run: RunCli, fmt: str, bad_id: str
) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["plain", "other"]))
    tamper(project, ("UPDATE documents SET id = ? WHERE id = 'plain'", (bad_id,)))
    before = file_hashes(tmp_path)

    result = run("export", project, "-o", tmp_path / "out", "--format", fmt)

    if fmt == "xmi" and re.search("[\0-\x08\x1b]", bad_id):  # XML cannot carry these at all
        assert_refused(result, "cannot be written as XMI")
        assert file_hashes(tmp_path) == before
        return
    assert result[0] == 0, result[2]
    after = file_hashes(tmp_path)
    assert {k: v for k, v in after.items() if k in before} == before
    assert all(k.startswith("out" + os.sep) for k in after.keys() - before.keys())
    names = [p.name for p in (tmp_path / "out").iterdir() if p.name != MANIFEST]
    assert all(SAFE_NAME.fullmatch(n) for n in names), names


@pytest.mark.parametrize("bad_id", ["a\0b", "a\nb", "\x1b]0;pwned\x07", "tab\there"])
def test_ids_with_control_characters_are_refused_on_import(
    tmp_path: Path, run: RunCli, bad_id: str
) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["one"]))
    source = write_jsonl(tmp_path / "in.jsonl", _documents(["fine", bad_id]))
    before = file_hashes(tmp_path)
    assert_refused(run("import", project, source), "in.jsonl, line 2", "document id")
    assert file_hashes(tmp_path) == before


def test_a_nul_in_label_studio_and_brat_manifest_ids_is_a_sentence(
    tmp_path: Path, run: RunCli
) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["a", "b"]))
    for fmt in ("label-studio", "brat"):
        assert run("export", project, "-o", tmp_path / fmt, "--format", fmt)[0] == 0
    tasks = tmp_path / "label-studio" / "tasks.json"
    tasks.write_text(
        tasks.read_text("utf-8").replace('"workbench_id": "a"', '"workbench_id": "a\\u0000"'),
        "utf-8",
    )
    manifest = tmp_path / "brat" / MANIFEST
    manifest.write_text(manifest.read_text("utf-8").replace(': "b"', ': "b\\u0000"'), "utf-8")
    fresh = tmp_path / "fresh.wbproj"
    Project.create(fresh).close()
    before = file_hashes(tmp_path)
    assert_refused(run("import", fresh, tasks), "tasks.json", "document id", "\\x00")
    assert_refused(run("import", fresh, tmp_path / "brat"), ".ann", "document id", "\\x00")
    assert file_hashes(tmp_path) == before


def test_xmi_document_ids_with_illegal_or_control_characters_are_sentences(
    tmp_path: Path, run: RunCli
) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["plain"]))
    assert run("export", project, "-o", tmp_path / "x", "--format", "xmi")[0] == 0
    xmi = tmp_path / "x" / "plain.xmi"
    original = xmi.read_text("utf-8")
    assert 'documentId="plain"' in original
    fresh = tmp_path / "fresh.wbproj"
    Project.create(fresh).close()
    for replacement, says in (
        ("&#0;", "plain.xmi"),
        ("&#x85;", "document id"),
        ("\x7f", "document id"),
    ):
        xmi.write_text(
            original.replace('documentId="plain"', f'documentId="pl{replacement}ain"'), "utf-8"
        )
        before = file_hashes(tmp_path)
        assert_refused(run("import", fresh, xmi), "plain.xmi", says)
        assert file_hashes(tmp_path) == before


def test_xmi_export_of_xml_illegal_characters_is_a_sentence_naming_the_document(
    tmp_path: Path, run: RunCli
) -> None:
    project = project_with(tmp_path / "p.wbproj", [{"id": "bell", "text": "Ring \x07 here."}])
    before = file_hashes(tmp_path)
    assert_refused(
        run("export", project, "-o", tmp_path / "x", "--format", "xmi"), "Document 'bell'", "U+0007"
    )
    assert file_hashes(tmp_path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.wbproj"]  # no temporary left behind


@pytest.mark.parametrize("fmt", FOLDER_FORMATS)
def test_a_folder_the_export_did_not_write_is_refused(
    tmp_path: Path, run: RunCli, fmt: str
) -> None:
    folder = tmp_path / "proj"
    folder.mkdir()
    project = project_with(folder / "p.wbproj", _documents(["a"]))
    (folder / "thesis.docx").write_bytes(b"years of work")
    before = file_hashes(tmp_path)
    for target in (folder, tmp_path):
        assert_refused(
            run("export", project, "-o", target, "--format", fmt),
            f"Cannot write the folder {target}",
            "not empty",
        )
        assert file_hashes(tmp_path) == before


def test_an_earlier_export_is_replaced_but_not_when_it_holds_other_files(
    tmp_path: Path, run: RunCli
) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["a", "b"]))
    out = tmp_path / "out"
    out.mkdir()  # an empty folder is fine
    assert run("export", project, "-o", out, "--format", "brat")[0] == 0
    assert run("export", project, "-o", out, "--format", "brat")[0] == 0  # same kind: replaced
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [MANIFEST, "a.txt", "a.ann", "b.txt", "b.ann", "annotation.conf", "visual.conf"]
    )
    assert_refused(
        run("export", project, "-o", out, "--format", "xmi"), "not an earlier xmi export"
    )

    (out / "my-notes.txt").write_text("mine", "utf-8")
    before = file_hashes(tmp_path)
    assert_refused(
        run("export", project, "-o", out, "--format", "brat"),
        "my-notes.txt, which Workbench did not write",
    )
    assert file_hashes(tmp_path) == before

    (out / "my-notes.txt").unlink()
    (out / "a.ann").write_text("T1\tsource 0 4\tText\n", "utf-8")  # corrected by hand in brat
    before = file_hashes(tmp_path)
    assert_refused(
        run("export", project, "-o", out, "--format", "brat"),
        "a.ann was changed since Workbench wrote it",
    )
    assert file_hashes(tmp_path) == before


def test_a_folder_export_onto_a_symbolic_link_is_refused(tmp_path: Path, run: RunCli) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["a"]))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").symlink_to(elsewhere, target_is_directory=True)
    before = file_hashes(tmp_path)
    assert_refused(
        run("export", project, "-o", tmp_path / "out", "--format", "brat"), "symbolic link"
    )
    assert file_hashes(tmp_path) == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "brat"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_the_output_is_never_the_project_or_its_wal_or_shm(
    tmp_path: Path, run: RunCli, fmt: str, suffix: str
) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["a"]))
    target = tmp_path / f"p.wbproj{suffix}"  # the -wal and -shm exist while it is open
    before = file_hashes(tmp_path)
    assert_refused(
        run("export", project, "-o", target, "--format", fmt),
        "p.wbproj",
        "choose another output name",
    )
    assert file_hashes(tmp_path) == before


def test_the_output_is_never_the_project_by_another_name(tmp_path: Path, run: RunCli) -> None:
    project = project_with(tmp_path / "p.wbproj", _documents(["a"]))
    os.link(project, tmp_path / "hard.wbproj")
    (tmp_path / "soft.jsonl").symlink_to(project)
    before = file_hashes(tmp_path)
    for target in ("hard.wbproj", "soft.jsonl", "./sub/../p.wbproj"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert_refused(run("export", project, "-o", tmp_path / target), "the project file")
        assert_refused(run("compare", project, "--csv", tmp_path / target), "the project file")
        assert_refused(run("stats", project, "--plot", tmp_path / target), "the project file")
        (tmp_path / "sub").rmdir()
    assert file_hashes(tmp_path) == before


@settings(deadline=None)  # never a wall-clock limit: the machine may be busy
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=80),
            st.sampled_from(HOSTILE_IDS + ["doc-1", "document-1", "DOC"]),
        ),
        max_size=30,
    )
)
def test_file_names_are_safe_unique_and_bounded_for_any_ids(ids: list[str | None]) -> None:
    namer = FileNamer()
    stems = [namer.stem(doc_id, number=i) for i, doc_id in enumerate(ids, start=1)]
    assert len({s.casefold() for s in stems}) == len(stems)
    for stem, doc_id in zip(stems, ids, strict=True):
        assert SAFE_NAME.fullmatch(stem) and len(stem) <= 80, stem
        assert stem.split(".")[0].casefold() not in {"con", "nul", "prn", "aux", "com1", "lpt1"}
        if doc_id:
            assert namer.documents[stem] == doc_id


def test_exports_get_the_permissions_an_ordinary_file_would(tmp_path: Path, run: RunCli) -> None:
    """The temporary names are private (mkstemp, mkdtemp); the finished export is not."""
    project = project_with(tmp_path / "p.wbproj", _documents(["a"]))
    umask = os.umask(0o022)
    try:
        assert run("export", project, "-o", tmp_path / "out.jsonl")[0] == 0
        assert run("export", project, "-o", tmp_path / "brat", "--format", "brat")[0] == 0
        assert run("compare", project, "--csv", tmp_path / "c.csv")[0] == 0
    finally:
        os.umask(umask)
    for path, mode in (
        ("out.jsonl", 0o644),
        ("brat", 0o755),
        ("brat/a.ann", 0o644),
        ("c.csv", 0o644),
    ):
        assert (tmp_path / path).stat().st_mode & 0o777 == mode, path
