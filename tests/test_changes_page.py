"""The Changes page and changes.json: each release in releases.yml with what changed since the
one before, read from the v<version> git tags of a project made in the test; and what they say
without releases, without git or without a tag."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_project
from extra_data import PERSON_ID, SOURCE_ID, add_extra_data
from git_project import commit_all, git, needs_git, person_record, rename

from iranru_ref.exports import release_history
from iranru_ref.exports.release_history import CACHE
from iranru_ref.load.project import Project
from iranru_ref.load.releases import FILE_NAME as RELEASES_FILE
from iranru_ref.site import changes_page
from iranru_ref.site.generate import generate_tree

FIRST = """\
releases:
  - version: 1.0.0
    date: 2030-03-01
    notes: The first release.
"""
SECOND = """\
releases:
  - version: 1.1.0
    date: 2030-06-02
    notes: Adds a synthetic report <script>alert(1)</script> and *renames* someone.
""" + FIRST.removeprefix("releases:\n")


def _generate(project: Path, out: Path) -> tuple[str, dict[str, Any]]:
    """The Changes page's Markdown and changes.json."""
    generate_tree(Project.find(project), out)
    page = (out / "changes.md").read_text("utf-8")
    return page, json.loads((out / "data" / "changes.json").read_text("utf-8"))


