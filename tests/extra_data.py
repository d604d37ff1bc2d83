"""A valid extra source, records and claim, added to a copy of the real project.

Curators will add sources and records; tests must not depend on how many there are or which.
``add_extra_data`` adds a synthetic source (its id sorts before the real ones, so it also moves
every listing), a publisher and a person who cite it, and one more claim on an existing record.
The text is made up for the tests, and says so; it is never part of the real data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

SOURCE_ID = "a-synthetic-report-2026"
PERSON_ID = "a-synthetic-envoy"
PUBLISHER_ID = "a-synthetic-agency"

TEXT = """\
A synthetic report written for the test suite

Tests, 1 January 2026

A Synthetic Envoy said on Monday that the synthetic working group met twice in Tehran.

The synthetic agency reported that trade between the two test countries rose by 12 percent.
"""

META = f"""\
title: A synthetic report written for the test suite
label: Synthetic report (2026)
publisher: {PUBLISHER_ID}
date: 2026-01-01
language: en
sha256: {{sha256}}
paragraphs:
  1: heading
  2: dateline
notes:
  - A made-up text that the tests add to a copy of the project.
"""

PERSON = f"""\
name: A Synthetic Envoy
tags: [diplomacy]
claims:
  - id: statement-on-working-group
    predicate: stated
    text: The synthetic envoy said the working group met twice.
    citations:
      - source: {SOURCE_ID}
        paragraph: 3
        quote: the synthetic working group met twice in Tehran
"""

PUBLISHER = f"""\
name: A Synthetic Agency
tags: [media]
claims:
  - id: reported-trade
    predicate: stated
    text: The synthetic agency reported a rise in trade.
    citations:
      - source: {SOURCE_ID}
        paragraph: 4
        quote: trade between the two test countries rose by 12 percent
"""

EXTRA_CLAIM = f"""\
  - id: synthetic-extra-claim
    predicate: stated
    text: A claim the tests add to an existing record.
    citations:
      - source: {SOURCE_ID}
        paragraph: 3
        quote: A Synthetic Envoy said on Monday
"""


def add_extra_data(root: Path) -> None:
    """Add the extra source, its two records and one claim on an existing record to ``root``."""
    text = TEXT.encode("utf-8")
    (root / "sources" / f"{SOURCE_ID}.txt").write_bytes(text)
    (root / "sources" / f"{SOURCE_ID}.yml").write_text(
        META.format(sha256=hashlib.sha256(text).hexdigest()), encoding="utf-8")
    (root / "data" / "people" / f"{PERSON_ID}.yml").write_text(PERSON, encoding="utf-8")
    (root / "data" / "organizations" / f"{PUBLISHER_ID}.yml").write_text(PUBLISHER,
                                                                         encoding="utf-8")
    existing = next(path for path in sorted((root / "data" / "people").glob("*.yml"))
                    if "\nclaims:\n" in path.read_text(encoding="utf-8")
                    and path.stem != PERSON_ID)
    with existing.open("a", encoding="utf-8") as file:
        file.write(EXTRA_CLAIM)
