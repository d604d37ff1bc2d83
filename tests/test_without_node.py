"""The site builds on a machine with Python alone: with neither ``node`` nor ``npm`` on the PATH,
``iranru-ref build`` (the README's build command after its install) writes the whole site, its
search index included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project

pytestmark = pytest.mark.slow

#: what a build may run besides Python and the packages pip installs
SYSTEM_TOOLS = ("git",)


def test_the_build_needs_no_node_or_npm(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in SYSTEM_TOOLS:
        found = shutil.which(tool)
        if found:
            (tools / tool).symlink_to(found)
    path = os.pathsep.join([str(Path(sys.executable).parent), str(tools)])
    assert shutil.which("node", path=path) is None and shutil.which("npm", path=path) is None
    site = tmp_path / "site"
    process = subprocess.run(
        [sys.executable, "-m", "iranru_ref.cli", "build", "--root", str(project),
         "--site-dir", str(site)],
        env={**os.environ, "PATH": path}, capture_output=True, text=True, check=False)
    assert process.returncode == 0, process.stdout + process.stderr
    assert (site / "index.html").is_file() and (site / "network" / "index.html").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
