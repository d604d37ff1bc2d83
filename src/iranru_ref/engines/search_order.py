"""The search index's filters in a fixed order, so that two builds of the same site are identical.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata, in the order
of a hash map, which changes from one run to the next (its source says so: "Change filter
indexes to BTree to give them a stable hash"), and names each file by a hash of its content. So
two builds of the same pages differ in the filter files, the metadata file and the entry file
that names it; everything else Pagefind writes is the same. This rewrites those files in a
fixed order (the filters by name, each filter's values by value), names each rewritten file by
a hash of its content, and points the metadata and the entry file at the new names.

The files are a signature and CBOR, gzipped. Only the part of CBOR that they use is read and
written here, and each file must read back to its own bytes: a file that is not as expected
fails the build rather than being guessed at.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

from ..errors import BuildFailed

#: what Pagefind writes before the CBOR of each index file
SIGNATURE = b"pagefind_dcd"
#: the version of Pagefind whose files this knows (pyproject.toml pins it)
VERSION = "1.5.2"
#: where the list of filters, ``[[name, file hash], ...]``, sits in the metadata
META_FILTERS = 3

_WIDTHS = {24: ">B", 25: ">H", 26: ">I", 27: ">Q"}


class _Unexpected(Exception):
    pass


def _decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The CBOR value at ``at`` (unsigned integers, text, arrays), and where it ends."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        argument = info
    elif info in _WIDTHS:
        width = struct.calcsize(_WIDTHS[info])
        (argument,) = struct.unpack(_WIDTHS[info], data[at:at + width])
        at += width
    else:
        raise _Unexpected(f"CBOR head {head:#x}")
    if major == 0:
        return argument, at
    if major == 3:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise _Unexpected(f"CBOR major type {major}")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, width in _WIDTHS.items():
        if argument < 256 ** struct.calcsize(width):
            return bytes([major << 5 | info]) + struct.pack(width, argument)
    raise _Unexpected(f"a number too large for CBOR: {argument}")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool) or not isinstance(value, int | str | list):
        raise _Unexpected(f"a {type(value).__name__} in the index")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(3, len(text)) + text
    return _head(4, len(value)) + b"".join(_encode(item) for item in value)


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise _Unexpected(f"{path.name} has no signature")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw) or _encode(value) != raw[len(SIGNATURE):]:
        raise _Unexpected(f"{path.name} does not read back to its own bytes")
    return value


def _write(folder: Path, language: str, name: str, value: Any) -> str:
    """Write ``value`` as ``name`` with ``{hash}`` replaced by its hash; return the hash."""
    data = SIGNATURE + _encode(value)
    digest = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
    (folder / name.format(hash=digest)).write_bytes(gzip.compress(data, mtime=0))
    return digest


def order_filters(bundle: Path) -> None:
    """Rewrite the filter files, the metadata and the entry file of the index in ``bundle`` in
    a fixed order. Raises ``BuildFailed`` if they are not what the pinned Pagefind writes."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text("utf-8"))
        if entry.get("version") != VERSION:
            raise _Unexpected(f"the index was written by Pagefind {entry.get('version')}")
        for language, about in entry["languages"].items():
            about["hash"] = _order_language(bundle, language, about["hash"])
    except (_Unexpected, OSError, ValueError, KeyError, TypeError, IndexError,
            struct.error) as exc:
        raise BuildFailed(f"the search index in {bundle} is not as Pagefind {VERSION} writes it "
                          f"({exc}); install the Pagefind that pyproject.toml names "
                          f"(`.venv/bin/pip install -e .`) and build again") from None
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _order_language(bundle: Path, language: str, meta_hash: str) -> str:
    """Order the filters of one language's index; return its metadata's new hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    filters = []
    for name, file_hash in meta[META_FILTERS]:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        filter_name, values = _read(path)
        if filter_name != name:
            raise _Unexpected(f"{path.name} holds the filter {filter_name!r}, not {name!r}")
        path.unlink()
        ordered = [filter_name, sorted(values, key=lambda value: value[0])]
        filters.append([name, _write(bundle / "filter", language, "{hash}.pf_filter", ordered)])
    meta[META_FILTERS] = sorted(filters)
    meta_path.unlink()
    return _write(bundle, language, "pagefind.{hash}.pf_meta", meta)
