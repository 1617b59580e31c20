"""compare-control: settlements matched by GeoNames id or distance (never by name), every skipped row with its
reason; DeepState-style occupied-area snapshots (small polygons written here) compared per date."""

import json

from click.testing import CliRunner

from claimledger.cli.main import main
from claimledger.geo.polygons import area_from_geojson, read_snapshots
from claimledger.link.compare import ReferenceRow, compare_reference, compare_snapshots, match_place
from claimledger.model.ledger import TimelineEntry, TimelineOrigin

SIVERSK = {"place_key": "gn:694403", "name": "Siversk", "lat": 48.86476, "lon": 38.09683}
BAKHMUT = {"place_key": "gn:713174", "name": "Bakhmut", "lat": 48.59419, "lon": 37.99886}
KLISH = {"place_key": "name:klishchiivka", "name": "Klishchiivka", "lat": 48.59419, "lon": 37.99886}


def square(lon, lat, half):
    return [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]


def snapshot(*polygons):
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [list(polygons)]}}
        ],
    }


def entry(side, date, status="claimed_by_one_side", origin="Russian Defence Ministry"):
    return TimelineEntry(
        proposition="p1",
        date=date,
        date_is_claim_date=True,
        kind="control",
        side=side,
        place="Siversk",
        text=f"{side} forces control Siversk",
        status=status,
        status_reason="one side's claim",
        affirmed_by=[TimelineOrigin(origin=origin, type="party", side=side, articles=1)],
        denied_by=[],
        n_origins=1,
        n_articles=1,
    )


def test_point_in_polygon_with_a_hole():
    outer = square(38.0, 48.8, 0.5)
    hole = square(38.1, 48.86, 0.05)
    area = area_from_geojson({"type": "Polygon", "coordinates": [outer, hole]})
    assert area.contains(48.6, 37.8)
    assert not area.contains(48.86476, 38.09683)  # inside the hole
    assert not area.contains(50.0, 36.2)  # outside the bounding box


def test_matching_by_id_and_distance_never_by_name():
    places = [SIVERSK, BAKHMUT]
    # a different spelling, found by id
    assert match_place(ReferenceRow("Seversk", "RU", None, None, None, 694403), places)[1] == "geonameid"
    # a Russian spelling 1 km off: distance
    hit, how = match_place(ReferenceRow("Artemovsk", "RU", None, 48.6, 38.0), places)
    assert hit is BAKHMUT and how.endswith("km")
    # same name, 40 km away: not the same settlement
    hit, why = match_place(ReferenceRow("Siversk", "UA", None, 48.5, 38.5), places)
    assert hit is None and "within 5 km" in why and "nearest" in why
    assert (
        "neither a GeoNames id nor coordinates"
        in match_place(ReferenceRow("Siversk", "UA", None, None, None), places)[1]
    )


def test_reference_table_reports_each_skipped_row():
    timelines = {"gn:694403": [entry("RU", "2025-12-11")], "gn:713174": []}
    ref = [
        ReferenceRow("Sivers'k", "RU", "2025-12-20", 48.865, 38.097),
        ReferenceRow("Siversk", "RU", "2025-12-01", 48.865, 38.097),  # before the ledger knew anything
        ReferenceRow("Bakhmut", "RU", "2025-12-20", 48.594, 37.999),
        ReferenceRow("Lyman", "UA", "2025-12-20", 48.99, 37.80),
    ]
    out = compare_reference(ref, [SIVERSK, BAKHMUT], lambda key, as_of: timelines[key])
    assert [(r["settlement"], r["agrees"]) for r in out["compared"]] == [("Sivers'k", True)]
    reasons = {s["settlement"] + s["as_of"]: s["reason"] for s in out["skipped"]}
    assert "no dated control claim about Siversk by 2025-12-01" in reasons["Siversk2025-12-01"]
    assert "Bakhmut" in reasons["Bakhmut2025-12-20"]
    assert "within 5 km" in reasons["Lyman2025-12-20"]


