"""Compiled templates, ours and the theme's, are kept in .build/ and used while unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import material
import pytest
from click.testing import CliRunner

from iranru_ref.cli import cli
from iranru_ref.engines.build import build_site
from iranru_ref.load.project import Project
from iranru_ref.site import render
from iranru_ref.site.template_cache import OWN_TEMPLATES, THEME_TEMPLATES, TemplateCache

pytestmark = pytest.mark.slow

THEME = Path(material.__file__).parent
PAGES = ("index.html", "people/alexey-dedov/index.html", "sources/dedov-sputnik-2023/index.html")


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The file of every template Jinja compiles from its source from now on, in any
    environment."""
    seen: list[Path] = []
    original = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: str, name: str | None = None,
            filename: str | None = None, raw: bool = False, defer_init: bool = False) -> object:
        if filename is not None:
            seen.append(Path(filename))
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    # a new environment for our templates, as in a new process
    monkeypatch.setattr(render, "_ENVIRONMENTS", {})
    yield seen


def _pages(site: Path) -> dict[str, bytes]:
    return {page: (site / page).read_bytes() for page in PAGES}


def test_a_second_build_compiles_no_template_and_builds_the_same_pages(
        project: Path, compiled: list[Path]) -> None:
    first = _pages(build_site(Project.find(project), project / "site-1").site_dir)
    theme = [path for path in compiled if path.is_relative_to(THEME)]
    own = [path for path in compiled if path.is_relative_to(project / "templates")]
    assert theme and own, "the first build compiles both kinds"
    assert any((project / THEME_TEMPLATES).iterdir())
    assert any((project / OWN_TEMPLATES).iterdir())

    compiled.clear()
    render._ENVIRONMENTS.clear()
    second = _pages(build_site(Project.find(project), project / "site-2").site_dir)
    assert compiled == []
    assert second == first


def test_an_edited_template_is_compiled_again(project: Path, compiled: list[Path]) -> None:
    build_site(Project.find(project), project / "site-1")
    home = project / "templates" / "home.md.j2"
    home.write_text(home.read_text(encoding="utf-8") + "\nEdited after the first build.\n",
                    encoding="utf-8")
    compiled.clear()
    render._ENVIRONMENTS.clear()
    site = build_site(Project.find(project), project / "site-2").site_dir
    assert compiled == [home]
    assert "Edited after the first build." in (site / "index.html").read_text(encoding="utf-8")


def test_a_cache_that_cannot_be_written_or_read_is_not_used(project: Path) -> None:
    (project / ".build").mkdir()
    for folder in (THEME_TEMPLATES, OWN_TEMPLATES):
        (project / folder).write_text("a file where the cache folder would be\n")
    site = build_site(Project.find(project), project / "site").site_dir
    assert (site / "people" / "alexey-dedov" / "index.html").is_file()

    for folder in (THEME_TEMPLATES, OWN_TEMPLATES):
        (project / folder).unlink()
    build_site(Project.find(project), project / "site")
    for entry in (project / THEME_TEMPLATES).iterdir():
        entry.write_bytes(b"not a compiled template")  # damaged: compiled again, not used
    render._ENVIRONMENTS.clear()
    again = build_site(Project.find(project), project / "site").site_dir
    assert (again / "people" / "alexey-dedov" / "index.html").is_file()


def _render_with_cache(templates: Path, cache: Path) -> str:
    """``page.j2`` rendered by a new environment (as in a new process) with the cache."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)),
                                     bytecode_cache=TemplateCache(cache), autoescape=True)
    return environment.get_template("page.j2").render(name="<b>x</b>")


def test_a_damaged_entry_is_discarded_and_compiled_again(tmp_path: Path) -> None:
    """An entry cut short at any length, or with a byte changed, is never read by Jinja (whose
    reader raises UnpicklingError on a truncated entry, and whose marshal may crash on a damaged
    one): the template is compiled again and the entry written whole again."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.j2").write_text("{% for i in range(3) %}{{ name }} {{ i }};{% endfor %}\n",
                                       encoding="utf-8")
    cache = tmp_path / "cache"
    expected = _render_with_cache(templates, cache)
    (entry,) = cache.iterdir()
    whole = entry.read_bytes()
    damaged = [whole[:length] for length in range(len(whole))]
    damaged += [whole[:at] + bytes([whole[at] ^ 0x5A]) + whole[at + 1:]
                for at in range(0, len(whole), 7)]
    for data in damaged:
        entry.write_bytes(data)
        assert _render_with_cache(templates, cache) == expected
        assert entry.read_bytes() == whole
    assert [path.name for path in cache.iterdir()] == [entry.name]  # no temporary file left


def test_a_build_after_the_cache_was_cut_short_succeeds(project: Path) -> None:
    """Every entry of both caches truncated (a build killed while writing them): the next
    build, by the command, succeeds without a traceback and writes the entries again."""
    build_site(Project.find(project), project / "site")
    entries = sorted((project / ".build").glob("*/*.cache"))
    assert {entry.parent.name for entry in entries} == {OWN_TEMPLATES.name, THEME_TEMPLATES.name}
    whole = {entry: entry.read_bytes() for entry in entries}
    for entry, data in whole.items():
        entry.write_bytes(data[:40])  # as of Jinja 3.1, inside the pickled source checksum
    render._ENVIRONMENTS.clear()
    result = CliRunner().invoke(cli, ["build", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "Unpickling" not in result.output
    assert {entry: entry.read_bytes() for entry in entries} == whole
