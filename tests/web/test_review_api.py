"""The review API (POST /api/review/…): a reviewer's token applies a correction and records it with the user's
name; no token, a wrong one or the server's admin token is refused before anything is read; a read-only server
refuses every write; bodies are validated; the audit entry is shown, escaped, on the pages it changed; the
OpenAPI document lists every response code of the write endpoints."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimledger.store import review as sql
from tests.link.test_as_of_history import control_of_toretsk, toretsk_store

ADMIN = "admin-token-for-ingest-only-0123456789"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, analyzer):
    store = toretsk_store("sqlite:///" + str(tmp_path_factory.mktemp("review") / "ledger.sqlite"), analyzer)
    token = sql.add_user(store, "olena")
    return store, token


@pytest.fixture(scope="module")
def client(ledger):
    from claimledger.web import create_app

    with TestClient(create_app(ledger[0], allow_writes=True, token=ADMIN)) as c:
        yield c


def ack(store):
    p = control_of_toretsk(store)
    m = next(m for m in store.members(p.id) if "General Staff" in (m.speaker_text or "") and m.stance == "affirm")
    return p, m


def test_writes_need_a_reviewer_token(ledger, client):
    store, token = ledger
    p, m = ack(store)
    url = f"/api/review/claims/{m.article_id}/{m.claim_id}"
    body = {"field": "certainty", "value": "hedged", "reason": "hedged"}
    r = client.post(url, json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.post(url, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post(url, json=body, headers={"Authorization": token}).status_code == 401  # no scheme
    assert client.post(url, json=body, headers={"Cookie": f"token={token}"}).status_code == 401  # never a cookie
    assert client.post(url, json=body, headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 403
    # refused before the body is read: an invalid body without a token is still 401
    assert client.post(url, content=b"{not json", headers={"content-type": "application/json"}).status_code == 401
    assert sql.audit_count(store) == 0


def test_read_only_server_refuses(ledger):
    from claimledger.web import create_app

    store, token = ledger
    p, m = ack(store)
    with TestClient(create_app(store)) as c:
        r = c.post(
            "/api/review/merge",
            json={"into": p.id, "other": p.id, "reason": "x"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert r.status_code == 403 and "read-only" in r.json()["error"]
        assert c.get("/api/review/log").status_code == 200  # the log is readable anywhere


def test_correction_applied_audited_and_shown(ledger, client):
    store, token = ledger
    auth = {"Authorization": f"Bearer {token}"}
    p, m = ack(store)
    reason = '<script>window.__pwned=1</script> "read as a denial"'
    r = client.post(
        f"/api/review/claims/{m.article_id}/{m.claim_id}",
        json={"field": "stance", "value": "deny", "reason": reason, "proposition": p.id},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    entry = r.json()
    assert entry["user_name"] == "olena" and entry["before"] == "affirm" and entry["after"] == "deny"
    assert control_of_toretsk(store).status == "corroborated_by_independent"
    assert client.get(f"/api/propositions/{p.id}").json()["status"] == "corroborated_by_independent"
    log = client.get("/api/review/log", params={"proposition": p.id}).json()["items"]
    assert log[0]["id"] == entry["id"] and log[0]["in_effect"]
    for page in (f"/propositions/{p.id}", f"/articles/{m.article_id}"):
        html = client.get(page).text
        assert f'data-audit="{entry["id"]}"' in html
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html and "<script>window.__pwned" not in html
    # invalid bodies: 422 with the token; a correction that cannot be made: 400
    bad = [
        {"field": "colour", "value": "red", "reason": "x"},
        {"field": "certainty", "value": "hedged", "reason": ""},
        {"field": "certainty", "value": "hedged", "reason": "x", "extra": 1},
        {"field": "certainty", "value": "x" * 101, "reason": "x"},
    ]
    for body in bad:
        assert (
            client.post(f"/api/review/claims/{m.article_id}/{m.claim_id}", json=body, headers=auth).status_code == 422
        )
    r = client.post(f"/api/review/claims/{m.article_id}/c999", json={**bad[1], "reason": "x"}, headers=auth)
    assert r.status_code == 404 and "no claim" in r.json()["error"]
    rv = client.post(f"/api/review/revert/{entry['id']}", json={"reason": "undo"}, headers=auth)
    assert rv.status_code == 200 and rv.json()["reverts"] == entry["id"]
    assert control_of_toretsk(store).status == "acknowledged_by_opposing_side"
    again = client.post(f"/api/review/revert/{entry['id']}", json={"reason": "undo"}, headers=auth)
    assert again.status_code == 400


def test_openapi_documents_the_write_endpoints(client):
    doc = client.get("/api/openapi.json").json()
    writes = {
        path: ops["post"] for path, ops in doc["paths"].items() if path.startswith("/api/review/") and "post" in ops
    }
    assert set(writes) == {
        "/api/review/claims/{article_id}/{claim_id}",
        "/api/review/merge",
        "/api/review/split",
        "/api/review/group-origins",
        "/api/review/revert/{audit_id}",
    }
    for op in writes.values():
        assert {"200", "400", "401", "403", "404", "413", "422", "500"} <= set(op["responses"])
        assert op["requestBody"]["required"]
