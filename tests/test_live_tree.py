"""The tree a serving process keeps up to date: after each edit it holds exactly what a whole
generation would write (the downloads aside, which only the first update exports), and only the
files whose content changed were written."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import benchmark_module

from iranru_ref.check import check_project, load_checked
from iranru_ref.errors import IranruError
from iranru_ref.load.project import Project
from iranru_ref.load.records import RecordCache
from iranru_ref.site import entity_pages, paging
from iranru_ref.site.entity_lists import reported
from iranru_ref.site.generate import generate
from iranru_ref.site.live_tree import LiveTree
from iranru_ref.site.tree import MARKER
from iranru_ref.urls import reported_page

corpus = benchmark_module("corpus")


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[Path]:
    """The tiny corpus, with listings cut into parts of five, entity graphs at three
    neighbours and an entity's lists at two entities a relation, one source and one claim it
    said, so that edits move entries across parts and change which neighbours a graph draws
    and a list shows; coverage is not required, so that claims may go."""
    root = corpus.write_corpus("tiny", tmp_path / "tiny")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "require_full_coverage: true", "require_full_coverage: false"), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PER_PART", 5)
        patch.setattr(entity_pages, "NEIGHBOURS_DRAWN", 3)
        patch.setattr(entity_pages, "RELATED_SHOWN", 2)
        patch.setattr(entity_pages, "SOURCES_SHOWN", 1)
        patch.setattr(entity_pages, "REPORTED_SHOWN", 1)
        yield root


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def mtimes(root: Path) -> dict[str, int]:
    return {path.relative_to(root).as_posix(): path.stat().st_mtime_ns
            for path in root.rglob("*") if path.is_file()}


def without_downloads(tree: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in tree.items()
            if not name.startswith("data/") and name != "downloads.md"}


def whole_generation(project: Path, target: Path) -> dict[str, bytes]:
    shutil.rmtree(target, ignore_errors=True)
    generate(load_checked(Project.find(project)), Project.find(project), target)
    return files(target)


def edit_record(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(corpus._dump(record), encoding="utf-8")


def record_path(root: Path, entity_id: str) -> Path:
    return next((root / "data").glob(f"*/{entity_id}.yml"))


class Updates:
    """A live tree of ``root`` in ``tree``, checked after every update against a whole
    generation into ``whole``."""

    def __init__(self, root: Path, tree: Path, whole: Path) -> None:
        self.root, self.tree, self.whole = root, tree, whole
        self.live = LiveTree(Project.find(root), tree)
        self.live.update()

    def database(self) -> Any:
        return load_checked(Project.find(self.root))

    def check(self, expect_whole: bool = False) -> tuple[str, ...]:
        before, stamps = files(self.tree), mtimes(self.tree)
        update = self.live.update()
        after = files(self.tree)
        assert without_downloads(after) == without_downloads(whole_generation(self.root,
                                                                              self.whole))
        assert update.whole == expect_whole
        rewritten = {name for name, stamp in mtimes(self.tree).items()
                     if stamps.get(name) != stamp}
        differing = {name for name in after if before.get(name) != after[name]}
        assert rewritten == differing == set(update.changed)
        assert set(update.removed) == before.keys() - after.keys()
        return update.changed


@pytest.mark.slow  # a whole generation after each of twenty edits
def test_each_edit_leaves_the_tree_a_whole_generation_would_write(tiny: Path,
                                                                  tmp_path: Path) -> None:
    updates = Updates(tiny, tmp_path / "tree", tmp_path / "whole")
    assert (tmp_path / "tree" / MARKER).is_file()
    assert (tmp_path / "tree" / "data" / "index.json").is_file()  # the downloads
    database = updates.database()
    hub = max(database.entities.values(),
              key=lambda r: sum(ref.claim.object == r.id for ref in database.claims()))

    # a hub renamed: its page, every page naming it, its sources and the listings
    edit_record(record_path(tiny, hub.id), lambda record: record.update(name="Renamed Hub Entity"))
    changed = updates.check()
    assert entity_pages.entity_page(hub.type, hub.id) in changed
    pages = {entity_pages.entity_page(r.type, r.id) for r in database.entities.values()}
    assert 1 < len(pages.intersection(changed)) < len(pages)

    # a relation retargeted to another entity of the same type, then removed
    ref = next(ref for ref in database.claims()
               if ref.claim.object and len(ref.subject.entity.claims) > 1
               and ref.claim.object != hub.id)
    other = next(r.id for r in database.entities.values()
                 if r.type == database.entities[ref.claim.object].type
                 and r.id not in (ref.claim.object, ref.subject.id))
    path = record_path(tiny, ref.subject.id)
    edit_record(path, lambda record: record["claims"][ref.index].update(object=other))
    updates.check()
    edit_record(path, lambda record: record["claims"].pop(ref.index))
    updates.check()

    # a claim no longer said at an event whose page showed one of its two: the complete list
    # of what was said there goes
    database = updates.database()
    about = entity_pages.claims_about(database)
    event, said = next((r, refs) for r in database.entities.values()
                       if len(refs := reported(r.id, about[r.id])) == 2
                       and all(ref.claim.said_in == r.id for ref in refs))
    said_list = tmp_path / "tree" / reported_page(event.type, event.id)
    assert said_list.is_file()
    edit_record(record_path(tiny, said[1].subject.id),
                lambda record: record["claims"][said[1].index].pop("said_in"))
    updates.check()
    assert not said_list.exists()

    # tags, a date and a value
    edit_record(path, lambda record: record.update(tags=record["tags"][:1]))
    updates.check()
    dated = next(r for r in updates.database().claims() if r.claim.date is not None)
    edit_record(record_path(tiny, dated.subject.id),
                lambda record: record["claims"][dated.index].update(date="1999-01-02"))
    updates.check()
    # an event given its own date, cited from a source no claim about it cites, once no claim
    # about it has a date (so that only its own date puts it on the timeline); then renamed
    # (source pages list it where they state its date), then undated
    database = updates.database()

    def naming(event_id: str) -> list[Any]:
        return [ref for ref in database.claims()
                if event_id in {ref.subject.id, ref.claim.object, ref.claim.said_in,
                                *ref.claim.attributed_to}]

    def cited(event_id: str) -> set[str]:
        return {c.source for ref in naming(event_id) for c in ref.claim.citations}

    event = min((r for r in database.entities.values() if r.type == "event"),
                key=lambda r: len(cited(r.id)))
    for ref in naming(event.id):
        if ref.claim.date is not None:
            edit_record(record_path(tiny, ref.subject.id),
                        lambda record, index=ref.index: record["claims"][index].pop("date"))
    updates.check()
    elsewhere = next(citation for ref in database.claims() for citation in ref.claim.citations
                     if citation.source not in cited(event.id))
    event_path = record_path(tiny, event.id)
    edit_record(event_path, lambda record: record.update(date={
        "value": "2001-05", "precision": "month",
        "citations": [elsewhere.model_dump(exclude_none=True)]}))
    changed = updates.check()
    assert any(name.startswith("timeline") for name in changed)
    assert f"sources/{elsewhere.source}.md" in changed
    edit_record(event_path, lambda record: record.update(name="A Renamed Dated Event"))
    updates.check()
    # a claim about it given its date: the event's entry stands for it; then the event undated,
    # so that the claim's entry shows (and its subject's tags count one entry more)
    other = next(ref for ref in naming(event.id) if ref.subject.id != event.id)
    edit_record(record_path(tiny, other.subject.id),
                lambda record: record["claims"][other.index].update(
                    date={"value": "2001-05", "precision": "month"}))
    updates.check()
    edit_record(event_path, lambda record: record.pop("date"))
    changed = updates.check()
    assert {f"tag/{tag}.md" for tag in other.subject.entity.tags} <= set(changed)

    # a figure derived from another entity's figure, then that figure edited
    database = updates.database()
    valued = next(r for r in database.claims() if r.claim.value is not None)
    deriving = next(r for r in database.entities.values()
                    if r.type == valued.subject.type and r.id != valued.subject.id)
    stated = yaml.safe_load(record_path(tiny, valued.subject.id).read_text(encoding="utf-8"))
    derived = {**stated["claims"][valued.index], "id": "derived-figure",
               "derived": {"formula": "the same figure", "inputs": [valued.id]}}
    edit_record(record_path(tiny, deriving.id), lambda record: record["claims"].append(derived))
    updates.check()
    edit_record(record_path(tiny, valued.subject.id),
                lambda record: record["claims"][valued.index].update(value=123456789))
    assert entity_pages.entity_page(deriving.type, deriving.id) in updates.check()

    # a record added, its file renamed (a new id: one page goes, another comes), then deleted
    model = record_path(tiny, hub.id)
    added = model.with_name("newly-added-entity.yml")
    record = yaml.safe_load(model.read_text(encoding="utf-8"))
    record.update(name="Newly Added Entity")
    record.pop("aliases", None)
    added.write_text(corpus._dump(record), encoding="utf-8")
    changed = updates.check()
    assert entity_pages.entity_page(hub.type, "newly-added-entity") in changed
    moved = added.with_name("moved-entity.yml")
    added.rename(moved)
    updates.check()
    assert not (tmp_path / "tree" / entity_pages.entity_page(hub.type, "newly-added-entity")
                ).exists()
    moved.unlink()
    updates.check()

    # the publisher of the sources renamed: the source pages and the pages whose JSON-LD names it
    publisher = next(s.meta.publisher for s in database.sources.values() if s.meta.publisher)
    edit_record(record_path(tiny, publisher), lambda record: record.update(name="Renamed Herald"))
    updates.check()

    # a hand-written page: it alone is copied again
    methodology = tiny / "docs" / "methodology.md"
    methodology.write_text(methodology.read_text(encoding="utf-8") + "\nOne more line.\n",
                           encoding="utf-8")
    assert updates.check() == ("methodology.md",)

    # what every page may show: a template, a source's metadata, the vocabulary
    template = tiny / "templates" / "entity.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nA line on every entity.\n",
                        encoding="utf-8")
    updates.check(expect_whole=True)
    source = next((tiny / "sources").glob("*.yml"))
    edit_record(source, lambda meta: meta.update(title="A title edited"))
    updates.check(expect_whole=True)
    assert updates.live.downloads_stale


def test_a_failed_update_leaves_the_tree_as_it_was(tiny: Path, tmp_path: Path) -> None:
    updates = Updates(tiny, tmp_path / "tree", tmp_path / "whole")
    before = files(tmp_path / "tree")
    record = next((tiny / "data" / "people").glob("*.yml"))
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("name:", "name: [unclosed", 1), encoding="utf-8")
    with pytest.raises(IranruError):
        updates.live.update()
    assert files(tmp_path / "tree") == before
    # a template that fails half-way through the pages writes none of them
    template = tiny / "templates" / "tag.md.j2"
    record.write_text(good.replace("name: ", "name: Fixed ", 1), encoding="utf-8")
    template.write_text("{{ nothing.here() }}\n", encoding="utf-8")
    with pytest.raises(Exception, match="nothing"):
        updates.live.update()
    assert files(tmp_path / "tree") == before
    shutil.copy(corpus.ROOT / "templates" / "tag.md.j2", template)
    updates.check(expect_whole=True)


def test_records_read_from_the_cache_give_the_problems_a_fresh_load_gives(tiny: Path) -> None:
    """The live tree does not parse a record file whose text is unchanged again; when an edit
    elsewhere breaks what such a record names, its problems still carry their lines."""
    project = Project.find(tiny)
    cache = RecordCache()
    database, problems = check_project(project, cache=cache)
    assert not problems
    named = next(ref.claim.object for ref in database.claims() if ref.claim.object)
    record_path(tiny, named).unlink()
    cached = check_project(project, cache=cache)[1]
    assert cached == check_project(project)[1]
    assert any(problem.line > 1 for problem in cached)
    # and a record edited is read again
    naming = next(ref for ref in database.claims() if ref.claim.object == named)
    edit_record(record_path(tiny, naming.subject.id),
                lambda record: record["claims"][naming.index].update(object=naming.subject.id))
    assert check_project(project, cache=cache)[1] == check_project(project)[1]
