"""Screenshots of the web workspace's main pages (map, article, place, proposition) into docs/*.png.

    .venv/bin/python scripts/screenshots.py [--db LEDGER] [--out docs]

Without --db it builds a small ledger from the project's fixture articles (tests/web/conftest.py).  Uses the
system Chromium (scripts/ensure-chromium.sh) through Playwright, with the same flags as the browser tests."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="an existing ledger (path or URL); default: build one from the fixtures")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from claimledger.store import LedgerStore, queries
    from claimledger.store.repository import to_url
    from claimledger.web import create_app
    from tests.web.conftest import LiveServer, launch_chromium

    if args.db:
        store = LedgerStore(to_url(args.db))
    else:
        from claimledger.pipeline import Analyzer
        from tests.web.conftest import build_ledger

        store = build_ledger(Path(tempfile.mkdtemp()) / "ledger.sqlite", Analyzer.load())
    places = queries.map_places(store)
    place = max(places, key=lambda p: (p["n_articles"], p["n_assertions"]))
    prop = (
        place["latest_control"]["proposition"]
        if place["latest_control"]
        else queries.list_propositions(store, place_key=place["place_key"], limit=1)[0][0]["id"]
    )
    articles, _ = queries.list_articles(store, limit=100)
    article = max(articles, key=lambda a: a["n_claims"])
    detail = queries.article_detail(store, article["id"])
    linked = sorted(detail["claim_propositions"], key=lambda c: (len(c), c))
    claim = linked[0] if linked else "c1"
    shots = [
        ("web-map.png", "/", ".place-marker"),
        ("web-article.png", f"/articles/{article['id']}#claim-{claim}", "#article-text .seg.claim"),
        ("web-place.png", f"/places/{place['place_key']}", "#timeline-chart"),
        ("web-proposition.png", f"/propositions/{prop}", ".sides"),
    ]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with LiveServer(create_app(store)) as server, sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        for name, path, ready in shots:
            page.goto(server.url + path)
            page.wait_for_selector(ready)
            if name == "web-map.png":
                page.wait_for_selector("#map[data-basemap=loaded]")
                page.wait_for_timeout(500)
            page.screenshot(path=str(out / name), full_page=name != "web-map.png")
            print(out / name)
        browser.close()


if __name__ == "__main__":
    main()
