"""“Cite this page”: how to cite an entity or source page, as plain text and as BibTeX.

A citation names the page's title, the dataset's title, its edition and the page's address.
The edition is the newest release in ``releases.yml`` (its version and date); without that
file the data has no version, and the citation says so and gives the day of the build instead.
The address is absolute when ``site_url`` is set in mkdocs.yml; otherwise it is the page's
path within the site, and the citation says that no web address is configured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from ..database import Database
from ..exports.index_file import build_time
from ..exports.site_config import SiteConfig
from ..urls import page_url

#: what a reader is told when the site has no address of its own
NO_ADDRESS_NOTE = (
    "This site has no web address configured (site_url in mkdocs.yml), so the address is the "
    "page's path within the site: put the address you read it at in its place.")

_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_~^]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}


def bibtex_text(text: str) -> str:
    """``text`` as a BibTeX field's value: LaTeX's special characters escaped, on one line."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m[0], "\\" + m[0]),
                               " ".join(text.split()))


@dataclass(frozen=True, slots=True)
class Edition:
    """The dataset as a citation names it: its title, and its version and date, or no version
    and the day it was built."""

    title: str
    version: str | None
    date: str

    @classmethod
    def of(cls, database: Database, site: SiteConfig) -> Edition:
        releases = database.releases
        if releases is not None:
            return cls(site.name, releases.latest.version, releases.latest.date)
        return cls(site.name, None, build_time().date().isoformat())

    @property
    def label(self) -> str:
        """``version 1.1.0 (2025-06-02)`` or ``unversioned (built 2026-01-05)``."""
        if self.version is None:
            return f"unversioned (built {self.date})"
        return f"version {self.version} ({self.date})"


@dataclass(frozen=True, slots=True)
class PageCitation:
    text: str
    bibtex: str
    #: said beside the citation when the address is not absolute
    note: str | None


def page_citation(edition: Edition, site: SiteConfig, page: str, title: str) -> PageCitation:
    """How to cite ``page`` (a Markdown page of the tree), whose title is ``title``."""
    path = page_url(page)
    address = site.link(page, page) if site.url is not None else path or "./"
    title = " ".join(title.split())
    stop = "" if title[-1:] in ".?!" else "."
    text = f"“{title}”{stop} In: {edition.title}, {edition.label}. {address}"
    fields = [("title", f"{{{bibtex_text(title)}}}"),
              ("howpublished", f"{{{bibtex_text(edition.title)}}}")]
    if edition.version is not None:
        fields.append(("version", bibtex_text(edition.version)))
        note = f"Version {edition.version}, released {edition.date}"
    else:
        note = f"Unversioned, built {edition.date}"
    fields += [("date", edition.date), ("year", edition.date[:4])]
    if site.url is not None:
        fields.append(("url", quote(address, safe=":/?#[]@!$&'()*+,;=%-._")))
    else:
        note += f"; the page {path or './'} of the site"
    fields.append(("note", bibtex_text(note)))
    key = path.strip("/").replace("/", "-") or "home"
    bibtex = f"@misc{{{key},\n" + ",\n".join(
        f"  {name} = {{{value}}}" for name, value in fields) + "\n}"
    return PageCitation(text, bibtex, None if site.url is not None else NO_ADDRESS_NOTE)
