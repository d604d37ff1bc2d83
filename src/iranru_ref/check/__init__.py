"""The checks across records that no single model can make, and loading a project checked.

Ids and references resolve, predicates fit their subject and object, every citation points at a
real paragraph whose text contains the quote verbatim, every source still has the text that
was cited, and no two records have names that read the same (``names.py``). Every problem is
collected; none stops the others from being found.
"""

from __future__ import annotations

from ..database import ClaimRef, Database
from ..errors import Problem, ValidationFailed
from ..load import load_database
from ..load.project import Project
from ..load.records import RecordCache
from ..progress import SILENT, Progress
from .citations import check_citations, citation_problems
from .claims import check_claim, check_tags
from .coverage import uncited_body_paragraphs
from .dates import check_dates, check_event_date
from .names import check_names
from .sources import check_sources


def check_project(project: Project, progress: Progress = SILENT,
                  cache: RecordCache | None = None) -> tuple[Database, list[Problem]]:
    """The project's database as far as it loads, and every problem found in it (``cache``:
    see ``load.records.RecordCache``)."""
    database, problems = load_database(project, progress, cache)
    with progress.stage("check"):
        problems.extend(check_database(database))
        name_problems, database.warnings = check_names(database)
        problems.extend(name_problems)
    return database, problems


def load_checked(project: Project, progress: Progress = SILENT,
                 cache: RecordCache | None = None) -> Database:
    """The project's database, every check passed; otherwise ``ValidationFailed`` with every
    problem found. What the checks needed only for their messages is let go."""
    database, problems = check_project(project, progress, cache)
    if problems:
        raise ValidationFailed(problems)
    database.release_documents()
    return database


def check_database(database: Database) -> list[Problem]:
    """Every problem across records. What could not be loaded (``Database.broken_ids`` and the
    like) already has a problem of its own, so references to it are not reported again."""
    problems = check_sources(database)
    if database.settings.require_full_coverage:
        problems.extend(uncited_body_paragraphs(database))
    referenced: set[str] = set()
    claim_ids = database.claim_index()
    for record in database.entities.values():
        problems.extend(check_tags(database, record))
        if record.entity.date is not None:
            problems.extend(check_event_date(database, record))
            problems.extend(citation_problems(database, record, record.entity.date.citations,
                                              "date", ("date",)))
        first_claims: dict[str, int] = {}  # a claim id's first index in the record
        for index, claim in enumerate(record.entity.claims):
            ref = ClaimRef(record, index, claim)
            first = first_claims.setdefault(claim.id, index)
            if first != index:
                problems.append(
                    Problem(record.document.display, record.claim_line(index, "id"),
                            f"{ref.path}.id: the claim id {claim.id!r} is already used on line "
                            f"{record.claim_line(first, 'id')}; claim ids are unique within a record")
                )
            problems.extend(check_claim(database, ref, referenced, claim_ids))
            problems.extend(check_citations(database, ref))
            problems.extend(check_dates(database, ref))
            if claim.object:
                referenced.add(claim.object)
        if record.entity.claims or record.entity.date:
            referenced.add(record.id)  # its own claims, or its own date, cite it
    for source in database.sources.values():
        if source.meta.publisher:
            referenced.add(source.meta.publisher)
    # A broken record's own claims are unknown, so orphans can only be judged without one.
    for record in database.entities.values() if not database.broken_ids else ():
        if record.id not in referenced:
            problems.append(
                Problem(record.document.display, 1,
                        f"nothing cites {record.id!r}: add a claim to this record, or make it the "
                        "object of another record's claim, so the page has a source")
            )
    return problems
