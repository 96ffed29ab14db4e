"""Nested `Project.transaction()` blocks are savepoints: a failed inner block takes back
its own writes only, a failed outer block takes back everything, and the file is left
with no transaction open."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.project import Project


def test_a_failed_inner_block_undoes_only_its_own_writes(project: Project) -> None:
    with project.transaction():
        kept = project.add_document("kept", title="kept")
        with pytest.raises(RuntimeError), project.transaction():
            project.add_document("gone", title="gone")
            with project.transaction():  # two levels deep: the outer savepoint takes it too
                project.add_document("gone too", title="gone too")
            raise RuntimeError("boom")
        after = project.add_document("after", title="after")
    assert project.document_ids() == [kept.id, after.id]
    assert not project.conn.in_transaction


def test_a_failed_outer_block_undoes_its_committed_inner_blocks(project: Project) -> None:
    with pytest.raises(RuntimeError), project.transaction():
        with project.transaction():
            project.add_document("inner", title="inner")
        raise RuntimeError("boom")
    assert project.document_ids() == []
    assert not project.conn.in_transaction


def test_nested_blocks_commit_once_and_reach_the_file(project_file: Path) -> None:
    with Project.open(project_file) as project:
        with project.transaction():
            for n in range(3):
                with project.transaction():
                    project.add_document(f"text {n}", title=str(n))
        assert project._savepoints == 0
    with Project.open(project_file) as again:
        assert len(again.document_ids()) == 3


def test_an_error_that_ended_the_transaction_is_not_hidden(project: Project) -> None:
    # The inner block's error comes after a ROLLBACK (as a RAISE(ROLLBACK) trigger or a
    # full disk makes one): there is no savepoint left, and the error is the one raised.
    with pytest.raises(RuntimeError, match="first"), project.transaction(), project.transaction():
        project.add_document("x", title="x")
        project.conn.execute("ROLLBACK")
        raise RuntimeError("first")
    assert project.document_ids() == []
    assert not project.conn.in_transaction
