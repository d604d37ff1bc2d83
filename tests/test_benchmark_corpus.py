"""The benchmark's synthetic corpus is a valid project, and the same every time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import benchmark_module

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.load.project import Project

corpus = benchmark_module("corpus")


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted([*(root / "data").rglob("*"), *(root / "sources").rglob("*")]):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus.write_corpus("tiny", tmp_path_factory.mktemp("corpus") / "tiny")


def test_the_corpus_passes_check(tiny: Path) -> None:
    database = load_checked(Project.find(tiny))  # raises with every problem found
    scale = corpus.SCALES["tiny"]
    assert len(database.entities) == scale.entities
    assert sum(len(r.entity.claims) for r in database.entities.values()) == scale.claims
    assert len(database.sources) == scale.sources
    assert {r.type for r in database.entities.values()} == {
        "person", "organization", "treaty", "project", "place", "event", "figure"}


def test_the_check_command_passes(tiny: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--root", str(tiny)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 4 sources, 48 entities, 360 claims")


def test_the_corpus_exercises_the_format(tiny: Path) -> None:
    database = load_checked(Project.find(tiny))
    claims = [c for r in database.entities.values() for c in r.entity.claims]
    assert any(c.object for c in claims)
    assert any(c.value is not None for c in claims)
    assert any(c.attributed_to for c in claims) and any(c.said_in for c in claims)
    assert any(c.date is not None and c.date.inferred for c in claims)
    assert any(len(c.citations) > 1 for c in claims)
    kinds = {p.kind for s in database.sources.values() for p in s.paragraphs}
    assert {"heading", "dateline", "body", "boilerplate"} <= kinds
    for source in database.sources.values():
        assert source.actual_sha256 == source.meta.sha256


def test_the_corpus_is_deterministic(tiny: Path, tmp_path: Path) -> None:
    again = corpus.write_corpus("tiny", tmp_path / "again")
    assert _digest(again) == _digest(tiny)


def test_an_up_to_date_corpus_is_reused(tiny: Path) -> None:
    before = (tiny / ".corpus.json").stat().st_mtime_ns
    corpus.write_corpus("tiny", tiny)
    assert (tiny / ".corpus.json").stat().st_mtime_ns == before


def test_the_scales_are_the_issue_s() -> None:
    assert (corpus.SCALES["1k"].entities, corpus.SCALES["1k"].claims) == (1_000, 10_000)
    assert (corpus.SCALES["10k"].entities, corpus.SCALES["10k"].claims) == (10_000, 100_000)
