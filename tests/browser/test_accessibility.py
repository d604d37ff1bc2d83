"""axe-core (bundled by axe-playwright-python) on the five kinds of page, and on the search open
with its results, light and dark: no serious or critical violation."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import entity_path

pytestmark = pytest.mark.browser

SEVERE = {"serious", "critical"}


def kinds(site_data: dict[str, Any]) -> dict[str, str]:
    counts: dict[str, int] = {}
    for claim in site_data["claims"]:
        counts[claim["subject"]] = counts.get(claim["subject"], 0) + 1
    entity = max(site_data["entities"], key=lambda e: (counts.get(e["id"], 0), e["id"]))
    # The source page opened at a citation, so the highlighted paragraph and quote are checked.
    claim = next(c for c in site_data["claims"] if c["subject"] == entity["id"] and c["citations"])
    cited = claim["citations"][0]["source"]
    return {
        "home": "",
        "entity": entity_path(entity),
        "source": f"sources/{cited}/#cite-{claim['id']}-1",
        "network": "network/",
        "timeline": "timeline/",
        "search": "?q=" + entity["name"],  # the address opens the search with the query
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "entity", "source", "network", "timeline", "search"])
def test_no_serious_accessibility_violations(
    browser: Any, site_url: str, site_data: dict[str, Any], kind: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + kinds(site_data)[kind])
        page.wait_for_function("document.body.dataset.iranruReady === '1'")
        if kind == "source":
            page.wait_for_selector("mark.cited.is-target")
        if kind == "search":
            page.wait_for_selector(".iranru-search .pf-result-link")
            page.wait_for_timeout(300)  # the results' excerpts
        results = Axe().run(page)
        severe = [v for v in results.response["violations"] if v.get("impact") in SEVERE]
        report = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                        for n in v["nodes"][:5])
            for v in severe
        ]
        assert not severe, "\n".join(report)
    finally:
        context.close()
