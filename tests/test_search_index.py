"""What search holds: Pagefind's index of the built site, read back from its fragments.

The indexing step is tested on small sites made here (what it indexes, and how it fails); the
real data's index is checked for invariants: every entity, alias, claim and source paragraph is
found, each on the page that owns it, with that page's filters, and no listing is indexed.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pagefind.service
import pytest
from click.testing import CliRunner
from conftest import benchmark_module, copy_project, entity_path, search_fragments, snapshot

from iranru_ref.cli import cli
from iranru_ref.engines import search_order
from iranru_ref.engines.build import build_site
from iranru_ref.engines.search_index import BUNDLE, INSTALL_HINT, index_site, indexed_pages
from iranru_ref.errors import BuildFailed
from iranru_ref.load.project import Project
from iranru_ref.records.vocabulary import TYPE_LABELS
from iranru_ref.site import source_pages
from iranru_ref.site.generate import generate_tree
from iranru_ref.site.search_filters import ABOUT_TYPE, SOURCE_TYPE


def words(text: str) -> str:
    """The words of ``text``, in order: Pagefind's content puts spaces where inline elements
    start and end (a quote's mark, a link), so text is compared word by word."""
    return " " + " ".join(re.findall(r"\w+", html.unescape(text).casefold())) + " "


# ------------------------------------------------------------------ the indexing step

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>The menu on every page</nav>
<article>{body}</article>
</body></html>
"""
ENTITY_BODY = """<div data-pagefind-body><h1>Javad Ouji<a class="headerlink" href="#t">¶</a></h1>
<p>Also known as Javad Owji. Iran's oil minister.</p>
<ul data-search-exclude><li>A list that another page holds</li></ul></div>
<div hidden data-pagefind-ignore><span data-pagefind-filter="type">Person</span>
<span data-pagefind-filter="tag">energy</span><span data-pagefind-filter="tag">trade</span></div>
"""


def small_site(root: Path) -> Path:
    """An entity page and a source page marked for search, and a listing that is not."""
    pages = {
        "people/javad-ouji/index.html": ENTITY_BODY,
        "sources/an-article/index.html": '<div data-pagefind-body><h1>An article</h1><p>The '
                                         'minister spoke of gas swaps.</p></div>',
        "people/index.html": "<h1>People</h1><p>Javad Ouji, and every other person.</p>",
    }
    for relative, body in pages.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=relative, body=body), encoding="utf-8")
    return root


def test_the_marked_pages_are_indexed_with_their_filters_and_without_what_is_excluded(
        tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    assert index_site(site) == 2
    assert indexed_pages(site) == 2
    pages = search_fragments(site)
    assert set(pages) == {"people/javad-ouji/", "sources/an-article/"}
    entity = pages["people/javad-ouji/"]
    assert entity["meta"]["title"] == "Javad Ouji"
    assert "Javad Owji" in entity["content"] and "oil minister" in entity["content"]
    for left_out in ("another page holds", "The menu", "¶", "Person"):
        assert left_out not in entity["content"], left_out
    assert entity["filters"] == {"type": ["Person"], "tag": ["energy", "trade"]}
    # the search interface comes with the index: nothing is copied by hand
    for name in ("pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind.js",
                 "pagefind-entry.json"):
        assert (site / BUNDLE / name).is_file(), name


def test_pagefind_failing_fails_the_step_with_what_it_said(tmp_path: Path) -> None:
    empty = tmp_path / "site"
    empty.mkdir()
    with pytest.raises(BuildFailed) as failure:
        index_site(empty)
    message = failure.value.message
    assert message.startswith("Pagefind could not index the site (exit status 1):")
    assert "not able to build an index" in message
    assert "previous site was left as it was" in message
    assert "Traceback" not in message
    assert indexed_pages(empty) == 0


def test_without_pagefind_the_step_says_how_to_install_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(BuildFailed) as failure:
        index_site(small_site(tmp_path / "site"))
    assert failure.value.message == INSTALL_HINT
    assert not (tmp_path / "site" / BUNDLE).exists()


def bundle_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted((site / BUNDLE).rglob("*")) if path.is_file()}


def test_two_indexes_of_the_same_pages_are_the_same_bytes(tmp_path: Path) -> None:
    """Pagefind writes the filters in a different order each run; the step puts them in one."""
    first, second = small_site(tmp_path / "first"), small_site(tmp_path / "second")
    index_site(first)
    index_site(second)
    assert bundle_files(first) == bundle_files(second)
    filters = search_fragments(first)["people/javad-ouji/"]["filters"]
    assert filters == {"type": ["Person"], "tag": ["energy", "trade"]}


def test_an_index_not_as_the_pinned_pagefind_writes_it_fails_the_step(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = small_site(tmp_path / "site")
    monkeypatch.setattr(search_order, "VERSION", "0.9")
    with pytest.raises(BuildFailed) as failure:
        index_site(site)
    assert "not as Pagefind 0.9 writes it" in failure.value.message
    assert "pip install -e ." in failure.value.message
    monkeypatch.undo()
    index_site(site)
    next((site / BUNDLE / "filter").iterdir()).write_bytes(b"not gzipped")
    with pytest.raises(BuildFailed):
        search_order.order_filters(site / BUNDLE)


def test_the_benchmark_counts_every_byte_of_the_index_by_part(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    index_site(site)
    sizes = benchmark_module("search_size").search_bytes(site)
    files = [path for path in (site / BUNDLE).rglob("*") if path.is_file()]
    assert (sizes["total"], sizes["files"]) == (sum(p.stat().st_size for p in files), len(files))
    assert sizes["fragments"] == sum(p.stat().st_size
                                     for p in (site / BUNDLE / "fragment").iterdir())
    assert all(sizes[part] > 0 for part in ("index", "filters", "interface"))


@pytest.mark.slow
def test_a_failed_index_fails_the_build_and_keeps_the_previous_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--root", str(project)]).exit_code == 0
    before = snapshot(project / "site")
    assert "pagefind/pagefind-entry.json" in before
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # Pagefind's own override
    result = runner.invoke(cli, ["build", "--root", str(project)])
    assert result.exit_code == 1
    assert "Pagefind could not index the site (exit status 1)" in result.output
    assert "Traceback" not in result.output
    assert snapshot(project / "site") == before
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.")]


@pytest.mark.slow
def test_plain_mkdocs_build_indexes_the_site_and_fails_cleanly_without_an_index(
        project: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    built = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert indexed_pages(project / "site") > 0
    assert not (project / "site" / "search" / "search_index.json").exists()
    failed = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False,
                            env={**os.environ, "PAGEFIND_BINARY_PATH": "/bin/false"})
    assert failed.returncode == 1
    assert "Pagefind could not index the site (exit status 1)" in failed.stderr
    assert "Traceback" not in failed.stderr


# ------------------------------------------------------------------ the real data's index


@pytest.fixture(scope="module")
def indexed(built_site: Path) -> dict[str, dict[str, Any]]:
    return search_fragments(built_site)


def _about(entity_id: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims an entity's page shows: those naming it as subject, object or speaker."""
    return [claim for claim in claims
            if entity_id in (claim["subject"], claim["object"], claim["said_in"],
                             *claim["attributed_to"])]


def test_search_holds_the_entity_source_and_about_pages_only(
        indexed: dict[str, dict[str, Any]], site_data: dict[str, Any], built_site: Path) -> None:
    """No listing (home, indexes, tags, timeline, network, coverage) repeats in search what the
    pages that own it hold; the site has no index of the theme's own either."""
    owners = {entity_path(e) for e in site_data["entities"]}
    owners |= {f"sources/{s['id']}/" for s in site_data["sources"]}
    assert owners <= set(indexed)
    others = {page: fragment["filters"].get("type") for page, fragment in indexed.items()
              if page not in owners}
    assert others and set(map(tuple, others.values())) == {(ABOUT_TYPE,)}, others
    assert "methodology/" in others
    assert not (built_site / "search").exists()


def test_every_entity_is_found_by_its_name_and_its_aliases(
        indexed: dict[str, dict[str, Any]], site_data: dict[str, Any]) -> None:
    """The sources' aliases, and the editors' spellings that no source uses (Owji for Ouji)."""
    missing = [
        f"{entity['id']}: {name!r}"
        for entity in site_data["entities"]
        for name in [entity["name"], *entity["aliases"], *entity.get("editor_aliases", [])]
        if words(name) not in words(indexed[entity_path(entity)]["content"])
    ]
    assert not missing


def test_each_claim_is_indexed_on_its_subjects_page(
        indexed: dict[str, dict[str, Any]], site_data: dict[str, Any]) -> None:
    entities = {e["id"]: e for e in site_data["entities"]}
    missing = [
        claim["id"] for claim in site_data["claims"]
        if words(claim["text"]) not in words(
            indexed[entity_path(entities[claim["subject"]])]["content"])
    ]
    assert not missing


def test_every_body_paragraph_is_found_on_its_source_page(
        indexed: dict[str, dict[str, Any]], site_data: dict[str, Any]) -> None:
    missing = [
        f"{source['id']} ¶{paragraph['n']}"
        for source in site_data["sources"]
        for paragraph in source["paragraphs"]
        if paragraph["kind"] == "body"
        and words(paragraph["text"]) not in words(indexed[f"sources/{source['id']}/"]["content"])
    ]
    assert not missing
    # the claims listed under each paragraph belong to their subjects' pages
    assert not [source["id"] for source in site_data["sources"]
                if re.search(r"\bcites? this paragraph", indexed[f"sources/{source['id']}/"]
                             ["content"])]


def test_each_page_is_filtered_by_its_type_tags_and_sources(
        indexed: dict[str, dict[str, Any]], site_data: dict[str, Any]) -> None:
    labels = {s["id"]: s["label"] or s["title"] for s in site_data["sources"]}
    for entity in site_data["entities"]:
        citations = [citation for claim in _about(entity["id"], site_data["claims"])
                     for citation in claim["citations"]]
        citations += entity.get("date_citations") or []  # an event's own date
        cited = {labels[citation["source"]] for citation in citations}
        assert indexed[entity_path(entity)]["filters"] == {
            "type": [TYPE_LABELS[entity["type"]]], "tag": sorted(entity["tags"]),
            **({"source": sorted(cited)} if cited else {})}, entity["id"]
    for source_id, label in labels.items():
        assert indexed[f"sources/{source_id}/"]["filters"] == {
            "type": [SOURCE_TYPE], "source": [label]}


def test_the_related_entities_of_a_page_are_left_out_of_search(
        indexed: dict[str, dict[str, Any]], built_site: Path) -> None:
    """Each is named on its own page; at 10k entities a hub's list is hundreds of names."""
    listed: dict[str, list[str]] = defaultdict(list)
    for page in indexed:
        path = built_site / page / "index.html"
        for name, kind in re.findall(r'<li><a href="[^"]+">([^<]+)</a> '
                                     r'<span class="related-type">([^<]+)</span>',
                                     path.read_text("utf-8")):
            listed[page].append(f"{html.unescape(name)} {kind}")
    assert listed, "no page lists related entities"
    assert {page: [item for item in items if item in indexed[page]["content"]]
            for page, items in listed.items()} == {page: [] for page in listed}


# ------------------------------------------------------------------ long source pages
# A source page starts a section (a heading, "From ¶N on") before a run of paragraphs passes
# SECTION_BYTES: the themes' own searches, now off, refused a longer section. Pagefind has no
# such limit; the headings stay as waypoints through a long source.


def _runs(source_page: str) -> list[int]:
    """Bytes of paragraph text in each run between the Markdown headings of a source page."""
    runs = [0]
    for match in re.finditer(r'^## |<p class="ptext">(.*?)</p>',
                             source_page, re.S | re.M):
        if match.group(1) is None:
            runs.append(0)
        else:
            runs[-1] += len(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).encode("utf-8"))
    return runs


