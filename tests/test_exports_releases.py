"""The licence and the release: stated in dataset.jsonld, index.json and on the Downloads page,
the version and dates read from releases.yml only (without it, none is claimed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import exported

from iranru_ref.check import load_checked
from iranru_ref.errors import ValidationFailed
from iranru_ref.load.project import Project
from iranru_ref.load.releases import FILE_NAME
from iranru_ref.site.generate import generate_tree

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
RELEASES = """\
# the releases of the data, newest first
releases:
  - version: 1.10.0
    date: 2031-06-02
    notes: >-
      Adds a source and the people it quotes; fixes a date
      (and *Markdown* stays text).
  - version: 1.9.0
    date: 2031-06-02
    notes: A second release on the same day.
  - version: 1.0.0
    date: 2030-03-01
    notes: The first release.
"""


def _exports(project: Path) -> dict[str, bytes]:
    return exported(load_checked(Project.find(project)))


def _documents(written: dict[str, bytes]) -> tuple[dict[str, Any], dict[str, Any]]:
    return json.loads(written["dataset.jsonld"]), json.loads(written["index.json"])


@pytest.fixture
def unreleased(project: Path) -> Path:
    (project / FILE_NAME).unlink(missing_ok=True)
    return project


def test_without_releases_no_version_is_claimed_but_the_licence_is_stated(
        unreleased: Path) -> None:
    assert load_checked(Project.find(unreleased)).releases is None
    dataset, index = _documents(_exports(unreleased))
    for document in (dataset, index):
        assert not {"version", "dateModified", "datePublished"} & set(document)
    assert dataset["license"] == LICENCE_URL
    assert "quoted for citation" in dataset["copyrightNotice"]
    assert index["license"]["url"] == LICENCE_URL
    assert index["license"]["id"] == "CC-BY-4.0"
    assert "quoted for citation" in index["license"]["note"]


def test_the_newest_release_gives_the_version_and_dates(unreleased: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    before = _exports(unreleased)
    (unreleased / FILE_NAME).write_text(RELEASES, "utf-8")
    written = _exports(unreleased)
    dataset, index = _documents(written)
    assert (dataset["version"], dataset["dateModified"], dataset["datePublished"]) == (
        "1.10.0", "2031-06-02", "2030-03-01")
    assert (index["version"], index["dateModified"]) == ("1.10.0", "2031-06-02")
    assert index["built"] == "2023-11-14T22:13:20Z"  # the build time is still the build's
    # the release describes the data; the data files themselves do not change
    changed = {name for name in written if written[name] != before.get(name)}
    assert changed == {"dataset.jsonld", "index.json", "datapackage.json", "metadata.json"}
    assert json.loads(written["datapackage.json"])["version"] == "1.10.0"
    assert "Version 1.10.0, released 2031-06-02." in json.loads(
        written["metadata.json"])["description"]
    assert _exports(unreleased) == written  # the file decides, not the clock


def test_the_downloads_page_states_the_licence_and_the_release(unreleased: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "docs"
    generate_tree(Project.find(unreleased), out)
    page = (out / "downloads.md").read_text("utf-8")
    assert f"]({LICENCE_URL})" in page and "CC BY 4.0" in page
    assert "quoted for citation" in page
    assert "Version" not in page

    (unreleased / FILE_NAME).write_text(RELEASES, "utf-8")
    generate_tree(Project.find(unreleased), out)
    page = (out / "downloads.md").read_text("utf-8")
    assert "**Version 1.10.0**, released 2031-06-02" in page
    # the notes on one line, their Markdown escaped
    assert r"fixes a date \(and \*Markdown\* stays text\)" in page


@pytest.mark.parametrize("text, line, message", [
    ("releases: []\n", 1, "releases: needs at least 1 item"),
    ("releases:\n  - version: 1.0\n    date: 2030-01-01\n    notes: N.\n", 2,
     "releases[0].version: expected a valid string"),
    ("releases:\n  - version: 1.0.0\n    date: 2030-02-30\n    notes: N.\n", 3,
     "a release date is a real day written YYYY-MM-DD"),
    ("releases:\n  - version: 1.0.0\n    date: 2030-01-01\n", 2,
     "required field 'notes' is missing"),
    ("releases:\n  - version: 1.0.0\n    date: 2030-01-01\n    notes: N.\n"
     "  - version: 1.1.0\n    date: 2030-02-01\n    notes: N.\n", 1,
     "1.0.0 is listed above 1.1.0"),
    ("releases:\n  - version: 1.1.0\n    date: 2030-01-01\n    notes: N.\n"
     "  - version: 1.0.0\n    date: 2030-02-01\n    notes: N.\n", 1,
     "release 1.1.0 is dated 2030-01-01, before 1.0.0 (2030-02-01)"),
    ("releases:\n  - version: 1.0.0\n    date: 2030-01-01\n    notes: N.\n    summary: S.\n",
     5, "unknown field 'summary'"),
])
def test_mistakes_in_releases_are_reported_with_their_line_by_check(
        unreleased: Path, text: str, line: int, message: str) -> None:
    (unreleased / FILE_NAME).write_text(text, "utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_checked(Project.find(unreleased))
    problems = [str(problem) for problem in failed.value.problems]
    assert any(p.startswith(f"{FILE_NAME}:{line}: ") and message in p for p in problems), problems
