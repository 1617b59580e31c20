"""The reference overlay API (/api/overlay, /api/overlay/info) over the fixture ledger, with a folder of small
hand-made occupied-area snapshots in DeepStateMap's format; the online-tiles CSP switch; `serve --overlay-dir`."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from claimledger.geo.polygons import read_snapshots
from claimledger.web.app import CSP

KURAKHOVE, SIVERSK = "gn:695357", "gn:694403"


def square(lon0, lat0, lon1, lat1) -> list:
    return [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]]


def snapshot(*polygons) -> dict:
    """A FeatureCollection with one MultiPolygon, as DeepStateMap's daily files."""
    geometry = {"type": "MultiPolygon", "coordinates": list(polygons)}
    return {
        "type": "FeatureCollection",
        "name": "test",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [{"type": "Feature", "properties": {}, "geometry": geometry}],
    }


AROUND_KURAKHOVE = square(37.0, 47.8, 37.5, 48.2)
AROUND_SIVERSK = square(37.9, 48.7, 38.3, 49.0)


@pytest.fixture(scope="module")
def overlay_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("deepstate")
    # 2025-01-01: Kurakhove not yet inside; 2025-01-10: Kurakhove inside; 2025-12-01: Kurakhove and Siversk inside
    (d / "deepstatemap_data_20250101.geojson").write_text(json.dumps(snapshot(square(36.0, 47.0, 36.5, 47.5))))
    (d / "deepstatemap_data_20250110.geojson").write_text(json.dumps(snapshot(AROUND_KURAKHOVE)))
    (d / "deepstatemap_data_20251201.geojson").write_text(json.dumps(snapshot(AROUND_KURAKHOVE, AROUND_SIVERSK)))
    (d / "README.txt").write_text("not a snapshot")
    return d


@pytest.fixture(scope="module")
def oclient(store, overlay_dir):
    from claimledger.web import create_app

    app = create_app(store, cache=False)
    app.state.overlay_snapshots = read_snapshots(str(overlay_dir))
    with TestClient(app) as c:
        yield c


def by_key(doc: dict) -> dict:
    return {p["place_key"]: p for p in doc["places"]}


def test_overlay_needs_a_folder(client):
    r = client.get("/api/overlay")
    assert r.status_code == 404 and "--overlay-dir" in r.json()["error"]
    info = client.get("/api/overlay/info").json()
    assert info["snapshots"] == [] and info["online_tiles"] is None
    assert info["dates"] == {"first": "2025-01-06", "last": "2025-12-10"}


def test_snapshot_nearest_before_the_day(oclient):
    info = oclient.get("/api/overlay/info").json()
    assert [s["date"] for s in info["snapshots"]] == ["2025-01-01", "2025-01-10", "2025-12-01"]
    assert oclient.get("/api/overlay", params={"as_of": "2024-12-31"}).json()["snapshot"] is None
    assert oclient.get("/api/overlay", params={"as_of": "2025-01-09"}).json()["snapshot"]["date"] == "2025-01-01"
    assert oclient.get("/api/overlay", params={"as_of": "2025-01-10"}).json()["snapshot"]["date"] == "2025-01-10"
    assert oclient.get("/api/overlay").json()["snapshot"]["date"] == "2025-12-01"


