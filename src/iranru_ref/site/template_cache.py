"""Compiled Jinja templates kept on disk between runs: our own templates, and the theme's.

Jinja turns every template into Python source and compiles that before it renders anything.
MkDocs does so for Material's templates in every build, which at the seed scale costs about a
tenth of the whole MkDocs build; the hook (mkdocs_hook.py) gives MkDocs's environment this cache
too. An entry is found by the template's name and file and used only while the template's
source is unchanged, so an edited template or an upgraded theme is compiled afresh.

Each entry starts with a digest of the rest, checked before Jinja reads it: an entry that was
cut short (a build killed while it wrote, a full disk) or otherwise damaged is discarded and
compiled again, rather than failing every build (Jinja's reader raises on a truncated entry)
or reaching ``marshal``, which may crash the interpreter on damaged bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

import jinja2

#: where, under the project root, the compiled templates of each kind are kept
OWN_TEMPLATES = Path(".build") / "templates"
THEME_TEMPLATES = Path(".build") / "theme-templates"

#: the length of the digest that starts every entry
DIGEST_SIZE = 32


def _digest(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=DIGEST_SIZE).digest()


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, with a digest per entry; a folder that cannot be read or written is
    simply not used, and an entry that fails its digest or cannot be read back is discarded."""

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory))

    def entry(self, bucket: jinja2.bccache.Bucket) -> Path:
        """The file that holds ``bucket``'s compiled template."""
        return Path(self.directory) / (self.pattern % (bucket.key,))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self.entry(bucket)
        try:
            data = path.read_bytes()
        except OSError:
            return  # no entry yet (or none that can be read): the template is compiled
        body = data[DIGEST_SIZE:]
        if len(data) > DIGEST_SIZE and _digest(body) == data[:DIGEST_SIZE]:
            try:
                bucket.bytecode_from_string(body)
                return
            except Exception:  # whatever Jinja's reader raises, the entry is bad
                pass
        bucket.reset()
        with contextlib.suppress(OSError):
            path.unlink()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        body = bucket.bytecode_to_string()
        path = self.entry(bucket)
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                file.write(_digest(body) + body)
            os.replace(temporary, path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
