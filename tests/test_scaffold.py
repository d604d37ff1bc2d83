"""``iranru-ref new TYPE ID``: a record with every field laid out, commented with what it means
and an example; untouched, ``check`` names each placeholder by file and line; filled in, it
passes; every example is a valid value; it points editors at its schema and never overwrites."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.errors import Problem
from iranru_ref.load.project import Project
from iranru_ref.load.yaml_file import load_yaml
from iranru_ref.records.entity import Entity
from iranru_ref.records.model import PLACEHOLDER
from iranru_ref.records.schema_files import ENTITY_SCHEMA, record_schemas
from iranru_ref.records.vocabulary import FOLDERS, TYPE_FOLDER

ROOT = Path(__file__).resolve().parent.parent
MODELINE = "# yaml-language-server: $schema="
#: a commented-out field: ``    # object: iran  # The other entity's id…``
COMMENTED_FIELD = re.compile(r"^(?P<lead> *)# (?P<field> *(- )?[a-z_]+:( |$).*)$")
FIELD = re.compile(r"^ *(# +)?(- )?(?P<name>[a-z_]+):( |$)")


def _new(runner: CliRunner, project: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["new", *args, "--root", str(project)])
    return result.exit_code, result.output


def _a_tag(project: Path) -> str:
    database = load_checked(Project.find(project))
    return next(iter(database.vocabulary.tags))


def _fields(definition: dict[str, Any], definitions: dict[str, Any]) -> set[str]:
    """Every field name a record can hold below ``definition``."""
    names: set[str] = set()
    for name, prop in definition.get("properties", {}).items():
        names.add(name)
        for member in [prop, prop.get("items", {}), *prop.get("anyOf", [])]:
            target = definitions.get(member.get("$ref", "").rpartition("/")[2], {})
            for inner in [target, *target.get("anyOf", [])]:
                names |= _fields(inner, definitions)
    return names


def _scaffold(runner: CliRunner, project: Path, entity_type: str) -> tuple[Path, str]:
    tag = _a_tag(project)
    code, output = _new(runner, project, entity_type, "scaffolded-thing", "--tag", tag)
    assert code == 0, output
    assert f"wrote data/{TYPE_FOLDER[entity_type]}/scaffolded-thing.yml" in output
    path = project / "data" / TYPE_FOLDER[entity_type] / "scaffolded-thing.yml"
    return path, path.read_text("utf-8")


@pytest.mark.parametrize("entity_type", list(FOLDERS.values()))
def test_new_lays_out_every_field_with_its_meaning(
    project: Path, runner: CliRunner, entity_type: str
) -> None:
    _, text = _scaffold(runner, project, entity_type)
    first = text.splitlines()[0]
    assert first.startswith(MODELINE)
    folder = f"data/{TYPE_FOLDER[entity_type]}"
    schema_path = ROOT / posixpath.normpath(f"{folder}/{first.removeprefix(MODELINE)}")
    assert schema_path == ROOT / "schemas" / "entity.schema.json"
    schema = record_schemas()[ENTITY_SCHEMA]
    written = {match["name"] for line in text.splitlines() if (match := FIELD.match(line))}
    assert _fields(schema, schema["$defs"]) <= written
    for field in ("object", "date", "value", "unit", "approximate", "attributed_to", "said_in",
                  "citations", "precision", "inferred", "wording", "note"):
        assert field in written, field
    event_date = any(line.startswith("# date:") for line in text.splitlines())
    assert event_date == (entity_type == "event")
    for line in text.splitlines():
        if FIELD.match(line) and not line.lstrip().startswith(("claims:", "- id:")):
            assert "  # " in line, f"no meaning given: {line}"


def _filled(text: str, citation: Any, predicate: str) -> str:
    values = {"id": "scaffold-test", "predicate": predicate,
              "text": "A claim added to a scaffolded record.", "source": citation.source,
              "paragraph": str(citation.paragraph),
              "quote": json.dumps(citation.quote, ensure_ascii=False)}
    return re.sub(rf"(?m)^(\s*(?:- )?)([a-z_]+): {PLACEHOLDER}\b",
                  lambda m: f"{m[1]}{m[2]}: {values[m[2]]}", text)


@pytest.mark.parametrize("entity_type", ["person", "event"])
def test_an_untouched_record_names_each_placeholder_and_a_filled_one_passes(
    project: Path, runner: CliRunner, entity_type: str
) -> None:
    database = load_checked(Project.find(project))
    citation = next(database.citations()).citation
    predicate = next(name for name, p in database.vocabulary.predicates.items()
                     if p.kind == "statement" and entity_type in p.domain)
    path, text = _scaffold(runner, project, entity_type)
    placeholders = [number for number, line in enumerate(text.splitlines(), 1)
                    if line.split("  # ")[0].endswith(f": {PLACEHOLDER}")]
    assert len(placeholders) == 6  # id, predicate, text; source, paragraph, quote
    display = path.relative_to(project).as_posix()
    for command in ("check", "build"):
        result = runner.invoke(cli, [command, "--root", str(project)])
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        reported = [line for line in result.output.splitlines() if line.startswith(display)]
        assert [int(line.split(":")[1]) for line in reported] == placeholders, result.output
        assert all(f"{PLACEHOLDER} is a placeholder; write the value" in line
                   for line in reported)
        assert f"{len(placeholders)} problems found" in result.output
    path.write_text(_filled(text, citation, predicate), "utf-8")
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("entity_type", ["figure", "event"])
def test_every_example_in_a_new_record_is_a_valid_value(
    project: Path, runner: CliRunner, entity_type: str
) -> None:
    """Uncommenting every optional field (and filling the placeholders) gives a record that the
    model and the JSON Schema both accept."""
    citation = next(load_checked(Project.find(project)).citations()).citation
    path, text = _scaffold(runner, project, entity_type)
    uncommented = "\n".join(
        f"{m['lead']}{m['field']}" if (m := COMMENTED_FIELD.match(line)) else line
        for line in _filled(text, citation, "amount").splitlines())
    problems: list[Problem] = []
    path.write_text(uncommented, "utf-8")
    document = load_yaml(path, str(path), problems)
    assert document is not None and problems == [], problems
    entity = Entity.model_validate(document.data)
    assert entity.claims[0].derived is not None and entity.claims[0].date is not None
    assert (entity.date is not None) == (entity_type == "event")
    schema = json.loads((ROOT / "schemas" / "entity.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document.data)


def test_new_refuses_to_overwrite(project: Path, runner: CliRunner) -> None:
    tag = _a_tag(project)
    assert _new(runner, project, "place", "somewhere", "--tag", tag)[0] == 0
    path = project / "data" / "places" / "somewhere.yml"
    path.write_text("name: Edited by a curator\ntags: [x]\n", "utf-8")
    code, output = _new(runner, project, "place", "somewhere", "--tag", tag)
    assert code == 1
    assert "data/places/somewhere.yml:1: already exists; nothing was written" in output
    assert path.read_text("utf-8") == "name: Edited by a curator\ntags: [x]\n"
    code, output = _new(runner, project, "person", "somewhere", "--tag", tag)
    assert code == 1 and "data/places/somewhere.yml:1: already exists" in output
    assert not (project / "data" / "people" / "somewhere.yml").exists()


@pytest.mark.parametrize("args, message", [
    (["person", "Not_An_Id", "--tag", "{tag}"], "data/people/Not_An_Id.yml:1: 'Not_An_Id' is "
                                                "not a valid id"),
    (["person", "someone", "--tag", "no-such-tag"], "unknown tag 'no-such-tag'; expected one of:"),
    (["person", "someone"], "give at least one --tag"),
    (["robot", "someone", "--tag", "{tag}"], "Invalid value for 'TYPE'"),
])
def test_new_explains_what_is_wrong(project: Path, runner: CliRunner, args: list[str],
                                    message: str) -> None:
    tag = _a_tag(project)
    code, output = _new(runner, project, *[arg.replace("{tag}", tag) for arg in args])
    assert code != 0
    assert message in output
    assert "Traceback" not in output
    assert not any((project / "data").glob("*/someone.yml"))
