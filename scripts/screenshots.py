"""Screenshots of the web workspace's main pages (map, article, place, proposition, the date slider, a
reference overlay and a correction's audit trail) into docs/*.png.

    .venv/bin/python scripts/screenshots.py [--db LEDGER] [--out docs] [--only web-audit.png ...]

Without --db it builds a small ledger from the project's fixture articles (tests/web/conftest.py) and, for the
audit trail, makes corrections on it through the review API with a reviewer's token (a correction, a second one
and its revert).  With --db nothing is written: the audit trail shot shows the proposition with the most recent
correction already in the ledger's log (none: no shot).  Uses the system Chromium (scripts/ensure-chromium.sh)
through Playwright, with the same flags as the browser tests."""

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
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these shots (e.g. web-audit.png)")
    args = ap.parse_args()
    wanted = set(args.only or ALL)
    unknown = wanted - set(ALL)
    if unknown:
        sys.exit(f"error: unknown shot(s) {', '.join(sorted(unknown))} (known: {', '.join(ALL)})")

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
            if name not in wanted:
                continue
            page.goto(server.url + path)
            page.wait_for_selector(ready)
            if name == "web-map.png":
                page.wait_for_selector("#map[data-basemap=loaded]")
                page.wait_for_timeout(500)
            page.screenshot(path=str(out / name), full_page=name != "web-map.png")
            print(out / name)
        if wanted & {"web-slider.png", "web-overlay.png"}:
            slider_and_overlay(page, server.url, out, store, wanted)
        if "web-audit.png" in wanted:
            audit_trail(page, out, store, writable=not args.db)
        browser.close()


def slider_and_overlay(page, base: str, out: Path, store, wanted: set[str]) -> None:
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
    if "web-slider.png" in wanted:
        page.screenshot(path=str(out / "web-slider.png"))
        print(out / "web-slider.png", "(as of two days after", first + ")")
    if "web-overlay.png" not in wanted:
        return
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


POST = """async ([url, body, token]) => {
  const r = await fetch(url, {method: "POST", credentials: "omit", body: JSON.stringify(body),
                              headers: {"Content-Type": "application/json", "Authorization": "Bearer " + token}});
  return [r.status, await r.text()];
}"""


def audit_trail(page, out: Path, store, writable: bool) -> None:
    """web-audit.png: a proposition page with the audit trail of its corrections.  On the fixture ledger a
    reviewer corrects, through the review API and her token, the certainty of an independent analyst's claim
    affirming the busiest control proposition to "hedged", corrects its speaker type, and reverts that second
    correction as a mistake; the shot shows the proposition page down to its audit table."""
    import json

    from claimledger.store import queries
    from claimledger.store import review as sql
    from claimledger.web import create_app
    from tests.web.conftest import LiveServer

    if writable:
        token = sql.add_user(store, "olena")
        places = [p for p in queries.map_places(store) if p["latest_control"]]
        place = max(places, key=lambda p: (p["n_articles"], p["n_assertions"]))
        prop = place["latest_control"]["proposition"]
        members = [m for m in store.members(prop) if m.claim_id and m.stance == "affirm"]
        m = next((x for x in members if x.speaker_type == "independent"), members[0])  # an analyst's assessment
        url = f"/api/review/claims/{m.article_id}/{m.claim_id}"
        edits = [
            {"field": "certainty", "value": "hedged", "reason": "the assessment says 'likely': hedged, not reported"},
            {"field": "speaker_type", "value": "journalist", "reason": "relays press reports, not its own assessment"},
        ]
        with LiveServer(create_app(store, allow_writes=True, token="screenshot-admin-" + "0" * 16)) as rw:
            page.goto(rw.url + f"/propositions/{prop}")
            ids = []
            for body in edits:
                status, text = page.evaluate(POST, [url, {**body, "proposition": prop}, token])
                if status != 200:
                    sys.exit(f"error: the correction was refused ({status}): {text}")
                ids.append(json.loads(text)["id"])
            status, text = page.evaluate(
                POST,
                [
                    f"/api/review/revert/{ids[1]}",
                    {"reason": "its own assessment after all: independent, as the machine said"},
                    token,
                ],
            )
            if status != 200:
                sys.exit(f"error: the revert was refused ({status}): {text}")
            _shoot_audit(page, rw.url + f"/propositions/{prop}", out)
        return
    prop = next((e.get("proposition_id") or e.get("scope") for e in sql.audit_entries(store, limit=50)), None)
    if prop is None:
        print("web-audit.png: no correction in this ledger's audit log: not made", file=sys.stderr)
        return
    with LiveServer(create_app(store)) as ro:
        _shoot_audit(page, ro.url + f"/propositions/{prop}", out)


def _shoot_audit(page, url: str, out: Path) -> None:
    page.goto(url)
    page.wait_for_selector("#audit tr.audit-entry")
    top = page.locator("h1").bounding_box()
    end = page.locator("#audit").bounding_box()
    width = page.viewport_size["width"]
    clip = {"x": 0, "y": max(0, top["y"] - 16), "width": width, "height": end["y"] + end["height"] - top["y"] + 32}
    page.screenshot(path=str(out / "web-audit.png"), full_page=True, clip=clip)
    print(out / "web-audit.png")


ALL = [
    "web-map.png",
    "web-article.png",
    "web-place.png",
    "web-proposition.png",
    "web-slider.png",
    "web-overlay.png",
    "web-audit.png",
]


if __name__ == "__main__":
    main()
