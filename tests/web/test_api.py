"""The JSON API over a real SQLite ledger built from the fixture articles."""

import os

import pytest


def test_map_lists_places_with_latest_control_status(client):
    r = client.get("/api/map")
    assert r.status_code == 200
    places = {p["name"]: p for p in r.json()["places"]}
    k = places["Kurakhove"]
    assert k["place_key"] == "gn:695357" and k["lat"] and k["lon"]
    assert k["latest_control"]["status"] == "acknowledged_by_opposing_side" and k["latest_control"]["side"] == "RU"
    assert k["n_articles"] == 4  # the syndicated copy is not counted
    assert places["Siversk"]["latest_control"]["status"] in ("disputed", "denied", "claimed_by_one_side")
    assert all(p["lat"] is not None for p in places.values())


def test_place_has_timeline_and_propositions(client):
    r = client.get("/api/places/gn:695357")
    assert r.status_code == 200
    d = r.json()
    assert d["place"]["name"] == "Kurakhove"
    row = d["timeline"][0]
    assert row["date"] == "2025-01-05" and row["status"] == "acknowledged_by_opposing_side"
    assert {o["origin"] for o in row["denied_by"]} == {"General Staff of Ukraine"}
    assert d["propositions"]["total"] >= 1 and d["propositions"]["items"][0]["place_key"] == "gn:695357"
    claims = client.get("/api/places/gn:695357/claims", params={"page_size": 2}).json()
    assert claims["total"] >= 5 and len(claims["items"]) == 2 and claims["has_next"]


def test_proposition_sides_status_and_rule(client):
    pid = client.get("/api/map").json()["places"]
    pid = next(p for p in pid if p["name"] == "Kurakhove")["latest_control"]["proposition"]
    d = client.get(f"/api/propositions/{pid}").json()
    assert d["status"] == "acknowledged_by_opposing_side"
    assert d["status_rule"].startswith("rule 1:")
    assert {m["outlet"] for m in d["affirm"]} >= {"TASS", "Institute for the Study of War"}
    assert [m["speaker_side"] for m in d["deny"]] == ["UA"]
    deny = d["deny"][0]
    assert deny["published"] == "2025-01-07" and deny["content_text"] and deny["title"]


def test_article_has_ledger_and_claim_propositions(client):
    items = client.get("/api/articles", params={"q": "Petropavlivka"}).json()["items"]
    a = client.get(f"/api/articles/{items[0]['id']}").json()
    assert a["ledger"]["article"]["id"] == items[0]["id"] and len(a["ledger"]["claims"]) >= 8
    assert any(links for links in a["claim_propositions"].values())


def test_claims_search_and_filters(client):
    found = client.get("/api/claims", params={"q": "centre of the town"}).json()
    assert found["total"] >= 1 and {c["outlet"] for c in found["items"]} == {"Institute for the Study of War"}
    assert client.get("/api/claims", params={"q": "zeppelin"}).json()["total"] == 0
    ru = client.get("/api/claims", params={"side": "RU", "page_size": 100}).json()
    assert ru["total"] == len(ru["items"]) > 0 and all(c["speaker_side"] == "RU" for c in ru["items"])
    ind = client.get("/api/claims", params={"speaker_type": "independent"}).json()["items"]
    assert ind and all(c["speaker_type"] == "independent" for c in ind)
    denied = client.get("/api/claims", params={"certainty": "denied"}).json()["items"]
    assert denied and all(c["certainty"] == "denied" for c in denied)
    st = client.get("/api/claims", params={"status": "acknowledged_by_opposing_side"}).json()
    assert st["total"] >= 4
    place = client.get("/api/claims", params={"place": "Kurakhove"}).json()
    assert place["total"] >= 5 and all("Kurakhove" in (c["title"] or "") or c["outlet"] for c in place["items"])
    assert client.get("/api/claims", params={"place": "Atlantis"}).json()["total"] == 0
    dated = client.get("/api/claims", params={"since": "2025-01-13", "until": "2025-01-31"}).json()["items"]
    assert dated and all("2025-01-13" <= c["published"] <= "2025-01-31" for c in dated)


