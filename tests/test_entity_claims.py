"""A claim shown on several entity pages is built and rendered once, with links that lead to the
same place from every entity page, and is forgotten once the last of those pages is written."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from iranru_ref.check import load_checked
from iranru_ref.database import ClaimRef
from iranru_ref.load.project import Project
from iranru_ref.site.claim_memo import ClaimMemo
from iranru_ref.site.entity_pages import claims_about
from iranru_ref.site.render import environment
from iranru_ref.site.views import Views
from iranru_ref.urls import ANY_ENTITY_PAGE, entity_page, page_url, relative, source_page

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://example.org/"


def _entity_claims() -> tuple[ClaimMemo, dict[str, list[ClaimRef]]]:
    project = Project.find(ROOT)
    database = load_checked(project)
    about = claims_about(database)
    macros = environment(project.templates_dir).get_template("_macros.md.j2").module
    return ClaimMemo(Views(database), macros, about.values()), about


def test_a_link_made_for_any_entity_page_leads_to_the_same_place_from_each() -> None:
    pages = ["people/alexey-dedov.md", "people/vladimir-putin.md", "events/x.md",
             "organizations/y.md"]
    for target in ("people/alexey-dedov.md", "people/other.md", "sources/s.md", "index.md",
                   "assets/iranru.css"):
        link = relative(ANY_ENTITY_PAGE, target, "frag" if target.endswith(".md") else None)
        expected = SITE + (page_url(target) if target.endswith(".md") else target)
        for page in pages:
            assert urljoin(SITE + page_url(page), link).split("#")[0] == expected


def test_a_claim_shown_on_several_pages_is_rendered_once_with_links_valid_on_each() -> None:
    claims, about = _entity_claims()
    shown_on: dict[str, list[str]] = {}
    for entity_id, refs in about.items():
        for ref in refs:
            shown_on.setdefault(ref.id, []).append(entity_id)
    ref = next(ref for refs in about.values() for ref in refs
               if ref.claim.attributed_to and len(shown_on[ref.id]) > 1)
    item = claims.item(ref, show_subject=True)
    assert claims.item(ref, show_subject=True) is item
    assert claims.cites(ref) is claims.cites(ref)
    assert ref.anchor in item
    database = claims.views.database
    valid = {SITE + page_url(entity_page(r.type, r.id)) for r in database.entities.values()}
    valid |= {SITE + page_url(source_page(s)) for s in database.sources}
    links = re.findall(r'href="([^"]+)"', item)
    assert links
    for entity_id in shown_on[ref.id]:
        record = database.entities[entity_id]
        here = SITE + page_url(entity_page(record.type, record.id))
        for link in links:
            assert urljoin(here, link).split("#")[0] in valid, (entity_id, link)


def test_a_claim_is_forgotten_once_every_page_showing_it_is_written() -> None:
    claims, about = _entity_claims()
    for refs in about.values():
        for ref in refs:
            claims.item(ref)
    held = len(claims)
    assert held == len({ref.id for refs in about.values() for ref in refs})
    pages = list(about.values())
    for refs in pages[:-1]:
        claims.shown(refs)
    assert 0 < len(claims) < held
    claims.shown(pages[-1])
    assert len(claims) == 0


def test_each_claim_is_rendered_once_whatever_asks_for_it_first() -> None:
    claims, about = _entity_claims()
    rendered: list[str] = []
    macros = claims.macros

    class Counting:
        def claim_item(self, view: dict[str, object], cites: str, show_subject: bool) -> str:
            rendered.append(f"item {view['id']} {show_subject}")
            return str(macros.claim_item(view, cites, show_subject))

        def cite_links(self, view: dict[str, object]) -> str:
            rendered.append(f"cites {view['id']}")
            return str(macros.cite_links(view))

    claims.macros = Counting()
    refs = [ref for refs in about.values() for ref in refs]
    for ref in refs:
        claims.item(ref, show_subject=True)
        claims.cites(ref)
        claims.item(ref)
    for ref in reversed(refs):
        claims.cites(ref)
        claims.item(ref, show_subject=True)
    unique = {ref.id for ref in refs}
    assert sorted(rendered) == sorted([f"cites {claim}" for claim in unique]
                                      + [f"item {claim} True" for claim in unique]
                                      + [f"item {claim} False" for claim in unique])
