"""Look-alike names: two records whose names, or aliases, read the same to a reader.

Names are compared by their skeleton: Unicode NFKC (so that full-width ``Ｐｕｔｉｎ`` is
``Putin``), Cyrillic and Greek letters that look like Latin ones mapped to them (``Рutin`` with
a Cyrillic ``Р``), case folded, and runs of spaces folded to one. Invisible characters, which
could also tell two names apart, are refused by the records' ``Name`` type.

Two records with the same name are an error: the site would show two entities a reader cannot
tell apart. An alias that is another record's name is one too; an alias two records share is
only a warning, since a short form (“Tehran” for the city and the state) may stand for both.
"""

from __future__ import annotations

import unicodedata

from ..database import Database, EntityRecord
from ..errors import Problem

#: shared aliases listed one by one; the others are counted (each costs its file a second parse)
MAX_WARNINGS = 20

#: letters that look like a Latin letter, in the scripts curated names are likely to mix with
#: Latin (after NFKC, before case folding, so that upper and lower case are both covered)
_LOOK_ALIKES = str.maketrans({
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y", "Һ": "h", "Ԛ": "Q",
    "Ԝ": "W", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "ρ": "p", "ι": "i",
})


def skeleton(text: str) -> str:
    """What ``text`` looks like, for comparing names: equal skeletons read the same."""
    folded = unicodedata.normalize("NFKC", text).translate(_LOOK_ALIKES).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def _where(record: EntityRecord, path: tuple[str | int, ...]) -> str:
    return f"{record.document.display}:{record.document.line_of(path)}"


def _how(first: str, second: str) -> str:
    return "" if first == second else " once case, width and look-alike letters are set aside"


def _spellings(record: EntityRecord) -> list[tuple[str, int, str]]:
    """The record's other names, the sources' and the editors', as (field, index, alias)."""
    return [(field, index, alias)
            for field, values in (("aliases", record.entity.aliases),
                                  ("editor_aliases", record.entity.editor_aliases))
            for index, alias in enumerate(values)]


def check_names(database: Database) -> tuple[list[Problem], list[Problem]]:
    """Problems (a name shared, or an alias that is another record's name) and warnings (an
    alias shared by two records)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    names: dict[str, EntityRecord] = {}
    for record in database.entities.values():
        first = names.setdefault(skeleton(record.name), record)
        if first is not record:
            problems.append(Problem(
                record.document.display, record.document.line_of(("name",)),
                f"name: {record.name!r} reads the same as the name of {first.id!r} "
                f"({_where(first, ('name',))}){_how(first.name, record.name)}; two records "
                "cannot share a name, so merge them or make the names differ as a reader sees "
                "them"))
    aliases: dict[str, tuple[EntityRecord, str, int]] = {}
    shared = 0
    last: tuple[EntityRecord, str, int] | None = None
    for record in database.entities.values():
        for field, index, alias in _spellings(record):
            key = skeleton(alias)
            line = record.document.line_of  # asked only for a problem: it parses the file again
            owner = names.get(key)
            if owner is not None and owner is not record:
                problems.append(Problem(
                    record.document.display, line((field, index)),
                    f"{field}[{index}]: {alias!r} reads the same as the name of {owner.id!r} "
                    f"({_where(owner, ('name',))}){_how(owner.name, alias)}; an alias is "
                    "another name for this record only, so remove it or tell it apart"))
                continue
            other, other_field, other_index = aliases.setdefault(key, (record, field, index))
            if other is record:
                continue
            shared += 1
            if shared <= MAX_WARNINGS:
                warnings.append(Problem(
                    record.document.display, line((field, index)),
                    f"{field}[{index}]: {alias!r} is also an alias of {other.id!r} "
                    f"({_where(other, (other_field, other_index))}); a reader searching for it "
                    "finds both"))
            elif shared == MAX_WARNINGS + 1:
                last = (record, field, index)
    if last is not None:
        record, field, index = last
        warnings.append(Problem(
            record.document.display, record.document.line_of((field, index)),
            f"{field}[{index}]: this alias and {shared - MAX_WARNINGS - 1:,} more are also "
            "aliases of other records (only the first are listed)"))
    return problems, warnings
