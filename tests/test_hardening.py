"""Issue 27: what a hostile contributor (or a careless curator) could do, refused cleanly.

The site folder a build replaces, files that are links or special files, sizes, reserved ids,
control and invisible characters, look-alike names, and what ``add-source`` and ``new`` write
and print. The bad-input catalogue (tests/bad_inputs/) covers most of the files a project can
hold; these tests cover the commands' own arguments and the library's pieces.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import snapshot
from test_bad_inputs import BASE, VALID_RECORD, drop_in

from iranru_ref.check.names import skeleton
from iranru_ref.cli import cli
from iranru_ref.engines.workspace import SITE_MARKER, check_site_dir
from iranru_ref.errors import BuildFailed, Problem, ValidationFailed
from iranru_ref.load.files import ProjectFiles
from iranru_ref.site.tree import TreeWriter

A_RECORD = VALID_RECORD  # cites the catalogue's test article, which with_article() adds


def with_article(project: Path) -> Path:
    """The project with the catalogue's test article, so that tests need no curated source."""
    drop_in(BASE, project)
    return project


def _invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception)
    return result.exit_code, result.output


# ------------------------------------------------------------------ the site folder (item 2)


@pytest.mark.parametrize("where", [".", "data", "data/site", "sources", "docs/site", "templates",
                                   "src/site", "..", "/"])
def test_build_refuses_a_site_folder_in_or_around_the_project(
    where: str, project: Path, runner: CliRunner
) -> None:
    before = snapshot(project)
    site_dir = where if where.startswith("/") else str(project / where)
    code, output = _invoke(runner, "build", "--root", str(project), "--site-dir", site_dir)
    assert code == 1, output
    assert len(output.strip().splitlines()) == 1, output
    assert "the site folder" in output and "Traceback" not in output
    assert snapshot(project) == before


def test_build_refuses_to_replace_a_folder_it_did_not_build(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "thesis.txt").write_text("years of work\n")
    before = snapshot(tmp_path)
    code, output = _invoke(runner, "build", "--root", str(project), "--site-dir", str(folder))
    assert code == 1
    assert f"has no {SITE_MARKER} file" in output
    assert len(output.strip().splitlines()) == 1, output
    assert snapshot(tmp_path) == before


def test_the_default_site_folder_is_guarded_too(project: Path, runner: CliRunner) -> None:
    (project / "site").mkdir()
    (project / "site" / "notes.md").write_text("mine\n")
    code, output = _invoke(runner, "build", "--root", str(project))
    assert code == 1 and "is not a site iranru-ref built" in output
    assert (project / "site" / "notes.md").read_text() == "mine\n"


def test_an_empty_missing_or_marked_folder_may_be_replaced(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "marked").mkdir()
    (tmp_path / "marked" / "index.html").write_text("old site\n")
    (tmp_path / "marked" / SITE_MARKER).write_text("built\n")
    earlier = tmp_path / "built-before-markers"  # a site of an earlier version, kept working
    (earlier / "data").mkdir(parents=True)
    for name in ("index.html", "data/database.json", "data/database.schema.json",
                 "data/dataset.jsonld"):
        (earlier / name).write_text("{}\n")
    for name in ("empty", "missing", "marked", "built-before-markers"):
        check_site_dir(root, tmp_path / name)
    (earlier / "data" / "dataset.jsonld").unlink()
    with pytest.raises(BuildFailed, match="is not a site iranru-ref built"):
        check_site_dir(root, earlier)
    check_site_dir(root, root / "site")
    check_site_dir(root, root / "public" / "site")
    with pytest.raises(BuildFailed, match="not a folder"):
        (tmp_path / "a-file").write_text("x")
        check_site_dir(root, tmp_path / "a-file")


