"""Editors' aliases: spellings that no source uses but readers search for (Owji for Ouji).

They are kept apart from the sources' aliases: the entity's page shows them marked as the
editors', ``find`` and the look-alike check treat them like any other name, and the downloads
carry them in a field of their own.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import exported
from test_bad_inputs import BASE, VALID_RECORD, drop_in

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.load.project import Project
from iranru_ref.site.generate import generate_tree


def with_person(project: Path, editor_alias: str = "Test Persson") -> Path:
    """The catalogue's test article, and a person with an alias of each kind."""
    drop_in(BASE, project)
    record = VALID_RECORD.replace(
        "tags: [diplomacy]\n",
        f"aliases: [T. Person]\neditor_aliases: [{editor_alias}]\ntags: [diplomacy]\n")
    (project / "data" / "people" / "test-person.yml").write_text(record, encoding="utf-8")
    return project


def _entry(page: str, term: str) -> str:
    found = re.search(rf"<dt>{term}</dt> <dd>(.*?)</dd>", page, re.S)
    assert found is not None, f"no {term!r} on the page"
    return found.group(1)


def test_the_page_marks_an_editors_alias_apart_from_the_sources_aliases(
        project: Path, tmp_path: Path) -> None:
    generate_tree(Project.find(with_person(project)), tmp_path / "docs")
    page = (tmp_path / "docs" / "people" / "test-person.md").read_text(encoding="utf-8")
    known = _entry(page, "Also known as")
    assert "T. Person" in known and "Test Persson" not in known
    spelled = _entry(page, "Also spelled")
    assert "Test Persson" in spelled and "no source uses it" in spelled


def test_find_reaches_a_record_by_its_editors_alias(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["find", "--root", str(with_person(project)), "test persson"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("test-person\tperson\tTest Person (as 'Test Persson')")


def test_an_editors_alias_that_reads_as_another_records_name_is_a_problem(
        project: Path, runner: CliRunner) -> None:
    with_person(project, editor_alias="TEST MINISTRY")  # the catalogue's organisation
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1, result.output
    assert ("data/people/test-person.yml:3: editor_aliases[0]: 'TEST MINISTRY' reads the same "
            "as the name of 'test-ministry'") in result.output


def test_the_downloads_carry_editors_aliases_in_a_field_of_their_own(project: Path) -> None:
    written = exported(load_checked(Project.find(with_person(project))))
    entities = json.loads(written["database.json"])["entities"]
    (entity,) = [entity for entity in entities if entity["id"] == "test-person"]
    assert (entity["aliases"], entity["editor_aliases"]) == (["T. Person"], ["Test Persson"])
    rows = {row["id"]: row for row in csv.DictReader(
        io.StringIO(written["entities.csv"].decode("utf-8"), newline=""))}
    assert (rows["test-person"]["aliases"], rows["test-person"]["editor_aliases"]) == (
        "T. Person", "Test Persson")
