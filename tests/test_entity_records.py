"""Per-record JSON: ``data/entities/<id>.json`` holds what database.json has on the entity, its
claims with their citations and the addresses of each, and the other claims that name it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import exported

from iranru_ref.check import load_checked
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER

SITE_URL = "https://example.org/iranru/"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("records") / "project")
    return exported(load_checked(Project.find(project)))


def _records(written: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    return {name.removeprefix("entities/").removesuffix(".json"): json.loads(data)
            for name, data in written.items() if name.startswith("entities/")}


def _without_addresses(claim: dict[str, Any]) -> dict[str, Any]:
    return {**{k: v for k, v in claim.items() if k != "url"},
            "citations": [{k: v for k, v in c.items() if k not in ("url", "paragraph_url")}
                          for c in claim["citations"]]}


def test_each_entity_has_its_record_with_what_the_database_has(written: dict[str, bytes]
                                                               ) -> None:
    database = json.loads(written["database.json"])
    records = _records(written)
    assert list(records) == [entity["id"] for entity in database["entities"]]
    for entity in database["entities"]:
        record = records[entity["id"]]
        assert record["format_version"] == database["format_version"]
        assert {k: v for k, v in record.items() if k in entity} == entity
        own = [claim for claim in database["claims"] if claim["subject"] == entity["id"]]
        assert [_without_addresses(claim) for claim in record["claims"]] == own


def test_a_record_names_the_claims_of_others_that_name_its_entity(written: dict[str, bytes]
                                                                  ) -> None:
    database = json.loads(written["database.json"])
    for entity_id, record in _records(written).items():
        expected = []
        for claim in database["claims"]:
            roles = [role for role, named in (
                ("object", claim["object"] == entity_id),
                ("speaker", entity_id in claim["attributed_to"]),
                ("said_in", claim["said_in"] == entity_id)) if named]
            if roles and claim["subject"] != entity_id:
                expected.append({"claim": claim["id"], "subject": claim["subject"], "as": roles})
        assert [{k: v for k, v in item.items() if k != "url"}
                for item in record["named_in"]] == expected


def test_the_addresses_are_relative_to_the_record_file(written: dict[str, bytes]) -> None:
    database = json.loads(written["database.json"])
    types = {entity["id"]: entity["type"] for entity in database["entities"]}
    for entity_id, record in _records(written).items():
        assert record["url"] == f"../../{TYPE_FOLDER[types[entity_id]]}/{entity_id}/"
        for claim in record["claims"]:
            local = claim["id"].partition(".")[2]
            assert claim["url"] == f"{record['url']}#claim-{local}"
            for number, citation in enumerate(claim["citations"], 1):
                page = f"../../sources/{citation['source']}/"
                assert citation["url"] == f"{page}#cite-{claim['id']}-{number}"
                assert citation["paragraph_url"] == f"{page}#p{citation['paragraph']}"


def test_index_json_gives_the_records_address_and_number(written: dict[str, bytes]) -> None:
    index = json.loads(written["index.json"])
    assert index["records"]["url_template"] == "entities/{id}.json"
    assert index["records"]["count"] == len(_records(written))
    assert all(not f["name"].startswith("entities/") for f in index["files"])


def test_with_site_url_the_addresses_are_absolute(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "site_description:", f"site_url: {SITE_URL}\nsite_description:", 1), "utf-8")
    written = exported(load_checked(Project.find(project)))
    types = {e["id"]: e["type"] for e in json.loads(written["database.json"])["entities"]}
    for entity_id, record in _records(written).items():
        assert record["url"] == f"{SITE_URL}{TYPE_FOLDER[types[entity_id]]}/{entity_id}/"
        for claim in record["claims"]:
            assert claim["url"].startswith(record["url"] + "#claim-")
            for citation in claim["citations"]:
                assert citation["url"].startswith(SITE_URL + "sources/")
    index = json.loads(written["index.json"])
    assert index["records"]["url_template"] == SITE_URL + "data/entities/{id}.json"
    assert {f["url"] for f in index["files"]} == {SITE_URL + "data/" + f["name"]
                                                  for f in index["files"]}
