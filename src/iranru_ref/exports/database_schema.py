"""The models of ``database.json``, from which its JSON Schema (draft 2020-12) is generated.

The models describe the published document, field by field. Every object forbids unknown keys
and lists every key it always carries as required, so the tests, which validate each built
``database.json`` against the schema, fail as soon as the exporter and the models disagree.

The generated schema is committed beside this module and read by the build
(``published_schema``); after changing a model, run ``python -m
iranru_ref.exports.database_schema`` to write it again (a test fails until then).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..records.committed_files import write_if_changed
from ..records.vocabulary import EntityType, PredicateKind
from .published_schema import FILE_NAME

#: The committed file that ``published_schema`` reads.
SCHEMA_PATH = Path(__file__).with_name(FILE_NAME)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"

Id = Annotated[str, Field(pattern=SLUG_PATTERN)]
Precision = Literal["year", "month", "day"]
ParagraphKind = Literal["heading", "dateline", "caption", "body", "boilerplate"]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _f(description: str, **kwargs: Any) -> Any:
    return Field(description=description, **kwargs)


class DateDetail(_Shape):
    """A date with its precision and how it was worked out."""

    value: str = _f("The date: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source allows.",
                    pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Precision = _f("How much of the date is known: year, month or day.")
    inferred: bool = _f("True when the source does not state the date and the editors "
                        "worked it out (see wording and note).")
    wording: str | None = _f("The source's own words the date was inferred from.")
    note: str | None = _f("How the date was worked out.")


class Supplied(_Shape):
    """The metadata that came with an article rather than from its text, and from whom."""

    by: str = _f("Who supplied it: a person, an organisation or a feed.")
    fields: list[Literal["title", "publisher", "date", "url"]] = _f(
        "The fields of the source that came with the article, not from its text.", min_length=1)
    note: str | None = _f("What else the editors know of how it came.")


class Paragraph(_Shape):
    """One paragraph of a source, numbered from 1 by position in the text."""

    n: int = _f("The paragraph number; the source page's anchor is #p<n>.", ge=1)
    kind: ParagraphKind = _f("What the paragraph is: heading, dateline, caption, body "
                             "(the article proper) or boilerplate.")
    text: str = _f("The paragraph's verbatim text.")


class Source(_Shape):
    """An article, stored verbatim; every claim cites paragraphs of one."""

    id: Id = _f("The source id; its text is sources/<id>.txt.")
    title: str = _f("The article's title, or the sentence standing in for one.")
    label: str | None = _f("A short label for lists.")
    publisher: str | None = _f("The publishing organisation's name.")
    publisher_id: Id | None = _f("The publishing organisation's entity id.")
    date: str = _f("The publication date: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_precision: Precision = _f("How much of date is known: year, month or day.")
    date_detail: DateDetail = _f("The date with how it was worked out.")
    language: str = _f("The article's language, as a BCP 47 tag.")
    url: str | None = _f("The article's web address, when the text records one or it came "
                         "with the article (see supplied).")
    supplied: Supplied | None = _f("The metadata that came with the article rather than from "
                                   "its text, and who supplied it; null when all of it is the "
                                   "text's.")
    sha256: str = _f("SHA-256 of the stored text file, in hex.", pattern="^[0-9a-f]{64}$")
    paragraphs: list[Paragraph] = _f("Every paragraph, in order.")


class Citation(_Shape):
    """A verbatim quote from one paragraph of one source."""

    source: Id = _f("The source id.")
    paragraph: int = _f("The paragraph number in that source.", ge=1)
    quote: str = _f("The quote; it occurs in the paragraph verbatim, up to whitespace and "
                    "Unicode normalisation (NFC).")
    occurrence: int = _f("Which occurrence of the quote is meant when it recurs in the "
                         "paragraph; absent means the first.", default=1, ge=1)


class Entity(_Shape):
    """A person, organisation, treaty, project, place, event or figure."""

    id: Id = _f("The entity id, unique across all types; also its file and page name.")
    type: EntityType = _f("The entity type.")
    name: str = _f("The display name.")
    aliases: list[str] = _f("Other names the sources use.")
    editor_aliases: list[str] = _f("Spellings no source uses that the editors added because "
                                   "readers search for them.")
    tags: list[Id] = _f("Tags from the tag vocabulary (see tags).", min_length=1)
    summary: str | None = _f("An editors' summary, drawn from the sourced claims.")
    notes: list[str] = _f("Editors' notes.")
    date: str | None = _f("An event's own date: YYYY, YYYY-MM or YYYY-MM-DD; null for other "
                          "entities and for events without one.")
    date_precision: Precision | None = _f("How much of date is known.")
    date_detail: DateDetail | None = _f("The date with how it was worked out.")
    date_citations: list[Citation] = _f("The quotes that state the event's date, or that it "
                                        "was inferred from; empty without a date.")


class Derivation(_Shape):
    """How the editors computed a derived figure from stated ones."""

    formula: str = _f("The computation, in words or symbols.")
    inputs: list[str] = _f("The ids of the claims it was computed from.", min_length=1)


class Claim(_Shape):
    """One sourced fact about its subject, with the citations that prove it."""

    id: str = _f("<subject id>.<claim id>; unique across the database.",
                 pattern=r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")
    subject: Id = _f("The id of the entity the claim is about.")
    predicate: str = _f("The kind of claim: a key of predicates.")
    object: Id | None = _f("The other entity's id, for relations.")
    value: float | None = _f("The number, for quantities.")
    unit: str | None = _f("The unit of value: USD, percent, km and so on.")
    currency: str | None = _f("The currency, when the unit is money.")
    period: str | None = _f("The period a figure covers.")
    approximate: bool = _f("True when the source gives the figure loosely (nearly, about).")
    wording: str | None = _f("The source's own words for the figure.")
    date: str | None = _f("When it happened: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_precision: Precision | None = _f("How much of date is known.")
    date_detail: DateDetail | None = _f("The date with how it was worked out.")
    text: str = _f("The claim in one sentence.")
    attributed_to: list[Id] = _f("Who said it, when the source reports someone's words.")
    said_in: Id | None = _f("Where they said it: an event or outlet id.")
    contested: bool = _f("True when the source asserts it in its own voice as one side's "
                         "view.")
    derived: Derivation | None = _f("Set when the editors computed the figure.")
    note: str | None = _f("An editor's note.")
    citations: list[Citation] = _f("The quotes that prove the claim.", min_length=1)


class Predicate(_Shape):
    """An entry of the predicate vocabulary."""

    label: str = _f("How the relation reads forwards, from subject to object.")
    inverse: str | None = _f("How it reads backwards, on the object's page.")
    kind: PredicateKind = _f("relation (has an object), statement (neither object nor value) "
                             "or quantity (has a value and unit).")
    domain: list[EntityType] = _f("Entity types allowed as subject.")
    range: list[EntityType] = _f("Entity types allowed as object, for relations.")
    description: str = _f("What the predicate means.")


class DatabaseDocument(_Shape):
    """The whole database: sources, entities, claims and the vocabularies they use."""

    format_version: Literal[1] = _f("The version of this format; it changes only if a key "
                                    "is removed or renamed.")
    sources: list[Source] = _f("The articles.")
    entities: list[Entity] = _f("The entities.")
    claims: list[Claim] = _f("Every claim of every entity.")
    predicates: dict[str, Predicate] = _f("The predicate vocabulary, by name.")
    tags: dict[str, str] = _f("The tag vocabulary: name → description.")


def generated_schema_text() -> str:
    schema = DatabaseDocument.model_json_schema()
    return json.dumps({"$schema": JSON_SCHEMA_DIALECT, "title": "iranru-ref database.json", **{
        key: value for key, value in schema.items() if key != "title"
    }}, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    if write_if_changed(SCHEMA_PATH, generated_schema_text()):
        print(f"wrote {SCHEMA_PATH}")
    else:
        print(f"{SCHEMA_PATH.name} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
