"""The bad-input catalogue (tests/bad_inputs/): every mistake gets a clear error and changes nothing.

For each case the project is copied, ``_base/`` and the case's files are dropped in, and
``iranru-ref check`` and ``iranru-ref build`` run on it. Each must exit with status 1, print every
expected ``file:line: message`` and no other problem, show no traceback, and write nothing: the
project tree is unchanged, no ``site/`` appears, and an existing ``site/`` stays byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import snapshot

from iranru_ref.cli import cli
from iranru_ref.engines.workspace import SITE_MARKER

CATALOGUE = Path(__file__).resolve().parent / "bad_inputs"
BASE = CATALOGUE / "_base"
CASES = sorted(p.name for p in CATALOGUE.iterdir() if p.is_dir() and not p.name.startswith("_"))
SUBPROCESS_CASES = [
    name for name in CASES
    if yaml.safe_load((CATALOGUE / name / "expect.yml").read_text(encoding="utf-8")).get("subprocess")
]
PROBLEM_LINE = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+): (?P<message>.+)$")
SUMMARY_LINE = re.compile(r"^(\d+) problems? found; nothing was written\.$", re.MULTILINE)
#: the record most cases start from, valid on its own
VALID_RECORD = """\
name: Test Person
tags: [diplomacy]
claims:
  - id: met-in-moscow
    predicate: fact
    text: The ministers met in Moscow.
    citations:
      - source: test-article
        paragraph: 2
        quote: The ministers of both countries met in Moscow
"""
#: an alias bomb that expanded, or a loader that crashed and restarted, would take far longer
MAX_SECONDS = 20


def expectation(name: str) -> dict[str, Any]:
    expect: dict[str, Any] = yaml.safe_load((CATALOGUE / name / "expect.yml").read_text("utf-8"))
    return expect


#: a case's files that go beside the project, not into it (what its links point at)
OUTSIDE = "outside"


def drop_in(folder: Path, project: Path) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and relative.as_posix() != "expect.yml" and relative.parts[0] != OUTSIDE:
            target = project / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _text(pieces: list[Any]) -> str:
    return "".join(
        piece if isinstance(piece, str) else piece["repeat"] * piece["times"] for piece in pieces
    )


def _replace(path: Path) -> Path:
    """``path``, with whatever was there removed and its folder made."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def apply_case(name: str, project: Path) -> dict[str, Any]:
    """Drop ``_base`` and the case into the project; return its expectation."""
    expect = expectation(name)
    drop_in(BASE, project)
    for relative in expect.get("delete", []):
        (project / relative).unlink()
    drop_in(CATALOGUE / name, project)
    if (CATALOGUE / name / OUTSIDE).is_dir():
        shutil.copytree(CATALOGUE / name / OUTSIDE, project.parent / OUTSIDE)
    for relative, pieces in expect.get("append", {}).items():
        with (project / relative).open("a", encoding="utf-8") as file:
            file.write(_text(pieces))
    for relative, pieces in expect.get("prepend", {}).items():
        path = project / relative
        path.write_text(_text(pieces) + path.read_text(encoding="utf-8"), encoding="utf-8")
    for relative, target in expect.get("links", {}).items():
        os.symlink(target, _replace(project / relative))
    for relative in expect.get("fifos", []):
        os.mkfifo(_replace(project / relative))
    for relative, size in expect.get("sparse", {}).items():
        with (project / relative).open("r+b") as file:
            file.truncate(size)
    return expect


def reported_problems(output: str) -> list[tuple[str, int, str]]:
    return [
        (m["file"], int(m["line"]), m["message"])
        for m in map(PROBLEM_LINE.match, output.splitlines()) if m
    ]


def assert_reports_exactly(output: str, expect: dict[str, Any]) -> None:
    """Each expected problem is printed as ``file:line: ...substring...``, and nothing else is."""
    assert "Traceback" not in output, output
    problems = reported_problems(output)
    expected = expect["problems"]
    for item in expected:
        assert any(
            file == item["file"] and line == item["line"] and item["message"] in message
            for file, line, message in problems
        ), f"expected {item['file']}:{item['line']}: …{item['message']}… in:\n{output}"
    for file, line, message in problems:
        assert any(
            file == item["file"] and line == item["line"] and item["message"] in message
            for item in expected
        ), f"unexpected problem {file}:{line}: {message}"
    summary = SUMMARY_LINE.search(output)
    assert summary is not None, output
    assert int(summary.group(1)) == len(problems), output


