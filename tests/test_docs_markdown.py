"""The hand-written pages read as their authors meant, and build on both engines: Python-Markdown,
unlike GitHub, needs a blank line before a list, and without one the list is run into the
paragraph above; Zensical refuses a search section that is too long."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from iranru_ref.site.source_pages import SECTION_BYTES

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(ROOT.glob("docs/*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_no_list_is_run_into_a_paragraph(page: Path) -> None:
    html = markdown.markdown(page.read_text(encoding="utf-8"), extensions=["tables"])
    run_in = [paragraph for paragraph in re.findall(r"<p>(.*?)</p>", html, re.DOTALL)
              if re.search(r"\n- ", paragraph)]
    assert not run_in, f"{page.name}: put a blank line before the list in: {run_in[0][:120]!r}"


def test_the_check_sees_a_list_run_into_a_paragraph() -> None:
    html = markdown.markdown("**Measured:**\n- one\n- two\n")
    assert re.search(r"<p>[^<]*<strong>Measured:</strong>\n- one", html)


def _sections(text: str) -> list[tuple[str, int]]:
    """(heading, bytes) of each stretch of a Markdown page between headings."""
    parts = re.split(r"(?m)^(#{1,6} .*)$", text)
    return [(heading, len(body.encode("utf-8")))
            for heading, body in zip(["(top)", *parts[1::2]], parts[::2], strict=True)]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_no_section_passes_the_search_limit(page: Path) -> None:
    """Zensical's search makes one entry per section, from a Markdown heading to the next, and
    refuses an entry over its limit, which falls as the index grows (16 KiB at 62,000 entries):
    at 10k entities, one long section of this page failed the whole build. The generated pages
    start a section every SECTION_BYTES; the hand-written ones must too."""
    long = [(heading, size) for heading, size in _sections(page.read_text(encoding="utf-8"))
            if size > SECTION_BYTES]
    assert not long, (f"{page.name}: the section {long[0][0]!r} has {long[0][1]:,} bytes; "
                      f"split it with a heading before it passes {SECTION_BYTES:,}")


def test_sections_are_counted_between_headings() -> None:
    text = "intro\n# A\n" + "x" * 9_000 + "\n## B\nshort\n"
    assert [(heading, size > SECTION_BYTES) for heading, size in _sections(text)] == [
        ("(top)", False), ("# A", True), ("## B", False)]
