"""The licence of the curated data, stated the same way in every download that describes the
data and on the Downloads page.

The curated data (entities, claims, citations, vocabularies) is published under CC BY 4.0. The
source text it quotes (the articles' paragraphs, and the quotes taken from them) is not ours to
license: it remains its publishers' and is quoted for citation. The code is MIT-licensed, which
says nothing about the data.
"""

from __future__ import annotations

#: the SPDX identifier
LICENCE_ID = "CC-BY-4.0"
LICENCE_NAME = "CC BY 4.0"
LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
#: the licence's canonical address
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_TEXT_NOTE = (
    "The source text (the articles' paragraphs and the quotes taken from them) remains its "
    "publishers' and is quoted for citation; the licence does not cover it.")
LICENCE_NOTE = (
    f"The curated data (entities, claims, citations and vocabularies) is licensed under "
    f"{LICENCE_TITLE} ({LICENCE_NAME}). {SOURCE_TEXT_NOTE}")
