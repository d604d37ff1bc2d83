"""`iranru-ref serve` as a curator lives in it: one rebuild per save, bad edits shown in the
browser while the last good site stays up, and pages that come, go or change name leave no stale
page, no stale page searched and no stale navigation. Each test drives a real server on a small
project (the anchor project: four records, two sources)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from iranru_ref.engines.zensical import zensical_available

pytestmark = pytest.mark.slow

ORG = "data/organizations/relations-org.yml"
ORG_PAGE = "organizations/relations-org/"


class Server:
    def __init__(self, project: Path, log: Path, engine: str = "mkdocs") -> None:
        self.project, self.log_path = project, log
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        with log.open("w", encoding="utf-8") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "iranru_ref.cli", "serve", "--root", str(project),
                 "--dev-addr", f"127.0.0.1:{port}", "--engine", engine],
                stdout=output, stderr=subprocess.STDOUT)
        self.wait_for(lambda: "Relations" in self.get(ORG_PAGE), "the first build")
        if engine == "mkdocs":  # its search index is made beside the server
            self.wait_for(lambda: "Indexed" in self.printed(), "the first search index")

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.url + path, timeout=60) as response:  # noqa: S310
            return str(response.read().decode("utf-8"))

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:  # noqa: S310
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    def wait_for(self, condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.printed()}"
            try:
                if condition():
                    return
            except (OSError, ValueError):
                pass
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; the server printed:\n"
                             f"{self.printed()[-3000:]}")

    def printed(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def builds(self) -> int:
        """How many builds have finished, once the server has had time to notice any change
        (its watcher polls every half second)."""
        time.sleep(2)
        return self.printed().count("Documentation built in")

    def indexed_pages(self) -> int:
        """How many pages the search index (Pagefind's, made again after every build) holds."""
        entry = json.loads(self.get("pagefind/pagefind-entry.json"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    from test_anchors import make_anchor_project

    running = Server(make_anchor_project(tmp_path / "project"), tmp_path / "serve.log")
    try:
        yield running
    finally:
        running.stop()
    assert "Traceback" not in running.printed()


def edit(project: Path, relative: str, change: Callable[[str], str]) -> str:
    """Change the text of a file; return what it held."""
    path = project / relative
    before = path.read_text(encoding="utf-8")
    path.write_text(change(before), encoding="utf-8")
    return before


def test_a_save_rebuilds_once_and_only_the_pages_it_changed(server: Server) -> None:
    assert server.builds() == 1
    indexed = server.indexed_pages()
    edit(server.project, ORG, lambda text: text.replace("name: Relations", "name: Relations Two"))
    server.wait_for(lambda: "Relations Two" in server.get(ORG_PAGE), "the edit")
    assert "Relations Two" in server.get("people/hijack-person/")  # a page that names it
    assert server.builds() == 2
    printed = server.printed()
    assert printed.count("Regenerated") == 2
    written = re.findall(r"Regenerated what the edit changed: (\d+) pages written", printed)
    pages = len(list((server.project / ".build" / "docs").rglob("*.md")))
    assert len(written) == 1 and 0 < int(written[0]) < pages
    server.wait_for(lambda: server.printed().count("Indexed") == 2, "the search index")
    assert server.indexed_pages() == indexed  # every page searched, once


def test_bad_edits_show_in_the_browser_and_the_server_recovers(server: Server) -> None:
    """A syntax error, a NUL byte, a record deleted that others name, a record replaced by a
    folder: each is printed as path:line: message and shown in a banner on every page, over
    the last good site, and the site comes back when the edit is undone. No traceback, and
    every request is answered."""
    project = server.project
    record = project / ORG
    good = record.read_text(encoding="utf-8")
    bad_edits: list[tuple[Callable[[], None], str]] = [
        (lambda: record.write_text(good.replace("name: Relations", "name: [Relations"),
                                   encoding="utf-8"), f"{ORG}:2: YAML syntax error"),
        (lambda: record.write_text(good.replace("Relations", "Rela\0tions"), encoding="utf-8"),
         f"{ORG}:1: the control character U+0000"),
        (lambda: record.unlink(), "data/people/hijack-person.yml:"),
        (lambda: (record.unlink(), record.mkdir()), f"{ORG}:1: not a record file"),
    ]
    for number, (make, problem) in enumerate(bad_edits):
        make()
        server.wait_for(lambda: "iranru-problems" in server.get(ORG_PAGE), f"banner {number}")
        page = server.get("events/hijack/")
        assert "iranru-problems" in page and problem in page
        assert "Relations" in server.get(ORG_PAGE)  # the last good page, still served
        assert problem in server.printed()
        if record.is_dir():
            record.rmdir()
        record.write_text(good, encoding="utf-8")
        server.wait_for(lambda: "iranru-problems" not in server.get(ORG_PAGE),
                        f"the site after bad edit {number}")
    # a template that fails, likewise, and a hand-written page with a broken link only warns
    template = edit(project, "templates/tag.md.j2", lambda text: text + "{{ nothing.here() }}\n")
    server.wait_for(lambda: "templates/tag.md.j2:" in server.get(), "the template's banner")
    (project / "templates" / "tag.md.j2").write_text(template, encoding="utf-8")
    server.wait_for(lambda: "iranru-problems" not in server.get(), "the fixed template")
    edit(project, "docs/methodology.md", lambda text: text + "\n[gone](no-such-page.md)\n")
    server.wait_for(lambda: "no-such-page.md" in server.printed(), "the warning")
    server.wait_for(lambda: "no-such-page" in server.get("methodology/"), "the page")
    with pytest.raises(urllib.error.HTTPError) as refused:
        server.get("%00")
    assert refused.value.code == 400
    assert "appear stuck" not in server.printed()


def test_pages_that_come_go_or_change_name_leave_nothing_stale(server: Server) -> None:
    project = server.project
    indexed = server.indexed_pages()
    # a hand-written page that links to a page yet to come (a warning, while serving)
    edit(project, "docs/methodology.md", lambda text: text + "\n[Newcomer](people/new-person.md)\n")
    server.wait_for(lambda: "people/new-person.md" in server.get("methodology/"), "the link")
    newcomer = project / "data" / "people" / "new-person.yml"
    newcomer.write_text(yaml.safe_dump({
        "name": "Newly Arrived", "tags": ["anchor-tag"], "claims": [{
            "id": "joined", "predicate": "anchor_rel", "object": "relations-org",
            "text": "The newcomer relates to the organisation.",
            "citations": [{"source": "hijack-a", "paragraph": 2,
                           "quote": "spoke about relations"}]}]}), encoding="utf-8")
    server.wait_for(lambda: server.status("people/new-person/") == 200, "the new page")
    assert "Newly Arrived" in server.get(ORG_PAGE)
    server.wait_for(lambda: server.indexed_pages() == indexed + 1, "the new page searched")
    server.wait_for(lambda: 'href="../people/new-person/"' in server.get("methodology/"),
                    "the hand-written page's link to the new page")

    newcomer.rename(newcomer.with_name("renamed-person.yml"))
    server.wait_for(lambda: server.status("people/renamed-person/") == 200, "the renamed page")
    assert server.status("people/new-person/") == 404
    assert "people/new-person/" not in server.get(ORG_PAGE)
    server.wait_for(lambda: server.indexed_pages() == indexed + 1,  # not the old page too
                    "the renamed page searched")

    (project / "data" / "people" / "renamed-person.yml").unlink()
    server.wait_for(lambda: server.status("people/renamed-person/") == 404, "the removal")
    assert "Newly Arrived" not in server.get(ORG_PAGE)
    server.wait_for(lambda: server.indexed_pages() == indexed, "the removed page unsearched")

    # mkdocs.yml edited: every page is built again, even one that nothing else changed
    edit(project, "mkdocs.yml", lambda text: text.replace("- Methodology: methodology.md",
                                                          "- How it was made: methodology.md"))
    server.wait_for(lambda: "How it was made" in server.get("events/hijack/"), "the new nav")
    edit(project, "mkdocs.yml", lambda text: text.replace("site_name: ", "site_name: Renamed "))
    server.wait_for(lambda: "Renamed Russia" in server.get("events/hijack/"), "the new name")
    # the theme's overrides edited, likewise
    edit(project, "overrides/main.html", lambda text: text.replace(
        "{% block content %}", "{% block content %}<p>An overridden page</p>"))
    server.wait_for(lambda: "An overridden page" in server.get("events/hijack/"), "the override")


@pytest.fixture
def server_without_nav(tmp_path: Path) -> Iterator[Server]:
    """A project whose mkdocs.yml lists no navigation: MkDocs makes it from the pages."""
    from test_anchors import make_anchor_project

    project = make_anchor_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("\nnav:")] + "\n", encoding="utf-8")
    running = Server(project, tmp_path / "serve.log")
    try:
        yield running
    finally:
        running.stop()
    assert "Traceback" not in running.printed()


def test_a_page_added_to_the_navigation_shows_in_it_on_every_page(
        server_without_nav: Server) -> None:
    server = server_without_nav
    (server.project / "docs" / "curators-notes.md").write_text(
        "# Notes for curators\n\nA page of its own.\n", encoding="utf-8")
    server.wait_for(lambda: "Notes for curators" in server.get("events/hijack/"), "the nav")
    edit(server.project, "docs/curators-notes.md",
         lambda text: text.replace("# Notes for curators", "# Curators' notes"))
    server.wait_for(lambda: "Curators&#39; notes" in server.get("events/hijack/")
                    or "Curators' notes" in server.get("events/hijack/"), "the retitled nav")
    (server.project / "docs" / "curators-notes.md").unlink()
    server.wait_for(lambda: "Curators" not in server.get("events/hijack/"), "the nav without it")


def test_the_downloads_page_says_when_the_data_changed_since_they_were_written(
        server: Server) -> None:
    assert "iranru-notice" not in server.get("downloads/")
    edit(server.project, ORG, lambda text: text.replace("name: Relations", "name: Relations Two"))
    server.wait_for(lambda: "Relations Two" in server.get(ORG_PAGE), "the edit")
    assert "iranru-notice" in server.get("downloads/")
    assert "iranru-notice" in server.get("changes/")
    assert "iranru-notice" not in server.get(ORG_PAGE)


@pytest.mark.skipif(not zensical_available(), reason="Zensical is not installed")
def test_zensical_serves_the_live_tree(tmp_path: Path) -> None:
    """With Zensical, the live tree feeds Zensical's own server: an edit shows, a bad edit is
    printed and leaves the site as it was, and its fix shows."""
    from test_anchors import make_anchor_project

    server = Server(make_anchor_project(tmp_path / "project"), tmp_path / "serve.log",
                    engine="zensical")
    try:
        good = edit(server.project, ORG,
                    lambda text: text.replace("name: Relations", "name: Relations Two"))
        server.wait_for(lambda: "Relations Two" in server.get(ORG_PAGE), "the edit")
        assert "Relations Two" in server.get("people/hijack-person/")
        assert "Regenerated what the edit changed" in server.printed()
        (server.project / ORG).write_text(good.replace("name: Relations", "name: [Relations"),
                                          encoding="utf-8")
        server.wait_for(lambda: f"{ORG}:2: YAML syntax error" in server.printed(), "the problem")
        assert "Relations Two" in server.get(ORG_PAGE)
        (server.project / ORG).write_text(good.replace("name: Relations", "name: Relations 3"),
                                          encoding="utf-8")
        server.wait_for(lambda: "Relations 3" in server.get(ORG_PAGE), "the fixed edit")
    finally:
        server.stop()
    assert "Traceback" not in server.printed()
