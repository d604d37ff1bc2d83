"""When files were last written, and their sizes: how ``serve`` notices an edit without reading
every file again."""

from __future__ import annotations

import os
from collections.abc import Iterable

#: (modification time in nanoseconds, size) of each file, by path
Stamps = dict[str, tuple[int, int]]


def file_stamps(paths: Iterable[str | os.PathLike[str]], *, follow_links: bool = True) -> Stamps:
    """The stamp of each of ``paths`` that exists (of a link itself, unless ``follow_links``)."""
    found: Stamps = {}
    for path in paths:
        try:
            info = os.stat(path, follow_symlinks=follow_links)
        except OSError:
            continue
        found[os.fspath(path)] = (info.st_mtime_ns, info.st_size)
    return found
