"""The map, the date slider and the reference overlay in a real headless Chromium (Playwright): moving the slider
re-colours a marker and changes a proposition's status; a DeepState-format snapshot loaded from a file is drawn
and a disagreement is flagged with its evidence; no page scrolls sideways at 360 px."""

from __future__ import annotations

import json

import pytest

from tests.web.test_overlay_api import AROUND_KURAKHOVE, snapshot

KURAKHOVE = "gn:695357"


def slide_to(page, day: str) -> None:
    """Move the slider to a day, as a user's drag ends (input, then change)."""
    page.wait_for_selector("#as-of[data-ready]")
    page.evaluate(
        """day => {
          const r = document.querySelector('#as-of input[type=range]');
          const first = Date.parse(document.querySelector('#as-of .as-of-first').textContent + 'T00:00:00Z');
          r.value = String(Math.round((Date.parse(day + 'T00:00:00Z') - first) / 86400000));
          r.dispatchEvent(new Event('input', {bubbles: true}));
          r.dispatchEvent(new Event('change', {bubbles: true}));
        }""",
        day,
    )


def marker_status(page) -> str:
    return page.get_attribute(f"path.place-marker[data-place='{KURAKHOVE}']", "data-status")


def test_slider_recolours_a_marker(page):
    page.goto(page.base + "/")
    page.wait_for_selector(f"path.place-marker[data-place='{KURAKHOVE}']")
    assert marker_status(page) == "acknowledged_by_opposing_side"
    colour_now = page.eval_on_selector(f"path.place-marker[data-place='{KURAKHOVE}']", "e => getComputedStyle(e).fill")
    slide_to(page, "2025-01-08")
    page.wait_for_selector("#map[data-as-of='2025-01-08']:not([data-loading])")
    assert marker_status(page) == "disputed"
    colour_then = page.eval_on_selector(f"path.place-marker[data-place='{KURAKHOVE}']", "e => getComputedStyle(e).fill")
    assert colour_then != colour_now
    assert page.locator("#as-of output").inner_text() == "2025-01-08"
    assert "as_of=2025-01-08" in page.url
    assert page.locator("path.place-marker").count() == 1  # only Kurakhove had claims by then
    assert page.locator(".place-label").all_inner_texts() == ["Kurakhove"]
    page.click("#as-of .as-of-now")
    page.wait_for_selector("#map[data-as-of='']:not([data-loading])")
    assert marker_status(page) == "acknowledged_by_opposing_side"
    assert page.get_attribute("#map", "data-basemap") == "loaded"
    assert page.locator("path.oblast").count() >= 25  # the oblast outlines
    assert not page.problems, page.problems


def test_slider_changes_a_propositions_status(page):
    page.goto(page.base + "/propositions?place=Kurakhove&kind=control")
    assert page.locator("table.list .status").first.inner_text() == "acknowledged by opposing side"
    slide_to(page, "2025-01-08")
    page.wait_for_url("**as_of=2025-01-08**")
    assert page.locator("table.list .status").first.inner_text() == "disputed"
    assert "place=Kurakhove" in page.url
    page.goto(page.base + f"/places/{KURAKHOVE}")
    slide_to(page, "2025-01-14")
    page.wait_for_url("**as_of=2025-01-14")
    assert page.locator("#timeline-chart .pt.st-corroborated_by_independent").count() >= 1
    assert not page.problems, page.problems


