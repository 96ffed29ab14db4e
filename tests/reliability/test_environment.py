"""A hostile environment: read-only files, a file deleted or replaced while open, a full
disk during export, a file from a newer Workbench. Each gives one clear sentence, and
nothing already saved is lost.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import exporter, output_files, schema
from workbench.errors import ProjectError, WorkbenchError
from workbench.formats import jsonl
from workbench.project import Project

# As root, file modes do not stop writes (CAP_DAC_OVERRIDE). The read-only checks then
# run in a child without that capability (setpriv), so they test the real thing.
READ_ONLY_CHECK = """
import sys
from workbench.project import Project
from workbench.errors import ProjectError
try:
    project = Project.open(sys.argv[1])
except ProjectError as e:
    print("open refused:", e)
    raise SystemExit(0)
print("documents:", len(project.documents()))
try:
    project.add_document("new text", title="new")
    print("wrote")
except ProjectError as e:
    print("edit refused:", e)
"""


def _as_unprivileged(path: Path) -> str:
    argv = [sys.executable, "-c", READ_ONLY_CHECK, str(path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot be enforced")
        argv = [
            setpriv,
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            "--",
            *argv,
        ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _project_with_one_document(path: Path) -> str:
    with Project.create(path) as project:
        return project.add_document("Troops crossed the border.", title="Saved").id


@pytest.fixture
def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the unprivileged child can reach (pytest's own is private to its user)."""
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"wb-env-{os.getpid()}-{os.urandom(3).hex()}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def test_read_only_project_file_opens_and_refuses_edits_clearly(shared_dir: Path) -> None:
    path = shared_dir / "ro.wbproj"
    _project_with_one_document(path)
    path.chmod(0o444)
    before = _digest(path)
    out = _as_unprivileged(path)
    assert "documents: 1" in out
    assert f"edit refused: {path} is read-only; changes cannot be saved." in out
    assert _digest(path) == before


def test_project_in_a_read_only_folder_is_refused_clearly(shared_dir: Path) -> None:
    path = shared_dir / "ro.wbproj"
    _project_with_one_document(path)
    before = _digest(path)
    shared_dir.chmod(0o555)
    out = _as_unprivileged(path)
    assert f"open refused: Cannot open {path}: its folder is read-only" in out
    assert _digest(path) == before


def test_file_deleted_while_open_is_put_back_with_the_saved_work(project_file: Path) -> None:
    project = Project.open(project_file)
    doc = project.add_document("Troops crossed the border.", title="Saved")
    label = project.labels()[0].id
    saved = project.add_span(doc.id, 0, 6, label, annotator="me")
    project_file.unlink()
    with pytest.raises(ProjectError, match="was deleted by another program.*put it back"):
        project.add_span(doc.id, 7, 14, label, annotator="me")
    again = project.add_span(doc.id, 7, 14, label, annotator="me")  # editing goes on
    project.close()
    with Project.open(project_file) as reopened:
        assert {s.id for s in reopened.spans()} == {saved.id, again.id}
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_file_replaced_while_open_keeps_both(project_file: Path, tmp_path: Path) -> None:
    project = Project.open(project_file)
    doc = project.add_document("Troops crossed the border.", title="Saved")
    label = project.labels()[0].id
    saved = project.add_span(doc.id, 0, 6, label, annotator="me")
    other = tmp_path / "other.wbproj"
    _project_with_one_document(other)
    os.replace(other, project_file)  # e.g. a sync tool puts another version in place
    replaced = _digest(project_file)
    with pytest.raises(ProjectError, match="was replaced by another program") as info:
        project.add_span(doc.id, 7, 14, label, annotator="me")
    rescued = project_file.with_name("test.recovered.wbproj")
    assert str(rescued) in str(info.value)
    with pytest.raises(ProjectError, match="was replaced"):  # and stays refused
        project.add_span(doc.id, 7, 14, label, annotator="me")
    project.close()
    assert _digest(project_file) == replaced  # the newcomer is not touched
    with Project.open(rescued) as copy:
        assert [s.id for s in copy.spans()] == [saved.id]


def test_a_second_reader_refuses_a_file_put_in_the_opened_ones_place(
    project_file: Path, tmp_path: Path
) -> None:
    """A window's docks read the project through connections of their own, opened by
    path: never from a file that is not the one it checked when it opened."""
    project = Project.open(project_file)
    with project.reader() as reader:
        assert reader.document_ids() == project.document_ids()
        with pytest.raises(ProjectError, match="read-only"):
            reader.add_document("Troops crossed the border.", title="No")
    other = tmp_path / "other.wbproj"
    _project_with_one_document(other)
    os.replace(other, project_file)
    replaced = _digest(project_file)
    with pytest.raises(ProjectError, match="no longer the file that was opened"):
        project.reader()
    project.close()
    assert _digest(project_file) == replaced


@pytest.mark.parametrize("where", ["writer", "fsync"])
def test_full_disk_during_export(
    where: str, project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("the previous export\n", encoding="utf-8")
    real_write = jsonl.write_rows  # what export writes JSONL with

    def write_then_fill(records, path, scheme, report, **options):  # type: ignore[no-untyped-def]
        real_write(records, path, scheme, report, **options)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "writer":
        monkeypatch.setattr(jsonl, "write_rows", write_then_fill)
    else:
        monkeypatch.setattr(output_files.os, "fsync", no_space)
    with Project.open(project_file) as project:
        project.add_document("Troops crossed the border.", title="Saved")
        with pytest.raises(WorkbenchError, match=f"Cannot write {target}: No space left on device"):
            exporter.export_project(project, target, format="jsonl")
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.jsonl", project_file.name])


def test_project_from_a_newer_workbench_is_refused_and_left_as_it_was(project_file: Path) -> None:
    newer = schema.latest_version() + 1
    with sqlite3.connect(project_file) as conn:
        conn.execute(f"PRAGMA user_version = {newer}")
    conn.close()
    before = _digest(project_file)
    with pytest.raises(ProjectError, match=f"written by a newer Workbench \\(schema {newer}"):
        Project.open(project_file)
    done = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "stats", str(project_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "newer Workbench" in done.stderr and "Traceback" not in done.stderr
    assert _digest(project_file) == before
