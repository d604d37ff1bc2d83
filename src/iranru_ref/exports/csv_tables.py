"""CSV downloads, one file per table of ``tables.TABLES``: UTF-8, a header row, "\\n" endings.

Empty cells are missing values; booleans are ``true``/``false``; numbers are written in full.
"""

from __future__ import annotations

import csv
from typing import TextIO

from .tables import Row, Table, Value


def cell(value: Value) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(table: Table, rows: list[Row], file: TextIO) -> None:
    """The CSV file of ``table``, from its rows in ``tables.table_rows``."""
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow(column.name for column in table.columns)
    writer.writerows([cell(value) for value in row] for row in rows)