@pytest.mark.slow
def test_a_build_marks_its_site_and_replaces_a_marked_one(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    site = tmp_path / "public"
    site.mkdir()
    (site / SITE_MARKER).write_text("an earlier build\n")
    (site / "stale.html").write_text("stale\n")
    code, output = _invoke(runner, "build", "--root", str(project), "--site-dir", str(site))
    assert code == 0, output
    assert (site / SITE_MARKER).is_file()
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()


# ------------------------------------------------------------------ links and hashes (item 3)


def test_a_changed_source_does_not_print_its_full_new_hash(
    project: Path, runner: CliRunner
) -> None:
    text = project / "sources" / "dedov-sputnik-2023.txt"
    text.write_bytes(text.read_bytes() + b"\nAn added paragraph.\n")
    found = hashlib.sha256(text.read_bytes()).hexdigest()
    code, output = _invoke(runner, "check", "--root", str(project))
    assert code == 1
    assert found not in output
    assert found[:12] in output
    assert "sha256sum sources/dedov-sputnik-2023.txt" in output


def test_a_docs_folder_that_is_a_link_outside_is_refused(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(project / "docs", outside)
    shutil.rmtree(project / "docs")
    os.symlink(outside, project / "docs")
    code, output = _invoke(runner, "check", "--root", str(project))
    assert code == 1
    assert "docs/methodology.md:1: is a link to a file outside the project" in output


def test_a_record_folder_that_is_a_link_outside_is_refused(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    folder = project / "data" / "people"
    first = sorted(folder.glob("*.yml"))[0].name
    shutil.move(folder, tmp_path / "people")
    os.symlink(tmp_path / "people", folder)
    code, output = _invoke(runner, "check", "--root", str(project))
    assert code == 1
    assert (f"data/people/{first}:1: is a link to a file outside the project (its folder is a "
            f"link to {tmp_path / 'people'})") in output


def test_links_inside_the_project_are_followed(project: Path, runner: CliRunner) -> None:
    with_article(project)
    (project / "docs" / "how-to.md").symlink_to("methodology.md")
    (project / "drafts").mkdir()
    (project / "drafts" / "test-person.yml").write_text(A_RECORD)
    (project / "data" / "people" / "test-person.yml").symlink_to(
        project / "drafts" / "test-person.yml")
    code, output = _invoke(runner, "check", "--root", str(project))
    assert code == 0, output


def test_the_tree_writer_refuses_a_docs_link_on_its_own(tmp_path: Path) -> None:
    """The build checks docs/ first; the copy refuses a link even when called directly."""
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "page.md").write_text("# A page\n")
    (root / "docs" / "leak.md").symlink_to("/etc/passwd")
    out = tmp_path / "out"
    writer = TreeWriter(out, root)
    with pytest.raises(ValidationFailed) as raised:
        writer.copy_tree(root / "docs")
    assert [p.path for p in raised.value.problems] == ["docs/leak.md"]
    assert not out.exists() or not any(out.rglob("*.md"))
    # docs/ itself a link to a folder elsewhere
    shutil.move(root / "docs", tmp_path / "elsewhere")
    (root / "docs").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ValidationFailed) as raised:
        TreeWriter(out, root).copy_tree(root / "docs")
    assert [p.path for p in raised.value.problems] == ["docs/leak.md", "docs/page.md"]


# ------------------------------------------------------------------ what is read (item 4)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    with big.open("wb") as file:
        file.truncate(8 * 1024**3)  # sparse: no disk, and reading it would take minutes
    problems: list[Problem] = []
    assert ProjectFiles(tmp_path).read(big, "big.yml", 1000, problems, "Shorten it.") is None
    assert problems == [Problem("big.yml", 1, "the file is 8,589,934,592 bytes; the limit is "
                                "1,000. Shorten it.")]


def test_a_file_longer_than_its_size_says_is_cut_off_at_the_limit() -> None:
    """Files in /proc say they are empty; the reader stops at the limit all the same."""
    problems: list[Problem] = []
    read = ProjectFiles(None).read(Path("/proc/self/maps"), "maps", 10, problems, "")
    assert read is None
    assert "more than 10 bytes" in problems[0].message


def test_a_named_pipe_is_refused_without_opening_it_for_long(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    code = (
        "import sys; from pathlib import Path; from iranru_ref.load.files import ProjectFiles\n"
        "problems = []\n"
        f"ProjectFiles(Path({str(tmp_path)!r})).read(Path({str(pipe)!r}), 'pipe.yml', 10, "
        "problems, '')\n"
        "print(problems[0].message)\n"
    )
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=60, check=False)
    assert "is a named pipe (FIFO), not a plain file" in process.stdout, process.stderr


def test_the_limits_are_documented() -> None:
    from iranru_ref.load.files import (
        MAX_DOCS_BYTES,
        MAX_PARAGRAPHS,
        MAX_RECORD_BYTES,
        MAX_SOURCE_BYTES,
    )
    from iranru_ref.load.yaml_file import MAX_ITEMS, MAX_STRING_CHARS

    methodology = (Path(__file__).resolve().parent.parent / "docs" / "methodology.md").read_text(
        encoding="utf-8")
    for limit in (MAX_RECORD_BYTES, MAX_SOURCE_BYTES, MAX_PARAGRAPHS, MAX_DOCS_BYTES, MAX_ITEMS,
                  MAX_STRING_CHARS):
        assert f"{limit:,}" in methodology, limit
    for word in ("link", "control character", "index", "named pipe", ".iranru-site"):
        assert word in methodology.replace("\n", " "), word


# ------------------------------------------------------------------ reserved ids (item 5)


def test_new_refuses_a_reserved_id(project: Path, runner: CliRunner) -> None:
    before = snapshot(project)
    code, output = _invoke(runner, "new", "person", "index", "--tag", "diplomacy",
                           "--root", str(project))
    assert code == 1 and "'index' is reserved" in output
    assert snapshot(project) == before


def test_add_source_refuses_a_reserved_id(project: Path, runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Headline\n\nBody.\n")
    before = snapshot(project)
    code, output = _invoke(runner, "add-source", str(article), "--id", "index",
                           "--root", str(project))
    assert code == 1 and "'index' is reserved" in output
    assert snapshot(project) == before


# ------------------------------------------------------------------ look-alikes (item 11)


@pytest.mark.parametrize(("first", "second"), [
    ("Vladimir Putin", "VLADIMIR PUTIN"),
    ("Vladimir Putin", "Ｖｌａｄｉｍｉｒ　Ｐｕｔｉｎ"),  # full width
    ("Vladimir Putin", "Vladimir  Putin"),
    ("Vladimir Putin", "Vladimir Рutin"),  # Cyrillic Р
    ("Vladimir Putin", "Vlаdimir Putin"),  # Cyrillic а
    ("Straße", "STRASSE"),
])
def test_names_that_read_the_same_have_the_same_skeleton(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)


def test_names_that_differ_keep_different_skeletons() -> None:
    assert skeleton("Vladimir Putin") != skeleton("Vladimir Putin Jr")
    assert skeleton("Иран") != skeleton("Iran")


def test_an_alias_two_records_share_is_a_warning(project: Path, runner: CliRunner) -> None:
    with_article(project)
    for name in ("test-person", "test-person-2"):
        record = A_RECORD.replace("Test Person", name.replace("-", " ").title())
        record = record.replace("tags: [diplomacy]\n", "tags: [diplomacy]\naliases: [Tester]\n")
        (project / "data" / "people" / f"{name}.yml").write_text(record)
    code, output = _invoke(runner, "check", "--root", str(project))
    assert code == 0, output
    assert ("data/people/test-person.yml:3: warning: aliases[0]: 'Tester' is also an alias of "
            "'test-person-2'") in output


def test_an_alias_may_run_over_lines_but_hold_nothing_invisible() -> None:
    from pydantic import ValidationError

    from iranru_ref.records.entity import Entity

    Entity(name="Test Person", aliases=["Test\n  Person", "Test\tPerson"], tags=["diplomacy"])
    for alias in ("Test\u202ePerson", "Test\u200dPerson", "Test\x1bPerson"):
        with pytest.raises(ValidationError):
            Entity(name="Test Person", aliases=[alias], tags=["diplomacy"])


def test_new_refuses_a_name_with_invisible_or_control_characters(
    project: Path, runner: CliRunner
) -> None:
    before = snapshot(project)
    for name in ("Vladimir \u202eniTuP", "Vladimir\u200bPutin", "Vladimir\x1b[2JPutin",
                 "Vladimir\nPutin", "  "):
        code, output = _invoke(runner, "new", "person", "test-person", "--tag", "diplomacy",
                               "--name", name, "--root", str(project))
        assert code == 1, output
        assert "--name:" in output and "\x1b" not in output
    assert snapshot(project) == before


# ------------------------------------------------------------------ add-source (item 13)


def test_add_source_quotes_the_file_name_and_title(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "a: b #c 'd' \"e\".txt"
    article.write_text('Headline: with "quotes" \\ and # a hash\n\nThe body.\n')
    code, output = _invoke(runner, "add-source", str(article), "--id", "new-article",
                           "--root", str(project))
    assert code == 0, output
    stub = yaml.safe_load((project / "sources" / "new-article.yml").read_text(encoding="utf-8"))
    assert stub["original_name"] == "a: b #c 'd' \"e\".txt"
    assert stub["title"] == 'Headline: with "quotes" \\ and # a hash'


def test_add_source_drops_control_characters_from_the_file_name(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "evil\x1b[2J\x07name.txt"
    article.write_text("Headline\n\nThe body.\n")
    code, output = _invoke(runner, "add-source", str(article), "--id", "new-article",
                           "--root", str(project))
    assert code == 0, output
    stub = yaml.safe_load((project / "sources" / "new-article.yml").read_text(encoding="utf-8"))
    assert stub["original_name"] == "evil [2J name.txt"
    assert "\x1b" not in output and "\x07" not in output


def test_add_source_refuses_an_article_with_terminal_escapes(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Headline\n\nThe body \x1b]0;owned\x07 with an escape.\n")
    before = snapshot(project)
    code, output = _invoke(runner, "add-source", str(article), "--id", "new-article",
                           "--root", str(project))
    assert code == 1
    assert f"{article}:3: the article holds the control character U+001B" in output
    assert "\x1b" not in output and "\x07" not in output
    assert snapshot(project) == before


def test_add_source_prints_no_invisible_characters(
    project: Path, runner: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Headline\n\nA body \u202eesrever ni with a right-to-left override.\n")
    code, output = _invoke(runner, "add-source", str(article), "--id", "new-article",
                           "--root", str(project))
    assert code == 0, output
    assert "\u202e" not in output
    assert "A body esrever ni" in output


def test_add_source_refuses_a_named_pipe_and_a_huge_file(project: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(4 * 1024**3)
    before = snapshot(project)
    for article, expected in ((pipe, "is a named pipe (FIFO)"), (big, "the limit is 1,048,576")):
        process = subprocess.run(
            [sys.executable, "-m", "iranru_ref.cli", "add-source", str(article), "--id",
             "new-article", "--root", str(project)],
            capture_output=True, text=True, timeout=60, check=False)
        assert process.returncode == 1
        assert expected in process.stderr and "Traceback" not in process.stderr
    assert snapshot(project) == before