@pytest.mark.slow
def test_a_long_run_of_source_paragraphs_is_split_into_sections(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project.find(copy_project(tmp_path / "project"))
    monkeypatch.setattr(source_pages, "SECTION_BYTES", 1500)
    site = build_site(project, tmp_path / "site").site_dir
    tree = tmp_path / "tree"
    generate_tree(project, tree)
    longest = max(len(p.encode("utf-8")) for s in project.sources_dir.glob("*.txt")
                  for p in s.read_text("utf-8").split("\n\n"))
    for page in (tree / "sources").glob("*.md"):
        if page.name == "index.md":
            continue
        runs = _runs(page.read_text("utf-8"))
        assert max(runs) <= max(1500, longest), page.name
    text = (tree / "sources" / "dedov-sputnik-2023.md").read_text("utf-8")
    breaks = re.findall(r"^## From ¶(\d+) on \{ #from-p(\d+) \.source-continued \}$", text, re.M)
    assert breaks and all(a == b for a, b in breaks)
    page = (site / "sources" / "dedov-sputnik-2023" / "index.html").read_text("utf-8")
    assert all(f'id="from-p{n}"' in page for n, _ in breaks)


def test_a_short_source_is_one_section(built_site: Path) -> None:
    page = built_site / "sources" / "dedov-ria-novosti-2025" / "index.html"  # 2.7 kB of text
    assert 'class="source-continued"' not in page.read_text("utf-8")
