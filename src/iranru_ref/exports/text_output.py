"""Writing a long text into a binary file a batch at a time.

The large downloads are texts of up to a hundred megabytes at 10k entities. Joined whole and
then encoded, each needed its text (two bytes a character once one character is beyond Latin-1)
and its encoded copy in memory at once: fresh memory that the kernel maps page by page, which
made the exports grow faster than the data. Written a batch at a time, the same memory is
reused for every batch, and the bytes are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol


class Writable(Protocol):
    """Where a download's bytes go: an open binary file, or a wrapper of one."""

    def write(self, data: bytes, /) -> int: ...


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


#: pieces (or lines) encoded and written at a time: a batch of records is about a megabyte
BATCH = 4096


class TextOutput:
    """Text for ``file``, encoded by ``encode`` a batch of pieces at a time."""

    def __init__(self, file: Writable, encode: Callable[[str], bytes] = utf8,
                 batch: int = BATCH) -> None:
        self.file = file
        self.encode = encode
        self.batch = batch
        #: pieces not yet written; callers may append to it, then call ``written_if_full``
        self.pieces: list[str] = []

    def write(self, piece: str) -> None:
        self.pieces.append(piece)
        self.written_if_full()

    def written_if_full(self) -> None:
        if len(self.pieces) >= self.batch:
            self.flush()

    def write_lines(self, lines: Sequence[str]) -> None:
        """Each of ``lines`` followed by a line break."""
        self.flush()
        for start in range(0, len(lines), self.batch):
            self.file.write(self.encode("\n".join(lines[start:start + self.batch]) + "\n"))

    def flush(self) -> None:
        if self.pieces:
            self.file.write(self.encode("".join(self.pieces)))
            self.pieces.clear()
