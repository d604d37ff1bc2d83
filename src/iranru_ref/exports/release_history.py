"""The releases of the data and what changed in each, for the Changes page and ``changes.json``.

The data of a release is the project at the git tag ``v`` + its version (release 1.2.0 is the
tag ``v1.2.0``). Each release is compared with the one below it in ``releases.yml``, and the
newest release with the data being built (the unreleased changes). Without ``releases.yml``
nothing is compared and git never runs. Without git, a checkout (a tarball, an export) or a
release's tag, the release is listed without its changes and says why: a build never fails for
want of history.

Reading a release takes ``git archive`` and loading the project, so ``.build/changes/`` keeps
the comparison of each two releases (their commits never change) and the data of the newest
release, each under a digest of the iranru-ref code that made it; entries no longer needed are
removed.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..database import Database
from ..errors import IranruError
from ..load.revisions import NotARepository, Repository
from ..records.release import Release
from .changes import compare
from .diff_inputs import CHANGES_FORMAT, database_values, revision_document

FILE_NAME = "changes.json"
#: the git tag of a release, from its version
TAG_FORMAT = "v{version}"
#: where what was read from git is kept between builds, in the project
CACHE = Path(".build") / "changes"


def release_tag(version: str) -> str:
    return TAG_FORMAT.format(version=version)


@functools.cache
def code_digest() -> str:
    """A digest of iranru-ref's code, which decides how a release's data is read and compared."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Compared:
    """A release, or the unreleased data, and what changed since ``since``.

    ``changes`` is ``None`` when there is nothing to compare with (the first release) or it
    could not be read; ``unavailable`` then says why."""

    release: Release | None  # None: the data being built
    commit: str | None
    since: Release | None
    changes: dict[str, Any] | None
    unavailable: str | None = None


@dataclass(frozen=True, slots=True)
class History:
    """Every release, newest first, and the changes since the newest (``None`` without any)."""

    releases: list[Compared]
    unreleased: Compared | None


class _Cache:
    """JSON files in ``folder``, each valid only for the code digest it was written with."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def get(self, name: str, make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        self.used.add(name)
        if self.folder is None:
            return make()
        path = self.folder / name
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            if kept["code"] == code_digest():
                value: dict[str, Any] = kept["value"]
                return value
        except (OSError, ValueError, KeyError, TypeError):
            pass
        value = make()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"code": code_digest(), "value": value},
                                       ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass
        return value

    def prune(self) -> None:
        """Remove the entries this build did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.name not in self.used and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)


class _Releases:
    """The releases' data, read from their tags and compared, through the cache. The last
    release read is kept: each is compared with the one below it and then with the one above,
    so each is read once."""

    def __init__(self, repository: Repository, listed: list[Release], cache: _Cache) -> None:
        self.repository = repository
        self.cache = cache
        self.commits = {r.version: repository.tag_commit(release_tag(r.version)) for r in listed}
        self.last: tuple[str, dict[str, Any]] | None = None

    def read(self, release: Release) -> dict[str, Any]:
        """The release's document, or why it cannot be read, as a cache value."""
        commit = self.commits[release.version]
        if commit is None:
            return {"unavailable": self.untagged(release)}
        if self.last is not None and self.last[0] == commit:
            return self.last[1]
        self.last = None  # let go of it before reading the next
        tag = release_tag(release.version)
        try:
            value: dict[str, Any] = {"document": revision_document(self.repository, commit, tag)}
        except IranruError as error:
            lines = error.message.splitlines()
            more = f" (and {len(lines) - 2} more problems)" if len(lines) > 2 else ""
            value = {"unavailable": f"the data of {tag} cannot be read: {lines[0]}{more}"}
        self.last = (commit, value)
        return value

    def untagged(self, *among: Release) -> str | None:
        """Why releases in ``among`` cannot be read, when one has no tag."""
        tags = [release_tag(r.version) for r in among if self.commits[r.version] is None]
        if not tags:
            return None
        return (f"this repository has no git tag {' or '.join(tags)} (make it with git tag, or "
                "fetch the tags of a shallow clone with git fetch --tags)")

    def since(self, newest: Release, database: Database) -> Compared:
        """The changes from the newest release to the data being built."""
        why = self.untagged(newest)
        if why is not None:
            return Compared(None, None, newest, None, why)
        kept = self.cache.get(f"{self.commits[newest.version]}.data.json",
                              lambda: self.read(newest))
        if "unavailable" in kept:
            return Compared(None, None, newest, None, kept["unavailable"])
        return Compared(None, None, newest, compare(kept["document"], database_values(database)))

    def between(self, release: Release, older: Release | None) -> Compared:
        """The changes from ``older`` to ``release``."""
        commit = self.commits[release.version]
        if older is None:
            return Compared(release, commit, None, None)
        why = self.untagged(release, older)
        if why is not None:
            return Compared(release, commit, older, None, why)

        def compared() -> dict[str, Any]:
            after = self.read(release)
            if "unavailable" in after:
                return after
            before = self.read(older)
            if "unavailable" in before:
                return before
            return {"changes": compare(before["document"], after["document"])}

        kept = self.cache.get(f"{self.commits[older.version]}..{commit}.json", compared)
        return Compared(release, commit, older, kept.get("changes"), kept.get("unavailable"))


def release_history(database: Database, cache: Path | None = None) -> History:
    """The releases ``releases.yml`` records, each with what changed since the one before, read
    from git tags; ``cache`` is the folder that keeps what was read (``CACHE`` in the project)."""
    if database.releases is None:
        return History([], None)
    listed = database.releases.releases
    pairs = list(zip(listed, [*listed[1:], None], strict=True))
    try:
        repository = Repository.of(database.root)
    except NotARepository as error:
        why = f"{error.reason}, so the data of its releases cannot be read"
        return History([Compared(release, None, older, None, why if older else None)
                        for release, older in pairs], Compared(None, None, listed[0], None, why))
    store = _Cache(cache)
    releases = _Releases(repository, listed, store)
    unreleased = releases.since(listed[0], database)
    history = [releases.between(release, older) for release, older in pairs]
    store.prune()
    return History(history, unreleased)


def _entry(compared: Compared) -> dict[str, Any]:
    since = compared.since.version if compared.since else None
    if compared.release is None:
        return {"since": since, "changes": compared.changes, "unavailable": compared.unavailable}
    release = compared.release
    return {"version": release.version, "date": release.date, "notes": release.notes,
            "tag": release_tag(release.version), "commit": compared.commit,
            "previous": since, "changes": compared.changes, "unavailable": compared.unavailable}


def changes_document(history: History) -> dict[str, Any]:
    """``changes.json``: every release with what changed since the one before, and the
    unreleased changes (docs/database-format.md, "What changed between releases")."""
    return {"format_version": CHANGES_FORMAT, "tag_format": TAG_FORMAT,
            "releases": [_entry(compared) for compared in history.releases],
            "unreleased": _entry(history.unreleased) if history.unreleased else None}


def changes_bytes(history: History) -> bytes:
    return (json.dumps(changes_document(history), ensure_ascii=False, indent=1) + "\n").encode()
