"""``as_of`` on the API (/api/propositions, /api/propositions/{id}, /api/places/{key}, /api/map) and on the
proposition and place pages, on the Toretsk ledger (tests/link/test_as_of_history.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.link.test_as_of_history import DAY1, DAY5, DAY12, DAY31, EXPECTED, control_of_toretsk, toretsk_store


@pytest.fixture
def api(db_url, analyzer):
    from claimledger.web import create_app

    store = toretsk_store(db_url, analyzer)
    with TestClient(create_app(store)) as client:
        yield client, control_of_toretsk(store)


def test_api_as_of(api):
    client, p = api
    for day, expected in EXPECTED.items():
        r = client.get("/api/propositions", params={"place": "Toretsk", "as_of": day})
        assert r.status_code == 200, r.text
        got = {i["id"]: i["status"] for i in r.json()["items"]}
        assert got.get(p.id) == expected, day
        r = client.get(f"/api/propositions/{p.id}", params={"as_of": day})
        assert r.status_code == (200 if expected else 404), day
        if expected:
            doc = r.json()
            assert (doc["status"], doc["as_of"]) == (expected, day)
            assert all(h["date"] <= day for h in doc["history"])
        r = client.get(f"/api/places/{p.place_key}", params={"as_of": day})
        assert r.status_code == 200
        doc = r.json()
        assert doc["as_of"] == day
        assert {t["proposition"]: t["status"] for t in doc["timeline"]}.get(p.id) == expected
        assert {i["id"]: i["status"] for i in doc["propositions"]["items"]}.get(p.id) == expected
        places = {m["place_key"]: m for m in client.get("/api/map", params={"as_of": day}).json()["places"]}
        if expected is None:
            assert p.place_key not in places
        elif day < DAY31:
            latest = places[p.place_key]["latest_control"]
            assert (latest["proposition"], latest["status"]) == (p.id, expected)
        else:  # the General Staff's announced withdrawal (day 30) is the place's latest control proposition
            assert places[p.place_key]["latest_control"]["kind"] == "withdrawal"
    now = client.get(f"/api/propositions/{p.id}").json()
    assert [h["status"] for h in now["history"]] == [
        "claimed_by_one_side",
        "disputed",
        "corroborated_by_independent",
        "acknowledged_by_opposing_side",
    ]
    assert now["history"][1]["speaker_side"] == "UA" and now["history"][1]["stance"] == "deny"
    r = client.get("/api/propositions", params={"status": "disputed", "as_of": DAY5})
    assert [i["id"] for i in r.json()["items"]] == [p.id] and r.json()["total"] == 1
    assert client.get("/api/propositions", params={"status": "disputed", "as_of": DAY12}).json()["total"] == 0
    for bad in ("2025-13-01", "yesterday", "2025-02-30"):
        for path in ("/api/propositions", f"/api/propositions/{p.id}", f"/api/places/{p.place_key}", "/api/map"):
            assert client.get(path, params={"as_of": bad}).status_code == 422, (path, bad)


def test_pages_as_of(api):
    client, p = api
    page = client.get(f"/propositions/{p.id}")
    assert page.status_code == 200
    html = page.text
    assert "Status history" in html and html.count("history-table") == 1
    assert f"/propositions/{p.id}?as_of=2025-03-12" in html  # each change links to the proposition as of its day
    page = client.get(f"/propositions/{p.id}", params={"as_of": DAY12})
    assert page.status_code == 200
    assert "As of <time>2025-02-22</time>" in page.text and "st-corroborated_by_independent" in page.text
    assert "st-acknowledged_by_opposing_side" not in page.text
    assert client.get(f"/propositions/{p.id}", params={"as_of": "2025-02-10"}).status_code == 404
    page = client.get(f"/places/{p.place_key}", params={"as_of": DAY1})
    assert page.status_code == 200 and "As of <time>2025-02-11</time>" in page.text
    assert client.get("/propositions", params={"as_of": DAY5}).status_code == 200
    assert client.get("/", params={"as_of": DAY5}).status_code == 200
