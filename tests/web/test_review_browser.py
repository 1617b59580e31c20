"""Review in a real headless Chromium (Playwright): the browser's own fetch() with a reviewer's token makes a
correction, the proposition and article pages then show it with its audit entry, it survives re-ingesting the
articles, and the same write without a token (or on a read-only server) is refused."""

from __future__ import annotations

import pytest

from claimledger.link import save_ledgers
from claimledger.store import review as sql
from tests.link.test_as_of_history import control_of_toretsk, toretsk_ledgers, toretsk_store
from tests.web.conftest import LiveServer

POST = """async ([url, body, token]) => {
  const headers = {"Content-Type": "application/json"};
  if (token) headers["Authorization"] = "Bearer " + token;
  const r = await fetch(url, {method: "POST", headers, body: JSON.stringify(body), credentials: "omit"});
  return [r.status, await r.text()];
}"""


@pytest.fixture(scope="module")
def review_server(tmp_path_factory, analyzer):
    from claimledger.web import create_app

    store = toretsk_store("sqlite:///" + str(tmp_path_factory.mktemp("browser") / "ledger.sqlite"), analyzer)
    token = sql.add_user(store, "olena")
    with LiveServer(create_app(store, allow_writes=True, token="admin-" + "1" * 32)) as server:
        yield server, store, token


@pytest.fixture
def page(browser, review_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.problems = []
    p.on("pageerror", lambda e: p.problems.append(f"pageerror: {e}"))
    p.on("console", lambda m: p.problems.append(m.text) if m.type == "error" and "401" not in m.text else None)
    yield p
    context.close()


def test_correction_with_token_shows_its_audit_and_survives_reingest(page, review_server, analyzer):
    server, store, token = review_server
    p = control_of_toretsk(store)
    m = next(x for x in store.members(p.id) if "General Staff" in (x.speaker_text or "") and x.stance == "affirm")
    page.goto(f"{server.url}/propositions/{p.id}")
    assert "acknowledged" in page.locator(".status-box").inner_text().lower()
    url = f"/api/review/claims/{m.article_id}/{m.claim_id}"
    body = {"field": "stance", "value": "deny", "reason": "the statement denies the capture", "proposition": p.id}
    status, text = page.evaluate(POST, [url, body, None])  # no token: refused, nothing recorded
    assert status == 401 and sql.audit_count(store) == 0
    status, text = page.evaluate(POST, [url, body, token])
    assert status == 200, text
    page.reload()
    row = page.locator("#audit tr.audit-entry").first
    assert "olena" in row.inner_text() and "the statement denies the capture" in row.inner_text()
    assert "in effect" in row.inner_text()
    assert "corroborated" in page.locator(".status-box").inner_text().lower()
    page.goto(f"{server.url}/articles/{m.article_id}")
    assert page.locator("#audit tr.audit-entry").count() == 1
    # re-ingest every article: the correction stays, on the page and in the status
    save_ledgers(store, toretsk_ledgers(analyzer))
    page.goto(f"{server.url}/propositions/{p.id}")
    assert "corroborated" in page.locator(".status-box").inner_text().lower()
    assert "in effect" in page.locator("#audit tr.audit-entry").first.inner_text()
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
    assert not page.problems, page.problems


def test_write_on_read_only_server_is_refused(page, review_server):
    from claimledger.web import create_app

    _, store, token = review_server
    with LiveServer(create_app(store)) as ro:
        page.goto(ro.url + "/")
        status, text = page.evaluate(POST, ["/api/review/revert/1", {"reason": "x"}, token])
        assert status == 403 and "read-only" in text
