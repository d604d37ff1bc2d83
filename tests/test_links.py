"""Link integrity: no broken internal link or anchor in the built site, checked three ways.

1. An independent crawler (stdlib ``html.parser``) follows every relative ``href`` and ``src``
   of every page, the graphs' SVG node links among them, and checks that the target file exists
   and that the fragment names an element in it.
2. linkchecker (PyPI) checks the local files offline (``file://``; external links are not
   followed).
3. MkDocs' own validation: ``mkdocs build --strict`` with ``validation.links.anchors: warn``
   passes, and fails on a broken anchor.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import copy_project

pytestmark = pytest.mark.slow

LINK_ATTRIBUTES = {
    "a": ("href", "xlink:href"), "area": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
    "iframe": ("src",), "source": ("src",), "audio": ("src",), "video": ("src", "poster"),
    "form": ("action",),
}
FAKE_ORIGIN = "http://site.invalid/"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.getpos()[0]
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                self.ids.add(str(values[name]))
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            if value is not None:
                self.links.append((line, value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def broken_links(site: Path) -> list[str]:
    """Every relative link or fragment in ``site`` whose target file or element is missing."""
    pages = {path.relative_to(site).as_posix(): parse(path) for path in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for name, page in pages.items():
        base = FAKE_ORIGIN + name
        for line, reference in page.links:
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc or reference.startswith("//"):
                continue  # external (the payload tests make sure no javascript: gets here)
            absolute = urlsplit(urljoin(base, reference))
            relative = unquote(absolute.path).lstrip("/")
            if not relative or relative.endswith("/"):
                relative += "index.html"
            target = site / relative
            where = f"{name}:{line}: {reference!r}"
            if target.is_dir():
                target, relative = target / "index.html", relative + "/index.html"
            if not target.is_file():
                problems.append(f"{where} points at {relative}, which does not exist")
                continue
            fragment = unquote(absolute.fragment)
            if not fragment:
                continue
            if relative not in pages:
                problems.append(f"{where} has a fragment, but {relative} is not an HTML page")
            elif fragment not in pages[relative].ids:
                problems.append(f"{where}: {relative} has no element with id {fragment!r}")
    return problems


def test_the_crawler_finds_broken_links(tmp_path: Path) -> None:
    """The crawler is not vacuous: it reports a missing page, a missing file, a missing
    fragment on another page and on the same page, and a broken graph link."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="top">A</h1><a href="../b/">b</a><a href="#top">top</a><a href="#gone">x</a>'
        '<a href="../b/#there">ok</a><a href="../b/#nowhere">x</a><img src="../missing.png">'
        '<a href="../c/">c</a><a href="https://example.org/">external</a>'
        '<svg class="graph"><a class="graph-node" xlink:href="../b/"><circle r="3"/></a>'
        '<a class="graph-node" xlink:href="../d/"><circle r="3"/></a></svg>', encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="there">B</p>', encoding="utf-8")
    found = "\n".join(broken_links(tmp_path))
    for expected in ("'#gone'", "'../b/#nowhere'", "'../missing.png'", "'../c/'", "'../d/'"):
        assert expected in found, (expected, found)
    assert len(broken_links(tmp_path)) == 5


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    assert sum(len(parse(p).links) for p in pages) > 100
    assert broken_links(built_site) == []


# ------------------------------------------------------------------ linkchecker


@pytest.fixture
def readable_site(built_site: Path) -> Iterator[Path]:
    """A world-readable copy: linkchecker run as root drops to ``nobody`` before reading."""
    folder = Path(tempfile.mkdtemp(prefix="iranru-linkcheck-"))
    try:
        folder.chmod(0o755)
        shutil.copytree(built_site, folder / "site")
        for path in [folder / "site", *(folder / "site").rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        config = folder / "linkcheckerrc"
        config.write_text("[checking]\nthreads=4\nmaxrequestspersecond=1000\n", encoding="utf-8")
        config.chmod(0o644)
        yield folder / "site"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def linkchecker(site: Path) -> subprocess.CompletedProcess[str]:
    executable = Path(sys.executable).with_name("linkchecker")
    command = [str(executable) if executable.is_file() else "linkchecker",
               "-f", str(site.parent / "linkcheckerrc"), "--no-status", "--no-warnings",
               (site / "index.html").as_uri()]
    env = {**os.environ, "HOME": str(site.parent)}
    return subprocess.run(command, capture_output=True, text=True, check=False, env=env,
                          timeout=600)


def test_linkchecker_finds_no_broken_link(readable_site: Path) -> None:
    result = linkchecker(readable_site)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " 0 errors found" in result.stdout
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > 50, result.stdout[-2000:]


def test_linkchecker_would_report_a_broken_link(readable_site: Path) -> None:
    page = readable_site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<a href="no-such-page/">broken</a></body>'), encoding="utf-8")
    result = linkchecker(readable_site)
    assert result.returncode == 1
    assert "no-such-page" in result.stdout


# ------------------------------------------------------------------ MkDocs' own validation


def _config(root: Path) -> dict[str, object]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config: dict[str, object] = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    return config


def mkdocs_strict(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(project / "mkdocs.yml"), "--site-dir", str(out)],
        capture_output=True, text=True, check=False, cwd=project, timeout=600,
    )


def test_mkdocs_validates_anchors_under_strict_mode(project: Path, tmp_path: Path) -> None:
    config = _config(project)
    assert config["strict"] is True
    validation = config["validation"]
    assert isinstance(validation, dict)
    assert validation.get("anchors") == "warn" or validation.get("links", {}).get("anchors") == "warn"
    result = mkdocs_strict(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "site" / "index.html").is_file()


def test_mkdocs_strict_fails_on_a_broken_anchor(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "methodology.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n\nSee [the format](database-format.md#no-such-heading).\n",
                    encoding="utf-8")
    result = mkdocs_strict(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-heading" in result.stdout + result.stderr
