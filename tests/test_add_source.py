"""``iranru-ref add-source``: paragraph kinds proposed from the text's shape; metadata that came
with the article recorded as supplied, by whom, and shown so on the source page; nothing
invented (no URL the curator did not pass); a claimless publisher is fine only as a publisher."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import exported

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.load.project import Project
from iranru_ref.site.generate import generate_tree

ARTICLE = """\
Russia and Iran sign a partnership treaty

Two presidents attend a signing ceremony in Moscow, January 17, 2025. Sputnik/Pool via REUTERS

MOSCOW, Jan 17 (Reuters) - Russia and Iran signed a treaty on Friday in the Kremlin.

The treaty text is published at https://example.org/treaty-text.

Partners in the south

Friday, 17/01/2025

Reporting by A. Reporter; Editing by B. Editor
"""
#: what the article's shape says each paragraph is, body paragraphs left out
KINDS = {1: "heading", 2: "caption", 5: "heading", 6: "dateline", 7: "boilerplate"}
PUBLISHER = """\
name: Wire Agency
tags: [media]
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "treaty-report.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def uncovered(project: Path) -> Path:
    """The project, without the requirement that every body paragraph is cited: a stub alone
    then passes the check."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("require_full_coverage: true",
                                                        "require_full_coverage: false"))
    return project


def add(runner: CliRunner, project: Path, article: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["add-source", str(article), "--id", "treaty-report",
                                 "--root", str(project), *options])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def stub(project: Path) -> dict[str, object]:
    data = yaml.safe_load((project / "sources" / "treaty-report.yml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def check(runner: CliRunner, project: Path) -> tuple[int, str]:
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_paragraph_kinds_are_proposed_from_the_shape_of_the_text(
        runner: CliRunner, uncovered: Path, article: Path) -> None:
    code, output = add(runner, uncovered, article)
    assert code == 0, output
    assert stub(uncovered)["paragraphs"] == KINDS
    for n, kind in KINDS.items():
        assert f"  ¶{n} ({kind}?): " in output
    assert "  ¶3: MOSCOW, Jan 17 (Reuters) - Russia" in output  # a dateline opens body text
    assert "¶3 has the dateline “MOSCOW, Jan 17 (Reuters)”" in output


def test_an_untouched_stub_names_what_to_fill_in(
        runner: CliRunner, uncovered: Path, article: Path) -> None:
    """Without --date the date is left for the curator, with the dateline's words as a hint;
    the check names each placeholder by file and line."""
    add(runner, uncovered, article)
    text = (uncovered / "sources" / "treaty-report.yml").read_text("utf-8")
    lines = text.splitlines()
    value = next(n for n, line in enumerate(lines, 1) if line.startswith("  value: FILL-IN"))
    assert "dateline (¶3) reads \"MOSCOW, Jan 17 (Reuters)\"" in lines[value - 1]
    assert "  # wording: \"Jan 17\"" in text
    code, output = check(runner, uncovered)
    assert code == 1
    assert f"sources/treaty-report.yml:{value}: date.value: FILL-IN is a placeholder" in output
    assert f"sources/treaty-report.yml:{value + 1}: date.precision: FILL-IN is a placeholder" \
        in output
    assert "2 problems found" in output


def test_metadata_that_came_with_the_article_is_recorded_as_supplied_by_whom(
        runner: CliRunner, uncovered: Path, article: Path) -> None:
    (uncovered / "data" / "organizations" / "wire-agency.yml").write_text(PUBLISHER, "utf-8")
    code, output = add(runner, uncovered, article, "--title",
                       "Russia and Iran sign a partnership treaty", "--publisher", "wire-agency",
                       "--date", "2025-01-17", "--url", "https://news.example.com/treaty",
                       "--supplied-by", "the agency's feed")
    assert code == 0, output
    meta = stub(uncovered)
    assert meta["title"] == "Russia and Iran sign a partnership treaty"
    assert (meta["publisher"], meta["date"], meta["url"]) == (
        "wire-agency", "2025-01-17", "https://news.example.com/treaty")
    # the title is the text's first line, so it was not only supplied
    assert meta["supplied"] == {"by": "the agency's feed", "fields": ["publisher", "date", "url"]}
    assert "stated in the text too, so not recorded as supplied: title" in output
    assert ("recorded as supplied with the article, not from its text: publisher, date, url by "
            "the agency's feed") in output
    code, output = check(runner, uncovered)
    assert code == 0, output  # the claimless agency is fine: it is the source's publisher

    tree = uncovered / "tree"
    generate_tree(Project.find(uncovered), tree)
    page = (tree / "sources" / "treaty-report.md").read_text("utf-8")
    assert ("<strong>Editor's note:</strong> The publisher, the date and the web address came "
            "with the article, from the agency&#39;s feed; they are not in its text.") in page
    assert page.count('<span class="badge supplied"') == 3
    assert "as it came with the article" not in page  # the text has the title

    downloads = exported(load_checked(Project.find(uncovered)))
    source = next(s for s in json.loads(downloads["database.json"])["sources"]
                  if s["id"] == "treaty-report")
    assert source["supplied"] == {"by": "the agency's feed",
                                  "fields": ["publisher", "date", "url"], "note": None}
    row = next(r for r in csv.DictReader(io.StringIO(downloads["sources.csv"].decode("utf-8")))
               if r["id"] == "treaty-report")
    assert (row["supplied_by"], row["supplied_fields"]) == ("the agency's feed",
                                                            "publisher; date; url")


def test_without_supplied_by_the_stub_asks_who(
        runner: CliRunner, uncovered: Path, article: Path) -> None:
    code, output = add(runner, uncovered, article, "--date", "2025-01")
    assert code == 0, output
    assert "say by whom under supplied.by (or pass --supplied-by)" in output
    assert stub(uncovered)["supplied"] == {"by": "FILL-IN", "fields": ["date"]}
    code, output = check(runner, uncovered)
    assert code == 1 and "supplied.by: FILL-IN is a placeholder" in output


def test_no_url_is_recorded_that_the_curator_did_not_pass(
        runner: CliRunner, uncovered: Path, article: Path) -> None:
    """An address in the text is offered as a comment, never recorded by itself."""
    add(runner, uncovered, article, "--date", "2025-01-17", "--supplied-by", "a reader")
    meta = stub(uncovered)
    assert "url" not in meta
    text = (uncovered / "sources" / "treaty-report.yml").read_text("utf-8")
    assert "# url: \"https://example.org/treaty-text\"  # an address the text gives (¶4)" in text
    assert check(runner, uncovered)[0] == 0


@pytest.mark.parametrize(("options", "message"), [
    (["--date", "17 January 2025"], "--date: a date is YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--date", "2025-02-30"], "--date: '2025-02-30' is not a real date"),
    (["--url", "www.reuters.com/x"], "--url: a url starts with https://"),
    (["--url", "javascript:alert(1)"], "--url: a url starts with https://"),
    (["--publisher", "Reuters"], "--publisher: an organisation's id is lowercase"),
    (["--title", "two\nlines"], "--title: a name is one line"),
    (["--supplied-by", " "], "--supplied-by: the text is empty"),
])
def test_supplied_metadata_that_cannot_be_recorded_is_refused_before_anything_is_written(
        runner: CliRunner, project: Path, article: Path, options: list[str],
        message: str) -> None:
    code, output = add(runner, project, article, *options)
    assert code == 1 and message in output, output
    assert not (project / "sources" / "treaty-report.txt").exists()
    assert not (project / "sources" / "treaty-report.yml").exists()


def test_a_claimless_organisation_is_fine_only_as_a_publisher(
        runner: CliRunner, uncovered: Path, article: Path) -> None:
    (uncovered / "data" / "organizations" / "wire-agency.yml").write_text(PUBLISHER, "utf-8")
    code, output = check(runner, uncovered)
    assert code == 1
    assert "data/organizations/wire-agency.yml:1: nothing cites 'wire-agency'" in output
    add(runner, uncovered, article, "--publisher", "wire-agency", "--date", "2025",
        "--supplied-by", "the agency")
    assert check(runner, uncovered)[0] == 0
    person = uncovered / "data" / "people" / "wire-agency.yml"
    (uncovered / "data" / "organizations" / "wire-agency.yml").rename(person)
    code, output = check(runner, uncovered)
    assert code == 1
    assert "publisher: expected an organization, got person 'wire-agency'" in output
