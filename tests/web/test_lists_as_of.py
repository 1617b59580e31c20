"""``as_of`` on the claims and articles lists of the API, the status filter as of a day, and place filters in any
spelling or script (the gazetteer's alias index), on the Toretsk ledger (tests/link/test_as_of_history.py): the
articles are in English, so Торецьк, Торецк and the former name Dzerzhynsk can only be found through the index."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.link.test_as_of_history import DAY1, DAY5, DAY12, FUTURE, TORETSK, control_of_toretsk, toretsk_store

TASS, DENIAL, ISW, ACK, UNDATED = (t[1] for t in TORETSK)


@pytest.fixture
def api(db_url, analyzer):
    from claimledger.web import create_app

    store = toretsk_store(db_url, analyzer)
    with TestClient(create_app(store)) as client:
        yield client, control_of_toretsk(store)


def _urls(client, path, **params):
    r = client.get(path, params={"page_size": 100, **params})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["total"] == len(doc["items"])
    return {i["url"] for i in doc["items"]}


def test_claims_and_articles_as_of(api):
    client, _ = api
    assert _urls(client, "/api/articles", as_of="2025-02-10") == set()
    assert _urls(client, "/api/articles", as_of=DAY1) == {TASS, DENIAL}
    assert _urls(client, "/api/articles", as_of=DAY12, q="Toretsk") == {TASS, DENIAL, ISW}
    assert _urls(client, "/api/articles", as_of=FUTURE) == {TASS, DENIAL, ISW, ACK, UNDATED}
    assert _urls(client, "/api/claims", as_of="2025-02-10") == set()
    day1 = _urls(client, "/api/claims", as_of=DAY1)
    assert day1 and day1 <= {TASS, DENIAL}
    assert _urls(client, "/api/claims", as_of=DAY12, q="captured") <= {TASS, DENIAL, ISW}
    assert UNDATED in _urls(client, "/api/claims", as_of=FUTURE)
    for bad in ("2025-13-01", "yesterday"):
        for path in ("/api/claims", "/api/articles"):
            assert client.get(path, params={"as_of": bad}).status_code == 422


def test_claims_status_filter_as_of_a_day(api):
    client, p = api
    # the control proposition was disputed on day 5 and corroborated by day 12: its claims follow its status then
    disputed_then = _urls(client, "/api/claims", status="disputed", as_of=DAY5)
    assert disputed_then and disputed_then <= {TASS, DENIAL}
    assert TASS not in _urls(client, "/api/claims", status="disputed", as_of=DAY12)
    assert TASS in _urls(client, "/api/claims", status="corroborated_by_independent", as_of=DAY12)
    assert TASS in _urls(client, "/api/claims", status=p.status)  # no as_of: the stored status


@pytest.mark.parametrize("name", ["Торецьк", "Торецк", "Dzerzhynsk", "toretsk", "Toretsk"])
def test_place_filters_in_any_spelling(api, name):
    client, p = api
    assert {TASS, DENIAL, ISW, ACK} <= _urls(client, "/api/claims", place=name)
    r = client.get("/api/propositions", params={"place": name, "as_of": DAY5})
    assert p.id in {i["id"] for i in r.json()["items"]}
    assert client.get("/api/places/" + name).json()["place"]["place_key"] == p.place_key


def test_one_entry_point_for_place_names(api):
    from claimledger.link.views import place_keys

    client, p = api
    store = client.app.state.store
    assert place_keys(store, "Торецьк") == place_keys(store, "Toretsk") == [p.place_key]
    assert place_keys(store, p.place_key) == [p.place_key]  # a key as it is
    assert place_keys(store, "Dzerzhynsk")[0] == p.place_key  # the ledger's place first among the index's
    assert place_keys(store, "Atlantis") == []
    assert _urls(client, "/api/claims", place="Atlantis") == set()
