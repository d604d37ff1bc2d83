"""Each entry point (a command, the MkDocs hook) runs with the cyclic collector paused and
switches it back on as it was; records let go of what only the checks needed."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.engines import build as build_module
from iranru_ref.engines import mkdocs_hook
from iranru_ref.engines.memory import paused_gc
from iranru_ref.load.project import Project


def test_paused_gc_restores_the_collector_even_when_nested() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_build_generates_with_the_collector_off_and_runs_the_engine_with_it_on(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, bool] = {}

    def fake_generate_tree(project: Project, docs: Path, progress: object) -> int:
        seen["generating"] = gc.isenabled()
        docs.mkdir(parents=True)
        return 0

    def fake_engine(project: Project, docs: Path, site: Path, *args: object) -> None:
        seen["engine"] = gc.isenabled()
        site.mkdir()

    monkeypatch.setattr(build_module, "generate_tree", fake_generate_tree)
    monkeypatch.setattr(build_module, "mkdocs_build", fake_engine)
    monkeypatch.setattr(build_module, "index_site", lambda site: 0)  # the empty site has no page
    result = CliRunner().invoke(cli, ["build", "--root", str(_project(tmp_path))])
    assert result.exit_code == 0, result.output
    assert seen == {"generating": False, "engine": True}
    assert gc.isenabled()


def test_check_and_the_mkdocs_hook_run_with_the_collector_off(
        monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    """A collection after the load scans the whole database (0.9 s at 10k entities) and finds
    no cycles."""
    import iranru_ref.check as check_module

    seen: list[bool] = []
    real_load = check_module.load_database

    def watched_load(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "load_database", watched_load)
    result = CliRunner().invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(mkdocs_hook, "generate_tree", lambda project, out: seen.append(
        gc.isenabled()))
    mkdocs_hook.generate_for_mkdocs(project)
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_checked_database_keeps_no_parsed_yaml_and_refuses_stale_lines(project: Path) -> None:
    """The model holds what the checks read; once they have passed, the text each record's lines
    are worked out from goes too, and a line asked for after that is refused, never wrong."""
    database = load_checked(Project.find(project))
    record = next(r for r in database.entities.values() if r.entity.claims)
    assert record.document.data is None  # type: ignore[attr-defined]
    assert all(d.data is None for d in database.source_documents.values())  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError, match="released after the checks"):
        record.claim_line(0)
    assert record.document.display.startswith("data/")


def _project(root: Path) -> Path:
    for folder in ("data", "sources"):
        (root / folder).mkdir()
    return root
