"""CSV downloads, one file per table of ``tables.TABLES``: UTF-8, a header row, "\\n" endings.

Empty cells are missing values; booleans are ``true``/``false``; numbers are written in full.

A text cell that a spreadsheet would run as a formula (one that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return: OWASP's list for CSV injection) gets a leading
apostrophe, which spreadsheets read as "this is text". So that the apostrophe can always be
told apart, a text cell that itself starts with an apostrophe gets one more. Removing one
leading apostrophe from a text cell that has one gives back the curated text, which the SQLite
database and the JSON files hold unchanged.
"""

from __future__ import annotations

import csv
from typing import TextIO

from .tables import Row, Table, Value

#: what a text cell may not start with unguarded: OWASP's formula triggers, and the guard itself
GUARDED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def spreadsheet_text(text: str) -> str:
    """``text`` as a spreadsheet will show it rather than run it."""
    return "'" + text if text.startswith(GUARDED_STARTS) else text


def cell(value: Value) -> str:
    if isinstance(value, str):
        return spreadsheet_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(table: Table, rows: list[Row], file: TextIO) -> None:
    """The CSV file of ``table``, from its rows in ``tables.table_rows``.

    Python's writer quotes a cell that holds the line terminator ("\n") but not one that holds
    a lone carriage return, which readers take for the end of the row; a row with one is
    written with every cell quoted."""
    writer = csv.writer(file, lineterminator="\n")
    quoting_all = csv.writer(file, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(column.name for column in table.columns)
    for row in rows:
        cells = [cell(value) for value in row]
        (quoting_all if "\r" in "".join(cells) else writer).writerow(cells)
