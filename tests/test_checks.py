"""Pass 2: the cross-checks over the whole project, reported as file:line: message."""

from __future__ import annotations

import hashlib
import re
import textwrap
from pathlib import Path

import pytest

from iranru_ref.check import load_checked
from iranru_ref.errors import ValidationFailed
from iranru_ref.load.project import Project

QUOTE = "Russia’s ambassador to the Islamic Republic of Iran"


def write(project: Path, relative: str, text: str) -> None:
    path = project / "data" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def problems(project: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as exc:
        load_checked(Project.find(project))
    return [str(p) for p in exc.value.problems]


def record(claim: str, name: str = "Test Person") -> str:
    return f"""\
name: {name}
tags: [diplomacy]
claims:
  - id: c1
{textwrap.indent(textwrap.dedent(claim), "    ")}"""


def test_repository_data_passes(project: Path) -> None:
    database = load_checked(Project.find(project))
    assert database.entities and database.sources


def test_a_valid_new_record_passes(project: Path) -> None:
    write(project, "people/test-person.yml", record(f"""\
        predicate: ambassador_to
        object: iran
        text: The test person is an ambassador to Iran.
        citations:
          - {{source: dedov-sputnik-2023, paragraph: 1, quote: "{QUOTE}"}}
    """))
    database = load_checked(Project.find(project))
    assert "test-person" in database.entities


@pytest.mark.parametrize(
    ("claim", "line", "message"),
    [
        ("""\
            predicate: ambassador_to
            object: nobody-at-all
            text: x
            citations: [{source: dedov-sputnik-2023, paragraph: 1, quote: "Iran"}]
         """, 6, "no record has the id 'nobody-at-all'"),
        ("""\
            predicate: ambassador_to
            object: alexey-dedov
            text: x
            citations: [{source: dedov-sputnik-2023, paragraph: 1, quote: "Iran"}]
         """, 6, "expects an object of type place, got person 'alexey-dedov'"),
        ("""\
            predicate: no_such_predicate
            text: x
            citations: [{source: dedov-sputnik-2023, paragraph: 1, quote: "Iran"}]
         """, 5, "unknown predicate 'no_such_predicate'"),
        ("""\
            predicate: fact
            text: x
            citations: [{source: no-such-source, paragraph: 1, quote: "Iran"}]
         """, 7, "no source has the id 'no-such-source'"),
        ("""\
            predicate: fact
            text: x
            citations: [{source: dedov-sputnik-2023, paragraph: 999, quote: "Iran"}]
         """, 7, "has paragraphs 1 to"),
        ("""\
            predicate: fact
            text: x
            citations:
              - source: dedov-sputnik-2023
                paragraph: 1
                quote: Russia's ambassador
         """, 10, "is not a verbatim span"),
        ("""\
            predicate: fact
            text: x
            citations:
              - source: dedov-sputnik-2023
                paragraph: 1
                quote: The ambassador, who presented his credentials
         """, 10, "is in paragraph 3; fix the paragraph number"),
        ("""\
            predicate: fact
            text: x
            citations:
              - source: dedov-sputnik-2023
                paragraph: 1
                quote: "strategic character. Iran PressIran News:"
         """, 10, "runs across two paragraphs"),
        ("""\
            predicate: fact
            text: x
            citations:
              - source: dedov-sputnik-2023
                paragraph: 2
                quote: Russia
         """, 10, "occurs 2 times in paragraph 2"),
        ("""\
            predicate: amount
            text: x
            citations: [{source: dedov-sputnik-2023, paragraph: 1, quote: "Iran"}]
         """, 4, "is a quantity and needs 'value' and 'unit'"),
        ("""\
            predicate: fact
            text: x
            attributed_to: [iran-press-but-wrong]
            citations: [{source: dedov-sputnik-2023, paragraph: 1, quote: "Iran"}]
         """, 7, "attributed_to[0]: no record has the id"),
    ],
)
def test_cross_check_problems(project: Path, claim: str, line: int, message: str) -> None:
    write(project, "people/test-person.yml", record(claim))
    found = problems(project)
    matching = [p for p in found if p.startswith("data/people/test-person.yml:") and message in p]
    assert matching, found
    assert matching[0].startswith(f"data/people/test-person.yml:{line}:"), matching


def test_occurrence_disambiguates_a_repeated_quote(project: Path) -> None:
    write(project, "people/test-person.yml", record("""\
        predicate: fact
        text: x
        citations:
          - {source: dedov-sputnik-2023, paragraph: 2, quote: the, occurrence: 2}
    """))
    load_checked(Project.find(project))


def test_every_problem_is_reported_in_one_run(project: Path) -> None:
    write(project, "people/test-person.yml", record("""\
        predicate: fact
        text: x
        citations: [{source: nope, paragraph: 1, quote: q}]
    """))
    write(project, "people/other-person.yml", record("""\
        predicate: fact
        text: y
        citations: []
    """))
    write(project, "places/Bad Name.yml", "name: X\ntags: [diplomacy]\n")
    write(project, "places/unknown-tag.yml", "name: Y\ntags: [gardening]\nclaims: []\n")
    found = problems(project)
    joined = "\n".join(found)
    assert "no source has the id 'nope'" in joined
    assert "at least one citation" in joined
    assert "data/places/Bad Name.yml:1: the file name 'Bad Name' is not a valid id" in joined
    assert "data/places/unknown-tag.yml:2: tags[0]: unknown tag 'gardening'" in joined


def test_an_entity_nothing_cites_is_reported(project: Path) -> None:
    write(project, "places/atlantis.yml", "name: Atlantis\ntags: [diplomacy]\n")
    assert "data/places/atlantis.yml:1: nothing cites 'atlantis'" in "\n".join(problems(project))


def test_duplicate_ids_across_folders(project: Path) -> None:
    write(project, "places/alexey-dedov.yml", "name: X\ntags: [diplomacy]\n")
    assert any("data/places/alexey-dedov.yml:1: the id 'alexey-dedov' is already used" in p
               or "data/people/alexey-dedov.yml:1: the id 'alexey-dedov' is already used" in p
               for p in problems(project))


def test_changed_source_lists_the_claims_to_recheck(project: Path) -> None:
    text = project / "sources" / "dedov-sputnik-2023.txt"
    text.write_bytes(text.read_bytes().replace(b"steady upward", b"steady upwards"))
    found = [p for p in problems(project) if "has changed since it was cited" in p]
    assert len(found) == 1
    assert found[0].startswith("sources/dedov-sputnik-2023.yml:")
    assert "alexey-dedov.ambassador-to-iran (data/people/alexey-dedov.yml:" in found[0]


def test_unknown_field_lists_the_expected_fields(project: Path) -> None:
    write(project, "people/test-person.yml", "name: X\ntags: [diplomacy]\ncolour: red\n")
    found = problems(project)
    assert any(p.startswith("data/people/test-person.yml:3: colour: unknown field 'colour'; "
                            "expected one of: name, aliases") for p in found), found


def test_an_unknown_field_with_a_line_break_in_its_name_stays_on_one_line(project: Path) -> None:
    write(project, "people/test-person.yml", "name: X\ntags: [diplomacy]\n? \"\\n\"\n: red\n")
    found = [p for p in problems(project) if p.startswith("data/people/test-person.yml:")]
    assert len(found) == 1 and "\n" not in found[0], found
    assert found[0].startswith("data/people/test-person.yml:3: '\\n': unknown field '\\n'; "
                               "expected one of: name, aliases"), found


def test_a_quote_that_differs_shows_the_closest_passage_and_the_first_difference(
        project: Path) -> None:
    straight = QUOTE.replace("’", "'")
    write(project, "people/test-person.yml", record(f"""\
        predicate: ambassador_to
        object: iran
        text: An ambassador.
        citations:
          - {{source: dedov-sputnik-2023, paragraph: 1, quote: "{straight}"}}
    """))
    [found] = problems(project)
    assert "the closest passage reads 'Russia⟦’⟧s ambassador" in found
    assert "'’' (U+2019) where the quote has \"'\" (U+0027) after 'Russia'" in found


@pytest.mark.parametrize(("quote", "reported"), [
    ("ussia’s ambassador", "starts in the middle of the word 'Russia’s'"),
    ("Russia’s ambassad", "ends in the middle of the word 'ambassador'"),
])
def test_a_quote_must_start_and_end_on_word_boundaries(
        project: Path, quote: str, reported: str) -> None:
    write(project, "people/test-person.yml", record(f"""\
        predicate: ambassador_to
        object: iran
        text: An ambassador.
        citations:
          - {{source: dedov-sputnik-2023, paragraph: 1, quote: "{quote}"}}
    """))
    [found] = problems(project)
    assert f"the quote {reported} in paragraph 1; quote whole words" in found


def test_an_unknown_id_gets_the_closest_known_ones(project: Path) -> None:
    write(project, "people/test-person.yml", record(f"""\
        predicate: ambassador_to
        object: irann
        text: An ambassador.
        attributed_to: [alexey-dedv]
        citations:
          - {{source: dedov-sputnik-2023, paragraph: 1, quote: "{QUOTE}"}}
    """))
    found = problems(project)
    assert any("no record has the id 'irann' (did you mean 'iran'" in p for p in found), found
    assert any("no record has the id 'alexey-dedv' (did you mean 'alexey-dedov'?)" in p
               for p in found), found


def test_a_misspelt_required_field_is_one_message_saying_to_rename_it(project: Path) -> None:
    write(project, "people/test-person.yml", record(f"""\
        predicate: ambassador_to
        object: iran
        text: An ambassador.
        citation:
          - {{source: dedov-sputnik-2023, paragraph: 1, quote: "{QUOTE}"}}
    """))
    assert problems(project) == [
        "data/people/test-person.yml:8: claims[c1].citation: unknown field 'citation'; rename it "
        "to the required field 'citations'"]


def test_full_coverage_can_be_required(project: Path) -> None:
    """With ``require_full_coverage`` (on in this repository's mkdocs.yml), a body paragraph no
    claim cites is an error naming the source's metadata file; without it, only a gap."""
    text = project / "sources" / "dedov-sputnik-2023.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n\nAn added paragraph nobody cites.\n",
                    encoding="utf-8")
    meta = project / "sources" / "dedov-sputnik-2023.yml"
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    meta.write_text(re.sub(r"sha256: \w+", f"sha256: {digest}", meta.read_text("utf-8")),
                    encoding="utf-8")
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("sources/dedov-sputnik-2023.yml:")
    assert "is a body paragraph that no claim cites, and full coverage is required" in found[0]
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("require_full_coverage: true",
                                                        "require_full_coverage: false"))
    load_checked(Project.find(project))