def test_uploaded_snapshot_is_drawn_and_flags_a_disagreement(page, tmp_path):
    f = tmp_path / "deepstatemap_data_20250101.geojson"
    f.write_text(json.dumps(snapshot(AROUND_KURAKHOVE)))  # Kurakhove inside; Siversk, Petropavlivka outside
    page.goto(page.base + "/")
    page.wait_for_selector(f"path.place-marker[data-place='{KURAKHOVE}']")
    page.set_input_files("#overlay-file", str(f))
    page.wait_for_selector("#map[data-overlay=file]")
    assert page.locator("path.overlay-area").count() == 1
    flagged = page.locator("#overlay-disagreements li")
    assert sorted(flagged.evaluate_all("ls => ls.map(l => l.dataset.place)")) == ["gn:694403", "gn:697421"]
    assert page.locator("path.place-marker.disagree[data-place='gn:694403']").count() == 1
    assert page.locator(f"path.place-marker.disagree[data-place='{KURAKHOVE}']").count() == 0
    # the evidence is one click away
    page.locator("#overlay-disagreements li[data-place='gn:694403'] a.evidence").click()
    page.wait_for_url("**/propositions/P*")
    assert "Siversk" in page.locator("h1").inner_text()
    # a file that is not GeoJSON is refused with a message, and nothing runs
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "Polygon", "coordinates": [[["<img src=x onerror=alert(1)>", 1]]]}')
    page.goto(page.base + "/")
    page.wait_for_selector("#map[data-markers]")
    page.set_input_files("#overlay-file", str(bad))
    page.locator("#overlay-status", has_text="not a GeoJSON snapshot").wait_for()
    assert page.locator("#overlay-panel img").count() == 0
    assert not page.problems, page.problems


def test_clustering_groups_close_markers(page):
    page.goto(page.base + "/")
    page.wait_for_selector("#map[data-markers]")
    groups = page.evaluate(
        """() => window.claimledger.cluster(
             [{n_assertions: 1, x: 0, y: 0}, {n_assertions: 5, x: 10, y: 5}, {n_assertions: 2, x: 200, y: 0}],
             p => ({x: p.x, y: p.y}), 28).map(g => g.members.length)"""
    )
    assert sorted(groups) == [1, 2]
    # Kupyansk's label would sit on Petropavlivka's (6 km apart): the less active one is hidden
    page.wait_for_selector("#map[data-basemap=loaded]")
    hidden = page.locator(".place-label.label-hidden").all_text_contents()
    assert hidden == ["Kupyansk"]


@pytest.mark.parametrize("path", ["/", "/propositions", f"/places/{KURAKHOVE}", "/claims", "/articles"])
def test_no_horizontal_scroll_at_360px(browser, live_server, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    p = context.new_page()
    p.goto(live_server.url + path)
    p.wait_for_load_state("networkidle")
    width = p.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360, (path, width)


def test_place_chart_full_width_with_status_changes(page):
    page.goto(page.base + f"/places/{KURAKHOVE}")
    page.wait_for_selector("#control-chart[data-drawn]")
    assert page.get_attribute("#control-chart", "data-drawn") == "1"
    fig_w = page.eval_on_selector(
        "#control-chart",
        "e => { const s = getComputedStyle(e); return e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }",
    )
    svg_w = page.eval_on_selector("#timeline-chart", "e => e.getBoundingClientRect().width")
    assert svg_w >= fig_w - 2  # the chart spans its box
    assert page.get_attribute("#timeline-chart", "data-unit") in ("day", "week")  # two weeks of claims
    changes = page.locator("#timeline-chart a.change")
    assert changes.evaluate_all("as => as.map(a => a.dataset.status)") == [
        "claimed_by_one_side",
        "disputed",
        "corroborated_by_independent",
        "acknowledged_by_opposing_side",
    ]
    assert all("#claim-c" in h for h in changes.evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    assert page.locator("#timeline-chart .band").count() == 4
    # as of a day, only the changes known by then
    page.goto(page.base + f"/places/{KURAKHOVE}?as_of=2025-01-08")
    page.wait_for_selector("#control-chart[data-drawn]")
    assert page.locator("#timeline-chart a.change").count() == 2
    changes.first.click()
    page.wait_for_url("**/articles/a_*#claim-c*")
    assert not page.problems, page.problems


def test_chart_axis_adapts_to_the_span(page):
    page.goto(page.base + f"/places/{KURAKHOVE}")
    page.wait_for_selector("#control-chart[data-drawn]")
    units = page.evaluate(
        """() => [[10, 800], [60, 800], [400, 800], [1500, 800], [5000, 800]].map(([days, px]) => {
             const lo = Date.UTC(2024, 0, 1); return window.claimledgerChart.ticks(lo, lo + days * 86400000, px).unit; })"""
    )
    assert units == ["day", "week", "month", "month", "year"]
