"""Each list's filters are declared once (``claimledger.web.filters``) and shared by its page, its download and
its API route: the OpenAPI document keeps the parameters it had before they were shared (recorded in
fixtures/list_parameters.json: names, order, types, limits, descriptions), and the three surfaces accept and
refuse the same filter values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

RECORDED = Path(__file__).parent / "fixtures" / "list_parameters.json"


def test_list_endpoints_keep_their_documented_parameters(client):
    """A change here is a change of the public API: update the recording only on purpose."""
    doc = client.get("/api/openapi.json").json()
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    for path, params in recorded.items():
        assert doc["paths"][path]["get"]["parameters"] == params, path


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        ("claims", {"certainty": "rumoured"}),
        ("claims", {"since": "2025-13-01"}),
        ("claims", {"place": "x" * 101}),
        ("propositions", {"kind": "teleported"}),
        ("propositions", {"as_of": "yesterday"}),
        ("articles", {"q": "w" * 201}),
        ("articles", {"until": "2025-02-30"}),
    ],
)
def test_page_download_and_api_refuse_the_same_filter_values(client, path, bad):
    assert client.get(f"/{path}", params=bad).status_code == 400
    assert client.get(f"/{path}.csv", params=bad).status_code == 400
    r = client.get(f"/api/{path}", params=bad)
    assert r.status_code == 422 and r.json()["details"][0]["loc"] == ["query", next(iter(bad))]


def test_the_page_form_shows_the_filters_back(client):
    page = client.get("/claims", params={"side": "UA", "certainty": "asserted", "since": "2025-01-01"}).text
    assert 'value="2025-01-01"' in page
    for value in ("UA", "asserted"):
        assert f'<option value="{value}" selected' in page


def test_same_filters_same_rows_on_page_download_and_api(client):
    q = {"place": "Kurakhove", "side": "RU"}
    api = client.get("/api/propositions", params=q).json()["items"]
    download = client.get("/propositions.json", params=q).json()["items"]
    assert api and [p["id"] for p in download] == [p["id"] for p in api]
    assert all(p["side"] == "RU" for p in api)
    page = client.get("/propositions", params=q).text
    for p in api:
        assert f"/propositions/{p['id']}" in page
    statements = client.get("/api/statements", params={"place": "Kurakhove"}).json()
    listed = client.get("/statements", params={"place": "Kurakhove"}).text
    assert statements["place_keys"] and f"{statements['total']} statement(s)" in listed
