"""The command line, driven through click's runner: exit codes, output and documentation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from iranru_ref.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_check_passes_and_prints_coverage(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 0, result.output
    sources = sorted(path.stem for path in (project / "sources").glob("*.yml"))
    assert re.search(rf"ok: {len(sources)} sources, \d+ entities, \d+ claims", result.output)
    for source_id in sources:
        assert f"coverage: {source_id}: " in result.output


def test_check_reports_problems_without_traceback(runner: CliRunner, project: Path) -> None:
    (project / "data" / "people" / "alexey-dedov.yml").write_text("name: [unclosed\n")
    result = runner.invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert "data/people/alexey-dedov.yml:2: YAML syntax error" in result.output
    assert "Traceback" not in result.output
    assert result.output.splitlines()[0].startswith("data/people/alexey-dedov.yml:")


def test_check_outside_a_project_says_what_is_expected(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "expected the folders data/ and sources/" in result.output


def test_real_process_prints_no_traceback(project: Path) -> None:
    (project / "data" / "places" / "iran.yml").write_text("name: Iran\ntags: [diplomacy]\nx: 1\n")
    process = subprocess.run(
        [sys.executable, "-m", "iranru_ref.cli", "check", "--root", str(project)],
        capture_output=True, text=True, check=False,
    )
    assert process.returncode == 1
    assert "data/places/iran.yml:3: x: unknown field 'x'" in process.stderr
    assert "Traceback" not in process.stderr + process.stdout


def test_add_source_stores_verbatim_and_lists_paragraphs(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    raw = "Headline here\n\nFirst “paragraph” text.\n\nSecond one.\n".encode()
    article.write_bytes(raw)
    result = runner.invoke(
        cli, ["add-source", str(article), "--id", "new-article", "--root", str(project)]
    )
    assert result.exit_code == 0, result.output
    assert (project / "sources" / "new-article.txt").read_bytes() == raw
    assert "¶2: First “paragraph” text." in result.output
    meta = (project / "sources" / "new-article.yml").read_text()
    assert "sha256: " in meta and "title: \"Headline here\"" in meta
    again = runner.invoke(
        cli, ["add-source", str(article), "--id", "new-article", "--root", str(project)]
    )
    assert again.exit_code == 1 and "already exists" in again.output
    bad = runner.invoke(cli, ["add-source", str(article), "--id", "Bad Id", "--root", str(project)])
    assert bad.exit_code == 1 and "lowercase" in bad.output


@pytest.mark.slow
def test_build_writes_the_site_and_database(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(cli, ["build", "--root", str(project)])
    assert result.exit_code == 0, result.output
    site = project / "site"
    assert (site / "people" / "alexey-dedov" / "index.html").is_file()
    assert (site / "data" / "database.json.gz").is_file()
    assert (site / "sources" / "dedov-sputnik-2023.txt").read_bytes() == (
        project / "sources" / "dedov-sputnik-2023.txt").read_bytes()


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"iranru-ref {name}" in readme, f"`iranru-ref {name}` is not in README.md"


def test_find_lists_records_by_name_alias_or_id_ignoring_case_accents_and_punctuation(
        runner: CliRunner, project: Path) -> None:
    (project / "data" / "people" / "test-envoy.yml").write_text(
        "name: Émile Zaïre-Dupont\naliases: [E. Dupont]\ntags: [diplomacy]\n", encoding="utf-8")
    for text in ("emile zaire dupont", "ZAÏRE-DUPONT!", "e dupont", "test-envoy", "Zaire-Dupond"):
        result = runner.invoke(cli, ["find", "--root", str(project), text])
        assert result.exit_code == 0, result.output
        first = result.output.splitlines()[0].split("\t")
        assert first[:2] == ["test-envoy", "person"], (text, result.output)
        assert first[-1] == "data/people/test-envoy.yml"
    alias = runner.invoke(cli, ["find", "--root", str(project), "e dupont"])
    assert "(as 'E. Dupont')" in alias.output
    nothing = runner.invoke(cli, ["find", "--root", str(project), "qqqqxxxx"])
    assert nothing.exit_code == 0 and "no record matches 'qqqqxxxx'" in nothing.output
