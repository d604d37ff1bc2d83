"""Anchors belong to what generates them: curated text never takes the id of a citation
marker, a paragraph or a claim, and every id is unique on its page, with either engine.

A heading's id is made from its text unless the template sets one; a source titled like a
citation anchor (``cite-…``) or a paragraph (``P2``), or an entity named like a claim anchor
(``Claim said``), a section of its own page (``Relations``) or an element of the theme
(``__search``), would give its heading that id, so that following a citation landed on the
heading; and generated anchors must not clash among themselves (``hijack`` + ``person-said``
against ``hijack-person`` + ``said``). The project here holds only such records and sources.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import copy_project

from iranru_ref.engines.build import build_site
from iranru_ref.engines.zensical import zensical_available
from iranru_ref.load.project import Project

pytestmark = pytest.mark.slow

ARTICLE_A = "Cite hijack-person said 1\n\nThe minister spoke about relations.\n"
ARTICLE_B = "P2\n\nThe ministry said nothing more.\n"


def _citations(*sources: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"source": source, "paragraph": 2, "quote": quote} for source, quote in sources]


def anchor_files() -> dict[str, Any]:
    """Project path → content (a dict is written as YAML, a string as text)."""
    def both() -> list[dict[str, Any]]:
        return _citations(("hijack-a", "spoke about relations"), ("hijack-b", "said nothing more"))

    def source(title: str, text: str, label: str) -> dict[str, Any]:
        return {"title": title, "label": label, "date": {"value": "2024", "precision": "year"},
                "language": "en", "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "paragraphs": {1: "heading"}}

    def record(name: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
        return {"name": name, "tags": ["anchor-tag"], "claims": claims}

    def quote() -> dict[str, Any]:
        return {"id": "quote", "predicate": "anchor_said", "text": "Something was said.",
                "attributed_to": ["hijack-person"], "citations": both()}
    return {
        "sources/hijack-a.txt": ARTICLE_A,
        "sources/hijack-a.yml": source("Cite hijack-person said 1", ARTICLE_A, "Mentioned in"),
        "sources/hijack-b.txt": ARTICLE_B,
        "sources/hijack-b.yml": source("P2", ARTICLE_B, "Title"),
        # its h1 would take the id of its claim's anchor; its claim cites both sources
        "data/people/hijack-person.yml": record("Claim said", [
            {"id": "said", "predicate": "anchor_rel", "object": "relations-org",
             "text": "The person spoke about relations.", "citations": both()}]),
        # its h1 would take "relations" and push its own Relations section to "relations_1";
        # its claim "quote", like the search place's, is listed on the person's page, as what
        # the person said: the two may not both carry the id "claim-quote" there
        "data/organizations/relations-org.yml": record("Relations", [
            {"id": "back", "predicate": "anchor_rel", "object": "hijack-person",
             "text": "The organisation answered.", "citations": both()}, quote()]),
        # subject "hijack" and claim "person-said" against subject "hijack-person" and claim
        # "said": citation anchors that joined them with a hyphen were the same
        "data/events/hijack.yml": record("A hijack event", [
            {"id": "person-said", "predicate": "anchor_rel", "object": "hijack-person",
             "text": "The event involved the person.", "citations": both()}]),
        # its h1 would take the id of the theme's search toggle
        "data/places/search-place.yml": record("__search", [
            {"id": "claim-said", "predicate": "anchor_rel", "object": "hijack-person",
             "text": "The place is named.", "citations": both()}, quote()]),
    }


def make_anchor_project(target: Path) -> Path:
    project = copy_project(target)
    for folder in (project / "data").iterdir():
        if folder.is_dir() and folder.name != "vocabulary":
            for path in folder.glob("*.yml"):
                path.unlink()
    for path in (project / "sources").iterdir():
        path.unlink()
    for relative, content in anchor_files().items():
        text = content if isinstance(content, str) else yaml.safe_dump(
            content, sort_keys=False, allow_unicode=True, width=1000)
        (project / relative).write_text(text, encoding="utf-8")
    vocabulary = project / "data" / "vocabulary"
    with (vocabulary / "tags.yml").open("a", encoding="utf-8") as file:
        file.write(yaml.safe_dump({"anchor-tag": {"description": "Records of the anchor test."}}))
    with (vocabulary / "predicates.yml").open("a", encoding="utf-8") as file:
        file.write(yaml.safe_dump({"anchor_rel": {
            "label": "relates to", "inverse": "related to by", "kind": "relation",
            "description": "A relation for the anchor test."},
            "anchor_said": {"label": "said", "kind": "statement",
                            "description": "A statement for the anchor test."}}))
    return project


ENGINES = ["mkdocs", pytest.param("zensical", marks=pytest.mark.skipif(
    not zensical_available(), reason="Zensical is not installed (pip install -e '.[zensical]')"))]


@pytest.fixture(scope="module", params=ENGINES)
def anchor_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    engine: str = request.param
    project = make_anchor_project(tmp_path_factory.mktemp(f"anchors-{engine}") / "project")
    return build_site(Project.find(project), engine=engine).site_dir


class _Ids(HTMLParser):
    """Each element's id (tag and classes), and each link's href."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[tuple[str, str, set[str]]] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append((attributes["id"] or "", tag, set((attributes.get("class") or "").split())))
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"] or "")

    handle_startendtag = handle_starttag


