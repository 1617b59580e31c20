"""In a real headless Chromium (Playwright): the map page's table of places follows the date slider like the
markers do; searching a Russian spelling (Северск) from the search boxes finds the English Siversk article and
its claims."""

from __future__ import annotations

from tests.web.test_browser_map import KURAKHOVE, slide_to

SIVERSK_TITLE = "Siversk: General Staff denies capture"


def row_status(page, place: str) -> str | None:
    return page.get_attribute(f"#map-places tr[data-place='{place}'] td.status-cell", "data-status")


def test_the_places_table_follows_the_slider(page):
    page.goto(page.base + "/")
    page.wait_for_selector("#map[data-markers]:not([data-loading])")
    assert row_status(page, KURAKHOVE) == "acknowledged_by_opposing_side"
    n_now = page.locator("#map-places tbody tr").count()
    assert n_now > 1
    slide_to(page, "2025-01-08")
    page.wait_for_selector("#map-places[data-as-of='2025-01-08']")
    # the row's status is the day's, like the marker's; only Kurakhove had claims by then
    assert row_status(page, KURAKHOVE) == "disputed"
    assert page.locator(f"#map-places tr[data-place='{KURAKHOVE}'] .status").inner_text() == "disputed"
    assert page.locator("#map-places tbody tr").count() == 1
    assert page.locator("#map-places-count").inner_text() == "1"
    assert page.locator("#map-places-as-of").inner_text() == "as of 2025-01-08"
    link = page.get_attribute(f"#map-places tr[data-place='{KURAKHOVE}'] a.place-link", "href")
    assert link == f"/places/{KURAKHOVE}?as_of=2025-01-08"
    slide_to(page, "2025-01-14")
    page.wait_for_selector("#map-places[data-as-of='2025-01-14']")
    assert row_status(page, KURAKHOVE) == "corroborated_by_independent"
    assert page.locator(f"#map-places tr[data-place='{KURAKHOVE}'] .status").inner_text() == (
        "corroborated by independent source"
    )
    page.click("#as-of .as-of-now")
    page.wait_for_selector("#map-places[data-as-of='']")
    assert row_status(page, KURAKHOVE) == "acknowledged_by_opposing_side"
    assert page.locator("#map-places tbody tr").count() == n_now
    # a reload as of a day renders the same table on the server
    page.goto(page.base + "/?as_of=2025-01-08")
    assert row_status(page, KURAKHOVE) == "disputed"
    assert not page.problems, page.problems


def test_a_russian_spelling_finds_the_english_article(page, store):
    from claimledger.store import queries

    english = next(a["id"] for a in queries.list_articles(store, limit=50)[0] if a["title"] == SIVERSK_TITLE)
    # the search box in the header: claims
    page.goto(page.base + "/")
    page.fill("header form.quick input[name=q]", "Северск")
    page.press("header form.quick input[name=q]", "Enter")
    page.wait_for_url("**/claims?q=*")
    assert page.locator("p.searched", has_text="siversk").count() == 1  # the variants searched are shown
    hrefs = page.locator("table.claims-table a.claim-link").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any(h.startswith(f"/articles/{english}#claim-") for h in hrefs), hrefs
    page.locator(f"table.claims-table a.claim-link[href^='/articles/{english}#']").first.click()
    page.wait_for_url(f"**/articles/{english}#claim-c*")
    assert page.locator("h1").inner_text() == SIVERSK_TITLE
    # the articles table's search box
    page.goto(page.base + "/articles")
    page.fill("form.filters input[name=q]", "Северск")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/articles?q=*")
    assert SIVERSK_TITLE in page.locator("table.articles a.article-link").all_inner_texts()
    page.get_by_role("link", name=SIVERSK_TITLE).click()
    page.wait_for_url(f"**/articles/{english}")
    assert page.locator("h1").inner_text() == SIVERSK_TITLE
    assert not page.problems, page.problems
