"""One road for every edit: only the controller emits its signals, and the window's modules
never call the project's writing methods (or the core's writing functions) themselves —
they ask the controller, which runs an operation of workbench/edits."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
CONTROLLER = PACKAGE / "ui" / "controller.py"
UI_FILES = sorted(p for p in (PACKAGE / "ui").rglob("*.py") if p != CONTROLLER)
# They build a throwaway demo project for the README's screenshots before any window
# opens on it; nothing an analyst does passes through them.
DEMO_BUILDERS = {"screenshot.py", "team_screenshot.py"}
# Core functions that write to a project (besides the Project's own methods).
CORE_WRITERS = {
    "set_annotator_status",
    "accept_linked",
    "accept_span",
    "adjudicate",
    "merge_projects",
    "import_paths",
    "sync_figures",
    "resync_figures",
    "run_suggester",
    "set_project_rules",
    "store_rules_file",
}
SQL_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# The modules of the `Project` class: itself and its mixins.
PROJECT_MODULES = (
    "project.py",
    "project_documents.py",
    "project_spans.py",
    "project_relations.py",
    "label_scheme.py",
)


def controller_signals() -> set[str]:
    tree = ast.parse(CONTROLLER.read_text("utf-8"))
    cls = next(
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "ProjectController"
    )
    return {
        t.id
        for n in cls.body
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Call)
        and getattr(n.value.func, "id", "") == "Signal"
        for t in n.targets
        if isinstance(t, ast.Name)
    }


def _writes(method: ast.FunctionDef, writers: set[str]) -> bool:
    for node in ast.walk(method):
        if isinstance(node, ast.Attribute) and node.attr in ("transaction", "executemany"):
            return True
        if (
            isinstance(node, ast.Attribute)
            and node.attr in writers
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            return True  # through another writing method
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.lstrip().upper().startswith(SQL_WRITES)
        ):
            return True
    return False


def project_writing_methods() -> set[str]:
    """The Project's (and its LabelScheme's) methods that write, read off their code."""
    methods = [
        m
        for name in PROJECT_MODULES
        for cls in ast.parse((PACKAGE / name).read_text("utf-8")).body
        if isinstance(cls, ast.ClassDef)
        for m in cls.body
        if isinstance(m, ast.FunctionDef)
        and m.name != "transaction"
        and not m.name.startswith("__")
    ]
    found: set[str] = set()
    while True:  # until no method writes through one found in the last round
        more = {m.name for m in methods if _writes(m, found)}
        if more == found:
            return {name for name in found if not name.startswith("_")}
        found = more


def _ends_in_project(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "project") or (
        isinstance(node, ast.Attribute) and node.attr == "project"
    )


def _is_controller(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id in ("controller", "_controller")) or (
        isinstance(node, ast.Attribute) and node.attr in ("controller", "_controller")
    )


def emits_of_controller_signals(source: str, signals: set[str]) -> list[str]:
    """`<anything>.controller.<signal>.emit(` and `controller.<signal>.emit(` calls."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "emit"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr in signals
            and _is_controller(node.func.value.value)
        ):
            found.append(f"line {node.lineno}: {node.func.value.attr}.emit")
    return found


def direct_writes(source: str, methods: set[str]) -> list[str]:
    """`<…>.project.<writing method>(` calls and calls of the core's writing functions."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in methods
            and _ends_in_project(func.value)
        ):
            found.append(f"line {node.lineno}: project.{func.attr}")
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in CORE_WRITERS and not (
            isinstance(func, ast.Attribute) and _is_controller(func.value)
        ):
            found.append(f"line {node.lineno}: {name}")
    return found


def test_the_writing_methods_are_found() -> None:
    methods = project_writing_methods()
    assert {
        "add_span",
        "update_span",
        "delete_span",
        "restore_span",
        "add_relation",
        "delete_relation",
        "insert_relations",
        "insert_spans",
        "set_status",
        "add_document",
        "delete_document",
        "set_span_attrs",
        "add_label",
        "update_label",
        "reorder_labels",
        "delete_label",
        "add_relation_type",
    } <= methods
    assert not methods & {"span", "spans", "labels", "document", "relations"}  # readers


def test_the_checks_catch_a_view_that_writes_or_emits() -> None:
    signals = controller_signals()
    assert {"span_added", "relations_changed", "error_raised", "changed"} <= signals
    sneaky = (
        "def f(self, controller):\n"
        "    self.controller.project.delete_span('x')\n"
        "    self.controller.span_added.emit(None)\n"
        "    controller.documents_changed.emit()\n"
        "    sync_figures(self.controller.project)\n"
        "    self.controller.delete_span('x')\n"  # the road: fine
        "    self.controller.sync_figures()\n"
    )
    assert emits_of_controller_signals(sneaky, signals) == [
        "line 3: span_added.emit",
        "line 4: documents_changed.emit",
    ]
    assert direct_writes(sneaky, project_writing_methods()) == [
        "line 2: project.delete_span",
        "line 5: sync_figures",
    ]


def test_no_window_module_emits_the_controllers_signals() -> None:
    signals = controller_signals()
    found = {
        str(p.relative_to(PACKAGE)): emits
        for p in UI_FILES
        if (emits := emits_of_controller_signals(p.read_text("utf-8"), signals))
    }
    assert found == {}


def test_no_window_module_writes_to_the_project_itself() -> None:
    methods = project_writing_methods()
    found = {
        str(p.relative_to(PACKAGE)): writes
        for p in UI_FILES
        if p.name not in DEMO_BUILDERS and (writes := direct_writes(p.read_text("utf-8"), methods))
    }
    assert found == {}


# Core modules that write to a project themselves, each called by an operation of
# workbench/edits (or building a new file): a new one must be one of those too.
CORE_WRITING_MODULES = {
    "adjudicate.py": "AcceptVersion, AcceptAgreed",
    "annotator_status.py": "SetStatus",
    "figures.py": "SyncFigures",
    "importer.py": "ImportFiles",
    "suggest.py": "RunSuggester, AcceptSuggestions",
    "suggestion_groups.py": "AcceptSuggestions",
    "sample.py": "builds the sample project, a new file",
    "cli_team.py": "stores a rules file given on the command line (a setting, not an edit)",
}


def test_the_core_writes_only_in_operations_and_the_modules_they_call() -> None:
    methods = project_writing_methods()
    writers = {
        p.name
        for p in sorted(PACKAGE.rglob("*.py"))
        if "ui" not in p.relative_to(PACKAGE).parts
        and "edits" not in p.parts
        and p.name not in PROJECT_MODULES
        and direct_writes(p.read_text("utf-8"), methods)
    }
    assert writers == set(CORE_WRITING_MODULES)