def test_pagination_is_consistent(client):
    all_ = client.get("/api/claims", params={"page_size": 100}).json()
    pages = []
    for page in range(1, (all_["total"] - 1) // 7 + 2):
        pages += client.get("/api/claims", params={"page_size": 7, "page": page}).json()["items"]
    assert [(c["article_id"], c["claim_id"]) for c in pages] == [
        (c["article_id"], c["claim_id"]) for c in all_["items"]
    ]


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/claims", {"page_size": 101}),
        ("/api/claims", {"page_size": 0}),
        ("/api/claims", {"page": 0}),
        ("/api/claims", {"since": "13/01/2025"}),
        ("/api/claims", {"until": "2025-02-30"}),
        ("/api/claims", {"side": "XX"}),
        ("/api/claims", {"q": "x" * 201}),
        ("/api/propositions", {"status": "true"}),
        ("/api/articles/not-an-id", {}),
        ("/api/propositions/P123", {}),
        ("/api/places/gn:abc", {}),
    ],
)
def test_invalid_parameters_are_json_422(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"] == "invalid request" and "Traceback" not in r.text


def test_unknown_ids_are_json_404(client):
    for path in (
        "/api/articles/a_0000000000000000",
        "/api/propositions/P000000000000000",
        "/api/places/gn:1",
        "/api/nothing",
    ):
        r = client.get(path)
        assert r.status_code == 404 and "error" in r.json()


def test_security_headers_and_openapi(client):
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/claims" in paths and "/api/map" in paths and all(p.startswith("/api/") for p in paths)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 404  # the CDN-based docs page is not served


def test_read_only_by_default(client):
    r = client.post("/api/ingest", json={"text": "Russia's Defence Ministry said its forces had captured Siversk."})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    assert client.get("/ingest").status_code == 404


def test_writes_need_the_token(tmp_path, analyzer):
    from fastapi.testclient import TestClient

    from claimledger.store import LedgerStore
    from claimledger.web import create_app

    app = create_app(
        LedgerStore("sqlite:///" + str(tmp_path / "w.sqlite")), allow_writes=True, token="s3cret-token-0123456789"
    )
    app.state.analyzer = analyzer  # the session's loaded pipeline (the server loads it on the first write)
    c = TestClient(app)
    auth = {"Authorization": "Bearer s3cret-token-0123456789"}
    body = {"text": "Russia's Defence Ministry said on Friday that its forces had captured the village of Bohdanivka."}
    assert c.post("/api/ingest", json=body).status_code == 401
    assert c.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.post("/api/ingest", json={}, headers=auth).status_code == 422
    assert c.post("/api/ingest", json={"url": "file:///etc/passwd"}, headers=auth).status_code == 422
    r = c.post("/api/ingest", json={"url": "http://127.0.0.1:9/x"}, headers=auth)  # SSRF guard: loopback refused
    assert r.status_code == 400 and "error" in r.json()
    assert c.get("/ingest").status_code == 200
    r = c.post("/api/ingest", json={**body, "title": "web ingest", "published": "2025-12-12"}, headers=auth)
    assert r.status_code == 200, r.text
    assert r.json()["outcome"] == "new" and r.json()["claims"] >= 1
    assert c.post("/api/ingest", json=body, headers=auth).json()["outcome"] == "already"
    page = c.get(r.json()["url"])
    assert page.status_code == 200 and "Bohdanivka" in page.text


def test_host_header_is_checked_when_bound_to_loopback(store):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    c = TestClient(create_app(store, allowed_hosts=["127.0.0.1", "localhost", "::1"]), base_url="http://127.0.0.1:8000")
    assert c.get("/api/health").status_code == 200
    assert c.get("/api/health", headers={"host": "[::1]:8000"}).status_code == 200
    assert c.get("/api/health", headers={"host": "evil.example:8000"}).status_code == 400


def test_the_api_on_postgresql(pg_server, analyzer):
    """The web queries (FTS, counts, place filter, map aggregates) on the other backend."""
    from fastapi.testclient import TestClient

    from claimledger.web import create_app
    from tests.web.conftest import build_ledger

    store = build_ledger(pg_server.new_database(f"web_{os.getpid()}"), analyzer)
    c = TestClient(create_app(store))
    places = {p["name"]: p for p in c.get("/api/map").json()["places"]}
    assert places["Kurakhove"]["latest_control"]["status"] == "acknowledged_by_opposing_side"
    assert c.get("/api/places/gn:695357").json()["timeline"][0]["date"] == "2025-01-05"
    assert c.get("/api/claims", params={"q": "centre of the town"}).json()["total"] >= 1
    assert c.get("/api/claims", params={"place": "Kurakhove", "side": "UA"}).json()["total"] >= 1
    assert c.get("/api/articles", params={"q": "javascript"}).json()["total"] == 1
    pid = places["Kurakhove"]["latest_control"]["proposition"]
    assert c.get(f"/api/propositions/{pid}").json()["deny"]
    for path in ("/", "/places/gn:695357", f"/propositions/{pid}", "/claims?q=captured"):
        assert c.get(path).status_code == 200
    assert c.get("/api/places/gn:999999999").status_code == 404