@pytest.fixture
def released(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A project with the releases 1.0.0 and 1.1.0, tagged, and a change since; the record
    renamed for 1.1.0 and the one renamed since."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = copy_project(tmp_path / "project")
    (project / RELEASES_FILE).write_text(FIRST, "utf-8")
    git(project, "init", "-q")
    commit_all(project, "release 1.0.0")
    git(project, "tag", "v1.0.0")
    in_release, since = person_record(project, 0), person_record(project, 1)
    add_extra_data(project)
    rename(in_release, "Renamed For Release")
    (project / RELEASES_FILE).write_text(SECOND, "utf-8")
    commit_all(project, "release 1.1.0")
    git(project, "tag", "-a", "v1.1.0", "-m", "an annotated tag")
    rename(since, "Renamed Since Release")
    return project, in_release, since


def _entity_changes(changes: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["fields"]["name"]["new"] for e in changes["entities"]["changed"]}


@needs_git
def test_each_release_lists_what_changed_since_the_one_before(
        released: tuple[Path, Path, Path], tmp_path: Path) -> None:
    project, in_release, since = released
    status = git(project, "status", "--porcelain", "--untracked-files=no")
    refs = git(project, "for-each-ref")
    page, document = _generate(project, tmp_path / "docs")

    assert document["format_version"] == 1 and document["tag_format"] == "v{version}"
    newer, first = document["releases"]
    assert (newer["version"], newer["date"], newer["tag"], newer["previous"]) == (
        "1.1.0", "2030-06-02", "v1.1.0", "1.0.0")
    assert newer["commit"] == git(project, "rev-parse", "v1.1.0^{commit}").strip()
    assert newer["unavailable"] is None
    changes = newer["changes"]
    assert _entity_changes(changes) == {in_release.stem: "Renamed For Release"}
    assert {e["id"] for e in changes["entities"]["added"]} >= {PERSON_ID}
    assert [s["id"] for s in changes["sources"]["added"]] == [SOURCE_ID]
    assert changes["claims"]["added"] and not changes["claims"]["removed"]
    assert (first["version"], first["previous"], first["changes"], first["unavailable"]) == (
        "1.0.0", None, None, None)
    unreleased = document["unreleased"]
    assert unreleased["since"] == "1.1.0" and unreleased["unavailable"] is None
    assert _entity_changes(unreleased["changes"]) == {since.stem: "Renamed Since Release"}
    assert unreleased["changes"]["summary"]["claims"] == {"added": 0, "removed": 0, "changed": 0}

    assert "## Unreleased changes { #unreleased }" in page
    assert "## Version 1.1.0 { #v1.1.0 }" in page and "## Version 1.0.0 { #v1.0.0 }" in page
    assert page.index("Unreleased") < page.index("Version 1.1.0") < page.index("Version 1.0.0")
    # the notes are text: neither Markdown nor HTML
    assert r"&lt;script&gt;alert\(1\)&lt;/script&gt; and \*renames\* someone" in page
    assert "<script>" not in page
    # records that exist link to their pages; the renamed one with its old and new name
    assert (f'<a href="../people/{in_release.stem}/">Renamed For Release</a>') in page
    assert "&#34;Renamed For Release&#34;</li>" in page
    assert f'<a href="../people/{PERSON_ID}/">' in page
    assert "The first release: there is none before it" in page
    assert '<a href="../data/changes.json" download>' in page
    # the build read git without changing the checkout or the refs
    assert git(project, "status", "--porcelain", "--untracked-files=no") == status
    assert git(project, "for-each-ref") == refs


@needs_git
def test_changes_json_is_a_download_listed_with_its_hash(released: tuple[Path, Path, Path],
                                                         tmp_path: Path) -> None:
    import hashlib

    project = released[0]
    out = tmp_path / "docs"
    _generate(project, out)
    data = (out / "data" / "changes.json").read_bytes()
    index = json.loads((out / "data" / "index.json").read_text("utf-8"))
    [entry] = [f for f in index["files"] if f["name"] == "changes.json"]
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert "changes.json" in (out / "downloads.md").read_text("utf-8")


@needs_git
def test_what_was_read_from_git_is_kept_and_used_again(
        released: tuple[Path, Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    project = released[0]
    _, document = _generate(project, tmp_path / "one")
    cache = project / CACHE
    kept = sorted(path.name for path in cache.iterdir())
    assert len(kept) == 2  # the comparison of the two releases, and the newest release's data

    def no_git(*args: object) -> None:
        raise AssertionError("read a release again")

    monkeypatch.setattr(release_history, "revision_document", no_git)
    assert _generate(project, tmp_path / "two")[1] == document
    monkeypatch.undo()

    # an entry made by other code, or damaged, is made again; one no longer used is removed
    for path in cache.iterdir():
        entry = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps({**entry, "code": "other"}) if path.name.endswith(
            ".data.json") else "{truncated", "utf-8")
    (cache / "0000..1111.json").write_text("{}", "utf-8")
    read: list[str] = []
    original = release_history.revision_document

    def counted(repository: Any, commit: str, name: str) -> dict[str, Any]:
        read.append(name)
        return original(repository, commit, name)

    monkeypatch.setattr(release_history, "revision_document", counted)
    assert _generate(project, tmp_path / "three")[1] == document
    assert sorted(read) == ["v1.0.0", "v1.1.0"]  # each read once
    assert sorted(path.name for path in cache.iterdir()) == kept


@needs_git
def test_a_release_without_its_tag_says_so(released: tuple[Path, Path, Path],
                                           tmp_path: Path) -> None:
    project = released[0]
    (project / RELEASES_FILE).write_text(
        "releases:\n  - version: 1.2.0\n    date: 2030-07-01\n    notes: Not tagged yet.\n"
        + SECOND.removeprefix("releases:\n"), "utf-8")
    page, document = _generate(project, tmp_path / "docs")
    newest = document["releases"][0]
    assert (newest["version"], newest["commit"], newest["changes"]) == ("1.2.0", None, None)
    assert "no git tag v1.2.0" in newest["unavailable"]
    assert document["releases"][1]["changes"] is not None  # 1.1.0 against 1.0.0 still
    assert document["unreleased"]["changes"] is None
    assert "no git tag v1.2.0" in document["unreleased"]["unavailable"]
    assert "What changed is not shown: this repository has no git tag v1.2.0" in page


@needs_git
def test_a_release_whose_data_cannot_be_read_says_why_and_the_build_goes_on(
        released: tuple[Path, Path, Path], tmp_path: Path) -> None:
    project = released[0]
    git(project, "tag", "-d", "v1.0.0")
    broken = person_record(project, 0)
    good = broken.read_text("utf-8")
    broken.write_text("name: [unclosed\n", "utf-8")
    commit_all(project, "broken")
    git(project, "tag", "v1.0.0")  # a tag at a commit whose data does not load
    broken.write_text(good, "utf-8")
    page, document = _generate(project, tmp_path / "docs")
    reason = document["releases"][0]["unavailable"]
    assert reason.startswith(f"the data of v1.0.0 cannot be read: v1.0.0:data/people/{broken.name}")
    assert "What changed is not shown: the data of v1.0.0 cannot be read" in page


def test_without_git_the_releases_are_listed_with_the_reason(project: Path,
                                                             tmp_path: Path) -> None:
    (project / RELEASES_FILE).write_text(SECOND, "utf-8")
    page, document = _generate(project, tmp_path / "docs")
    assert [r["version"] for r in document["releases"]] == ["1.1.0", "1.0.0"]
    newer, first = document["releases"]
    assert newer["changes"] is None and newer["commit"] is None
    assert newer["unavailable"] in (
        "this copy of the project is not a git checkout, so the data of its releases cannot be read",
        "git is not installed, so the data of its releases cannot be read")
    assert str(tmp_path) not in page  # no folder of the machine that built it
    assert first["unavailable"] is None  # nothing to compare the first release with anyway
    assert document["unreleased"]["unavailable"] == newer["unavailable"]
    assert "## Version 1.1.0" in page and "What changed is not shown:" in page
    assert not (project / CACHE).exists()


def test_without_releases_git_is_never_run_and_the_page_says_how_to_release(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_git(*args: object) -> None:
        raise AssertionError("git ran")

    monkeypatch.setattr(release_history.Repository, "of", no_git)
    page, document = _generate(project, tmp_path / "docs")
    assert document == {"format_version": 1, "tag_format": "v{version}", "releases": [],
                        "unreleased": None}
    assert "No release of the data has been made yet" in page
    assert "`git tag v1.0.0`" in page and "releases.yml" in page
    assert "## Version" not in page


@needs_git
def test_long_lists_are_cut_and_point_to_changes_json(
        released: tuple[Path, Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changes_page, "LIST_LIMIT", 1)
    page, document = _generate(released[0], tmp_path / "docs")
    claims = document["releases"][0]["changes"]["claims"]
    hidden = sum(len(items) for items in claims.values()) - 1
    assert hidden > 0
    assert f"… and {hidden} more, listed in" in page


@pytest.mark.slow
@needs_git
def test_the_site_builds_with_the_changes_page(released: tuple[Path, Path, Path]) -> None:
    from iranru_ref.engines.build import build_site

    site = build_site(Project.find(released[0])).site_dir
    html = (site / "changes" / "index.html").read_text("utf-8")
    assert 'id="v1.1.0"' in html and "Renamed Since Release" in html
    assert json.loads((site / "data" / "changes.json").read_text("utf-8"))["releases"]
