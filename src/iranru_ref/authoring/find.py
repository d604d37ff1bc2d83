"""``iranru-ref find TEXT``: the records a curator may mean, before creating a duplicate.

Names, aliases and ids are compared folded: case, accents and punctuation are ignored, so
"Dedov", "dedov" and "Dédov!" match alike; near spellings match too ("Dedow").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from ..database import EntityRecord
from ..load import load_database
from ..load.project import Project

_PUNCTUATION = re.compile(r"[\W_]+")
#: how alike a folded name must be to the folded text to be listed (difflib's ratio)
CLOSE = 0.75


def fold_name(text: str) -> str:
    """Lowercase words without accents or punctuation: ``Dédov's`` → ``dedov s``."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_PUNCTUATION.sub(" ", bare.casefold()).split())


@dataclass(frozen=True, slots=True)
class Match:
    record: EntityRecord
    #: the name, alias or id that matched
    matched: str
    score: float


def _score(wanted: str, candidate: str) -> float:
    if not wanted or not candidate:
        return 0.0
    if wanted == candidate:
        return 1.0
    if wanted in candidate.split() or f" {wanted} " in f" {candidate} ":
        return 0.95
    if wanted in candidate:
        return 0.9
    # the candidate's runs of as many words as the text has: "zaire dupond" near "zaire dupont"
    words, size = candidate.split(), len(wanted.split())
    runs = [" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))]
    ratio = max(difflib.SequenceMatcher(None, wanted, run).ratio() for run in runs)
    return min(ratio, 0.85)


def find_records(project: Project, text: str, limit: int = 10) -> list[Match]:
    """The records whose id, name or aliases match ``text``, best first."""
    database, _ = load_database(project)  # what does not load has no name to match
    wanted = fold_name(text)
    matches = []
    for record in database.entities.values():
        names = [record.entity.name, *record.entity.aliases, *record.entity.editor_aliases,
                 record.id]
        score, matched = max((_score(wanted, fold_name(name)), name) for name in names)
        if score >= CLOSE:
            matches.append(Match(record, matched, score))
    matches.sort(key=lambda m: (-m.score, len(m.matched), m.record.name.casefold()))
    return matches[:limit]
