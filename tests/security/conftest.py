"""The `run` fixture: the `workbench` command in-process, with its exit status and output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.security.helpers import Result
from workbench import cli


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run_cli(*argv: str | Path) -> Result:
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run_cli
