"""The second engine: Zensical builds the same generated tree, every entity page included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import search_fragments

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.engines import zensical
from iranru_ref.engines.build import build_site
from iranru_ref.engines.workspace import SITE_MARKER
from iranru_ref.errors import BuildFailed
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER

needs_zensical = pytest.mark.skipif(
    not zensical.zensical_available(),
    reason="Zensical is not installed (pip install -e '.[zensical]')",
)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from conftest import copy_project

    if not zensical.zensical_available():
        pytest.skip("Zensical is not installed (pip install -e '.[zensical]')")
    work = tmp_path_factory.mktemp("zensical")
    project = copy_project(work / "project")
    result = build_site(Project.find(project), site_dir=work / "site", engine="zensical")
    return project, result.site_dir


@pytest.mark.slow
@needs_zensical
def test_every_entity_page_is_built(zensical_site: tuple[Path, Path]) -> None:
    project, site = zensical_site
    database = load_checked(Project.find(project))
    assert database.entities
    missing = [
        f"{TYPE_FOLDER[record.type]}/{record.id}/index.html"
        for record in database.entities.values()
        if not (site / TYPE_FOLDER[record.type] / record.id / "index.html").is_file()
    ]
    assert missing == []
    for source_id in database.sources:
        assert (site / "sources" / source_id / "index.html").is_file()


@needs_zensical
def test_the_site_has_its_pages_data_and_search(zensical_site: tuple[Path, Path]) -> None:
    _, site = zensical_site
    for page in ("index.html", "network/index.html", "timeline/index.html",
                 "people/index.html", "data/database.json.gz", "pagefind/pagefind-entry.json"):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Russia–Iran relations" in home
    # the theme override marks the pages to index, with their filters, as under MkDocs
    indexed = search_fragments(site)
    assert indexed["people/alexey-dedov/"]["filters"]["type"] == ["Person"]
    assert "timeline/" not in indexed and "" not in indexed
    assert 'class="iranru-search"' in home
    # Zensical's own search (one index of the whole site) is off: it writes an empty one
    assert json.loads((site / "search.json").read_text("utf-8"))["items"] == []
    # nothing of the temporary configuration or Zensical's cache is left behind
    assert not list(site.parent.glob(".site.building-*"))
    # its pages are compacted as MkDocs's are: no run of whitespace between tags
    assert "\n  <" not in home and "\n\n<" not in home


@pytest.mark.slow
@needs_zensical
def test_the_command_builds_with_zensical(project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--root", str(project), "--engine", "zensical",
                                      "--site-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "index.html").is_file()


@pytest.mark.slow
@needs_zensical
def test_a_zensical_failure_is_a_clean_message(project: Path, tmp_path: Path) -> None:
    (project / "docs" / "methodology.md").write_text("See [nowhere](nowhere.md).\n", "utf-8")
    previous = tmp_path / "site"
    previous.mkdir()
    (previous / SITE_MARKER).write_text("an earlier build's marker\n", "utf-8")
    (previous / "keep.txt").write_text("the previous site", "utf-8")
    with pytest.raises(BuildFailed) as exc:
        build_site(Project.find(project), site_dir=previous, engine="zensical")
    message = exc.value.message
    assert message.startswith("Zensical could not build the site")
    assert "nowhere.md" in message
    assert "Traceback" not in message and "\x1b[" not in message
    assert (previous / "keep.txt").read_text("utf-8") == "the previous site"


def test_a_missing_zensical_says_how_to_install_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zensical, "zensical_available", lambda: False)
    result = CliRunner().invoke(cli, ["build", "--root", str(project), "--engine", "zensical",
                                      "--site-dir", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Zensical is not installed" in result.output
    assert "pip install" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_the_configuration_drops_what_zensical_cannot_run(project: Path, tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    config = zensical.zensical_config(Project.find(project), tmp_path, docs, site)
    assert "hooks" not in config and "watch" not in config
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    original = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    assert config["nav"] == original["nav"]
    # the theme override is the project's, found from the configuration's new folder
    assert config["theme"] == {**original["theme"], "custom_dir": "project/overrides"}
    assert (tmp_path / config["theme"]["custom_dir"] / "main.html").is_file()