def test_snapshots_per_settlement_and_date(tmp_path):
    (tmp_path / "deepstatemap_data_20251201.geojson").write_text(json.dumps(snapshot(square(38.3, 48.7, 0.15))))
    (tmp_path / "deepstatemap_data_20260101.geojson").write_text(json.dumps(snapshot(square(38.2, 48.8, 0.2))))
    (tmp_path / "notes.txt").write_text("not a snapshot")
    snaps = read_snapshots(str(tmp_path))
    assert [s.date for s in snaps] == ["2025-12-01", "2026-01-01"]
    timelines = {"gn:694403": [entry("RU", "2025-12-11")], "gn:713174": [entry("RU", "2025-11-20")]}
    out = compare_snapshots(
        snaps, [SIVERSK, BAKHMUT, KLISH], lambda key, as_of: [r for r in timelines[key] if r.date <= as_of]
    )
    rows = {(r["settlement"], r["date"]): r for r in out["compared"]}
    # Siversk: no ledger claim by Dec 1; claimed RU on Dec 11, inside the area on Jan 1 -> agrees
    assert ("Siversk", "2025-12-01") not in rows and rows[("Siversk", "2026-01-01")]["agrees"]
    assert rows[("Siversk", "2026-01-01")]["in_occupied_area"]
    # Bakhmut: the ledger says RU, the polygons never cover it -> a disagreement, with its evidence
    bad = rows[("Bakhmut", "2025-12-01")]
    assert (
        not bad["agrees"]
        and bad["reference"] == "UA"
        and bad["evidence"]["affirmed_by"] == ["Russian Defence Ministry"]
    )
    skipped = {s["settlement"]: s["reason"] for s in out["skipped"]}
    assert "approximate" in skipped["Klishchiivka"] and "1 snapshot date" in skipped["Siversk"]


ARTICLES = [
    (
        "TASS",
        "https://tass.com/politics/seversk-1",
        "2025-12-11",
        "MOSCOW, December 11. /TASS/. Russian troops have taken full control of the town of Seversk in the Donetsk "
        "People's Republic, the Russian Defence Ministry said on Thursday.",
    ),
    (
        "Ukrinform",
        "https://www.ukrinform.net/rubric-ato/siversk-2",
        "2025-12-12",
        "KYIV, December 12. Ukraine's General Staff denied that Russian forces had captured Siversk, saying "
        "Ukrainian units continued to defend the town in Donetsk region.",
    ),
]


def test_cli_against_snapshots_and_table(tmp_path):
    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for outlet, url, published, text in ARTICLES:
            fh.write(json.dumps({"text": text, "url": url, "published": published, "outlet": outlet}) + "\n")
    db = "sqlite:///" + str(tmp_path / "l.sqlite")
    run = CliRunner().invoke(main, ["ingest", str(src), "--db", db])
    assert run.exit_code == 0, run.output
    snaps = tmp_path / "snaps"
    snaps.mkdir()
    (snaps / "occupied_20251215.geojson").write_text(json.dumps(snapshot(square(38.1, 48.9, 0.1))))
    out = CliRunner().invoke(main, ["compare-control", str(snaps), "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    res = json.loads(out.stdout)
    siversk = [r for r in res["rows"] if r["place_key"] == "gn:694403"]
    assert siversk and siversk[0]["reference"] == "RU" and siversk[0]["date"] == "2025-12-15"
    assert res["compared"] == len(res["rows"]) and res["agree"] == sum(r["agrees"] for r in res["rows"])
    table = tmp_path / "ref.csv"
    table.write_text(
        '"Name","Held by","As of","Lat","Lon","geonameid"\n"Seversk","Russia","20 Dec 2025","","",'
        '"694403"\n"Nowhere","Ukraine","20 Dec 2025","","",""\n'
    )
    out = json.loads(CliRunner().invoke(main, ["compare-control", str(table), "--db", db, "--format", "json"]).stdout)
    assert out["reference_rows"] == 2 and out["rows"][0]["matched_by"] == "geonameid"
    assert [s["settlement"] for s in out["skipped"]] == ["Nowhere"]
    text = CliRunner().invoke(main, ["compare-control", str(table), "--db", db])
    assert "skipped Nowhere" in text.output
    bad = CliRunner().invoke(main, ["compare-control", str(tmp_path / "missing"), "--db", db])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = CliRunner().invoke(main, ["compare-control", str(empty), "--db", db])
    assert bad.exit_code != 0 and "no dated GeoJSON snapshot" in bad.stderr
