"""The Changes page: each release with its notes and what changed since the one before.

Records that still exist link to their pages; removed ones are named only. Each list shows at
most ``LIST_LIMIT`` changes, and ``changes.json`` (linked) holds them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..exports.changes import PARTS, has_changes
from ..exports.changes_text import SINGULAR, shown
from ..exports.release_history import FILE_NAME, Compared, History, release_tag
from ..urls import entity_page, relative, source_page
from .render import Site

PAGE = "changes.md"
#: changes shown per list; the rest are in changes.json
LIST_LIMIT = 100
#: how long a changed field's value is shown
VALUE_WIDTH = 60

TITLES = {"sources": "Sources", "entities": "Entities", "claims": "Claims",
          "citations": "Citations", "predicates": "Predicates", "tags": "Tags"}
MARKS = {"added": "Added", "removed": "Removed", "changed": "Changed", "moved": "Moved"}


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} " + ("entities" if noun == "entity" else f"{noun}s")


class _Links:
    """Links from the page to the records that exist in the data being built."""

    def __init__(self, site: Site) -> None:
        self.database = site.database
        self.claims = site.database.claim_index()

    def record(self, part: str, record: Mapping[str, Any]) -> str | None:
        key = record["id"]
        if part == "entities" and key in self.database.entities:
            return relative(PAGE, entity_page(self.database.entities[key].type, key))
        if part == "sources" and key in self.database.sources:
            return relative(PAGE, source_page(key))
        if part == "claims":
            return self.claim(key)
        return None

    def claim(self, claim_id: str) -> str | None:
        ref = self.claims.get(claim_id)
        if ref is None:
            return None
        return relative(PAGE, entity_page(ref.subject.type, ref.subject.id), ref.anchor)


def _label(part: str, record: Mapping[str, Any]) -> tuple[str, str]:
    """What names a record on the page, and what follows its name."""
    if part == "entities":
        return str(record.get("name") or record["id"]), f"({record.get('type')}, {record['id']})"
    if part == "claims":
        return str(record.get("text") or record["id"]), f"({record['id']})"
    if part == "sources":
        return str(record.get("title") or record["id"]), f"({record['id']})"
    return str(record["id"]), ""


def _place(place: Mapping[str, Any]) -> str:
    return f"{place.get('source')} ¶{place.get('paragraph')}"


def _items(part: str, changes: Mapping[str, Any], links: _Links) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for change, records in changes[part].items():
        for record in records:
            if part == "citations":
                detail = (f"from {_place(record['old'])} to {_place(record['new'])}"
                          if change == "moved" else _place(record))
                items.append({"change": change, "mark": MARKS[change],
                              "label": f"“{record.get('quote')}”", "detail":
                              f"of {record['claim']}, {detail}",
                              "href": links.claim(record["claim"]), "fields": []})
                continue
            label, detail = _label(part, record)
            fields = [{"name": name, "old": shown(values["old"], VALUE_WIDTH),
                       "new": shown(values["new"], VALUE_WIDTH)}
                      for name, values in record.get("fields", {}).items()]
            items.append({"change": change, "mark": MARKS[change], "label": label,
                          "detail": detail, "href": links.record(part, record) if change != "removed"
                          else None, "fields": fields})
    return items


def _summary(changes: Mapping[str, Any]) -> str:
    """``2 entities: 1 added, 1 changed; 1 citation: 1 moved.``"""
    sentences = []
    for part in PARTS:
        counts = changes["summary"][part]
        if any(counts.values()):
            said = ", ".join(f"{count:,} {kind}" for kind, count in counts.items() if count)
            sentences.append(f"{_plural(sum(counts.values()), SINGULAR[part])}: {said}")
    return "; ".join(sentences) + "."


def _view(compared: Compared, links: _Links) -> dict[str, Any]:
    view: dict[str, Any] = {
        "since": compared.since.version if compared.since else None,
        "unavailable": compared.unavailable, "summary": None, "parts": [],
        "first": compared.release is not None and compared.since is None,
    }
    if compared.release is not None:
        release = compared.release
        view.update(version=release.version, date=release.date,
                    notes=" ".join(release.notes.split()), tag=release_tag(release.version),
                    commit=compared.commit[:12] if compared.commit else None)
    changes = compared.changes
    if changes is not None:
        view["summary"] = _summary(changes) if has_changes(changes) else (
            "" if compared.release is None else "No changes to the data.")
        for part in PARTS:
            items = _items(part, changes, links)
            if items:
                view["parts"].append({"title": TITLES[part], "items": items[:LIST_LIMIT],
                                      "more": max(0, len(items) - LIST_LIMIT)})
    return view


def write_changes(site: Site, history: History) -> None:
    links = _Links(site)
    site.render(PAGE, "changes.md.j2", changes_href=relative(PAGE, f"data/{FILE_NAME}"),
                releases=[_view(compared, links) for compared in history.releases],
                unreleased=_view(history.unreleased, links) if history.unreleased else None)
