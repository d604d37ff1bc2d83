"""CSV downloads, one file per table of ``tables.TABLES``: UTF-8, a header row, "\\n" endings.

Empty cells are missing values; booleans are ``true``/``false``; numbers are written in full.
"""

from __future__ import annotations

import csv
import io

from .tables import Row, Table, Value
from .text_output import BATCH, Writable


def cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(table: Table, rows: list[Row], file: Writable, batch: int = BATCH) -> None:
    """The CSV file of ``table``, from its rows in ``tables.table_rows``, written a batch of
    rows at a time."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.name for column in table.columns)
    for start in range(0, len(rows), batch):
        # most values are already text: those skip the call to cell()
        writer.writerows([value if type(value) is str else cell(value) for value in row]
                         for row in rows[start:start + batch])
        file.write(buffer.getvalue().encode("utf-8"))
        buffer.seek(0)
        buffer.truncate()
    file.write(buffer.getvalue().encode("utf-8"))  # the header, when there are no rows
