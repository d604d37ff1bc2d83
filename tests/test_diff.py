"""``iranru-ref diff``: two database.json files, two git revisions of a project made in the
test, the text and JSON output, and the errors (``file: message``, exit 1, no traceback)."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import copy_project, snapshot
from git_project import commit_all, git, needs_git, person_record, rename

from iranru_ref.cli import cli


def _entity(entity_id: str, entity_type: str, name: str) -> dict[str, Any]:
    return {"id": entity_id, "type": entity_type, "name": name, "aliases": [],
            "tags": ["diplomacy"], "summary": None, "notes": []}


def _claim(claim_id: str, text: str, date: str | None, *citations: tuple[str, int, str]
           ) -> dict[str, Any]:
    return {"id": claim_id, "subject": claim_id.split(".")[0], "predicate": "fact",
            "object": None, "text": text, "date": date, "attributed_to": [],
            "citations": [{"source": s, "paragraph": p, "quote": q} for s, p, q in citations]}


OLD: dict[str, Any] = {
    "format_version": 1,
    "sources": [{"id": "src-a", "title": "Source A", "paragraphs": [
        {"n": 1, "kind": "body", "text": "One two three."},
        {"n": 2, "kind": "body", "text": "Four five six."}]}],
    "entities": [_entity("kept", "person", "Kept Person"),
                 _entity("renamed", "organization", "Old Name"),
                 _entity("gone", "place", "Gone Place")],
    "claims": [
        _claim("kept.says", "Kept says one.", "2020", ("src-a", 1, "One two"),
               ("src-a", 2, "Four five"), ("src-a", 2, "six")),
        _claim("gone.there", "Gone was there.", None, ("src-a", 1, "three")),
    ],
    "predicates": {"fact": {"label": "states"}},
    "tags": {"diplomacy": "Diplomacy."},
}


def _new() -> dict[str, Any]:
    """OLD with one entity added, one removed, one renamed; a claim added, one removed and one
    changed (date, text), whose citations gain one, lose one and move one; a paragraph changed;
    a tag added."""
    new = copy.deepcopy(OLD)
    new["sources"][0]["paragraphs"][1]["text"] = "Four five six seven."
    new["entities"] = [_entity("kept", "person", "Kept Person"),
                       _entity("renamed", "organization", "New Name"),
                       _entity("added", "place", "Added Place")]
    new["claims"] = [
        _claim("kept.says", "Kept says two.", "2021", ("src-a", 1, "One two"),
               ("src-a", 1, "Four five"), ("src-a", 1, "three")),
        _claim("added.here", "Added is here.", "2021-05", ("src-a", 2, "seven")),
    ]
    new["tags"]["energy"] = "Energy."
    return new


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD), "utf-8")
    new.write_text(json.dumps(_new()), "utf-8")
    return old, new


def _run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(cli, ["diff", *args])
    assert "Traceback" not in result.output
    return result


def test_two_files_list_what_was_added_removed_changed_and_moved(
        runner: CliRunner, files: tuple[Path, Path]) -> None:
    old, new = files
    result = _run(runner, str(old), str(new))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"comparing {old} with {new}"
    assert "entities: 1 added, 1 removed, 1 changed" in lines
    assert "claims: 1 added, 1 removed, 1 changed" in lines
    assert "citations: 1 added, 1 removed, 1 moved" in lines
    assert "sources: 0 added, 0 removed, 1 changed" in lines
    assert "tags: 1 added, 0 removed, 0 changed" in lines
    assert not any(line.startswith("predicates:") for line in lines)  # nothing changed there
    assert "+ entity added (place): Added Place" in lines
    assert "- entity gone (place): Gone Place" in lines
    changed = lines.index("~ entity renamed (organization): New Name")
    assert lines[changed + 1] == '    name: "Old Name" → "New Name"'
    assert "+ claim added.here (fact): \"Added is here.\"" in lines
    assert "- claim gone.there (fact): \"Gone was there.\"" in lines
    claim = lines.index('~ claim kept.says (fact): "Kept says two."')
    assert lines[claim + 1: claim + 3] == ['    text: "Kept says one." → "Kept says two."',
                                           '    date: "2020" → "2021"']
    assert "+ citation of kept.says: src-a ¶1 \"three\"" in lines
    assert "- citation of kept.says: src-a ¶2 \"six\"" in lines
    assert ('> citation of kept.says: "Four five" moved from src-a ¶2 to src-a ¶1') in lines
    # the citations of the added and removed claims come and go with them
    assert not any("citation of added.here" in line or "citation of gone.there" in line
                   for line in lines)
    assert "+ tag energy" in lines


def test_the_same_file_twice_has_no_differences_and_exits_0(
        runner: CliRunner, files: tuple[Path, Path]) -> None:
    old, _ = files
    result = _run(runner, str(old), str(old))
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == ["no differences"]


def test_json_output_has_the_documented_shape(runner: CliRunner,
                                              files: tuple[Path, Path]) -> None:
    old, new = files
    result = _run(runner, "--format", "json", str(old), str(new))
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    parts = ["sources", "entities", "claims", "citations", "predicates", "tags"]
    assert list(document) == ["format_version", "old", "new", "summary", *parts]
    assert document["format_version"] == 1
    assert document["old"] == {"name": str(old), "kind": "file", "commit": None}
    assert list(document["summary"]) == parts
    for part in parts:
        kinds = ["added", "removed", "moved" if part == "citations" else "changed"]
        assert list(document[part]) == kinds
        assert document["summary"][part] == {k: len(document[part][k]) for k in kinds}
    entities = document["entities"]
    assert entities["added"] == [{"id": "added", "type": "place", "name": "Added Place"}]
    assert entities["removed"] == [{"id": "gone", "type": "place", "name": "Gone Place"}]
    assert entities["changed"] == [{"id": "renamed", "type": "organization", "name": "New Name",
                                    "fields": {"name": {"old": "Old Name", "new": "New Name"}}}]
    claims = document["claims"]
    assert claims["added"] == [{"id": "added.here", "subject": "added", "predicate": "fact",
                                "text": "Added is here."}]
    [changed] = claims["changed"]
    assert changed["fields"] == {"text": {"old": "Kept says one.", "new": "Kept says two."},
                                 "date": {"old": "2020", "new": "2021"}}
    assert document["citations"] == {
        "added": [{"claim": "kept.says", "source": "src-a", "paragraph": 1, "quote": "three"}],
        "removed": [{"claim": "kept.says", "source": "src-a", "paragraph": 2, "quote": "six"}],
        "moved": [{"claim": "kept.says", "quote": "Four five",
                   "old": {"source": "src-a", "paragraph": 2},
                   "new": {"source": "src-a", "paragraph": 1}}],
    }
    # a source's paragraphs: only those that differ
    [source] = document["sources"]["changed"]
    assert source["fields"] == {"paragraphs": {
        "old": [{"n": 2, "kind": "body", "text": "Four five six."}],
        "new": [{"n": 2, "kind": "body", "text": "Four five six seven."}]}}
    assert document["tags"]["added"] == [{"id": "energy"}]


def test_a_field_only_one_side_has_is_not_a_change(runner: CliRunner, tmp_path: Path) -> None:
    older = copy.deepcopy(OLD)
    for entity in older["entities"]:
        del entity["notes"]  # as an iranru-ref that did not write notes yet
    newer = copy.deepcopy(OLD)
    newer["entities"][0]["notes"] = ["A note."]
    (tmp_path / "a.json").write_text(json.dumps(older), "utf-8")
    (tmp_path / "b.json").write_text(json.dumps(newer), "utf-8")
    result = _run(runner, str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert result.output.splitlines()[1:] == ["no differences"]


@pytest.mark.parametrize("content, message", [
    (b"{\n  \"format_version\": 1,\n  oops\n}", "bad.json:3: not a database.json: not JSON ("),
    (b"[1, 2]", "bad.json: not a database.json: it holds a JSON list, not an object"),
    (b'{"sources": [], "entities": [], "claims": []}',
     "bad.json: not a database.json: it has no format_version"),
    (b'{"format_version": 1, "sources": [], "entities": []}',
     "bad.json: not a database.json: it has no 'claims' list"),
    (b'{"format_version": 1, "sources": [], "entities": [{"name": "x"}], "claims": []}',
     "bad.json: not a database.json: entities[0] is not a record with an id"),
    (b'{"format_version": 1, "sources": [], "entities": [], "claims": [{"id": "a.b", '
     b'"citations": 3}]}', "bad.json: not a database.json: claims[0].citations is not a list"),
    (b'{"format_version": 99, "sources": [], "entities": [], "claims": []}',
     "bad.json: format_version 99 is newer than this iranru-ref reads (up to 1)"),
    (b"\xff\xfe\x00bad", "bad.json: not a database.json: it is not UTF-8 text"),
])
def test_a_file_that_is_not_a_database_json_is_named_with_the_reason(
        runner: CliRunner, files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        content: bytes, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.json").write_bytes(content)
    for args in (["bad.json", str(files[1])], [str(files[0]), "bad.json"]):
        result = _run(runner, *args)
        assert result.exit_code == 1
        assert result.output.startswith(message), result.output


def test_missing_files_and_folders_are_named(runner: CliRunner, files: tuple[Path, Path],
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    missing = _run(runner, "nothere.json", str(files[1]))
    assert missing.exit_code == 1
    assert missing.output == "nothere.json: no such file\n"
    (tmp_path / "built").mkdir()
    folder = _run(runner, str(files[0]), "built")
    assert folder.exit_code == 1
    assert folder.output.startswith("built: is a folder; give the database.json file")


# git revisions ------------------------------------------------------------------------------

@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A copy of the project under git: the tag v1.0.0, then a commit that renames a person."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    commit_all(project, "first")
    git(project, "tag", "v1.0.0")
    rename(person_record(project), "Renamed In Commit")
    commit_all(project, "second")
    return project


def _repository_state(project: Path) -> tuple[dict[str, str], str, str]:
    """The files of the checkout (not .git) and what git says of refs and the working tree."""
    files = {k: v for k, v in snapshot(project).items() if not k.startswith(".git")}
    return files, git(project, "for-each-ref"), git(project, "status", "--porcelain")


@needs_git
def test_two_revisions_are_compared_without_touching_the_checkout(
        runner: CliRunner, repository: Path) -> None:
    record = person_record(repository)
    before = _repository_state(repository)
    worktrees = git(repository, "worktree", "list")
    result = _run(runner, "--root", str(repository), "v1.0.0", "HEAD")
    assert result.exit_code == 0, result.output
    tag, head = (git(repository, "rev-parse", r).strip() for r in ("v1.0.0", "HEAD"))
    lines = result.output.splitlines()
    assert lines[0] == f"comparing v1.0.0 ({tag[:12]}) with HEAD ({head[:12]})"
    assert "entities: 0 added, 0 removed, 1 changed" in lines
    assert f"~ entity {record.stem} (person): Renamed In Commit" in lines
    assert _repository_state(repository) == before
    assert git(repository, "worktree", "list") == worktrees

    document = json.loads(_run(runner, "--root", str(repository), "--format", "json",
                               "v1.0.0", "HEAD").output)
    assert document["old"] == {"name": "v1.0.0", "kind": "revision", "commit": tag}
    assert document["new"] == {"name": "HEAD", "kind": "revision", "commit": head}
    [changed] = document["entities"]["changed"]
    assert changed["fields"]["name"]["new"] == "Renamed In Commit"


@needs_git
def test_without_new_the_revision_is_compared_with_the_project_on_disk(
        runner: CliRunner, repository: Path) -> None:
    record = person_record(repository)
    rename(record, "Renamed On Disk")
    result = _run(runner, "--root", str(repository), "HEAD")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(" with the project on disk")
    assert '    name: "Renamed In Commit" → "Renamed On Disk"' in lines


@needs_git
def test_a_revision_and_a_file_can_be_compared(runner: CliRunner, repository: Path,
                                               tmp_path: Path) -> None:
    export = tmp_path / "head.json"
    export.write_text(_run(runner, "--root", str(repository), "--format", "json", "HEAD",
                           "HEAD").output, "utf-8")  # not a database.json: a comparison
    result = _run(runner, "--root", str(repository), str(export), "HEAD")
    assert result.exit_code == 1
    assert result.output.startswith(f"{export}: not a database.json: it has no 'sources' list")


@needs_git
def test_git_reads_names_as_revisions_even_when_a_file_has_that_name(
        runner: CliRunner, repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repository)
    Path("HEAD").write_text("not json", "utf-8")
    as_file = _run(runner, "v1.0.0", "HEAD")
    assert as_file.exit_code == 1 and as_file.output.startswith("HEAD:1: not a database.json")
    as_revision = _run(runner, "--git", "v1.0.0", "HEAD")
    assert as_revision.exit_code == 0, as_revision.output
    assert "1 changed" in as_revision.output


@needs_git
def test_an_unknown_revision_is_an_error(runner: CliRunner, repository: Path) -> None:
    for args in (["v9.9.9", "HEAD"], ["--git", "v1.0.0", "v9.9.9"], ["--git", "--", "-x", "HEAD"]):
        result = _run(runner, "--root", str(repository), *args)
        assert result.exit_code == 1, args
        assert "not a git revision" in result.output or "no such revision" in result.output
        assert ("v9.9.9" if "v9.9.9" in args else "-x") in result.output


@needs_git
def test_a_revision_whose_project_cannot_be_loaded_names_the_revision_and_file(
        runner: CliRunner, repository: Path) -> None:
    record = person_record(repository)
    record.write_text("name: [unclosed\n", "utf-8")
    commit_all(repository, "broken")
    result = _run(runner, "--root", str(repository), "v1.0.0", "HEAD")
    assert result.exit_code == 1
    assert f"HEAD:data/people/{record.name}:2: YAML syntax error" in result.output


@needs_git
def test_a_project_in_a_folder_of_a_larger_repository(runner: CliRunner, tmp_path: Path) -> None:
    top = tmp_path / "monorepo"
    project = copy_project(top / "reference" / "data-project")
    git(top, "init", "-q")
    (top / "README").write_text("other things\n", "utf-8")
    commit_all(top, "first")
    rename(person_record(project), "Renamed")
    result = _run(runner, "--root", str(project), "HEAD")
    assert result.exit_code == 0, result.output
    assert "entities: 0 added, 0 removed, 1 changed" in result.output


def test_revisions_outside_a_git_checkout_are_an_error(runner: CliRunner, project: Path) -> None:
    result = _run(runner, "--root", str(project), "--git", "v1.0.0", "HEAD")
    assert result.exit_code == 1
    assert "not a git checkout" in result.output or "git is not installed" in result.output
    guessed = _run(runner, "--root", str(project), "v1.0.0", "HEAD")
    assert guessed.exit_code == 1
    assert guessed.output.startswith("v1.0.0: no such file, nor a git revision of the project")
