"""``releases.yml``: the releases of the data, read for the downloads' version and date.

The file is optional: without it no version is claimed. With it, the newest release's version
and date are the dataset's ``version`` and ``dateModified``, and the oldest release's date its
``datePublished``. Only the file decides them, never the clock, so builds stay reproducible.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, ValidationFailed, display_path
from ..load.messages import validate
from ..load.yaml_file import load_yaml
from ..records.release import Releases

FILE_NAME = "releases.yml"


def read_releases(root: Path) -> Releases | None:
    """The releases of the project at ``root``, or ``None`` when it has no ``releases.yml``.

    Raises ``ValidationFailed`` with each mistake as ``releases.yml:line: message``."""
    path = root / FILE_NAME
    if not path.exists():
        return None
    problems: list[Problem] = []
    document = load_yaml(path, display_path(path, root), problems)
    releases = validate(Releases, document, problems) if document is not None else None
    if releases is None:
        raise ValidationFailed(problems)
    return releases
