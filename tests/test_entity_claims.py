"""A claim shown on several entity pages is built and rendered once, with links that lead to the
same place from every entity page, and is forgotten once the last of those pages is written."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from iranru_ref.database import ClaimRef
from iranru_ref.entity_claims import EntityClaims
from iranru_ref.generate import _claims_about, environment
from iranru_ref.project import Project, load
from iranru_ref.urls import ANY_ENTITY_PAGE, entity_page, page_url, relative, source_page
from iranru_ref.views import Views

ROOT = Path(__file__).resolve().parents[1]
SITE = "https://example.org/"


def _entity_claims() -> tuple[EntityClaims, dict[str, list[ClaimRef]]]:
    project = Project.find(ROOT)
    database, _ = load(project)
    about = _claims_about(database)
    macros = environment(project.templates_dir).get_template("_macros.md.j2").module
    return EntityClaims(Views(database), macros, about.values()), about


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
            claims.cites(ref)
    assert claims._items and claims._cites and claims._views
    for refs in about.values():
        claims.shown(refs)
    assert not claims.pending
    assert not claims._items and not claims._cites and not claims._views


def test_a_view_no_later_page_reads_is_let_go_once_the_claim_is_rendered() -> None:
    """A relation's view is dropped as soon as its links and its item are rendered; a figure's
    and a reported claim's stay for the infobox and for the speakers' pages."""
    claims, about = _entity_claims()
    refs = {ref.id: ref for refs in about.values() for ref in refs}
    read_again = [r for r in refs.values()
                  if r.claim.value is not None or r.claim.attributed_to or r.claim.said_in]
    let_go = [r for r in refs.values() if r not in read_again]
    assert read_again and let_go
    for ref in refs.values():
        claims.cites(ref)
    assert set(claims._views) == {ref.id for ref in read_again}
    macros, views = claims.macros, claims.views
    for ref in let_go:
        fresh = views.claim(ANY_ENTITY_PAGE, ref)
        assert claims.item(ref) == macros.claim_item(fresh, macros.cite_links(fresh), False)
        assert views.claim_kind(ref) == fresh["kind"]
    assert set(claims._views) == {ref.id for ref in read_again}
