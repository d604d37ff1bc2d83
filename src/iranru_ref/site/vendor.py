"""Third-party JavaScript served from the site's own origin.

Libraries come from npm, pinned in ``package.json`` and ``package-lock.json``, and are copied
from ``node_modules`` at build time; they are never committed. When ``node_modules`` is missing
and npm is available, ``npm ci`` installs exactly the locked versions.
"""

from __future__ import annotations

import shutil
import subprocess

from ..errors import BuildFailed
from ..load.project import Project
from .tree import TreeWriter

#: npm package → (file inside the package, path in the site)
VENDOR_FILES = {
    "cytoscape": ("dist/cytoscape.min.js", "assets/vendor/cytoscape.min.js"),
}


def ensure_node_modules(project: Project) -> None:
    missing = [name for name, (inner, _) in VENDOR_FILES.items()
               if not (project.root / "node_modules" / name / inner).is_file()]
    if not missing:
        return
    if not (project.root / "package-lock.json").is_file():
        raise BuildFailed(
            f"package-lock.json is missing in {project.root}; restore it from git "
            "(it pins the JavaScript libraries the site serves)"
        )
    npm = shutil.which("npm")
    if npm is None:
        raise BuildFailed(
            f"the JavaScript libraries {', '.join(missing)} are not installed and npm was not "
            "found; install Node.js and npm, then run `npm ci` in the project folder"
        )
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=project.root, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise BuildFailed(
            f"`npm ci` failed in {project.root} (exit {result.returncode}); "
            f"its last words: {result.stderr.strip()[-400:]}"
        )


def copy_vendor_assets(project: Project, writer: TreeWriter) -> None:
    ensure_node_modules(project)
    for name, (inner, target) in VENDOR_FILES.items():
        writer.write_bytes(target, (project.root / "node_modules" / name / inner).read_bytes())
