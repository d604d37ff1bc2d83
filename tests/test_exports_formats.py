"""The data downloads, each read back by a consumer we did not write: jsonschema, csv, sqlite3,
Datasette and networkx. Expectations come from the built database.json, never from counts."""

from __future__ import annotations

import asyncio
import copy
import csv
import gzip
import hashlib
import html
import io
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import networkx as nx
import pytest
from conftest import download_bytes

from iranru_ref.exports.tables import TABLES
from iranru_ref.records.text import fold, nfc

pytestmark = pytest.mark.slow

CONTRACT = {
    "sources": {"id", "title", "publisher", "date", "date_precision", "sha256", "paragraphs"},
    "paragraphs": {"n", "kind", "text"},
    "entities": {"id", "type", "name", "aliases", "tags", "summary"},
    "claims": {"id", "subject", "predicate", "object", "value", "unit", "date", "text",
               "attributed_to", "citations"},
    "citations": {"source", "paragraph", "quote"},
}


@pytest.fixture(scope="module")
def served(built_site: Path) -> Path:
    """The downloads as the site serves them: the data files gzipped."""
    return built_site / "data"


@pytest.fixture(scope="module")
def data(served: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every download unpacked, as a reader has them after ``gunzip``."""
    folder = tmp_path_factory.mktemp("unpacked")
    for path in served.iterdir():
        if not path.is_file():
            continue  # data/entities/: the per-entity files
        name = path.name.removesuffix(".gz")
        folder.joinpath(name).write_bytes(download_bytes(served, name))
    return folder


@pytest.fixture(scope="module")
def database(data: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((data / "database.json").read_text("utf-8"))
    return document


def _citations(database: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    return [(claim["id"], number, citation) for claim in database["claims"]
            for number, citation in enumerate(claim["citations"], 1)]


def _paragraphs(database: dict[str, Any]) -> dict[tuple[str, int], str]:
    return {(s["id"], p["n"]): p["text"] for s in database["sources"] for p in s["paragraphs"]}


def _relations(database: dict[str, Any]) -> list[dict[str, Any]]:
    ids = {entity["id"] for entity in database["entities"]}
    return [claim for claim in database["claims"] if claim["object"] in ids]


# --- database.json and its JSON Schema -------------------------------------------------------

def test_database_json_validates_against_its_schema(data: Path, database: dict[str, Any]) -> None:
    schema = json.loads((data / "database.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(database)


def test_schema_rejects_a_renamed_contract_key(data: Path, database: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(
        json.loads((data / "database.schema.json").read_text("utf-8")))
    renamed = copy.deepcopy(database)
    renamed["claims"][0]["subject_id"] = renamed["claims"][0].pop("subject")
    messages = [error.message for error in validator.iter_errors(renamed)]
    assert any("subject_id" in message for message in messages)
    assert any("'subject' is a required property" in message for message in messages)


def test_schema_requires_every_contract_key(data: Path) -> None:
    schema = json.loads((data / "database.schema.json").read_text("utf-8"))
    definitions = schema["$defs"]
    required = {
        "sources": definitions["Source"]["required"],
        "paragraphs": definitions["Paragraph"]["required"],
        "entities": definitions["Entity"]["required"],
        "claims": definitions["Claim"]["required"],
        "citations": definitions["Citation"]["required"],
    }
    for part, keys in CONTRACT.items():
        assert keys <= set(required[part]), part


# --- CSV ---------------------------------------------------------------------------------

def _read_csv(data: Path, table: str) -> list[dict[str, str]]:
    raw = (data / f"{table}.csv").read_bytes()
    assert not raw.split(b"\n", 1)[0].endswith(b"\r")  # "\n" line endings, not "\r\n"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_csv_tables_have_their_columns_and_every_row(data: Path,
                                                     database: dict[str, Any]) -> None:
    for table in TABLES:
        with (data / f"{table.name}.csv").open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file))
        assert header == [column.name for column in table.columns], table.name
    expected = {
        "sources": len(database["sources"]),
        "paragraphs": sum(len(s["paragraphs"]) for s in database["sources"]),
        "entities": len(database["entities"]),
        "claims": len(database["claims"]),
        "citations": len(_citations(database)),
        "tags": len(database["tags"]),
        "entity_tags": sum(len(set(e["tags"])) for e in database["entities"]),
        "entity_aliases": sum(len(e["aliases"]) for e in database["entities"]),
        "entity_notes": sum(len(e["notes"]) for e in database["entities"]),
        "event_date_citations": sum(len(e["date_citations"]) for e in database["entities"]),
    }
    for name, count in expected.items():
        assert len(_read_csv(data, name)) == count, name


def test_csv_tables_join_claims_to_citations_to_paragraphs(data: Path,
                                                            database: dict[str, Any]) -> None:
    claims = {row["id"]: row for row in _read_csv(data, "claims")}
    paragraphs = {(row["source_id"], int(row["n"])): row
                  for row in _read_csv(data, "paragraphs")}
    citations = _read_csv(data, "citations")
    assert set(claims) == {claim["id"] for claim in database["claims"]}
    for row in citations:
        claim = claims[row["claim_id"]]
        paragraph = paragraphs[(row["source_id"], int(row["paragraph"]))]
        text = nfc(paragraph["text"])
        quoted = text[int(row["quote_start"]):int(row["quote_end"])]
        assert fold(quoted) == fold(row["quote"]), row
        assert claim["subject_id"] in {e["id"] for e in database["entities"]}
    assert sorted((r["claim_id"], int(r["number"]), r["quote"]) for r in citations) == sorted(
        (claim_id, number, c["quote"]) for claim_id, number, c in _citations(database))


# --- CSV and SQLite hold every field of database.json -------------------------------------

Rows = dict[str, list[dict[str, Any]]]


def _none(value: Any) -> Any:
    return None if value == "" else value  # an empty CSV cell is a missing value


def _bool(value: Any) -> bool | None:
    return {"true": True, "false": False, 1: True, 0: False, None: None, "": None}[value]


def _int(value: Any) -> int | None:
    return None if value in ("", None) else int(value)


def _split(value: Any) -> list[str]:
    return value.split("; ") if value else []


def _date(value: Any, precision: Any, inferred: Any, wording: Any, note: Any
          ) -> dict[str, Any] | None:
    if _none(value) is None:
        return None
    return {"value": value, "precision": precision, "inferred": _bool(inferred),
            "wording": _none(wording), "note": _none(note)}


def _grouped(rows: list[dict[str, Any]], key: str, value: str) -> dict[str, list[Any]]:
    """``value`` of each row by ``key``, in the rows' order (or by ``number`` when present)."""
    groups: dict[str, list[tuple[int, Any]]] = {}
    for position, row in enumerate(rows):
        groups.setdefault(row[key], []).append((_int(row.get("number")) or position, row[value]))
    return {k: [v for _, v in sorted(items)] for k, items in groups.items()}


def _quotes(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    """The citations of each ``key`` (a claim, or an event's date), as database.json has them."""
    found: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(rows, key=lambda r: (r[key], _int(r["number"]))):
        occurrence = _int(r["occurrence"])
        found.setdefault(r[key], []).append({
            "source": r["source_id"], "paragraph": _int(r["paragraph"]), "quote": r["quote"],
            **({"occurrence": occurrence} if occurrence else {})})
    return found


def _rebuilt(tables: Rows) -> dict[str, Any]:
    """database.json's sources, entities, claims and vocabularies, from the tables alone."""
    paragraphs = _grouped(tables["paragraphs"], "source_id", "n")
    texts = {(r["source_id"], _int(r["n"])): r for r in tables["paragraphs"]}
    sources = [{
        "id": r["id"], "title": r["title"], "label": _none(r["label"]),
        "publisher": _none(r["publisher"]), "publisher_id": _none(r["publisher_id"]),
        "date": r["date"], "date_precision": r["date_precision"],
        "date_detail": _date(r["date"], r["date_precision"], r["date_inferred"],
                             r["date_wording"], r["date_note"]),
        "language": r["language"], "url": _none(r["url"]),
        "supplied": None if _none(r["supplied_by"]) is None else {
            "by": r["supplied_by"], "fields": _split(r["supplied_fields"]),
            "note": _none(r["supplied_note"])},
        "sha256": r["sha256"],
        "paragraphs": [{"n": _int(n), "kind": texts[(r["id"], _int(n))]["kind"],
                        "text": texts[(r["id"], _int(n))]["text"]}
                       for n in paragraphs.get(r["id"], [])],
    } for r in tables["sources"]]
    tags = _grouped(tables["entity_tags"], "entity_id", "tag")
    aliases = _grouped(tables["entity_aliases"], "entity_id", "alias")
    notes = _grouped(tables["entity_notes"], "entity_id", "note")
    dates = _quotes(tables["event_date_citations"], "entity_id")
    entities = [{
        "id": r["id"], "type": r["type"], "name": r["name"], "aliases": aliases.get(r["id"], []),
        "editor_aliases": _split(r["editor_aliases"]),
        "tags": tags.get(r["id"], []), "summary": _none(r["summary"]),
        "notes": notes.get(r["id"], []),
        "date": _none(r["date"]), "date_precision": _none(r["date_precision"]),
        "date_detail": _date(r["date"], r["date_precision"], r["date_inferred"],
                             r["date_wording"], r["date_note"]),
        "date_citations": dates.get(r["id"], []),
    } for r in tables["entities"]]
    citations = _quotes(tables["citations"], "claim_id")
    claims = [{
        "id": r["id"], "subject": r["subject_id"], "predicate": r["predicate"],
        "object": _none(r["object_id"]),
        "value": None if _none(r["value"]) is None else float(r["value"]),
        "unit": _none(r["unit"]), "currency": _none(r["currency"]), "period": _none(r["period"]),
        "approximate": _bool(r["approximate"]), "wording": _none(r["wording"]),
        "date": _none(r["date"]), "date_precision": _none(r["date_precision"]),
        "date_detail": _date(r["date"], r["date_precision"], r["date_inferred"],
                             r["date_wording"], r["date_note"]),
        "text": r["text"], "attributed_to": _split(r["attributed_to"]),
        "said_in": _none(r["said_in"]), "contested": _bool(r["contested"]),
        "derived": None if _none(r["derived_formula"]) is None else {
            "formula": r["derived_formula"], "inputs": _split(r["derived_inputs"])},
        "note": _none(r["note"]), "citations": citations[r["id"]],
    } for r in tables["claims"]]
    predicates = {r["id"]: {
        "label": r["label"], "inverse": _none(r["inverse"]), "kind": r["kind"],
        "domain": _split(r["domain"]), "range": _split(r["range"]),
        "description": r["description"],
    } for r in tables["predicates"]}
    return {"sources": sources, "entities": entities, "claims": claims,
            "predicates": predicates,
            "tags": {r["id"]: r["description"] for r in tables["tags"]}}


def _as_json(database: dict[str, Any]) -> dict[str, Any]:
    """database.json with every figure as a float, as the tables hold it."""
    document = {key: value for key, value in database.items() if key != "format_version"}
    document["claims"] = [{**claim, "value": None if claim["value"] is None
                           else float(claim["value"])} for claim in database["claims"]]
    return document


def test_csv_tables_hold_every_field_of_the_database(data: Path,
                                                     database: dict[str, Any]) -> None:
    tables = {table.name: _read_csv(data, table.name) for table in TABLES}
    assert _rebuilt(tables) == _as_json(database)
    # the cells that join a list agree with the tables that list it one row per item
    for entity, row in zip(database["entities"], tables["entities"], strict=True):
        assert row["aliases"] == "; ".join(entity["aliases"])
        assert row["notes"] == "\n".join(entity["notes"])  # one note per line


def test_sqlite_holds_every_field_of_the_database(data: Path, database: dict[str, Any]) -> None:
    with sqlite3.connect(f"file:{data / 'iranru.sqlite'}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        assert db.execute("PRAGMA user_version").fetchone()[0] == database["format_version"]
        tables = {table.name: [dict(row) for row in db.execute(
            f"SELECT * FROM {table.name} ORDER BY rowid")] for table in TABLES}
    assert _rebuilt(tables) == _as_json(database)


# --- the data package (Frictionless) -----------------------------------------------------

def _frictionless_errors(descriptor: Path) -> list[tuple[str, str]]:
    """(resource, error type) of each error ``frictionless validate`` finds."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", descriptor.name],
        cwd=descriptor.parent, capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    assert report["valid"] == (result.returncode == 0)
    return [(task["name"], error["type"]) for task in report["tasks"]
            for error in task["errors"]]


def test_frictionless_validates_the_data_package(served: Path) -> None:
    descriptor = json.loads((served / "datapackage.json").read_text("utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == [f"{t.name}.csv.gz" for t in TABLES]
    assert descriptor["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert _frictionless_errors(served / "datapackage.json") == []


def test_frictionless_finds_a_dangling_foreign_key(served: Path, data: Path,
                                                   database: dict[str, Any],
                                                   tmp_path: Path) -> None:
    copy = tmp_path / "data"
    copy.mkdir()
    for path in served.glob("*.csv.gz"):
        copy.joinpath(path.name).write_bytes(path.read_bytes())
    claims = {claim["id"] for claim in database["claims"]}
    ghost = "ghost." + "x" * max(len(claim) for claim in claims)
    rows = _read_csv(data, "citations")
    rows[0]["claim_id"] = ghost  # a citation of a claim that does not exist
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    bad = gzip.compress(out.getvalue().encode(), mtime=0)
    copy.joinpath("citations.csv.gz").write_bytes(bad)
    descriptor = json.loads((served / "datapackage.json").read_text("utf-8"))
    (copy / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    # the size and hash no longer match: the edit alone is found
    assert set(_frictionless_errors(copy / "datapackage.json")) == {
        ("citations", "foreign-key"), ("citations", "hash-count"), ("citations", "byte-count")}
    # with them made right, the dangling key is what fails
    for resource in descriptor["resources"]:
        if resource["name"] == "citations":
            resource["bytes"] = len(bad)
            resource["hash"] = "sha256:" + hashlib.sha256(bad).hexdigest()
    (copy / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    assert _frictionless_errors(copy / "datapackage.json") == [("citations", "foreign-key")]


def test_the_data_package_reads_back_every_field_typed(served: Path,
                                                       database: dict[str, Any]) -> None:
    from frictionless import Package

    package = Package(str(served / "datapackage.json"))
    tables = {resource.name: [row.to_dict() for row in resource.read_rows()]
              for resource in package.resources}
    claims = {row["id"]: row for row in tables["claims"]}
    for claim in database["claims"]:
        row = claims[claim["id"]]
        assert isinstance(row["approximate"], bool) and isinstance(row["contested"], bool)
        assert row["value"] == (None if claim["value"] is None else pytest.approx(claim["value"]))
    assert _rebuilt(tables) == _as_json(database)


# --- SQLite --------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return sorted(set(re.findall(r"[A-Za-z]{6,}", text)), key=lambda w: (-len(w), w))


def test_sqlite_keys_views_and_full_text_search(data: Path, database: dict[str, Any]) -> None:
    with sqlite3.connect(f"file:{data / 'iranru.sqlite'}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = db.execute("SELECT * FROM pragma_foreign_key_list('citations')").fetchall()
        assert {(row[2], row[3], row[4]) for row in keys} >= {
            ("claims", "claim_id", "id"), ("paragraphs", "source_id", "source_id"),
            ("paragraphs", "paragraph", "n")}
        primary = [row[1] for row in db.execute("PRAGMA table_info(claims)") if row[5]]
        assert primary == ["id"]

        rows = db.execute("SELECT claim_id, citation_number, quote, paragraph_text, quote_start,"
                          " quote_end, source_title FROM claims_with_quotes").fetchall()
        assert len(rows) == len(_citations(database))
        titles = {source["id"]: source["title"] for source in database["sources"]}
        for claim_id, _number, quote, text, start, end, title in rows:
            assert fold(nfc(text)[start:end]) == fold(quote), claim_id
            assert title in titles.values()
        assert len(db.execute("SELECT * FROM relations").fetchall()) == len(
            _relations(database))
        figures = [c for c in database["claims"] if c["value"] is not None]
        assert len(db.execute("SELECT * FROM figures").fetchall()) == len(figures)
        assert db.execute("SELECT SUM(citations) FROM paragraph_citations").fetchone()[0] == len(
            _citations(database))

        claim = database["claims"][0]
        word = _words(claim["text"])[0]
        found = db.execute("SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = "
                           "claims_fts.rowid WHERE claims_fts MATCH ?", (word,)).fetchall()
        assert (claim["id"],) in found
        assert all(word.lower() in text.lower() for (text,) in db.execute(
            "SELECT text FROM claims WHERE rowid IN "
            "(SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)", (word,)))
        source = database["sources"][0]
        paragraph = max(source["paragraphs"], key=lambda p: len(p["text"]))
        word = _words(paragraph["text"])[0]
        found = db.execute("SELECT p.source_id, p.n FROM paragraphs_fts JOIN paragraphs p ON "
                           "p.rowid = paragraphs_fts.rowid WHERE paragraphs_fts MATCH ?",
                           (word,)).fetchall()
        assert (source["id"], paragraph["n"]) in found


def test_datasette_serves_the_database_and_searches_it(data: Path,
                                                       database: dict[str, Any]) -> None:
    from datasette.app import Datasette

    claim = database["claims"][0]
    word = _words(claim["text"])[0]

    async def ask() -> tuple[Any, Any, Any]:
        datasette = Datasette([str(data / "iranru.sqlite")])
        await datasette.invoke_startup()
        client = datasette.client
        view = await client.get("/iranru/claims_with_quotes.json?_shape=array&_size=max")
        search = await client.get(f"/iranru/claims.json?_search={word}&_shape=array")
        sql = await client.get("/iranru.json", params={
            "sql": "select count(*) as n from citations", "_shape": "array"})
        return view, search, sql

    view, search, sql = asyncio.run(ask())
    assert view.status_code == 200
    assert len(view.json()) == len(_citations(database))
    assert search.status_code == 200
    assert claim["id"] in {row["id"] for row in search.json()}
    assert sql.json() == [{"n": len(_citations(database))}]


def test_datasette_shows_the_metadata_shipped_with_the_database(data: Path) -> None:
    from datasette.app import Datasette

    metadata = json.loads((data / "metadata.json").read_text("utf-8"))
    assert (metadata["license"], metadata["license_url"]) == (
        "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
    assert "quoted for citation" in metadata["description"]
    described = metadata["databases"]["iranru"]["tables"]
    assert set(described) >= {table.name for table in TABLES}
    table = next(t for t in TABLES if t.name == "claims")
    column = table.columns[-1]

    async def ask() -> tuple[Any, Any, Any]:
        datasette = Datasette([str(data / "iranru.sqlite")], metadata=metadata)
        await datasette.invoke_startup()
        client = datasette.client
        listed = (await client.get("/iranru.json")).json()
        return await client.get("/"), await client.get("/iranru/claims"), listed

    home, claims, listed = asyncio.run(ask())
    assert "https://creativecommons.org/licenses/by/4.0/" in home.text
    shown = html.unescape(claims.text)
    assert table.description in shown and column.description in shown
    tables = {t["name"] for t in listed["tables"] if not t["hidden"]}
    views = {v["name"] for v in listed["views"]}
    # every table and view Datasette lists is described, and nothing else is
    assert tables | views == set(described)


def test_the_downloads_page_gives_the_command_that_opens_datasette(built_site: Path,
                                                                   data: Path) -> None:
    page = (built_site / "downloads" / "index.html").read_text("utf-8")
    commands = re.findall(r'<code class="datasette-command">(.*?)</code>', page)
    assert len(commands) == 1
    argv = shlex.split(html.unescape(commands[0]))
    assert argv[0] == "datasette"
    assert {"iranru.sqlite", "metadata.json"} <= set(argv)  # files that are on the page
    for name in ("iranru.sqlite.gz", "metadata.json"):
        assert f'href="../data/{name}"' in page
    assert "gunzip -k iranru.sqlite.gz" in page
    result = subprocess.run([sys.executable, "-m", "datasette", *argv[1:], "--get",
                             "/-/metadata.json"], cwd=data, capture_output=True, text=True,
                            check=True)
    assert json.loads(result.stdout) == json.loads((data / "metadata.json").read_text("utf-8"))


# --- graphs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, read", [("graph.graphml", nx.read_graphml),
                                        ("graph.gexf", nx.read_gexf)])
def test_graph_files_read_back_with_every_node_and_edge(
    data: Path, database: dict[str, Any], name: str, read: Any
) -> None:
    graph = read(data / name)
    relations = _relations(database)
    assert graph.number_of_nodes() == len(database["entities"])
    assert graph.number_of_edges() == len(relations)
    for entity in database["entities"]:
        node = graph.nodes[entity["id"]]
        assert node["type"] == entity["type"]
        assert node["tags"].split("; ") == entity["tags"]
    edges = {(s, t, d["claim"], d["predicate"]) for s, t, d in graph.edges(data=True)}
    assert edges == {(c["subject"], c["object"], c["id"], c["predicate"]) for c in relations}


# --- index.json and reproducibility -------------------------------------------------------

def test_index_lists_every_file_with_its_size_and_hash(served: Path) -> None:
    """Each file's size and SHA-256, and a gzipped file's unpacked bytes those of its
    ``content``."""
    index = json.loads((served / "index.json").read_text("utf-8"))
    datetime.fromisoformat(index["built"].replace("Z", "+00:00"))
    listed = {entry["name"]: entry for entry in index["files"]}
    assert set(listed) == {p.name for p in served.iterdir() if p.is_file()} - {"index.json"}
    for name, entry in listed.items():
        content = (served / name).read_bytes()
        assert entry["size"] == len(content), name
        assert entry["sha256"] == hashlib.sha256(content).hexdigest(), name
        assert entry["media_type"] and entry["description"]
        if name.endswith(".gz"):
            unpacked = gzip.decompress(content)
            assert entry["content"]["name"] == name.removesuffix(".gz")
            assert entry["content"]["size"] == len(unpacked), name
            assert entry["content"]["sha256"] == hashlib.sha256(unpacked).hexdigest(), name
        else:
            assert "content" not in entry
    # the per-entity files by their address, one per entity and nothing else there
    records = index["records"]
    entities = json.loads(download_bytes(served, "database.json"))["entities"]
    assert records["count"] == len(entities)
    assert {p.relative_to(served).as_posix() for p in served.glob("*/*")} == {
        records["url_template"].format(id=entity["id"]) for entity in entities}


_HASH_EXPORTS = """
import contextlib, hashlib, io, json
from iranru_ref.check import load_checked
from iranru_ref.load.project import Project
from iranru_ref.exports import export_downloads
hashes = {{}}
@contextlib.contextmanager
def open_file(name):
    buffer = io.BytesIO()
    yield buffer
    hashes[name] = hashlib.sha256(buffer.getvalue()).hexdigest()
export_downloads(load_checked(Project.find({root!r})), open_file)
print(json.dumps(hashes))
"""


def test_exports_are_byte_identical_across_processes(built_site: Path) -> None:
    root = built_site.parent  # the project copy the fixture built
    assert (root / "data").is_dir()
    hashes = []
    for seed in ("1", "2"):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", _HASH_EXPORTS.format(root=str(root))],
                                env=env, capture_output=True, text=True, check=True)
        hashes.append(json.loads(result.stdout))
    assert hashes[0] == hashes[1]


def test_source_date_epoch_sets_the_build_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from iranru_ref.errors import BuildFailed
    from iranru_ref.exports.index_file import build_time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildFailed, match="SOURCE_DATE_EPOCH"):
        build_time()


def test_regenerating_unchanged_data_keeps_index_json(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without SOURCE_DATE_EPOCH, a new build time alone must not rewrite index.json, or
    ``mkdocs serve``, which watches the generated tree, would rebuild forever."""
    from iranru_ref.exports import index_file
    from iranru_ref.load.project import Project
    from iranru_ref.site.generate import generate_tree

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    times = iter(datetime(2030, 1, day, tzinfo=UTC) for day in range(1, 10))
    monkeypatch.setattr(index_file, "build_time", lambda: next(times))
    out = tmp_path / "docs"
    generate_tree(Project.find(project), out)
    first = (out / "data" / "index.json").read_bytes()
    generate_tree(Project.find(project), out)
    assert (out / "data" / "index.json").read_bytes() == first
    assert json.loads(first)["built"] == "2030-01-01T00:00:00Z"

    tags = project / "data" / "vocabulary" / "tags.yml"
    tags.write_text(tags.read_text("utf-8").replace("description: ", "description: Edited. ", 1),
                    "utf-8")
    generate_tree(Project.find(project), out)
    assert json.loads((out / "data" / "index.json").read_bytes())["built"] == (
        "2030-01-03T00:00:00Z")  # the third build, the first whose files differ
