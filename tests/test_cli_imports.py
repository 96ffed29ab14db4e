"""What the command line imports, in a fresh process: `import workbench.cli` and
`workbench --help` import no command's modules, and a command only its own — never Qt,
numpy or sqlite-utils' command-line dependencies (each costs a command its start-up).

A behavioural guard for issue 13's start-up rows (benchmarks/startup.py times them).
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import edits
from workbench.project import Project

ROOT = Path(__file__).resolve().parents[1]

# Libraries no command of the core needs at start-up: Qt (the window), numpy and pandas
# (agreement, and sqlite-utils where installed), sqlite-utils' own module and what it
# imports (its CLI: click, dateutil, pluggy...), the suggester's regex.
HEAVY = {
    "PySide6",
    "numpy",
    "pandas",
    "sqlite_utils",
    "click",
    "dateutil",
    "pluggy",
    "sqlite_fts4",
    "tabulate",
    "regex",
    "krippendorff",
}

# The modules only one command (or the window) needs.
COMMAND_MODULES = {
    "import": {"workbench.importer", "workbench.edits.file_ops", "workbench.formats.jsonl"},
    "export": {"workbench.exporter", "workbench.formats.jsonl", "workbench.formats.export_records"},
    "stats": {"workbench.stats", "workbench.chart_data"},
    # Also what builds an import's undo, which the command line has no use for.
    "documents": {"workbench.edits.document_ops"},
    "compare": {"workbench.compare", "workbench.figures"},
    "suggest": {"workbench.suggest", "workbench.edits.batch_ops", "workbench.learned"},
    "merge": {"workbench.merge"},
    "agreement": {"workbench.agreement", "workbench.agreement_report"},
    "adjudicate": {"workbench.adjudicate", "workbench.edits.span_ops"},
    "check": {"workbench.project_check"},
    "recover": {"workbench.recover"},
    "open": {"workbench.ui", "workbench.sample"},
}
ALL_COMMAND_MODULES = set().union(*COMMAND_MODULES.values())
# What a native JSONL import needs not load: doccano's reader (only a file
# that looks like doccano's), the writers' classes (each dataclass is compiled when
# defined), tempfile (with random) and shutil (with bz2 and lzma).
NOT_FOR_AN_IMPORT = {
    "workbench.formats.doccano",
    "workbench.formats.export_records",
    "tempfile",
    "shutil",
    "bz2",
    "lzma",
}

_REPORT = "import json, sys; print(json.dumps(sorted(sys.modules)))"


def imported(code: str, *args: str) -> set[str]:
    """The modules a fresh Python has loaded after running `code` (then `_REPORT`)."""
    program = f"{code}\n{_REPORT}"
    done = subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=ROOT,  # the checked-out package first, as the benchmark runs it
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def run_cli(*args: str) -> set[str]:
    """The modules loaded by `workbench ARGS` (its help exits through SystemExit)."""
    code = (
        "from workbench.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass"
    )
    return imported(f"import sys\n{code}", *args)


def loaded(modules: set[str], names: set[str]) -> set[str]:
    """Which of `names` (packages included: "PySide6" matches "PySide6.QtCore") are loaded."""
    return {m for m in modules for n in names if m == n or m.startswith(f"{n}.")}


def test_importing_the_cli_imports_no_command() -> None:
    modules = imported("import workbench.cli")
    assert "workbench.cli" in modules
    assert loaded(modules, HEAVY | ALL_COMMAND_MODULES) == set()
    # Not even the project store: only a command that opens a project needs it.
    assert loaded(modules, {"workbench.project", "workbench.model", "workbench.formats"}) == set()


def test_help_imports_no_command() -> None:
    modules = run_cli("--help")
    assert "argparse" in modules
    assert loaded(modules, HEAVY | ALL_COMMAND_MODULES | {"workbench.project"}) == set()


def test_a_commands_help_imports_none_of_its_work() -> None:
    modules = run_cli("export", "--help")
    assert "workbench.formats" in modules  # its choices: the format names
    assert loaded(modules, HEAVY | ALL_COMMAND_MODULES | {"workbench.project"}) == set()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.jsonl"
    spans = [
        {"start": 0, "end": 5, "label": "claim", "annotator": "a"},
        {"start": 6, "end": 11, "label": "source", "annotator": "a"},
    ]
    line = {"id": "d1", "title": "T", "text": "Seoul said troops moved.", "spans": spans}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["import", "export"])
def test_import_and_export_load_their_own_modules_only(
    command: str, project_file: Path, article: Path, tmp_path: Path
) -> None:
    args = {
        "import": ("import", str(project_file), str(article)),
        "export": ("export", str(project_file), "-o", str(tmp_path / "out.jsonl")),
    }
    if command == "export":
        run_cli(*args["import"])
    modules = run_cli(*args[command])
    assert COMMAND_MODULES[command] <= modules  # it ran
    others = ALL_COMMAND_MODULES - COMMAND_MODULES[command]
    assert loaded(modules, HEAVY | others) == set()
    if command == "import":
        assert loaded(modules, NOT_FOR_AN_IMPORT) == set()
    with Project.open(project_file) as project:
        assert len(project.spans()) == 2  # the import ran (and, for export, before it)
    if command == "export":
        assert '"label":"source"' in (tmp_path / "out.jsonl").read_text("utf-8")


def test_a_nested_transaction_does_not_load_sqlite_utils(project_file: Path) -> None:
    code = (
        "import sys\n"
        "from workbench.project import Project\n"
        "with Project.open(sys.argv[1]) as p, p.transaction(), p.transaction():\n"
        "    p.add_document('text', title='t')"
    )
    modules = imported(code, str(project_file))
    assert loaded(modules, {"sqlite_utils"}) == set()
    with Project.open(project_file) as project:
        assert len(project.document_ids()) == 1


def test_the_operations_are_imported_when_first_asked_for() -> None:
    modules = imported("from workbench.edits import ImportFiles")
    assert "workbench.edits.file_ops" in modules
    assert loaded(modules, {"workbench.edits.batch_ops", "workbench.edits.span_ops"}) == set()
    assert loaded(modules, HEAVY | {"workbench.suggest", "workbench.adjudicate"}) == set()


def test_every_operation_is_named_where_it_is_defined() -> None:
    # What mypy sees (the TYPE_CHECKING imports) is what runs (MODULES) and is exported.
    tree = ast.parse(Path(edits.__file__).read_text("utf-8"))
    [typing_block] = [n for n in tree.body if isinstance(n, ast.If)]
    seen = {
        node.module.rsplit(".", 1)[1]: tuple(sorted(a.name for a in node.names))
        for node in typing_block.body
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert seen == {module: tuple(sorted(names)) for module, names in edits.MODULES.items()}
    assert sorted(edits.__all__) == sorted(edits._HOME)
    for name in edits.__all__:
        home = importlib.import_module(f"workbench.edits.{edits._HOME[name]}")
        assert getattr(edits, name) is getattr(home, name), name
    assert set(dir(edits)) >= set(edits.__all__)
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        edits.Nope  # noqa: B018
