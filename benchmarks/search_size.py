"""The size of a built site's search index (Pagefind's bundle in ``pagefind/``), by part.

``search_bytes(site)`` says how many bytes each part of the bundle holds: what a query fetches
from (``index``: the word index in chunks, with the metadata and entry files; ``fragments``:
one per page, for the results' titles and excerpts; ``filters``), and the ``interface`` (the
scripts, styles and WebAssembly that a reader's browser loads when search is first opened).
A query fetches a few of the chunks and fragments, never the whole index.

Usage: python benchmarks/search_size.py SITE_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

#: the bundle's folders, each a part of the index
FOLDERS = {"index": "index", "fragment": "fragments", "filter": "filters"}


def search_bytes(site: Path) -> dict[str, int]:
    """Bytes of each part of ``site``'s search bundle, with the files and their ``total``."""
    bundle = site / "pagefind"
    sizes = {"index": 0, "fragments": 0, "filters": 0, "interface": 0}
    files = 0
    for path in bundle.rglob("*"):
        if not path.is_file():
            continue
        files += 1
        relative = path.relative_to(bundle)
        if len(relative.parts) > 1:
            part = FOLDERS.get(relative.parts[0], "interface")
        elif path.suffix in (".pf_meta", ".json"):
            part = "index"
        else:
            part = "interface"
        sizes[part] += path.stat().st_size
    sizes["total"] = sum(sizes.values())
    sizes["files"] = files
    return sizes


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for part, size in search_bytes(Path(argv[0])).items():
        print(f"{part:>10}: {size:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
