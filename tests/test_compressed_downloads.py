"""The large downloads are offered gzipped: each unpacks to the very bytes that index.json, the
Data Package and the Dataset description promise, and the same data always gives the same
file. The files that describe the downloads stay plain."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import exported

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.database import Database
from iranru_ref.exports.compression import GZIPPED
from iranru_ref.exports.diff_inputs import DiffInputError, read_database_json
from iranru_ref.exports.tables import TABLES
from iranru_ref.load.project import Project
from iranru_ref.site.generate import generate_tree

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def database() -> Database:
    return load_checked(Project.find(ROOT))


@pytest.fixture(scope="module")
def files(database: Database) -> dict[str, bytes]:
    """Every download file as written, by its own name; not the per-entity files, which are
    plain and listed by their address (test_entity_records)."""
    written = exported(database)
    return {name: data for name, data in written.items()
            if f"{name}.gz" not in written and not name.startswith("entities/")}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_each_gzipped_file_unpacks_to_the_content_index_json_promises(
        files: dict[str, bytes]) -> None:
    index = json.loads(files["index.json"])
    listed = {entry["name"]: entry for entry in index["files"]}
    assert set(listed) == set(files) - {"index.json"}
    assert {name.removesuffix(".gz") for name in listed if name.endswith(".gz")} == GZIPPED
    for name, entry in listed.items():
        assert (entry["size"], entry["sha256"]) == (len(files[name]), _sha(files[name]))
        if name not in {f"{plain}.gz" for plain in GZIPPED}:
            assert "content" not in entry and entry["media_type"] != "application/gzip"
            continue
        assert entry["media_type"] == "application/gzip"
        unpacked = gzip.decompress(files[name])
        content = entry["content"]
        assert content["name"] == name.removesuffix(".gz")
        assert (content["size"], content["sha256"]) == (len(unpacked), _sha(unpacked))
        assert content["media_type"] not in ("application/gzip", "")


def test_a_gzipped_file_names_its_content_and_no_time(files: dict[str, bytes]) -> None:
    """gunzip -N restores the plain name; the header holds no build time (bytes 4–8)."""
    for name, data in files.items():
        if name.endswith(".gz"):
            assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0", name
            stored = data[10:data.index(b"\0", 10)].decode()
            assert stored == name.removesuffix(".gz")


def test_the_same_data_gives_the_same_files(database: Database,
                                            files: dict[str, bytes],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = exported(database)
    assert exported(database) == first
    assert {name for name in first if name.endswith(".gz")} == {
        name for name in files if name.endswith(".gz")}


def test_the_data_package_describes_the_gzipped_tables(files: dict[str, bytes]) -> None:
    package = json.loads(files["datapackage.json"])
    for table, resource in zip(TABLES, package["resources"], strict=True):
        path = f"{table.name}.csv.gz"
        assert resource["path"] == path and resource["compression"] == "gz"
        assert resource["mediatype"] == "text/csv"
        assert (resource["bytes"], resource["hash"]) == (len(files[path]),
                                                         f"sha256:{_sha(files[path])}")


def test_the_dataset_description_lists_the_files_served(files: dict[str, bytes]) -> None:
    dataset = json.loads(files["dataset.jsonld"])
    described = {d["name"]: d for d in dataset["distribution"]}
    assert set(described) == set(files) - {"dataset.jsonld", "index.json"}
    for name, download in described.items():
        assert download["contentUrl"].rpartition("/")[2] == name
        assert download["sha256"] == _sha(files[name])
        assert (download["encodingFormat"] == "application/gzip") == name.endswith(".gz")


def test_the_downloads_page_says_the_files_are_gzipped_and_how_large_unpacked(
        tmp_path: Path, files: dict[str, bytes]) -> None:
    generate_tree(Project.find(ROOT), tmp_path / "docs")
    page = (tmp_path / "docs" / "downloads.md").read_text("utf-8")
    assert "compressed with gzip" in page and "gunzip -k" in page
    rows = re.findall(r'<tr><td><a href="\.\./data/([^"]+)" download>.*?</tr>', page)
    assert set(files) <= set(rows)  # and changes.json, written from the releases' history
    for name in rows:
        row = re.search(rf'<tr><td><a href="\.\./data/{re.escape(name)}" download>(.*?)</tr>',
                        page)
        assert row is not None
        assert ("unpacked" in row.group(1)) == name.endswith(".gz"), name


def test_diff_reads_the_gzipped_database_as_the_plain_one(files: dict[str, bytes],
                                                          tmp_path: Path) -> None:
    packed, truncated = tmp_path / "database.json.gz", tmp_path / "cut.json.gz"
    packed.write_bytes(files["database.json.gz"])
    truncated.write_bytes(files["database.json.gz"][:-40])
    plain = tmp_path / "database.json"
    plain.write_bytes(gzip.decompress(files["database.json.gz"]))
    assert read_database_json(packed) == read_database_json(plain)
    with pytest.raises(DiffInputError, match="cut.json.gz: not a database.json: it is not a "
                                             "whole gzip file"):
        read_database_json(truncated, "cut.json.gz")
    result = CliRunner().invoke(cli, ["diff", str(packed), str(plain)])
    assert result.exit_code == 0, result.output
