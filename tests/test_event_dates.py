"""An event's own date: cited like a claim, checked, shown once on the timeline and on the
event's page, and carried by every download, so that the claims about the event need no date."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import exported
from test_bad_inputs import BASE, drop_in

from iranru_ref.check import load_checked
from iranru_ref.cli import cli
from iranru_ref.load.project import Project
from iranru_ref.site.generate import generate_tree
from iranru_ref.site.views import EventDateRef, dated_entries

#: an event of the test article, dated by its own date; one of its claims has the same date
#: (which the event's entry stands for on the timeline), another one a date of its own
MEETING = """\
name: Test ministers' meeting in Moscow
tags: [diplomacy]
date:
  value: 2024-01-16
  precision: day
  inferred: true
  wording: on Tuesday
  note: The article is dated Tuesday 16 January 2024 and reports the meeting "on Tuesday".
  citations:
    - source: test-article
      paragraph: 2
      quote: met in Moscow on Tuesday
claims:
  - id: held-in-moscow
    predicate: fact
    text: The ministers of both countries met in Moscow.
    citations:
      - {source: test-article, paragraph: 2, quote: The ministers of both countries met in Moscow}
  - id: on-tuesday
    predicate: fact
    text: The ministers met on Tuesday.
    date: {value: 2024-01-16, precision: day, inferred: true, wording: on Tuesday}
    citations:
      - {source: test-article, paragraph: 2, quote: met in Moscow on Tuesday}
  - id: trade-last-year
    predicate: fact
    text: The ministers said trade reached 5 billion dollars last year.
    date: {value: 2023, precision: year, inferred: true, wording: last year}
    citations:
      - {source: test-article, paragraph: 3, quote: reached 5 billion dollars last year}
"""
EVENT = "test-ministers-meeting"
#: a claim of another record about the event, of the event's date: the event stands for it
MINISTER = f"""\
name: Test Minister
tags: [diplomacy]
claims:
  - id: attended
    predicate: participated_in
    object: {EVENT}
    text: The minister attended the meeting on Tuesday.
    date: {{value: 2024-01-16, precision: day, inferred: true, wording: on Tuesday}}
    citations:
      - {{source: test-article, paragraph: 2, quote: The ministers of both countries met}}
"""


@pytest.fixture
def dated(project: Path) -> Path:
    drop_in(BASE, project)
    (project / "data" / "events" / f"{EVENT}.yml").write_text(MEETING, "utf-8")
    (project / "data" / "people" / "test-minister.yml").write_text(MINISTER, "utf-8")
    return project


def test_the_check_passes_and_the_timeline_has_the_event_once(
        dated: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--root", str(dated)])
    assert result.exit_code == 0, result.output
    database = load_checked(Project.find(dated))
    entries = dated_entries(database)
    assert not any(entry.subject.id == "test-minister" for entry in entries)
    mine = [entry for entry in entries if entry.subject.id == EVENT]
    assert len(mine) == 2 and isinstance(mine[1], EventDateRef)
    assert not isinstance(mine[0], EventDateRef) and mine[0].claim.id == "trade-last-year"
    position = entries.index(mine[1])
    dates = [entry.date if isinstance(entry, EventDateRef) else entry.claim.date
             for entry in entries]
    assert all(date is not None for date in dates)
    values = [date.value for date in dates if date is not None]
    assert values == sorted(values) and values[position] == "2024-01-16"


def test_the_event_page_and_the_timeline_show_the_date_with_its_citation(
        dated: Path, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    generate_tree(Project.find(dated), tree)
    page = (tree / "events" / f"{EVENT}.md").read_text("utf-8")
    assert '<dt>Date</dt> <dd id="event-date">' in page
    assert "2024-01-16 (inferred from “on Tuesday”)" in page
    anchor = f"cite-{EVENT}.date-1"
    assert f'href="../../sources/test-article/#{anchor}"' in page
    source = (tree / "sources" / "test-article.md").read_text("utf-8")
    assert f'<span class="cite-target" id="{anchor}"></span>' in source
    marked = source.split(f'id="{anchor}"></span>', 1)[1]
    assert marked.startswith('<mark class="cited" data-cites="') and anchor in marked.split(">")[0]
    assert f"events/{EVENT}/#event-date" in source
    assert "reports the meeting &#34;on Tuesday&#34;" in page
    assert "Key dates" in page and "The minister attended" not in page.split("Key dates")[1]
    # the timeline's pages (each tag's timeline lists the event too)
    pages = {tree / "timeline.md", *(tree / "timeline").rglob("*.md")}
    timeline = "".join(path.read_text("utf-8") for path in sorted(pages))
    entries = [line for line in timeline.splitlines() if f"events/{EVENT}/#event-date" in line]
    assert len(entries) == 1, entries
    assert "Test ministers&#39; meeting in Moscow</a>" in entries[0]
    assert ">2024-01-16, approx.<" in entries[0]


def test_every_download_carries_the_date(dated: Path) -> None:
    downloads = exported(load_checked(Project.find(dated)))
    document = json.loads(downloads["database.json"])
    event = next(e for e in document["entities"] if e["id"] == EVENT)
    assert (event["date"], event["date_precision"]) == ("2024-01-16", "day")
    assert event["date_detail"]["wording"] == "on Tuesday" and event["date_detail"]["inferred"]
    assert event["date_citations"] == [
        {"source": "test-article", "paragraph": 2, "quote": "met in Moscow on Tuesday"}]
    assert all(e["date"] is None and e["date_citations"] == []
               for e in document["entities"] if e["type"] != "event")

    rows = list(csv.DictReader(io.StringIO(downloads["entities.csv"].decode("utf-8"))))
    row = next(r for r in rows if r["id"] == EVENT)
    assert (row["date"], row["date_precision"], row["date_inferred"]) == (
        "2024-01-16", "day", "true")
    cited = list(csv.DictReader(io.StringIO(
        downloads["event_date_citations.csv"].decode("utf-8"))))
    assert [(r["entity_id"], r["quote"]) for r in cited if r["entity_id"] == EVENT] == [
        (EVENT, "met in Moscow on Tuesday")]

    path = dated / "downloaded.sqlite"
    path.write_bytes(downloads["iranru.sqlite"])
    with sqlite3.connect(path) as connection:
        found = connection.execute(
            "SELECT e.date, c.paragraph, substr(p.text, c.quote_start + 1, "
            "c.quote_end - c.quote_start) FROM entities e JOIN event_date_citations c "
            "ON c.entity_id = e.id JOIN paragraphs p ON p.source_id = c.source_id AND "
            "p.n = c.paragraph WHERE e.id = ?", (EVENT,)).fetchall()
    assert found == [("2024-01-16", 2, "met in Moscow on Tuesday")]