def parse(page: Path) -> _Ids:
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


#: what the element of each kind of generated anchor must be: (pattern, tag, class)
GENERATED = [(re.compile(r"cite-.+"), "span", "cite-target"),
             (re.compile(r"p\d+"), "section", "paragraph"),
             (re.compile(r"claim-.+"), "li", "claim")]


def test_the_pages_carry_the_hostile_titles(anchor_site: Path) -> None:
    source = (anchor_site / "sources" / "hijack-a" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Cite hijack-person said 1<", source)
    person = (anchor_site / "people" / "hijack-person" / "index.html").read_text(encoding="utf-8")
    assert "Claim said" in person


def test_every_id_is_unique_on_its_page(anchor_site: Path) -> None:
    duplicated = {}
    for page in sorted(anchor_site.rglob("*.html")):
        counts = Counter(element_id for element_id, _, _ in parse(page).ids)
        twice = sorted(element_id for element_id, count in counts.items() if count > 1)
        if twice:
            duplicated[page.relative_to(anchor_site).as_posix()] = twice
    assert duplicated == {}


def test_every_anchor_a_link_follows_is_what_generated_it(anchor_site: Path) -> None:
    """A link to a citation marker lands on the marker, to a paragraph on the paragraph, to a
    claim on the claim, never on a heading; no heading has an id of those kinds."""
    pages = {page: parse(page) for page in anchor_site.rglob("*.html")}
    problems: list[str] = []
    followed = Counter[str]()
    for page, parsed in pages.items():
        for element_id, tag, _ in parsed.ids:
            if re.fullmatch(r"h[1-6]", tag) and any(
                    pattern.fullmatch(element_id) for pattern, _, _ in GENERATED):
                problems.append(f"{page.relative_to(anchor_site)}: <{tag} id={element_id!r}>")
        base = page.relative_to(anchor_site).as_posix()
        for href in parsed.hrefs:
            target = urlsplit(urljoin(base, href))
            if target.scheme or target.netloc or not target.fragment:
                continue
            path = anchor_site / unquote(target.path)
            path = path / "index.html" if target.path.endswith("/") or not target.path else path
            if path not in pages:
                continue
            fragment = unquote(target.fragment)
            for pattern, tag, css_class in GENERATED:
                if pattern.fullmatch(fragment):
                    followed[css_class] += 1
                    found = [(t, c) for i, t, c in pages[path].ids if i == fragment]
                    if len(found) != 1 or found[0][0] != tag or css_class not in found[0][1]:
                        problems.append(f"{base}: {href} lands on {found}, not a {tag}.{css_class}")
    assert problems == []
    # the hostile records' citations, paragraphs and claims were all followed
    assert followed["cite-target"] >= 6 and followed["paragraph"] >= 2 and followed["claim"] >= 3


def test_a_citation_lands_on_its_marker_not_the_heading(anchor_site: Path) -> None:
    person = parse(anchor_site / "people" / "hijack-person" / "index.html")
    cites = [href for href in person.hrefs if "/hijack-a/#cite-" in href]
    assert cites, person.hrefs
    fragment = cites[0].split("#", 1)[1]
    source = parse(anchor_site / "sources" / "hijack-a" / "index.html")
    assert [(tag, classes) for element_id, tag, classes in source.ids if element_id == fragment] \
        == [("span", {"cite-target"})]
    headings = {tag: element_id for element_id, tag, _ in source.ids if tag == "h1"}
    assert headings == {"h1": "title"}
    organisation = parse(anchor_site / "organizations" / "relations-org" / "index.html")
    assert ("relations", "h2") in {(element_id, tag) for element_id, tag, _ in organisation.ids}
