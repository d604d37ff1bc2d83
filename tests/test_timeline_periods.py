"""A long timeline is cut by period: an index of its years (or spans of sparse years) with
the count of entries on each, and a page per period; a year too long for a page is cut by
month. Each tag has a timeline of its own, cut the same way. Run on the benchmark's tiny
corpus with small parts, so that every kind of cut happens; expectations come from the
database."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import benchmark_module
from tree_links import target

from iranru_ref.check import load_checked
from iranru_ref.database import ClaimRef, Database
from iranru_ref.load.project import Project
from iranru_ref.site import paging, periods
from iranru_ref.site.explore_pages import dated_claims
from iranru_ref.site.generate import generate
from iranru_ref.site.periods import Period
from iranru_ref.site.views import EVENT_DATE_ANCHOR, TimelineEntry, entry_date
from iranru_ref.urls import entity_page, tag_page, tag_timeline_page

PER_PART = 6
SPARSE = 3


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Database:
    root = benchmark_module("corpus").write_corpus(
        "tiny", tmp_path_factory.mktemp("corpus") / "tiny")
    return load_checked(Project.find(root))


@pytest.fixture(scope="module")
def tree(database: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny corpus's tree with timeline pages of at most 6 entries, spans of years that
    take in another while they hold fewer than 3."""
    tree = tmp_path_factory.mktemp("tree") / "docs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PER_PART", PER_PART)
        patch.setattr(periods, "SPARSE", SPARSE)
        generate(database, Project.find(database.root), tree)
    return tree


def _value(entry: TimelineEntry) -> str:
    return entry_date(entry).value


def _within(period: Period, value: str) -> bool:
    """Whether a date ``value`` lies in the period that ``period``'s label names."""
    label = period.label.split(", part ")[0]
    if label.endswith(", year only"):
        return value == label.removesuffix(", year only")
    first, _, last = label.replace(" – ", "–").partition("–")
    last = last or first
    return first <= value[:len(first)] <= last


@pytest.mark.parametrize("limit, sparse", [(300, 100), (40, 10), (12, 5), (6, 3), (3, 1),
                                           (2, 1)])
def test_periods_hold_every_claim_once_in_order_each_within_its_dates(
        database: Database, monkeypatch: pytest.MonkeyPatch, limit: int, sparse: int) -> None:
    monkeypatch.setattr(periods, "SPARSE", sparse)
    dated = dated_claims(database)
    found = periods.periods(dated, limit)
    assert [ref for period in found for ref in period.refs] == dated
    assert [period.offset for period in found] == [
        sum(len(p.refs) for p in found[:n]) for n in range(len(found))]
    assert len({period.slug for period in found}) == len(found)
    years = {}
    for period in found:
        assert 0 < len(period.refs) <= limit
        assert all(_within(period, _value(ref)) for ref in period.refs), period.label
        years.setdefault(period.years, []).append(period)
    for span, within in years.items():
        count = sum(len(p.refs) for p in within)
        if len(within) > 1 or within[0].label != span:  # cut by month: a single long year
            assert "–" not in span and count > limit
    # years share a period only while it is sparse: a period ends where the next year would
    # have taken it past the limit, or once it held SPARSE entries
    spans = [p for p in found if p.label == p.years]
    for span in spans:
        last = _value(span.refs[-1])[:4]
        assert sum(1 for ref in span.refs if _value(ref)[:4] != last) < max(sparse, 1) or (
            "–" not in span.label), span.label
    for before, after in zip(found, found[1:], strict=False):
        if before in spans and after in spans:
            following = sum(1 for ref in after.refs if _value(ref)[:4] == after.label[:4])
            assert len(before.refs) >= sparse or len(before.refs) + following > limit


