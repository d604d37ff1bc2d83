"""The claims that entity pages show, each built and rendered once for all of those pages.

A claim appears on its subject's page, and again on its object's page and on each speaker's.
Its links are made relative to ``urls.ANY_ENTITY_PAGE``, so they work on every entity page, and
its view, its list item and its citation links are the same wherever it appears. Each is kept
until the last page that shows the claim has been written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from .database import ClaimRef
from .errors import BuildFailed
from .urls import ANY_ENTITY_PAGE
from .views import Views

#: the macros of ``_macros.md.j2`` that render a claim for entity pages
MACROS = ("claim_item", "cite_links")


def _read_again(ref: ClaimRef) -> bool:
    """Whether a page reads the claim's view after its item and links are rendered: a figure's
    for the infobox, a reported claim's for its item with the subject."""
    claim = ref.claim
    return claim.value is not None or bool(claim.attributed_to) or claim.said_in is not None


class EntityClaims:
    """``macros`` is the template module of ``_macros.md.j2``; ``pages`` holds, for each entity
    page to be written, the claims it shows."""

    def __init__(self, views: Views, macros: Any, pages: Iterable[Iterable[ClaimRef]]) -> None:
        missing = [name for name in MACROS if not hasattr(macros, name)]
        if missing:
            raise BuildFailed(
                f"templates/_macros.md.j2:1: the macro {' and '.join(missing)} is missing; "
                f"entity pages render each claim with {' and '.join(MACROS)}, so restore it "
                "from git")
        self.views = views
        self.macros = macros
        #: claim id -> the entity pages still to show it
        self.pending = Counter(ref.id for refs in pages for ref in refs)
        self._views: dict[str, dict[str, Any]] = {}
        self._items: dict[tuple[str, bool], Markup] = {}
        self._cites: dict[str, Markup] = {}

    def view(self, ref: ClaimRef) -> dict[str, Any]:
        view = self._views.get(ref.id)
        if view is None:
            view = self.views.claim(ANY_ENTITY_PAGE, ref)
            if _read_again(ref):
                self._views[ref.id] = view
        return view

    def item(self, ref: ClaimRef, show_subject: bool = False) -> Markup:
        """The claim as an item of a claim list (the ``claim_item`` macro)."""
        key = (ref.id, show_subject)
        item = self._items.get(key)
        if item is None:
            cites = self.cites(ref)  # renders the item without the subject with them
            if not show_subject:
                return self._items[key]
            item = self._items[key] = self.macros.claim_item(self.view(ref), cites, True)
        return item

    def cites(self, ref: ClaimRef) -> Markup:
        """The claim's citation links (the ``cite_links`` macro).

        The item without the subject, which the subject's page lists, is rendered with them, so
        that a view no later page reads is let go while it is still in the processor's caches,
        not pages later."""
        cites = self._cites.get(ref.id)
        if cites is None:
            view = self.view(ref)
            cites = self._cites[ref.id] = self.macros.cite_links(view)
            self._items[(ref.id, False)] = self.macros.claim_item(view, cites, False)
        return cites

    def shown(self, refs: Iterable[ClaimRef]) -> None:
        """One more page that shows these claims is written; forget those no page still shows."""
        pending = self.pending
        for ref in refs:
            claim_id = ref.id
            left = pending[claim_id] - 1
            if left > 0:
                pending[claim_id] = left
                continue
            del pending[claim_id]
            self._views.pop(claim_id, None)
            self._items.pop((claim_id, False), None)
            self._items.pop((claim_id, True), None)
            self._cites.pop(claim_id, None)
