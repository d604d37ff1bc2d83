"""``iranru.sqlite``: the tables with their keys, full-text search and views, for Datasette.

The database is built in a scratch file by the same statements in the same order every time,
then copied into the download a megabyte at a time, so the same input gives the same bytes (for
one SQLite version). Built in memory and serialised instead, it needed the database and two
copies of it in fresh memory (at 10k entities 0.3 GB, against 4 MB this way). The full-text
indexes are external-content FTS5 tables over ``claims.text`` and ``paragraphs.text``, filled
after ``VACUUM`` so the rowids they record are final; Datasette finds them by their
``content=`` option and offers search on those two tables.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import tempfile
from pathlib import Path

from .database_json import FORMAT_VERSION
from .tables import TABLES, Row, Table

FILE_NAME = "iranru.sqlite"
FTS_TABLES = {"claims_fts": ("claims", "text"), "paragraphs_fts": ("paragraphs", "text")}

VIEWS = {
    "claims_with_quotes": """
        SELECT c.id AS claim_id, c.subject_id, s.name AS subject_name, c.predicate,
               p.label AS predicate_label, c.object_id, o.name AS object_name,
               c.text AS claim_text, ci.number AS citation_number, ci.quote,
               ci.source_id, src.title AS source_title, ci.paragraph,
               pa.kind AS paragraph_kind, pa.text AS paragraph_text,
               ci.quote_start, ci.quote_end
        FROM citations ci
        JOIN claims c ON c.id = ci.claim_id
        JOIN entities s ON s.id = c.subject_id
        JOIN predicates p ON p.id = c.predicate
        LEFT JOIN entities o ON o.id = c.object_id
        JOIN sources src ON src.id = ci.source_id
        JOIN paragraphs pa ON pa.source_id = ci.source_id AND pa.n = ci.paragraph
        ORDER BY c.id, ci.number""",
    "relations": """
        SELECT c.id AS claim_id, c.subject_id, s.name AS subject_name,
               s.type AS subject_type, c.predicate, p.label AS predicate_label,
               c.object_id, o.name AS object_name, o.type AS object_type, c.text
        FROM claims c
        JOIN predicates p ON p.id = c.predicate
        JOIN entities s ON s.id = c.subject_id
        JOIN entities o ON o.id = c.object_id
        ORDER BY c.id""",
    "figures": """
        SELECT c.id AS claim_id, c.subject_id, s.name AS subject_name, c.predicate,
               c.value, c.unit, c.currency, c.period, c.approximate, c.wording, c.date,
               c.text
        FROM claims c JOIN entities s ON s.id = c.subject_id
        WHERE c.value IS NOT NULL
        ORDER BY c.id""",
    "paragraph_citations": """
        SELECT pa.source_id, pa.n, pa.kind, COUNT(ci.claim_id) AS citations,
               COUNT(DISTINCT ci.claim_id) AS claims
        FROM paragraphs pa
        LEFT JOIN citations ci ON ci.source_id = pa.source_id AND ci.paragraph = pa.n
        GROUP BY pa.source_id, pa.n
        ORDER BY pa.source_id, pa.n""",
}


VIEW_DESCRIPTIONS = {
    "claims_with_quotes": "Each citation beside its claim, the quote, the paragraph it is "
                          "quoted from and the source's title.",
    "relations": "The relation claims, with both entities' names and types.",
    "figures": "The claims that give a number, with its unit, currency, period and date.",
    "paragraph_citations": "Every paragraph, with how many citations and claims cite it.",
}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(_quoted(name) for name in names)


def create_table_sql(table: Table) -> str:
    lines = [
        f"{_quoted(c.name)} {c.type}{' NOT NULL' if c.required else ''}" for c in table.columns
    ]
    lines.append(f"PRIMARY KEY ({_names(table.primary_key)})")
    lines.extend(
        f"FOREIGN KEY ({_names(key.columns)}) REFERENCES {_quoted(key.table)} "
        f"({_names(key.target)})"
        for key in table.foreign_keys
    )
    return f"CREATE TABLE {_quoted(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"


#: bytes copied from the scratch file into the download at a time
CHUNK = 1 << 20


def build_sqlite(rows: dict[str, list[Row]], path: Path) -> None:
    """Write the SQLite database of ``tables.table_rows`` into the new file ``path``."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        run = connection.execute
        run("PRAGMA page_size = 4096")
        run("PRAGMA journal_mode = OFF")  # a scratch file: nothing to roll back or recover
        run("PRAGMA synchronous = OFF")
        run("PRAGMA foreign_keys = OFF")  # checked once, by foreign_key_check below
        run(f"PRAGMA user_version = {FORMAT_VERSION}")
        run("BEGIN")
        for table in TABLES:
            run(create_table_sql(table))
            marks = ", ".join("?" for _ in table.columns)
            connection.executemany(
                f"INSERT INTO {_quoted(table.name)} VALUES ({marks})", rows[table.name]
            )
        for name, sql in VIEWS.items():
            run(f"CREATE VIEW {_quoted(name)} AS {sql.strip()}")
        run("COMMIT")
        run("VACUUM")
        run("BEGIN")
        for name, (content, column) in FTS_TABLES.items():
            run(f"CREATE VIRTUAL TABLE {_quoted(name)} USING fts5({_quoted(column)}, "
                f"content={_quoted(content)}, content_rowid='rowid')")
            run(f"INSERT INTO {_quoted(name)}({_quoted(name)}) VALUES ('rebuild')")
        run("COMMIT")
        for name in FTS_TABLES:
            run(f"INSERT INTO {_quoted(name)}({_quoted(name)}) VALUES ('integrity-check')")
        problems = run("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"{FILE_NAME}: foreign keys do not resolve: {problems[:5]}")
    finally:
        connection.close()


def write_sqlite(rows: dict[str, list[Row]], file: io.BufferedIOBase) -> None:
    with tempfile.TemporaryDirectory(prefix="iranru-sqlite-") as scratch:
        path = Path(scratch) / FILE_NAME
        try:
            build_sqlite(rows, path)
        except sqlite3.OperationalError as exc:  # the scratch disk is full, or went away
            raise OSError(f"{path}: {exc}; free space there or set TMPDIR") from None
        with path.open("rb") as built:
            shutil.copyfileobj(built, file, CHUNK)
