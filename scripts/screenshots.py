"""Screenshots of the web workspace's main pages (map, article, place, proposition, the date slider and a\nreference overlay) into docs/*.png.

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
        ("web-place.png", f"/places/{place['place_key']}", "#control-chart[data-drawn]"),
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
        slider_and_overlay(page, server.url, out, store)
        browser.close()


def slider_and_overlay(page, base: str, out: Path, store) -> None:
    """web-slider.png: the map as of the first day after the ledger's first claims (the slider moved);
    web-overlay.png: a reference overlay (a small DeepState-format snapshot around the first place with a
    control claim) loaded from a file, with the disagreeing places ringed and listed."""
    import json

    from claimledger.web.overlay import ledger_dates

    first = ledger_dates(store)["first"]
    page.goto(base + "/")
    page.wait_for_selector("#as-of[data-ready]")
    page.wait_for_selector("#map[data-basemap=loaded]")
    page.evaluate(
        """() => { const r = document.querySelector('#as-of input[type=range]');
                   r.value = '2'; r.dispatchEvent(new Event('input')); r.dispatchEvent(new Event('change')); }"""
    )
    page.wait_for_selector("#map[data-as-of]:not([data-as-of='']):not([data-loading])")
    page.wait_for_timeout(400)
    page.screenshot(path=str(out / "web-slider.png"))
    print(out / "web-slider.png", "(as of two days after", first + ")")
    page.goto(base + "/")
    page.wait_for_selector("#map[data-markers]")
    page.wait_for_selector("#map[data-basemap=loaded]")
    held = next((p for p in page.evaluate("window.claimledger.places") if p["latest_control"]), None)
    lat, lon = (held["lat"], held["lon"]) if held else (48.0, 37.3)
    ring = [[lon - 0.3, lat - 0.2], [lon + 0.3, lat - 0.2], [lon + 0.3, lat + 0.2], [lon - 0.3, lat + 0.2]]
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "MultiPolygon", "coordinates": [[ring + [ring[0]]]]},
            }
        ],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deepstatemap_data_example.geojson"
        path.write_text(json.dumps(fc))
        page.set_input_files("#overlay-file", str(path))
        page.wait_for_selector("#map[data-overlay=file]")
    page.wait_for_timeout(400)
    page.screenshot(path=str(out / "web-overlay.png"), full_page=True)
    print(out / "web-overlay.png")


if __name__ == "__main__":
    main()
