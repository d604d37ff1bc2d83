"""The curators' JSON Schemas: committed copies match the models, jsonschema accepts every
record the loader accepts and flags what it rejects, the editor settings point at them, and
the generated data dictionary lists every field."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from iranru_ref.cli import cli
from iranru_ref.errors import Problem
from iranru_ref.exports.database_schema import SCHEMA_PATH, DatabaseDocument, generated_schema_text
from iranru_ref.exports.published_schema import FILE_NAME, schema_bytes
from iranru_ref.exports.tables import TABLES
from iranru_ref.load.yaml_file import load_yaml
from iranru_ref.records.schema_files import (
    SCHEMAS_DIR,
    published_directory,
    record_schemas,
    schema_texts,
    stale_schemas,
)
from iranru_ref.records.schema_generation import FIELD_HELP, generated_texts
from iranru_ref.records.vocabulary import FOLDERS

ROOT = Path(__file__).resolve().parent.parent


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / SCHEMAS_DIR / name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _yaml(path: Path) -> Any:
    problems: list[Problem] = []
    document = load_yaml(path, str(path), problems)
    assert document is not None and not problems, problems
    return json.loads(json.dumps(document.data))  # as an editor sees it: keys are strings


def test_committed_schemas_match_the_models() -> None:
    assert schema_texts() == generated_texts(), "run: python -m iranru_ref.records.schema_generation"
    assert sorted(p.name for p in published_directory().glob("*.json")) == sorted(schema_texts())
    assert stale_schemas(ROOT) == [], "run: iranru-ref schemas"


def test_committed_database_schema_matches_the_models() -> None:
    assert SCHEMA_PATH.read_text("utf-8") == generated_schema_text(), (
        "run: python -m iranru_ref.exports.database_schema")
    assert (FILE_NAME, schema_bytes()) == (SCHEMA_PATH.name, SCHEMA_PATH.read_bytes())


@pytest.mark.parametrize("generator", ["iranru_ref.exports.database_schema",
                                       "iranru_ref.records.schema_generation"])
def test_the_build_does_not_generate_schemas(generator: str) -> None:
    code = ("import sys, iranru_ref.engines.build, iranru_ref.cli, iranru_ref.exports, "
            "iranru_ref.site.generate, iranru_ref.authoring.new_record; "
            f"print({generator!r} in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_every_model_field_has_help() -> None:
    for model, help in FIELD_HELP.items():
        assert set(help) == set(model.model_fields), model.__name__


def test_every_record_file_validates_against_its_schema() -> None:
    entity = _validator("entity.schema.json")
    records = [p for folder in FOLDERS for p in sorted((ROOT / "data" / folder).glob("*.yml"))]
    assert records
    for path in records:
        errors = [error.message for error in entity.iter_errors(_yaml(path))]
        assert errors == [], path
    source = _validator("source.schema.json")
    for path in sorted((ROOT / "sources").glob("*.yml")):
        assert [error.message for error in source.iter_errors(_yaml(path))] == [], path
    for name in ("predicates", "tags"):
        validator = _validator(f"{name}.schema.json")
        data = _yaml(ROOT / "data" / "vocabulary" / f"{name}.yml")
        assert [error.message for error in validator.iter_errors(data)] == [], name


@pytest.mark.parametrize("record, problem", [
    ({"name": "X", "tags": ["trade"], "nmae": "typo"}, "'nmae' was unexpected"),
    ({"name": "X", "tags": []}, "should be non-empty"),
    ({"name": "X", "tags": ["Not A Slug"]}, "does not match"),
    ({"name": "X", "tags": ["trade"], "claims": [{"id": "a", "predicate": "fact",
                                                  "text": "T", "citations": [
                                                      {"source": "s", "quote": "q"}]}]},
     "'paragraph' is a required property"),
    ({"name": "X", "tags": ["trade"], "claims": [{"id": "a", "predicate": "fact",
                                                  "text": "T", "date": "last year",
                                                  "citations": []}]}, "is not valid"),
])
def test_entity_schema_flags_mistakes(record: dict[str, Any], problem: str) -> None:
    messages = [error.message for error in _validator("entity.schema.json").iter_errors(record)]
    assert any(problem in message for message in messages), messages


@pytest.mark.parametrize("date", [2023, "2022-09", "2025-02-11",
                                  {"value": "2022-09", "precision": "month", "inferred": True,
                                   "wording": "last September"}])
def test_entity_schema_accepts_every_date_form(date: Any) -> None:
    record = {"name": "X", "tags": ["trade"], "claims": [{
        "id": "a", "predicate": "fact", "text": "T", "date": date,
        "citations": [{"source": "s", "paragraph": 1, "quote": "q"}]}]}
    assert list(_validator("entity.schema.json").iter_errors(record)) == []


def test_editor_settings_point_every_record_folder_at_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping: dict[str, list[str]] = settings["yaml.schemas"]
    for schema in mapping:
        assert (ROOT / schema).is_file(), schema
    assert set(mapping) == {f"./{SCHEMAS_DIR}/{name}" for name in record_schemas()}
    assert set(mapping[f"./{SCHEMAS_DIR}/entity.schema.json"]) == {
        f"data/{folder}/*.yml" for folder in FOLDERS}
    assert mapping[f"./{SCHEMAS_DIR}/source.schema.json"] == ["sources/*.yml"]


def test_schemas_command_writes_and_checks(project: Path, runner: CliRunner) -> None:
    shutil.rmtree(project / SCHEMAS_DIR, ignore_errors=True)
    result = runner.invoke(cli, ["schemas", "--check", "--root", str(project)])
    assert result.exit_code == 1
    assert f"{SCHEMAS_DIR}/entity.schema.json:1: out of date" in result.output
    result = runner.invoke(cli, ["schemas", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert f"wrote {SCHEMAS_DIR}/entity.schema.json" in result.output
    for name in record_schemas():
        assert (project / SCHEMAS_DIR / name).read_bytes() == (
            ROOT / SCHEMAS_DIR / name).read_bytes()
    result = runner.invoke(cli, ["schemas", "--check", "--root", str(project)])
    assert result.exit_code == 0 and "up to date" in result.output


def _fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


@pytest.mark.slow
def test_data_dictionary_page_lists_every_field_and_column(built_site: Path) -> None:
    html = (built_site / "data-dictionary" / "index.html").read_text("utf-8")
    for table in TABLES:
        assert f'id="table-{table.name}"' in html
        section = html.split(f'id="table-{table.name}"', 1)[1].split("<h3", 1)[0]
        for column in table.columns:
            assert f"<code>{column.name}</code>" in section, (table.name, column.name)
    for name in _fields(DatabaseDocument):
        assert f"<code>{name}</code>" in html
    for model in FIELD_HELP:
        for name in _fields(model):
            assert f"<code>{name}</code>" in html, (model.__name__, name)
    nav = (built_site / "index.html").read_text("utf-8")
    assert 'href="data-dictionary/"' in nav and 'href="downloads/"' in nav