def test_check_prints_coverage_even_when_there_are_problems(project: Path) -> None:
    from click.testing import CliRunner

    from iranru_ref.cli import cli

    write(project, "people/test-person.yml", record("""\
        predicate: fact
        text: x
        citations: [{source: nope, paragraph: 1, quote: q}]
    """))
    result = CliRunner().invoke(cli, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert "no source has the id 'nope'" in result.output
    assert "coverage: dedov-sputnik-2023: " in result.output
    assert "ok:" not in result.output


def test_an_inferred_date_after_its_source_is_an_error_unless_a_note_explains_it(
        project: Path) -> None:
    claim = f"""\
        predicate: ambassador_to
        object: iran
        text: An ambassador.
        date: {{value: 2030-07, precision: month, inferred: true, wording: last July}}
        citations:
          - {{source: dedov-sputnik-2023, paragraph: 1, quote: "{QUOTE}"}}
    """
    write(project, "people/test-person.yml", record(claim))
    [found] = problems(project)
    assert "claims[c1].date: 2030-07 is inferred from the wording 'last July' of " \
           "dedov-sputnik-2023, which dates from 2023: it cannot come after its source" in found
    write(project, "people/test-person.yml", record(claim.replace(
        "wording: last July}", "wording: last July, note: The report was updated in 2030.}")))
    load_checked(Project.find(project))


def test_messages_name_a_claim_by_its_id_not_its_position(project: Path) -> None:
    """A problem found by the record's model and one found across records both name the claim
    by its id; a claim whose id is not valid yet, or is all digits, cannot be mistaken for a
    position."""
    cited = f'{{source: dedov-sputnik-2023, paragraph: 1, quote: "{QUOTE}"}}'
    write(project, "people/test-person.yml", f"""\
name: Test Person
tags: [diplomacy]
claims:
  - {{id: first, predicate: fact, text: A fact., citations: [{cited}]}}
  - id: signed-treaty
    predicate: fact
    text: Another.
    citations: [{cited[:-1]}, page: 3}}]
  - {{id: Not A Slug, predicate: fact, citations: [{cited}]}}
""")
    found = problems(project)
    assert any(": claims[signed-treaty].citations[0].page: unknown field 'page'" in p
               for p in found), found
    assert any(": claims[2].text: required field 'text' is missing" in p for p in found), found
    assert any(": claims[2].id: an id is lowercase letters" in p for p in found), found
    write(project, "people/test-person.yml", f"""\
name: Test Person
tags: [diplomacy]
claims:
  - {{id: first, predicate: fact, text: A fact., citations: [{cited}]}}
  - {{id: "2025", predicate: fact, text: x, citations: [{{source: nope, paragraph: 1, quote: q}}]}}
""")
    found = problems(project)
    assert any(": claims['2025'].citations[0].source: no source has the id 'nope'" in p
               for p in found), found
    assert not any("claims[1]" in p for p in found), found