def test_disagreements_with_their_evidence(oclient):
    # 2025-01-08: the ledger has Russia's claim on Kurakhove (disputed); the 2025-01-01 snapshot leaves it outside
    doc = oclient.get("/api/overlay", params={"as_of": "2025-01-08"}).json()
    k = by_key(doc)[KURAKHOVE]
    assert (k["ledger_holder"], k["overlay_holder"], k["agree"], k["status"]) == ("RU", "UA", False, "disputed")
    assert [d["place_key"] for d in doc["disagreements"]] == [KURAKHOVE]
    assert oclient.get(f"/api/propositions/{k['proposition']}").status_code == 200  # the evidence, one click away
    # 2025-01-14: the 2025-01-10 snapshot holds it inside: they agree
    doc = oclient.get("/api/overlay", params={"as_of": "2025-01-14"}).json()
    assert by_key(doc)[KURAKHOVE]["agree"] and doc["disagreements"] == []
    # now: Siversk (Russia's claim, disputed by Ukraine) is inside the last snapshot; Petropavlivka is not
    doc = oclient.get("/api/overlay").json()
    rows = by_key(doc)
    assert rows[KURAKHOVE]["agree"] and rows[SIVERSK]["agree"]
    assert {d["name"] for d in doc["disagreements"]} == {"Petropavlivka"}
    assert "gn:706482" not in rows  # Kharkiv Oblast: no side said to hold it, nothing to compare
    geometry = doc["polygons"]["features"][0]["geometry"]
    assert geometry["type"] == "MultiPolygon" and len(geometry["coordinates"]) == 2


def test_overlay_rejects_bad_days(oclient):
    for bad in ("2025-02-30", "soon"):
        assert oclient.get("/api/overlay", params={"as_of": bad}).status_code == 422


def test_simplified_polygons_keep_their_shape():
    from claimledger.geo.polygons import area_from_geojson
    from claimledger.web.overlay import simplified

    ring = [(37.0 + i / 1000, 48.0 + 0.00001 * (i % 2)) for i in range(500)] + [
        (37.5, 48.5),
        (37.0, 48.5),
        (37.0, 48.0),
    ]
    area = area_from_geojson({"type": "Polygon", "coordinates": [ring]})
    out = simplified(area)["features"][0]["geometry"]["coordinates"][0][0]
    assert 4 <= len(out) < 10
    assert area_from_geojson({"type": "Polygon", "coordinates": [out]}).contains(48.2, 37.2)


def test_ledger_holder_rule():
    from claimledger.web.overlay import ledger_holder

    assert ledger_holder({"kind": "control", "side": "RU", "status": "disputed"}) == "RU"
    assert ledger_holder({"kind": "withdrawal", "side": "UA", "status": "claimed_by_one_side"}) == "RU"
    assert ledger_holder({"kind": "control", "side": "RU", "status": "denied"}) is None
    assert ledger_holder({"kind": "control", "side": "unknown", "status": "disputed"}) is None
    assert ledger_holder(None) is None


def test_online_tiles_csp(store):
    from claimledger.web import create_app
    from claimledger.web.overlay import OnlineTilesCSP, tile_origin

    plain = TestClient(create_app(store, cache=False))
    assert plain.get("/api/health").headers["content-security-policy"] == CSP
    app = create_app(store, cache=False)
    with TestClient(OnlineTilesCSP(app, "https://tile.openstreetmap.org/{z}/{x}/{y}.png")) as c:
        csp = c.get("/").headers["content-security-policy"]
        assert "img-src 'self' data: https://tile.openstreetmap.org;" in csp
        assert csp.replace(" https://tile.openstreetmap.org", "") == CSP
        assert c.get("/api/overlay/info").json()["online_tiles"].startswith("https://tile.openstreetmap.org/")
    for bad in ("http://tiles.example/{z}/{x}/{y}.png", "https://x.example/tiles.png", "https://a b/{z}/{x}/{y}"):
        with pytest.raises(ValueError):
            tile_origin(bad)


def test_serve_refuses_a_bad_overlay_dir(tmp_path):
    from click.testing import CliRunner

    from claimledger.cli.serve_cmd import serve

    r = CliRunner().invoke(serve, ["--overlay-dir", str(tmp_path / "missing"), "--db", str(tmp_path / "x.sqlite")])
    assert r.exit_code != 0 and "not a folder of dated GeoJSON snapshots" in str(r.output) + str(r.exception)
    r = CliRunner().invoke(serve, ["--online-tiles", "--tile-url", "http://insecure/{z}/{x}/{y}.png"])
    assert r.exit_code != 0 and "https" in str(r.output) + str(r.exception)
