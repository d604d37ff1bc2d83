"""CSV downloads, one file per table of ``tables.TABLES``: UTF-8, a header row, "\\n" endings.

Empty cells are missing values; booleans are ``true``/``false``; numbers are written in full.
"""

from __future__ import annotations

import csv
import io

from .tables import TABLES, Row, Value


def cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def csv_files(rows: dict[str, list[Row]]) -> dict[str, bytes]:
    """One CSV file per table, from ``tables.table_rows``."""
    files: dict[str, bytes] = {}
    for table in TABLES:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(column.name for column in table.columns)
        # most values are already text: those skip the call to cell()
        writer.writerows([value if type(value) is str else cell(value) for value in row]
                         for row in rows[table.name])
        files[f"{table.name}.csv"] = buffer.getvalue().encode("utf-8")
    return files
