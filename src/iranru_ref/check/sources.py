"""Checks of the sources: each text is the one that was cited, and each publisher is an organisation."""

from __future__ import annotations

from collections import defaultdict

from ..database import ClaimRef, Database
from ..errors import Problem
from ..suggest import did_you_mean


def check_sources(database: Database) -> list[Problem]:
    problems: list[Problem] = []
    citing: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in database.claims():
        for citation in ref.claim.citations:
            if not citing[citation.source] or citing[citation.source][-1] is not ref:
                citing[citation.source].append(ref)
    for source in database.sources.values():
        document = database.source_documents[source.id]
        if source.actual_sha256 != source.meta.sha256:
            refs = citing.get(source.id, [])
            listing = "; ".join(
                f"{ref.id} ({ref.subject.document.display}:{ref.subject.claim_line(ref.index)})"
                for ref in refs
            ) or "none yet"
            problems.append(
                Problem(document.display, document.line_of(("sha256",)),
                        f"sha256: the text of sources/{source.id}.txt has changed since it was "
                        f"cited (recorded {source.meta.sha256}, found a text whose hash starts "
                        f"{source.actual_sha256[:12]}…). Re-check the quotes of the claims that "
                        f"cite it, then record the text's new hash, which `sha256sum "
                        f"sources/{source.id}.txt` prints. Claims to re-check: {listing}")
            )
        publisher = source.meta.publisher
        if publisher is not None:
            target = database.entities.get(publisher)
            if target is None and publisher in database.broken_ids:
                pass
            elif target is None:
                problems.append(
                    Problem(document.display, document.line_of(("publisher",)),
                            f"publisher: no record has the id {publisher!r}"
                            f"{did_you_mean(publisher, database.entities)}; add "
                            f"data/organizations/{publisher}.yml or fix the id")
                )
            elif target.type != "organization":
                problems.append(
                    Problem(document.display, document.line_of(("publisher",)),
                            f"publisher: expected an organization, got {target.type} {publisher!r}")
                )
    return problems
