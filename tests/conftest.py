"""Shared fixtures: a copy of the project to break, a built site, and a local web server."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from iranru_ref.records.vocabulary import TYPE_FOLDER

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("data", "sources", "templates", "overrides", "docs", "mkdocs.yml", "releases.yml",
                 "src/iranru_ref/engines/mkdocs_hook.py")


def benchmark_module(name: str) -> ModuleType:
    """``benchmarks/<name>.py``, imported as ``bench_<name>`` (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}",
                                                  ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def copy_project(target: Path) -> Path:
    """A working copy of the project."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        destination = target / part
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination)
        elif source.exists():
            shutil.copy2(source, destination)
    return target


#: files bigger than this (sparse ones, made to test the size limits) are compared by size
SNAPSHOT_HASH_LIMIT = 64 * 1024 * 1024


def snapshot(root: Path) -> dict[str, str]:
    """Every file, folder and link under ``root`` (links are not followed) with a content hash;
    a named pipe or other special file is recorded by its kind, and is never opened."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            relative = path.relative_to(root).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[relative] = "link:" + os.readlink(path)
            elif stat.S_ISDIR(info.st_mode):
                found[relative] = "dir"
            elif not stat.S_ISREG(info.st_mode):
                found[relative] = f"special:{stat.S_IFMT(info.st_mode):o}"
            elif info.st_size > SNAPSHOT_HASH_LIMIT:
                found[relative] = f"size:{info.st_size}:{info.st_mtime_ns}"
            else:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


class WriteRecorder:
    """A file that keeps each write apart, to see how a download was written."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.writes.append(data)
        return len(data)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own data, built once per test session into a temporary folder."""
    from iranru_ref.engines.build import build_site
    from iranru_ref.load.project import Project

    work = tmp_path_factory.mktemp("built")
    project = copy_project(work / "project")
    result = build_site(Project.find(project))
    return result.site_dir


@pytest.fixture(scope="session")
def site_data(built_site: Path) -> dict[str, Any]:
    """The built site's own database.json, to pick pages without depending on exact data."""
    data: dict[str, Any] = json.loads(download_bytes(built_site / "data", "database.json"))
    return data


def search_fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Each page in the site's search index (Pagefind's fragment: its url, content, filters and
    meta), keyed by its URL path relative to the site's root. Pagefind stores each gzipped, its
    JSON after a signature."""
    signature = b"pagefind_dcd"
    found: dict[str, dict[str, Any]] = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(signature), path
        fragment = json.loads(raw[len(signature):])
        found[fragment["url"].lstrip("/")] = fragment
    return found


def entity_path(entity: dict[str, Any]) -> str:
    """An entity's page in the built site, as a URL path relative to its root."""
    return f"{TYPE_FOLDER[entity['type']]}/{entity['id']}/"


def serve(site: Path) -> contextlib.AbstractContextManager[str]:
    """A built site served on localhost, for the browser tests: its address. The server is the
    browser benchmark's (``benchmarks/in_browser.py``)."""
    served: Callable[[Path], contextlib.AbstractContextManager[str]] = (
        benchmark_module("in_browser").served)
    return served(site)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on localhost for the browser tests."""
    with serve(built_site) as url:
        yield url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads the built site is a full build: mark it ``slow``, as tests that build
    one themselves are marked."""
    for item in items:
        if {"built_site", "site_url", "site_data", "zensical_site"} & set(
                getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def exported(database: Any) -> dict[str, bytes]:
    """Every download of ``database``, written in memory: name → bytes. A gzipped download is
    there twice: as its file (``claims.csv.gz``) and unpacked (``claims.csv``)."""
    import contextlib
    import gzip
    import io

    from iranru_ref.exports import export_downloads

    written: dict[str, bytes] = {}

    @contextlib.contextmanager
    def open_file(name: str) -> Iterator[io.BytesIO]:
        buffer = io.BytesIO()
        yield buffer
        written[name] = buffer.getvalue()
        if name.endswith(".gz"):
            written[name.removesuffix(".gz")] = gzip.decompress(written[name])

    export_downloads(database, open_file)
    return written


def download_bytes(data: Path, name: str) -> bytes:
    """The download ``name`` of a built site's ``data`` folder, unpacked if it is gzipped."""
    import gzip

    packed = data / f"{name}.gz"
    return gzip.decompress(packed.read_bytes()) if packed.exists() else (data / name).read_bytes()