def previous_site(project: Path) -> Path:
    """A stand-in for the site of an earlier, successful build."""
    site = project / "site"
    (site / "people" / "someone").mkdir(parents=True)
    (site / SITE_MARKER).write_text("an earlier build's marker\n")
    (site / "index.html").write_text("<!doctype html><title>previous build</title>\n")
    (site / "people" / "someone" / "index.html").write_text("<p>an earlier page</p>\n")
    (site / "data.bin").write_bytes(bytes(range(256)))
    return site


def run(command: str, project: Path, runner: CliRunner, expect: dict[str, Any]) -> tuple[int, str]:
    """Run ``iranru-ref COMMAND`` in this process, or in a new one for cases marked ``isolate``
    (those whose regression would crash the interpreter, which must not take the suite with it)."""
    if not expect.get("isolate"):
        result = runner.invoke(cli, [command, "--root", str(project)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            repr(result.exception)
        )
        return result.exit_code, result.output
    process = subprocess.run(
        [sys.executable, "-m", "iranru_ref.cli", command, "--root", str(project)],
        capture_output=True, text=True, check=False, cwd=project, timeout=120,
    )
    return process.returncode, process.stdout + process.stderr


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


# ------------------------------------------------------------------ the catalogue itself


#: issue 6's list of mistakes, each with the cases that cover it
REQUIRED = {
    "YAML syntax error": ["yaml-unclosed-bracket", "yaml-unquoted-colon", "yaml-unclosed-quote"],
    "tabs": ["yaml-tab-indentation"],
    "empty file": ["yaml-empty-file", "yaml-only-comments"],
    "non-UTF-8": ["yaml-not-utf8"],
    "byte-order mark": ["yaml-byte-order-mark"],
    "duplicate keys": ["duplicate-keys"],
    "YAML 1.1 booleans and dates": ["yaml11-booleans", "yaml11-dates-and-numbers"],
    "anchors, aliases, merge keys, alias bomb": [
        "yaml-anchors-and-aliases", "yaml-merge-key", "yaml-alias-bomb"],
    "!!python/object tags": ["yaml-python-tag", "yaml-other-tags"],
    "oversized file, over-long string": ["limit-oversized-file", "limit-over-long-string"],
    "unknown fields, wrong types, missing fields": [
        "unknown-fields", "wrong-types", "missing-required-fields"],
    "ids: uppercase, spaces, ../, file name, duplicates": [
        "id-uppercase-claim-id", "id-file-name-uppercase", "id-file-name-with-spaces",
        "id-path-traversal", "id-field-not-matching-file-name", "id-duplicate-across-folders"],
    "dangling reference, wrong object type": ["reference-dangling", "reference-wrong-object-type"],
    "citation to a missing source or paragraph": [
        "citation-missing-source", "citation-missing-paragraph"],
    "quote not in paragraph, across paragraphs, twice": [
        "citation-quote-not-in-paragraph", "citation-quote-spans-paragraphs",
        "citation-quote-ambiguous"],
    "empty citations": ["citation-empty-list"],
    "impossible date, precision": ["date-impossible", "date-precision-mismatch"],
    "negative, non-numeric figures, missing unit": [
        "figure-negative", "figure-not-a-number", "figure-missing-unit"],
    "unknown tag": ["tag-unknown"],
    "source changed after citing": ["source-text-changed"],
}


#: issue 27's holes (the second round of hardening), each with the cases that cover it
REQUIRED_27 = {
    "links out of the project": [
        "link-record-outside", "link-record-to-system-file", "link-source-text-outside",
        "link-source-metadata-outside", "link-docs-outside", "link-vocabulary-outside"],
    "special files and sizes": [
        "link-record-to-dev-zero", "fifo-record", "fifo-source-text", "fifo-docs",
        "limit-sparse-record", "limit-source-text"],
    "reserved ids": ["reserved-id-record", "reserved-id-source", "reserved-id-tag"],
    "control characters": [
        "control-escape-in-name", "control-escapes-everywhere", "control-in-source-text"],
    "a record too big to build": ["limit-too-many-items"],
    "look-alikes": [
        "lookalike-bidi-in-name", "lookalike-zero-width-in-alias",
        "lookalike-same-name-full-width", "lookalike-cyrillic-name"],
    "vocabulary keys": ["vocabulary-tag-name-invalid", "vocabulary-predicate-name-invalid"],
}


def test_the_catalogue_has_at_least_90_cases() -> None:
    assert len(CASES) >= 90, CASES


@pytest.mark.parametrize("required", [REQUIRED, REQUIRED_27], ids=["issue-6", "issue-27"])
def test_the_catalogue_covers_every_mistake_in_the_issue(required: dict[str, list[str]]) -> None:
    missing = {item: [c for c in cases if c not in CASES] for item, cases in required.items()}
    assert {item: cases for item, cases in missing.items() if cases} == {}


@pytest.mark.parametrize("name", CASES)
def test_each_case_is_well_formed(name: str) -> None:
    """Each case expects at least one problem, in a file the case itself adds or changes."""
    expect = expectation(name)
    assert expect.get("about") and expect.get("problems"), name
    touched = {p.relative_to(CATALOGUE / name).as_posix()
               for p in (CATALOGUE / name).rglob("*") if p.is_file()}
    touched |= set(expect.get("delete", [])) | set(expect.get("fifos", []))
    for key in ("prepend", "links", "sparse"):
        touched |= set(expect.get(key, {}))
    touched |= {p.relative_to(BASE).as_posix() for p in BASE.rglob("*") if p.is_file()}
    for item in expect["problems"]:
        assert set(item) == {"file", "line", "message"}, item
        assert any(path == item["file"] or path.startswith(item["file"] + "/") for path in touched), (
            f"{name}: {item['file']} is not a file the case adds, changes or deletes"
        )


def test_the_base_alone_passes(project: Path, runner: CliRunner) -> None:
    """Without a case the project is valid, so every failure below comes from its case."""
    drop_in(BASE, project)
    (project / "data" / "people" / "test-person.yml").write_text(VALID_RECORD, encoding="utf-8")
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert "coverage: test-article: 2/2 body paragraphs cited (100%)" in result.output


# ------------------------------------------------------------------ every case


@pytest.mark.parametrize("name", CASES)
def test_check_reports_every_problem_and_writes_nothing(
    name: str, project: Path, runner: CliRunner
) -> None:
    expect = apply_case(name, project)
    before = snapshot(project)
    started = time.monotonic()
    code, output = run("check", project, runner, expect)
    assert time.monotonic() - started < MAX_SECONDS
    assert code == 1, output
    assert_reports_exactly(output, expect)
    assert snapshot(project) == before


@pytest.mark.parametrize("name", CASES)
def test_build_fails_cleanly_and_keeps_the_previous_site(
    name: str, project: Path, runner: CliRunner
) -> None:
    expect = apply_case(name, project)
    before = snapshot(project)
    code, output = run("build", project, runner, expect)
    assert code == 1, output
    assert_reports_exactly(output, expect)
    assert not (project / "site").exists(), "a failed build created site/"
    assert leftovers(project) == []
    assert snapshot(project) == before

    previous_site(project)
    before = snapshot(project)
    code, output = run("build", project, runner, expect)
    assert code == 1, output
    assert_reports_exactly(output, expect)
    assert leftovers(project) == []
    assert snapshot(project) == before, "a failed build changed the project or the previous site"


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_real_process_prints_problems_not_a_traceback(
    name: str, command: str, project: Path
) -> None:
    expect = apply_case(name, project)
    previous_site(project)
    before = snapshot(project)
    process = subprocess.run(
        [sys.executable, "-m", "iranru_ref.cli", command, "--root", str(project)],
        capture_output=True, text=True, check=False, cwd=project, timeout=120,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    assert process.returncode == 1, process.stdout + process.stderr
    assert "Traceback" not in process.stdout + process.stderr
    assert "Fatal Python error" not in process.stderr
    assert process.stdout == "", "problems go to standard error"
    assert_reports_exactly(process.stderr, expect)
    assert snapshot(project) == before


def test_subprocess_cases_include_the_dangerous_ones() -> None:
    for name in ("yaml-alias-bomb", "yaml-python-tag", "limit-deep-nesting", "yaml-not-utf8"):
        assert name in SUBPROCESS_CASES


def test_cases_that_could_hang_run_in_a_process_of_their_own() -> None:
    """A regression would hang the reader of a named pipe, or fill memory from /dev/zero."""
    for name in CASES:
        expect = expectation(name)
        if expect.get("fifos") or expect.get("sparse") or "/dev/" in str(expect.get("links")):
            assert expect.get("isolate"), name
