"""The collector is paused around the pipeline and switched back on as it was; the site engine
runs with it on, scanning only the objects it creates."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from iranru_ref.build import BuildResult
from iranru_ref.memory import collecting_new_objects_only, paused_gc
from iranru_ref.project import Project


def test_paused_gc_restores_the_collector_even_when_nested() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()



def test_the_engine_runs_with_the_collector_on_and_only_new_objects_collected() -> None:
    with paused_gc():
        with collecting_new_objects_only():
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
            new = [[]]
            assert gc.is_tracked(new)
        assert not gc.isenabled()  # back to how the caller had it
        assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_the_build_command_keeps_the_collector_off_while_it_imports_and_generates(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from iranru_ref import build as build_module
    from iranru_ref.cli import cli

    seen: list[bool] = []

    def fake_build_site(project: Project, site_dir: Path | None, engine: str) -> BuildResult:
        seen.append(gc.isenabled())
        return BuildResult(tmp_path / "site", 0)

    monkeypatch.setattr(build_module, "build_site", fake_build_site)
    result = CliRunner().invoke(cli, ["build", "--root", str(_project(tmp_path))])
    assert result.exit_code == 0, result.output
    assert seen == [False]
    assert gc.isenabled()


def test_a_build_generates_with_the_collector_off_and_runs_the_engine_with_it_on(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from iranru_ref import build as build_module

    seen: dict[str, object] = {}

    def fake_generate(project: Project, docs: Path) -> tuple[None, int]:
        seen["generating"] = gc.isenabled()
        docs.mkdir(parents=True)
        return None, 0

    def fake_engine(project: Project, docs: Path, site: Path) -> None:
        seen["engine"] = gc.isenabled()
        seen["frozen"] = gc.get_freeze_count()
        site.mkdir()

    monkeypatch.setattr(build_module, "generate_tree", fake_generate)
    monkeypatch.setattr(build_module, "_mkdocs_build", fake_engine)
    build_module.build_site(Project.find(_project(tmp_path)))
    assert seen["generating"] is False
    assert seen["engine"] is True
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


def _project(root: Path) -> Path:
    for folder in ("data", "sources"):
        (root / folder).mkdir()
    return root


def test_check_and_the_mkdocs_hook_load_with_the_collector_off(
        monkeypatch: pytest.MonkeyPatch, project: Path) -> None:
    """A collection after the load scans the whole database (0.9 s at 10k entities) and finds
    no cycles: ``iranru-ref check`` and the hook's generation keep the collector off, as
    ``iranru-ref build`` does."""
    from click.testing import CliRunner

    from iranru_ref import pipeline
    from iranru_ref import project as project_module
    from iranru_ref.cli import cli

    seen: list[bool] = []
    real_load = project_module.load

    def watched_load(*args: object, **kwargs: object) -> object:
        result = real_load(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(gc.isenabled())  # after load()'s own pause has ended
        return result

    monkeypatch.setattr(project_module, "load", watched_load)
    monkeypatch.setattr(pipeline, "load", watched_load)
    result = CliRunner().invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(pipeline, "generate", lambda *args: 0)
    pipeline.generate_for_mkdocs(project)
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_record_lets_its_parsed_yaml_go_once_validated_and_keeps_its_lines(
        project: Path) -> None:
    """The model holds what the checks read; the parsed YAML of a valid record is not kept to
    the end of the load (at 10k entities, 120 MB more after it)."""
    from iranru_ref.project import load

    loaded, _ = load(Project.find(project))
    record = next(r for r in loaded.entities.values() if r.entity.claims)
    assert record.document.data is None
    text = (project / record.document.display).read_text(encoding="utf-8")
    assert text.splitlines()[record.claim_line(0, "id") - 1].strip() == \
        f"- id: {record.entity.claims[0].id}"


def test_the_generation_gets_a_database_whose_parsed_yaml_is_released(project: Path) -> None:
    """The checks need the text each record's lines are worked out from, and the sources'
    parsed YAML; nothing after them does, so ``load_checked`` lets them go."""
    from iranru_ref.pipeline import load_checked
    from iranru_ref.project import load

    loaded, _ = load(Project.find(project))
    kept = next(r for r in loaded.entities.values() if r.entity.claims)
    assert kept.claim_line(0) > 1
    assert all(d.data is not None for d in loaded.source_documents.values())

    database = load_checked(Project.find(project))
    record = database.entities[kept.id]
    assert record.document.data is None
    assert all(d.data is None for d in database.source_documents.values())
    with pytest.raises(RuntimeError, match="released after the checks"):
        record.claim_line(0)  # a line number after the release would be a wrong one
    assert record.document.display == kept.document.display


def test_records_given_the_same_fields_share_one_set_of_their_names(project: Path) -> None:
    """pydantic keeps the names of the fields given in each instance (100 MB of sets at 10k
    entities, for a few dozen distinct ones); records share them, and stay frozen and
    copyable without one's set changing another's."""
    from pydantic import ValidationError

    from iranru_ref.claim import Citation
    from iranru_ref.pipeline import load_checked

    database = load_checked(Project.find(project))
    citations = [c for r in database.entities.values() for claim in r.entity.claims
                 for c in claim.citations]
    given = {id(c.model_fields_set) for c in citations}
    assert len(citations) > 20 and len(given) <= 2  # with and without ``occurrence``

    first = Citation.model_validate({"source": "a", "paragraph": 1, "quote": "q"})
    second = Citation.model_validate({"source": "b", "paragraph": 2, "quote": "r"})
    assert first.model_fields_set is second.model_fields_set
    assert first.model_fields_set == {"source", "paragraph", "quote"}
    with pytest.raises(ValidationError, match="frozen"):
        first.occurrence = 2  # type: ignore[misc]
    copied = first.model_copy(update={"occurrence": 2})
    assert copied.model_fields_set == {"source", "paragraph", "quote", "occurrence"}
    assert second.model_fields_set == {"source", "paragraph", "quote"}
