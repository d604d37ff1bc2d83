"""``iranru-ref new TYPE ID``: a record that loads and validates, passes ``check`` as soon as
it has a claim, points editors at its schema, and never overwrites anything."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.errors import Problem
from iranru_ref.load.project import Project
from iranru_ref.load.yaml_file import load_yaml
from iranru_ref.records.entity import Entity
from iranru_ref.records.vocabulary import FOLDERS, TYPE_FOLDER

ROOT = Path(__file__).resolve().parent.parent
MODELINE = "# yaml-language-server: $schema="


def _new(runner: CliRunner, project: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["new", *args, "--root", str(project)])
    return result.exit_code, result.output


def _a_tag(project: Path) -> str:
    database = load_checked(Project.find(project))
    return next(iter(database.vocabulary.tags))


@pytest.mark.parametrize("entity_type", list(FOLDERS.values()))
def test_new_writes_a_record_that_loads_and_validates(
    project: Path, runner: CliRunner, entity_type: str
) -> None:
    tag = _a_tag(project)
    code, output = _new(runner, project, entity_type, "scaffolded-thing", "--tag", tag)
    assert code == 0, output
    path = project / "data" / TYPE_FOLDER[entity_type] / "scaffolded-thing.yml"
    assert f"wrote data/{TYPE_FOLDER[entity_type]}/scaffolded-thing.yml" in output
    text = path.read_text("utf-8")
    first = text.splitlines()[0]
    assert first.startswith(MODELINE)
    folder = f"data/{TYPE_FOLDER[entity_type]}"
    schema_path = ROOT / posixpath.normpath(f"{folder}/{first.removeprefix(MODELINE)}")
    assert schema_path == ROOT / "schemas" / "entity.schema.json"
    problems: list[Problem] = []
    document = load_yaml(path, str(path), problems)
    assert document is not None and problems == []
    entity = Entity.model_validate(document.data)
    assert (entity.name, entity.tags, entity.claims) == ("Scaffolded Thing", [tag], [])
    schema = json.loads(schema_path.read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document.data)


def test_new_record_passes_check_once_it_has_a_claim(project: Path, runner: CliRunner) -> None:
    database = load_checked(Project.find(project))
    citation = next(database.citations()).citation
    predicate = next(name for name, p in database.vocabulary.predicates.items()
                     if p.kind == "statement" and "person" in p.domain)
    tag = next(iter(database.vocabulary.tags))
    code, output = _new(runner, project, "person", "new-speaker", "--tag", tag,
                        "--name", "New Speaker")
    assert code == 0, output

    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert "data/people/new-speaker.yml:1: nothing cites 'new-speaker'" in result.output
    assert "1 problem found" in result.output

    path = project / "data" / "people" / "new-speaker.yml"
    claim = (f"claims:\n  - id: scaffold-test\n    predicate: {predicate}\n"
             f"    text: A claim added to a scaffolded record.\n    citations:\n"
             f"      - source: {citation.source}\n        paragraph: {citation.paragraph}\n"
             f"        quote: {json.dumps(citation.quote, ensure_ascii=False)}\n")
    path.write_text(path.read_text("utf-8").replace("claims: []\n", claim), "utf-8")
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 0, result.output


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
