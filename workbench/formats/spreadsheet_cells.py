"""CSV cells a spreadsheet would run as a formula, neutralised (the OWASP rule).

Excel, LibreOffice and Google Sheets treat a cell starting with `=`, `+`, `-` or `@` as a
formula (which can fetch URLs or, through DDE, start programs), and some strip a leading
tab or carriage return first. Such a cell gets a leading `'`, which the spreadsheet shows
as text; the value read back by a program then has that `'` in front. Writers that
take the `formulas` option offer `formulas=keep` to write cells exactly as they are.
"""

from __future__ import annotations

from workbench.errors import WorkbenchError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_OPTIONS = ("escape", "keep")


def neutralised(cell: object) -> object:
    """`cell` with a leading `'` when it is a string a spreadsheet would run as a formula."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def keeps_formulas(option: str) -> bool:
    """Whether the `formulas` option's value asks for cells as they are."""
    if option not in FORMULA_OPTIONS:
        raise WorkbenchError(
            f"The option formulas takes {' or '.join(FORMULA_OPTIONS)}, not '{option}'."
        )
    return option == "keep"
