"""“Cite this page”: the dataset's title, its version and date from releases.yml (or no version
and the day of the build), and the page's address, absolute only when site_url is set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iranru_ref.check import load_checked
from iranru_ref.exports.site_config import SiteConfig
from iranru_ref.load.project import Project
from iranru_ref.load.releases import FILE_NAME as RELEASES_FILE
from iranru_ref.site.citation import Edition, bibtex_text, page_citation
from iranru_ref.site.generate import generate_tree

SITE_URL = "https://example.org/iranru/"
RELEASES = """\
releases:
  - version: 2.1.0
    date: 2031-06-02
    notes: The second release.
  - version: 2.0.0
    date: 2030-03-01
    notes: The first release.
"""
#: 2023-11-14T22:13:20Z
EPOCH = "1700000000"


def _with_site_url(project: Path, url: str = SITE_URL) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "site_description:", f"site_url: {url}\nsite_description:", 1), "utf-8")
    return project


def _bibtex_fields(bibtex: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = \{(.*)\},?$", bibtex, re.M))


def test_a_release_gives_the_version_and_its_date() -> None:
    site = SiteConfig("A reference", None, SITE_URL)
    cite = page_citation(Edition("A reference", "2.1.0", "2031-06-02"), site,
                         "people/someone.md", "Some One")
    assert cite.text == ("“Some One”. In: A reference, version 2.1.0 (2031-06-02). "
                         "https://example.org/iranru/people/someone/")
    fields = _bibtex_fields(cite.bibtex)
    assert cite.bibtex.startswith("@misc{people-someone,\n") and cite.bibtex.endswith("\n}")
    assert fields == {"title": "{Some One}", "howpublished": "{A reference}", "version": "2.1.0",
                      "date": "2031-06-02", "year": "2031",
                      "url": "https://example.org/iranru/people/someone/",
                      "note": "Version 2.1.0, released 2031-06-02"}
    assert cite.note is None


def test_without_a_release_no_version_is_claimed_and_the_build_day_is_given(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (project / RELEASES_FILE).unlink(missing_ok=True)
    database = load_checked(Project.find(project))
    edition = Edition.of(database, SiteConfig.load(project))
    assert (edition.version, edition.date) == (None, "2023-11-14")
    cite = page_citation(edition, SiteConfig.load(project), "sources/an-article.md",
                         "Why? A title that ends with a question?")
    assert cite.text == ("“Why? A title that ends with a question?” In: "
                         "Russia–Iran relations reference, unversioned (built 2023-11-14). "
                         "sources/an-article/")
    fields = _bibtex_fields(cite.bibtex)
    assert "version" not in fields and "url" not in fields
    assert fields["note"] == "Unversioned, built 2023-11-14; the page sources/an-article/ of the site"
    assert "version" not in cite.text.replace("unversioned", "")
    assert cite.note is not None and "site_url" in cite.note


def test_the_release_file_decides_the_version(project: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (project / RELEASES_FILE).write_text(RELEASES, "utf-8")
    edition = Edition.of(load_checked(Project.find(project)), SiteConfig.load(project))
    assert (edition.version, edition.date) == ("2.1.0", "2031-06-02")


@pytest.mark.parametrize("text, escaped", [
    ("plain words", "plain words"),
    ("50% & {braces} $5 #1 a_b", r"50\% \& \{braces\} \$5 \#1 a\_b"),
    ("back\\slash ~tilde ^caret", r"back\textbackslash{}slash \textasciitilde{}tilde "
                                  r"\textasciicircum{}caret"),
    ("over\nlines\t and  spaces", "over lines and spaces"),
])
def test_bibtex_values_escape_what_latex_would_read(text: str, escaped: str) -> None:
    assert bibtex_text(text) == escaped


def test_a_title_cannot_break_out_of_its_bibtex_field() -> None:
    site = SiteConfig("R", None, None)
    cite = page_citation(Edition("R", None, "2030-01-01"), site, "people/x.md",
                         "}, note = {injected} @misc{evil, title = {")
    assert cite.bibtex.count("@misc{") == 1
    # every brace but the escaped ones opens and closes a field
    depth = 0
    for brace in re.sub(r"\\[{}]", "", cite.bibtex):
        depth += {"{": 1, "}": -1}.get(brace, 0)
        assert depth >= 0
    assert depth == 0
    assert set(_bibtex_fields(cite.bibtex)) == {"title", "howpublished", "date", "year", "note"}


def test_entity_and_source_pages_carry_the_citation_escaped(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (project / RELEASES_FILE).write_text(RELEASES, "utf-8")
    _with_site_url(project)
    record = project / "data" / "people" / "alexey-dedov.yml"
    record.write_text(record.read_text("utf-8").replace(
        "name: Alexey Dedov", "name: Alexey <b>Dedov</b> & {Co}", 1), "utf-8")
    out = tmp_path / "docs"
    generate_tree(Project.find(project), out)
    page = (out / "people" / "alexey-dedov.md").read_text("utf-8")
    block = page[page.index('<details class="quote cite-this"'):]
    block = block[:block.index("</details>")]
    assert "<summary>Cite this page</summary>" in block
    assert ("“Alexey &lt;b&gt;Dedov&lt;/b&gt; &amp; {Co}”. In: Russia–Iran relations "
            "reference, version 2.1.0 (2031-06-02). https://example.org/iranru/people/"
            "alexey-dedov/") in block
    assert r"title = {{Alexey &lt;b&gt;Dedov&lt;/b&gt; \&amp; \{Co\}}}" in block
    assert "<b>" not in block
    for source in Project.find(project).sources_dir.glob("*.yml"):
        text = (out / "sources" / f"{source.stem}.md").read_text("utf-8")
        assert '<details class="quote cite-this"' in text
        assert f"{SITE_URL}sources/{source.stem}/" in text
