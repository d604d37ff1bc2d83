"""The database as relational tables, shared by the CSV files and the SQLite database.

Keys join the tables: ``claims.id`` = ``citations.claim_id``, and ``citations(source_id,
paragraph)`` = ``paragraphs(source_id, n)``. Lists inside one cell are joined with
``LIST_SEPARATOR`` (aliases, speakers, derivation inputs, predicate domains and ranges), except
an entity's notes, which are sentences that may hold "; " themselves: one per line. The link
tables (``entity_tags``, ``entity_aliases``, ``entity_notes``, ``claim_speakers``) hold the
same lists one row per item, so that no value is lost even where it holds its separator.
Together the tables hold every field of ``database.json``. Tables are listed parents first, so
rows insert in this order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from ..database import Database
from ..records.claim import Citation
from ..records.dates import Precision
from ..records.source import ParagraphKind
from ..records.vocabulary import EntityType, PredicateKind

Value = str | int | float | bool | None
Row = tuple[Value, ...]
LIST_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # SQLite type affinity: TEXT, INTEGER or REAL; booleans are INTEGER 0/1
    description: str
    #: never missing (NOT NULL); a list joined into one cell may still be empty
    required: bool = True
    #: an INTEGER that is a boolean: 0 or 1 in SQLite, false or true in CSV
    boolean: bool = False
    #: the only values it takes, when they are a fixed set
    values: tuple[str, ...] = ()
    #: a list joined into one cell (with LIST_SEPARATOR, or by lines): it may be empty
    joined: bool = False


@dataclass(frozen=True, slots=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    target: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    def references(self, column: str) -> str | None:
        """``table(column)`` that ``column`` points to, for the data dictionary."""
        for key in self.foreign_keys:
            if column in key.columns:
                target = key.target[key.columns.index(column)]
                return f"{key.table}.{target}"
        return None


def _fk(column: str, table: str, target: str = "id") -> ForeignKey:
    return ForeignKey((column,), table, (target,))


_ID = Column("id", "TEXT", "The id, as used in file names and page addresses.")
_PRECISIONS: tuple[str, ...] = get_args(Precision)


def _flag(name: str, description: str, required: bool = True) -> Column:
    return Column(name, "INTEGER", description, required, boolean=True)


def _list(name: str, description: str) -> Column:
    return Column(name, "TEXT", description, joined=True)

#: what a citation's row says of its quote, for the citations of claims and of events' dates
_QUOTE_COLUMNS = (
    Column("source_id", "TEXT", "The source quoted."),
    Column("paragraph", "INTEGER", "The paragraph quoted (paragraphs.n)."),
    Column("quote", "TEXT", "The quote, verbatim up to whitespace."),
    Column("occurrence", "INTEGER", "Which occurrence, when the quote recurs.", False),
    Column("quote_start", "INTEGER", "Where the quote starts in the paragraph's NFC text."),
    Column("quote_end", "INTEGER", "Where the quote ends (exclusive)."),
)
_QUOTE_KEYS = (
    _fk("source_id", "sources"),
    ForeignKey(("source_id", "paragraph"), "paragraphs", ("source_id", "n")),
)

TABLES: tuple[Table, ...] = (
    Table("tags", "The tag vocabulary.", (
        _ID, Column("description", "TEXT", "What the tag covers."),
    ), ("id",)),
    Table("predicates", "The predicate vocabulary: the kinds of claim.", (
        _ID,
        Column("label", "TEXT", "How the relation reads forwards (subject → object)."),
        Column("inverse", "TEXT", "How it reads backwards (object → subject).", False),
        Column("kind", "TEXT", "relation (has an object), statement or quantity (has a value).",
               values=get_args(PredicateKind)),
        _list("domain", "Entity types allowed as subject, joined with '; '."),
        _list("range", "Entity types allowed as object, joined with '; '."),
        Column("description", "TEXT", "What the predicate means."),
    ), ("id",)),
    Table("entities", "People, organisations, treaties, projects, places, events, figures.", (
        _ID,
        Column("type", "TEXT", "person, organization, treaty, project, place, event or figure.",
               values=get_args(EntityType)),
        Column("name", "TEXT", "The display name."),
        _list("aliases", "Other names, joined with '; ' (one per row in entity_aliases)."),
        _list("editor_aliases", "Spellings no source uses that the editors added for searching, "
                                "joined with '; '."),
        Column("summary", "TEXT", "An editors' summary drawn from the sourced claims.", False),
        Column("notes", "TEXT", "Editors' notes, one per line (one per row in entity_notes).",
               False, joined=True),
        Column("date", "TEXT", "An event's own date: YYYY, YYYY-MM or YYYY-MM-DD.", False),
        Column("date_precision", "TEXT", "year, month or day.", False, values=_PRECISIONS),
        _flag("date_inferred", "True when the event's date is worked out, not stated.", False),
        Column("date_wording", "TEXT", "The article's own words for the event's date.", False),
        Column("date_note", "TEXT", "How the event's date was worked out.", False),
    ), ("id",)),
    Table("entity_tags", "Which tags each entity carries, one row per tag.", (
        Column("entity_id", "TEXT", "The entity."),
        Column("tag", "TEXT", "The tag."),
    ), ("entity_id", "tag"), (_fk("entity_id", "entities"), _fk("tag", "tags"))),
    Table("entity_aliases", "Each entity's other names, one row per alias, in order.", (
        Column("entity_id", "TEXT", "The entity."),
        Column("number", "INTEGER", "The alias's position among the entity's aliases, from 1."),
        Column("alias", "TEXT", "The alias."),
    ), ("entity_id", "number"), (_fk("entity_id", "entities"),)),
    Table("entity_notes", "Each entity's editors' notes, one row per note, in order.", (
        Column("entity_id", "TEXT", "The entity."),
        Column("number", "INTEGER", "The note's position among the entity's notes, from 1."),
        Column("note", "TEXT", "The note."),
    ), ("entity_id", "number"), (_fk("entity_id", "entities"),)),
    Table("sources", "The articles every claim is drawn from.", (
        _ID,
        Column("title", "TEXT", "The article's title, or the sentence standing in for one."),
        Column("label", "TEXT", "A short label for lists.", False),
        Column("publisher_id", "TEXT", "The publishing organisation's entity id.", False),
        Column("publisher", "TEXT", "The publishing organisation's name.", False),
        Column("date", "TEXT", "Publication date: YYYY, YYYY-MM or YYYY-MM-DD."),
        Column("date_precision", "TEXT", "year, month or day.", values=_PRECISIONS),
        _flag("date_inferred", "True when the date is worked out, not stated."),
        Column("date_wording", "TEXT", "The article's own words the date was inferred from.",
               False),
        Column("date_note", "TEXT", "How the date was worked out.", False),
        Column("language", "TEXT", "The article's language (BCP 47)."),
        Column("url", "TEXT", "The article's web address, when the text records one or it came "
               "with the article.", False),
        Column("sha256", "TEXT", "SHA-256 of the stored text, sources/<id>.txt."),
        Column("supplied_by", "TEXT", "Who supplied the metadata that came with the article "
               "rather than from its text.", False),
        Column("supplied_fields", "TEXT", "Which fields came with the article (title, "
               "publisher, date, url), joined with '; '.", False, joined=True),
        Column("supplied_note", "TEXT", "What else the editors know of how it came.", False),
    ), ("id",), (_fk("publisher_id", "entities"),)),
    Table("paragraphs", "Every paragraph of every source, numbered from 1 by position.", (
        Column("source_id", "TEXT", "The source."),
        Column("n", "INTEGER", "The paragraph number (¶n on the source page)."),
        Column("kind", "TEXT", "heading, dateline, caption, body or boilerplate.",
               values=get_args(ParagraphKind)),
        Column("text", "TEXT", "The paragraph's verbatim text."),
    ), ("source_id", "n"), (_fk("source_id", "sources"),)),
    Table("claims", "Sourced facts: each has a subject entity and at least one citation.", (
        Column("id", "TEXT", "<subject id>.<claim id>, unique across the database."),
        Column("subject_id", "TEXT", "The entity the claim is about."),
        Column("predicate", "TEXT", "The kind of claim (predicates.id)."),
        Column("object_id", "TEXT", "The other entity, for relations.", False),
        Column("value", "REAL", "The number, for quantities.", False),
        Column("unit", "TEXT", "The unit of value (USD, percent, km, …).", False),
        Column("currency", "TEXT", "The currency, when the unit is money.", False),
        Column("period", "TEXT", "The period a figure covers.", False),
        _flag("approximate", "True when the article gives the figure loosely."),
        Column("wording", "TEXT", "The article's own words for the figure.", False),
        Column("date", "TEXT", "When it happened: YYYY, YYYY-MM or YYYY-MM-DD.", False),
        Column("date_precision", "TEXT", "year, month or day.", False, values=_PRECISIONS),
        _flag("date_inferred", "True when the date is worked out, not stated.", False),
        Column("date_wording", "TEXT", "The article's own words the date was inferred from.",
               False),
        Column("date_note", "TEXT", "How the date was worked out.", False),
        Column("text", "TEXT", "The claim in one sentence."),
        _list("attributed_to", "Who said it (entity ids, joined with '; '; one per row in "
              "claim_speakers)."),
        Column("said_in", "TEXT", "Where they said it (an entity id).", False),
        _flag("contested", "True when one side asserts it as fact."),
        Column("derived_formula", "TEXT", "How the editors computed a derived figure.", False),
        Column("derived_inputs", "TEXT", "The claims it was computed from, joined with '; '.",
               False, joined=True),
        Column("note", "TEXT", "An editor's note.", False),
    ), ("id",), (_fk("subject_id", "entities"), _fk("predicate", "predicates"),
                 _fk("object_id", "entities"), _fk("said_in", "entities"))),
    Table("claim_speakers", "Who each attributed claim is attributed to, one row per speaker.", (
        Column("claim_id", "TEXT", "The claim."),
        Column("entity_id", "TEXT", "The speaker."),
    ), ("claim_id", "entity_id"), (_fk("claim_id", "claims"), _fk("entity_id", "entities"))),
    Table("citations", "The verbatim quotes that prove each claim, one row per citation.", (
        Column("claim_id", "TEXT", "The claim."),
        Column("number", "INTEGER", "The citation's position among the claim's citations."),
        *_QUOTE_COLUMNS,
    ), ("claim_id", "number"), (
        _fk("claim_id", "claims"), *_QUOTE_KEYS,
    )),
    Table("event_date_citations", "The verbatim quotes that state each event's own date, one "
          "row per citation.", (
        Column("entity_id", "TEXT", "The event."),
        Column("number", "INTEGER", "The citation's position among the date's citations."),
        *_QUOTE_COLUMNS,
    ), ("entity_id", "number"), (
        _fk("entity_id", "entities"), *_QUOTE_KEYS,
    )),
)

TABLE_INDEX: dict[str, Table] = {table.name: table for table in TABLES}


def _joined(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


def table_rows(database: Database) -> dict[str, list[Row]]:
    """Every table's rows, in a stable order, one value per column of ``TABLES``."""
    vocabulary = database.vocabulary
    entities = database.entities
    rows: dict[str, list[Row]] = {table.name: [] for table in TABLES}
    rows["tags"] = [(name, tag.description) for name, tag in vocabulary.tags.items()]
    rows["predicates"] = [
        (name, p.label, p.inverse, p.kind, _joined(list(p.domain)), _joined(list(p.range)),
         p.description)
        for name, p in vocabulary.predicates.items()
    ]
    for record in entities.values():
        entity = record.entity
        own = entity.date  # an event's own date
        rows["entities"].append((
            record.id, record.type, record.name, _joined(entity.aliases),
            _joined(entity.editor_aliases), entity.summary, "\n".join(entity.notes) or None,
            own.value if own else None, own.precision if own else None,
            own.inferred if own else None, own.wording if own else None,
            own.note if own else None))
        for number, citation in enumerate(own.citations if own else (), 1):
            rows["event_date_citations"].append((
                record.id, number, citation.source, citation.paragraph, citation.quote,
                citation.occurrence, *_located(database, citation, f"{record.id}.date")))
        rows["entity_tags"].extend((record.id, tag) for tag in dict.fromkeys(entity.tags))
        rows["entity_aliases"].extend(
            (record.id, number, alias) for number, alias in enumerate(entity.aliases, 1))
        rows["entity_notes"].extend(
            (record.id, number, note) for number, note in enumerate(entity.notes, 1))
    for source in database.sources.values():
        meta = source.meta
        publisher = entities.get(meta.publisher) if meta.publisher else None
        rows["sources"].append((
            source.id, meta.title, meta.label, meta.publisher,
            publisher.name if publisher else None, meta.date.value, meta.date.precision,
            meta.date.inferred, meta.date.wording, meta.date.note, meta.language, meta.url,
            meta.sha256, meta.supplied.by if meta.supplied else None,
            _joined(list(meta.supplied.fields)) if meta.supplied else None,
            meta.supplied.note if meta.supplied else None,
        ))
        rows["paragraphs"].extend((source.id, p.n, p.kind, p.text) for p in source.paragraphs)
    for ref in database.claims():
        claim = ref.claim
        date = claim.date
        rows["claims"].append((
            ref.id, ref.subject.id, claim.predicate, claim.object, claim.value, claim.unit,
            claim.currency, claim.period, claim.approximate, claim.wording,
            date.value if date else None, date.precision if date else None,
            date.inferred if date else None, date.wording if date else None,
            date.note if date else None, claim.text, _joined(claim.attributed_to),
            claim.said_in, claim.contested,
            claim.derived.formula if claim.derived else None,
            _joined(claim.derived.inputs) if claim.derived else None, claim.note,
        ))
        rows["claim_speakers"].extend(
            (ref.id, speaker) for speaker in dict.fromkeys(claim.attributed_to)
        )
    for cite in database.citations():
        citation = cite.citation
        rows["citations"].append((
            cite.claim.id, cite.number, citation.source, citation.paragraph, citation.quote,
            citation.occurrence, *_located(database, citation, f"{cite.claim.id} {cite.number}"),
        ))
    return rows


def _located(database: Database, citation: Citation, name: str) -> tuple[int, int]:
    """Where the quote of ``citation`` (called ``name`` in the error) is in its paragraph."""
    paragraph = database.sources[citation.source].paragraph(citation.paragraph)
    span = paragraph.folded.locate(citation.quote, citation.occurrence) if paragraph else None
    if span is None:
        raise ValueError(f"{name}: the citation does not locate; the database was not checked")
    return span
