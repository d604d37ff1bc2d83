"""The second engine: Zensical builds the same generated tree, every entity page included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.engines import zensical
from iranru_ref.engines.build import build_site
from iranru_ref.engines.workspace import SITE_MARKER
from iranru_ref.errors import BuildFailed
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_FOLDER
from iranru_ref.site import source_pages

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
                 "people/index.html", "data/database.json.gz", "search.json"):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Russia–Iran relations" in home
    # nothing of the temporary configuration or Zensical's cache is left behind
    assert not list(site.parent.glob(".site.building-*"))


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
    assert config["theme"] == original["theme"]


@pytest.mark.slow
@needs_zensical
def test_a_long_source_is_indexed_in_sections(project: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Zensical refuses a search item of over 32 KiB and starts items only at Markdown
    headings; with a small bound, a source page is indexed in several items."""
    monkeypatch.setattr(source_pages, "SECTION_BYTES", 1500)
    site = build_site(Project.find(project), site_dir=tmp_path / "site", engine="zensical").site_dir
    items = json.loads((site / "search.json").read_text("utf-8"))["items"]
    locations = [item["location"] for item in items
                 if item["location"].startswith("sources/dedov-sputnik-2023/")]
    assert len(locations) > 2 and "sources/dedov-sputnik-2023/#from-p5" in locations
    longest = max(len(item["text"].encode("utf-8")) for item in items
                  if item["location"].startswith("sources/dedov-sputnik-2023/"))
    assert longest < 6000
