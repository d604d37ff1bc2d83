"""The real data keeps its invariants, and keeps them when a curator adds a valid source.

Tests of behaviour run on fixture projects; the only tests of the repository's own data are
these invariants, so adding a valid source, record or claim never breaks a test. The second
test adds a synthetic source (tests/extra_data.py) to a copy of the project, as a curator would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_project, download_bytes
from extra_data import SOURCE_ID, add_extra_data
from test_citations_e2e import assert_citations_resolve

from iranru_ref.cli import cli
from iranru_ref.records.vocabulary import TYPE_FOLDER


def assert_invariants(root: Path) -> None:
    """``check`` passes with every body paragraph cited, the site builds, every entity and source
    has its page, and every citation link lands on its quote."""
    runner = CliRunner()
    checked = runner.invoke(cli, ["check", "--root", str(root)])
    assert checked.exit_code == 0, checked.output
    coverage = [line for line in checked.output.splitlines() if line.startswith("coverage: ")]
    assert coverage and all(line.endswith("(100%)") for line in coverage), coverage
    built = runner.invoke(cli, ["build", "--root", str(root)])
    assert built.exit_code == 0, built.output
    site = root / "site"
    database = json.loads(download_bytes(site / "data", "database.json"))
    for entity in database["entities"]:
        assert (site / TYPE_FOLDER[entity["type"]] / entity["id"] / "index.html").is_file()
    for source in database["sources"]:
        assert (site / "sources" / source["id"] / "index.html").is_file()
    cited = sum(len(claim["citations"]) for claim in database["claims"])
    assert assert_citations_resolve(site) >= cited
    counts = re.findall(r"ok: (\d+) sources, (\d+) entities, (\d+) claims", checked.output)
    assert counts == [(str(len(database["sources"])), str(len(database["entities"])),
                       str(len(database["claims"])))]


@pytest.mark.slow
def test_the_real_data_keeps_its_invariants(tmp_path: Path) -> None:
    assert_invariants(copy_project(tmp_path / "project"))


@pytest.mark.slow
def test_a_valid_extra_source_keeps_every_invariant(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    add_extra_data(root)
    assert_invariants(root)
    assert (root / "site" / "sources" / SOURCE_ID / "index.html").is_file()
