"""The hand-written pages read as their authors meant: Python-Markdown, unlike GitHub, needs a
blank line before a list, and without one the list is run into the paragraph above."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*ROOT.glob("docs/*.md"), ROOT / "benchmarks" / "notes.md"])


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_no_list_is_run_into_a_paragraph(page: Path) -> None:
    html = markdown.markdown(page.read_text(encoding="utf-8"), extensions=["tables"])
    run_in = [paragraph for paragraph in re.findall(r"<p>(.*?)</p>", html, re.DOTALL)
              if re.search(r"\n- ", paragraph)]
    assert not run_in, f"{page.name}: put a blank line before the list in: {run_in[0][:120]!r}"


def test_the_check_sees_a_list_run_into_a_paragraph() -> None:
    html = markdown.markdown("**Measured:**\n- one\n- two\n")
    assert re.search(r"<p>[^<]*<strong>Measured:</strong>\n- one", html)