def test_every_kind_of_cut_happens_in_the_fixture(database: Database,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Spans of years, years, years cut by month, and (with parts of two) parts by count."""
    monkeypatch.setattr(periods, "SPARSE", SPARSE)
    labels = [period.label for period in periods.periods(dated_claims(database), PER_PART)]
    monkeypatch.setattr(periods, "SPARSE", 1)
    labels += [period.label for period in periods.periods(dated_claims(database), 2)]
    assert any(re.fullmatch(r"\d{4}", label) for label in labels)
    assert any(re.fullmatch(r"\d{4}–\d{4}", label) for label in labels)
    assert any(label.endswith(", year only") for label in labels)
    assert any(re.match(r"\d{4}-\d{2}", label) for label in labels)
    assert any(", part " in label for label in labels)


_ENTRY = re.compile(r'<li class="timeline-item" id="t-(\d+)">(.*?)</li>\n')
_SUBJECT = re.compile(r'<span class="claim-subject">— on <a href="([^"]+)">')


def _timeline(tree: Path, first: str) -> tuple[list[tuple[str, int]], list[str]]:
    """The periods an index page lists (each page and its stated count), and the entries on
    their pages, each as the subject page and claim anchor its subject link opens."""
    text = (tree / first).read_text("utf-8")
    listed = re.findall(r'<li><a href="([^"]+)">[^<]+</a> <span class="count">([\d,]+)', text)
    pages = [(target(tree, first, href), int(count.replace(",", ""))) for href, count in listed]
    entries: list[str] = []
    for page, count in pages:
        found = _ENTRY.findall((tree / page).read_text("utf-8"))
        assert len(found) == count, page
        assert [int(n) for n, _ in found] == list(range(len(entries) + 1, len(entries) + count + 1))
        for _, body in found:
            href = _SUBJECT.findall(body)[-1]
            entries.append(f"{target(tree, page, href)}#{href.rpartition('#')[2]}")
    return pages, entries


def _expected(entries: Sequence[TimelineEntry]) -> list[str]:
    """Each entry as the subject page and anchor its link opens: a claim's, or an event's own
    date."""
    return [f"{entity_page(entry.subject.type, entry.subject.id)}#"
            f"{entry.anchor if isinstance(entry, ClaimRef) else EVENT_DATE_ANCHOR}"
            for entry in entries]


def test_the_timeline_index_counts_each_period_and_its_pages_hold_exactly_those_entries(
        database: Database, tree: Path) -> None:
    dated = dated_claims(database)
    pages, entries = _timeline(tree, "timeline.md")
    assert len(pages) > 1 and sum(count for _, count in pages) == len(dated)
    assert entries == _expected(dated)
    assert all(page.startswith("timeline/") for page, _ in pages)
    # the index also groups a year cut by month under the year, with the year's total
    index = (tree / "timeline.md").read_text("utf-8")
    for year, total, inner in re.findall(
            r'<li><strong>(\d{4})</strong> <span class="count">([\d,]+) entries</span><ul>(.*?)</ul>',
            index):
        counts = [int(n.replace(",", "")) for n in re.findall(r'class="count">([\d,]+)<', inner)]
        assert sum(counts) == int(total.replace(",", "")) == sum(
            1 for ref in dated if _value(ref)[:4] == year)


def test_each_period_page_links_to_the_others_and_back_to_the_index(tree: Path) -> None:
    pages, _ = _timeline(tree, "timeline.md")
    for number, (page, _count) in enumerate(pages, 1):
        text = (tree / page).read_text("utf-8")
        assert f"Period {number} of {len(pages)}:" in text
        up = re.findall(r'<p class="timeline-up"[^>]*><a href="([^"]+)"', text)
        assert target(tree, page, up[0]) == "timeline.md"
        following = re.findall(r'<p class="listing-next"[^>]*><a href="([^"]+)">Next period', text)
        assert [target(tree, page, href) for href in following] == (
            [pages[number][0]] if number < len(pages) else [])


def test_each_tag_has_a_timeline_of_the_claims_about_its_entities(
        database: Database, tree: Path) -> None:
    dated = dated_claims(database)
    main = (tree / "timeline.md").read_text("utf-8")
    linked = dict(re.findall(
        r'<a class="timeline-tag" href="([^"]+)"[^>]*>[^<]+<span class="count">([\d,]+)', main))
    seen = 0
    for tag in database.vocabulary.tags:
        refs = [ref for ref in dated if tag in ref.subject.entity.tags]
        tag_text = (tree / tag_page(tag)).read_text("utf-8") if refs else ""
        if not refs:
            assert not (tree / tag_timeline_page(tag)).exists()
            continue
        seen += 1
        href = next(h for h in linked if target(tree, "timeline.md", h) == tag_timeline_page(tag))
        assert int(linked[href].replace(",", "")) == len(refs)
        assert f'({len(refs)} entr' in tag_text
        if len(refs) <= PER_PART:
            entries = [f"{target(tree, tag_timeline_page(tag), h)}#{h.rpartition('#')[2]}"
                       for _, body in _ENTRY.findall(
                           (tree / tag_timeline_page(tag)).read_text("utf-8"))
                       for h in _SUBJECT.findall(body)[-1:]]
        else:
            _, entries = _timeline(tree, tag_timeline_page(tag))
        assert entries == _expected(refs), tag
    assert seen > 1


def test_every_citation_on_a_timeline_opens_its_quote_on_the_source_page(tree: Path) -> None:
    pages = [path.relative_to(tree).as_posix() for path in
             [tree / "timeline.md", *tree.glob("timeline/*.md"), *tree.glob("tag/*/timeline.md"),
              *tree.glob("tag/*/timeline/*.md")]]
    checked = 0
    anchors: dict[str, set[str]] = {}
    for page in pages:
        for href in re.findall(r'<a class="cite" href="([^"]+)"', (tree / page).read_text("utf-8")):
            source = target(tree, page, href)
            if source not in anchors:
                anchors[source] = set(re.findall(r' id="([^"]+)"', (tree / source).read_text()))
            assert source.startswith("sources/") and href.rpartition("#")[2] in anchors[source]
            checked += 1
    assert checked > len(pages)
