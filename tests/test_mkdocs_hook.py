"""Plain `mkdocs build --strict` works after install: the hook generates the Markdown tree."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_plain_mkdocs_build_strict(project: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert process.returncode == 0, process.stderr
    assert (project / "site" / "people" / "alexey-dedov" / "index.html").is_file()
    assert (project / ".build" / "docs" / "people" / "alexey-dedov.md").is_file()


def test_mkdocs_reports_bad_records_without_traceback(project: Path) -> None:
    (project / "data" / "places" / "iran.yml").write_text("name: Iran\ntags: [nope]\n")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert process.returncode == 1
    assert "data/places/iran.yml:2: tags[0]: unknown tag 'nope'" in process.stderr
    assert "Traceback" not in process.stderr


def test_generated_files_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {"/site/", "/.build/"} <= set(ignored)


def test_mkdocs_reports_a_tree_it_cannot_write_without_traceback(project: Path) -> None:
    (project / ".build").write_text("a file where the generated tree's folder goes\n")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project, capture_output=True, text=True, check=False,
    )
    assert process.returncode == 1
    assert "cannot generate the site's Markdown into" in process.stderr
    assert "Not a directory" in process.stderr and "make that folder writable" in process.stderr
    assert "Traceback" not in process.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local server
        text: str = response.read().decode("utf-8")
        return text


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_serve_keeps_serving_the_last_good_site_through_a_bad_edit(tmp_path: Path) -> None:
    """A bad record while serving: the problem is printed on one line, with no traceback; every
    page is still answered, from the last good tree, with the problem in a banner; fixing the
    record brings the fresh site back. A plain build of the bad project still fails."""
    from test_anchors import make_anchor_project

    project = make_anchor_project(tmp_path / "project")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    record = project / "data" / "organizations" / "relations-org.yml"
    good = record.read_text(encoding="utf-8")
    with log.open("w", encoding="utf-8") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for(lambda: "Relations" in _get(url + "organizations/relations-org/"),
                  "the first build")
        record.write_text(good.replace("tags:\n- anchor-tag", "tags:\n- no-such-tag"),
                          encoding="utf-8")
        _wait_for(lambda: "iranru-problems" in _get(url + "organizations/relations-org/"),
                  "the banner")
        page = _get(url + "organizations/relations-org/")
        assert "unknown tag &#x27;no-such-tag&#x27;" in page or "unknown tag 'no-such-tag'" in page
        assert "Relations" in page  # the last good page, still served
        assert "Claim said" in _get(url + "people/hijack-person/")
        printed = log.read_text(encoding="utf-8")
        assert "data/organizations/relations-org.yml:" in printed
        assert "unknown tag 'no-such-tag'" in printed
        assert "Traceback" not in printed and "appear stuck" not in printed
        record.write_text(good, encoding="utf-8")
        _wait_for(lambda: "iranru-problems" not in _get(url + "organizations/relations-org/"),
                  "the fixed site")
        # a template that fails, likewise
        template = project / "templates" / "tag.md.j2"
        template.write_text(template.read_text(encoding="utf-8") + "{{ nothing.here() }}\n",
                            encoding="utf-8")
        _wait_for(lambda: "templates/tag.md.j2:" in _get(url), "the template's banner")
        # every request is answered, even one that MkDocs's own handler fails on
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(url + "%00")
        assert refused.value.code == 400
        assert "Traceback" not in log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    record.write_text(good.replace("tags:\n- anchor-tag", "tags:\n- no-such-tag"),
                      encoding="utf-8")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                           cwd=project, capture_output=True, text=True, check=False)
    assert build.returncode == 1
    assert "unknown tag 'no-such-tag'" in build.stderr and "Traceback" not in build.stderr
    record.write_text(good, encoding="utf-8")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                           cwd=project, capture_output=True, text=True, check=False)
    assert build.returncode == 1
    assert "templates/tag.md.j2:" in build.stderr and "Traceback" not in build.stderr
