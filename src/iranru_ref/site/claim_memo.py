"""The claims that entity pages show, each rendered once for all of those pages.

A claim appears on its subject's page, and again on its object's page and on each speaker's.
Its links are made relative to ``urls.ANY_ENTITY_PAGE``, so they work on every entity page, and
its view, its list items and its citation links are the same wherever it appears. Each is kept
until the last page that shows the claim has been written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from markupsafe import Markup

from ..database import ClaimRef
from ..errors import BuildFailed
from ..urls import ANY_ENTITY_PAGE
from .views import Views

K = TypeVar("K")
V = TypeVar("V")

#: the macros of ``_macros.md.j2`` that render a claim for entity pages
MACROS = ("claim_item", "cite_links")


def _memo(memo: dict[K, V], key: K, make: Callable[[], V]) -> V:
    if key not in memo:
        memo[key] = make()
    return memo[key]


class ClaimMemo:
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
        #: claim id -> how many entity pages still to be written show it
        self.pending = Counter(ref.id for refs in pages for ref in refs)
        self._views: dict[str, dict[str, Any]] = {}
        self._cites: dict[str, Markup] = {}
        self._items: dict[tuple[str, bool], Markup] = {}

    def __len__(self) -> int:
        """How many claims are held."""
        return len(self._views.keys() | self._cites.keys() | {key for key, _ in self._items})

    def view(self, ref: ClaimRef) -> dict[str, Any]:
        return _memo(self._views, ref.id, lambda: self.views.claim(ANY_ENTITY_PAGE, ref))

    def cites(self, ref: ClaimRef) -> Markup:
        """The claim's citation links (the ``cite_links`` macro)."""
        return _memo(self._cites, ref.id, lambda: self.macros.cite_links(self.view(ref)))

    def item(self, ref: ClaimRef, show_subject: bool = False) -> Markup:
        """The claim as an item of a claim list (the ``claim_item`` macro)."""
        return _memo(self._items, (ref.id, show_subject), lambda: self.macros.claim_item(
            self.view(ref), self.cites(ref), show_subject))

    def shown(self, refs: Iterable[ClaimRef]) -> None:
        """One more page that shows these claims is written; forget those no page still shows."""
        for ref in refs:
            self.pending[ref.id] -= 1
            if self.pending[ref.id] <= 0:
                del self.pending[ref.id]
                self._views.pop(ref.id, None)
                self._cites.pop(ref.id, None)
                self._items.pop((ref.id, False), None)
                self._items.pop((ref.id, True), None)
