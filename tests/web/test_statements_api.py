"""``/api/statements`` with place (any script), speaker and as_of; ``/api/statements/{id}`` and the statement page
as of a day — on the ledger of ``tests/cli/test_statements_cli.py``."""

import pytest
from fastapi.testclient import TestClient

from claimledger.web.app import create_app
from tests.cli.test_statements_cli import ISSUE_FIELDS, MEMBER_FIELDS, ORIGIN_FIELDS, build_ledger


@pytest.fixture(scope="module")
def client(tmp_path_factory, analyzer):
    store = build_ledger(tmp_path_factory.mktemp("stapi"), analyzer)
    return TestClient(create_app(store), base_url="http://127.0.0.1:8000")


def _support(items: list[dict]) -> dict:
    found = [i for i in items if "critical" in i["text"] and "mil.ru" in (i["origin"]["article_url"] or "")]
    assert len(found) == 1, [i["text"] for i in items]
    return found[0]


def test_items_carry_the_issue_fields_and_members(client):
    body = client.get("/api/statements", params={"page_size": 100}).json()
    assert body["total"] == len(body["items"]) >= 3 and body["as_of"] is None
    for item in body["items"]:
        assert ISSUE_FIELDS <= set(item) and ORIGIN_FIELDS <= set(item["origin"])
        assert item["members"] and all(MEMBER_FIELDS <= set(m) for m in item["members"])


def test_place_and_speaker(client):
    for name in ("Siversk", "Сіверськ", "gn:694403"):
        body = client.get("/api/statements", params={"place": name}).json()
        assert "gn:694403" in body["place_keys"] and _support(body["items"])
        assert not any("tanks" in i["text"] for i in body["items"])
    body = client.get("/api/statements", params={"place": "Вугледар"}).json()
    assert [i["text"] for i in body["items"]] == [
        "Russian forces lost 36 tanks near Vuhledar during the failed assault on Friday"
    ]
    assert client.get("/api/statements", params={"place": "Atlantis"}).json()["total"] == 0
    body = client.get("/api/statements", params={"speaker": "voronov"}).json()
    assert _support(body["items"]) and body["total"] >= 1
    assert client.get("/api/statements", params={"speaker": "nobody at all"}).json()["items"] == []


def test_as_of(client):
    now = _support(client.get("/api/statements", params={"page_size": 100}).json()["items"])
    body = client.get("/api/statements", params={"as_of": "2023-01-12", "place": "Siversk"}).json()
    then = _support(body["items"])
    assert body["as_of"] == "2023-01-12" and now["laundered"] and not then["laundered"]
    assert len(then["members"]) == 2 and then["n_articles"] == 2
    laundered = client.get("/api/statements", params={"as_of": "2023-01-12", "laundered": "true"}).json()
    assert laundered["items"] == [] and laundered["total"] == 0
    detail = client.get(f"/api/statements/{now['id']}", params={"as_of": "2023-01-13"}).json()
    assert detail["laundered"] and detail["as_of"] == "2023-01-13" and len(detail["members"]) == 3
    assert client.get(f"/api/statements/{now['id']}", params={"as_of": "2023-01-01"}).status_code == 404
    assert client.get("/api/statements", params={"as_of": "yesterday"}).status_code == 422
    page = client.get(f"/statements/{now['id']}", params={"as_of": "2023-01-12"})
    assert page.status_code == 200 and "As it stood on 2023-01-12" in page.text and "Laundered" not in page.text


def test_list_page_with_filters(client):
    page = client.get("/statements", params={"place": "Сіверськ", "as_of": "2023-01-12"})
    assert page.status_code == 200 and "as of 2023-01-12" in page.text and "36 tanks" not in page.text
    assert "critical support" in page.text and "?as_of=2023-01-12" in page.text
    laundered = client.get("/statements", params={"laundered": "true"})
    assert laundered.status_code == 200 and "1 statement(s)" in laundered.text and "yes" in laundered.text
    tanks = client.get("/statements", params={"speaker": "General Staff"})
    assert "36 tanks" in tanks.text and "critical support" not in tanks.text
    assert client.get("/statements", params={"as_of": "not a day"}).status_code in (400, 422)
    assert "&lt;script&gt;" in client.get("/statements", params={"q": "<script>"}).text
