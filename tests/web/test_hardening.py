"""Issue 14, the web half: the request body is limited and write requests are checked before the body is read;
only `Authorization: Bearer` tokens, from the environment or a file; LIKE wildcards in article search are text;
metadata is isolated from bidirectional overrides; the OpenAPI document lists every error the API returns;
read requests are served concurrently."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import threading

import httpx
import pytest
from fastapi.testclient import TestClient

TOKEN = "s3cret-token-0123456789"


def call_asgi(app, method: str, path: str, headers: list[tuple[bytes, bytes]], body_chunks=()):
    """Drive the ASGI app directly; returns (status, body bytes, how many body chunks the app asked for)."""
    chunks = list(body_chunks)
    asked = 0
    sent = []

    async def receive():
        nonlocal asked
        asked += 1
        if chunks:
            chunk = chunks.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    # in a thread of its own: the browser tests leave an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"), asked


# --- item 4: the body limit comes before reading and before authentication ------------------------------------
def test_oversized_body_is_refused_before_reading_and_before_auth(store):
    from claimledger.web import create_app
    from claimledger.web.guard import MAX_BODY_BYTES

    writes = create_app(store, allow_writes=True, token=TOKEN)
    huge = str(400 * 1024 * 1024).encode()  # a 400 MB declared body, no token
    status, body, asked = call_asgi(writes, "POST", "/api/ingest", [(b"content-length", huge)])
    assert (status, asked) == (413, 0) and b"too large" in body  # 413, not 401: the size is checked first
    status, _, asked = call_asgi(writes, "POST", "/api/ingest", [(b"content-length", str(MAX_BODY_BYTES + 1).encode())])
    assert (status, asked) == (413, 0)
    read_only = create_app(store)
    status, body, asked = call_asgi(read_only, "POST", "/api/ingest", [(b"content-length", huge)])
    assert (status, asked) == (413, 0) and body.startswith(b'{"error"')


def test_write_checks_come_before_reading_the_body(store):
    from claimledger.web import create_app

    body = [b'{"text": "' + b"x" * 30_000 + b'"}']
    length = [(b"content-length", str(len(body[0])).encode())]
    status, _, asked = call_asgi(create_app(store), "POST", "/api/ingest", length, body)
    assert (status, asked) == (403, 0)  # read-only: refused unread
    writes = create_app(store, allow_writes=True, token=TOKEN)
    status, _, asked = call_asgi(writes, "POST", "/api/ingest", length, body)
    assert (status, asked) == (401, 0)  # no token: refused unread
    status, _, asked = call_asgi(writes, "POST", "/api/ingest", [*length, (b"authorization", TOKEN.encode())], body)
    assert (status, asked) == (401, 0)  # a bare token is not a Bearer token


def test_a_streamed_body_is_counted_and_cut_off(store):
    from claimledger.web import create_app

    app = create_app(store, allow_writes=True, token=TOKEN, max_body=10_000)
    auth = [(b"authorization", b"Bearer " + TOKEN.encode())]
    chunks = [b'{"text": "'] + [b"y" * 4096] * 100  # no Content-Length: 400 KB in 4 KB chunks
    status, body, asked = call_asgi(app, "POST", "/api/ingest", auth, chunks)
    assert status == 413 and b"too large" in body
    assert asked <= 4  # stopped at the limit, not read to the end
    with TestClient(app) as c:  # the same through a real HTTP client, chunked
        r = c.post("/api/ingest", content=iter([b"z" * 4096] * 10), headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 413 and r.json()["error"].startswith("request body too large")
        assert r.headers["content-security-policy"]


# --- item 7: Bearer only, tokens from the environment or a file --------------------------------------------------
def test_only_bearer_tokens_are_accepted(store):
    from claimledger.web import create_app
    from claimledger.web.guard import bearer_ok

    assert bearer_ok(f"Bearer {TOKEN}", TOKEN) and bearer_ok(f"bearer  {TOKEN} ", TOKEN)
    for header in (TOKEN, f"Basic {TOKEN}", f"Token {TOKEN}", "Bearer", "Bearer ", f"Bearer {TOKEN}x", "", None):
        assert not bearer_ok(header, TOKEN), header
    assert not bearer_ok(f"Bearer {TOKEN}", None)
    c = TestClient(create_app(store, allow_writes=True, token=TOKEN))
    r = c.post("/api/ingest", json={}, headers={"Authorization": TOKEN})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert c.post("/api/ingest", json={}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422


def test_write_token_from_file_env_or_option(tmp_path, monkeypatch):
    from claimledger.cli.serve_cmd import TOKEN_ENV, write_token
    from claimledger.errors import InputError

    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert write_token(None, None) == (None, "")
    monkeypatch.setenv(TOKEN_ENV, "from-the-environment-123\n")
    assert write_token(None, None) == ("from-the-environment-123", f"${TOKEN_ENV}")
    f = tmp_path / "token"
    f.write_text("from-a-file-0123456789\n")
    assert write_token(None, str(f)) == ("from-a-file-0123456789", "--token-file")  # the file wins over the env
    assert write_token("on-the-command-line-1", None)[0] == "on-the-command-line-1"
    with pytest.raises(InputError, match="not both"):
        write_token("on-the-command-line-1", str(f))
    (tmp_path / "empty").write_text("\n")
    for bad, message in ((tmp_path / "empty", "empty"), (tmp_path / "missing", "No such file"), (tmp_path, None)):
        with pytest.raises(InputError, match=message):
            write_token(None, str(bad))


def test_serve_takes_the_token_from_a_file_and_never_prints_it(tmp_path, ledger_db):
    """The real command: `serve --allow-writes --token-file` accepts the file's token as a Bearer token."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tests.web.conftest import free_port

    token_file = tmp_path / "token"
    token_file.write_text("file-token-abcdefghijklmnop\n")
    port = free_port()
    exe = Path(sys.executable).parent / "claimledger"
    env = {k: v for k, v in os.environ.items() if k != "CLAIMLEDGER_TOKEN"}
    cmd = [str(exe), "serve", "--db", str(ledger_db), "--port", str(port), "--allow-writes"]
    proc = subprocess.Popen([*cmd, "--token-file", str(token_file)], stderr=subprocess.PIPE, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(base + "/api/health", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.1)
        bad = httpx.post(base + "/api/ingest", json={}, headers={"Authorization": "file-token-abcdefghijklmnop"})
        good = httpx.post(
            base + "/api/ingest", json={}, headers={"Authorization": "Bearer file-token-abcdefghijklmnop"}
        )
        assert bad.status_code == 401 and good.status_code == 422  # authorised; the empty body is then invalid
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert b"file-token-abcdefghijklmnop" not in err and b"write token:" not in err


# --- item 8: LIKE wildcards are text ----------------------------------------------------------------------------
@pytest.mark.parametrize("q", ["%", "_", "%%", "a_b", "\\"])
def test_article_search_treats_wildcards_as_text(client, store, q):
    expected = {
        d["article"]["id"]
        for d in store.iter_ledgers()
        if q.lower() in (d["article"].get("title") or "").lower() or q.lower() in d["article"]["text"].lower()
    }
    r = client.get("/api/articles", params={"q": q, "page_size": 100})
    assert r.status_code == 200
    assert {a["id"] for a in r.json()["items"]} == expected
    everything = client.get("/api/articles", params={"page_size": 100}).json()["total"]
    assert r.json()["total"] < everything  # not "everything", which is what an unescaped % finds


# --- item 10: bidi isolation and the OpenAPI responses -------------------------------------------------------------
RLO, PDF = "\u202e", "\u202c"


@pytest.fixture(scope="module")
def rtl_client(tmp_path_factory, analyzer):
    """A ledger with one article whose title, outlet and URL carry right-to-left overrides."""
    from claimledger.ingest.article import Metadata, article_from_text
    from claimledger.link import save_ledgers
    from claimledger.store import LedgerStore
    from claimledger.web import create_app

    store = LedgerStore("sqlite:///" + str(tmp_path_factory.mktemp("rtl") / "rtl.sqlite"))
    text = (
        "KYIV, Dec 12 (Ukrinform) - Ukraine's General Staff said on Friday that its forces had repelled "
        "an assault near Chasiv Yar. Russia's Defence Ministry claimed that its troops had captured the town."
    )
    meta = Metadata(
        title=f"Chasiv Yar {RLO}update from the front{PDF} latest",
        url=f"https://example.org/{RLO}gnp.exe",
        published="2025-12-12",
    )
    article = article_from_text(text, meta, source_path="<rtl>")
    article.outlet = f"{RLO}Ukrinform"
    save_ledgers(store, [analyzer.analyze(article)], ["<rtl>"])
    with TestClient(create_app(store)) as c:
        yield c


def outside_bdi(html: str) -> str:
    """The page's text outside <bdi> elements (tags and their attributes, which are not shown, removed)."""
    return re.sub(r"<[^>]*>", "", re.sub(r"<bdi>.*?</bdi>", "", html, flags=re.S))


def test_metadata_is_isolated_from_bidi_overrides(rtl_client):
    listing = rtl_client.get("/articles")
    assert listing.status_code == 200 and RLO in listing.text
    assert RLO not in outside_bdi(listing.text)
    article_id = rtl_client.get("/api/articles").json()["items"][0]["id"]
    page = rtl_client.get(f"/articles/{article_id}")
    assert page.status_code == 200 and f"<bdi>Chasiv Yar {RLO}update" in page.text
    assert RLO not in outside_bdi(page.text)  # also not in <title>, which cannot hold a <bdi>
    claims = rtl_client.get("/claims")
    assert claims.status_code == 200 and RLO in claims.text and RLO not in outside_bdi(claims.text)


def test_openapi_lists_every_error_response(client):
    doc = client.get("/api/openapi.json").json()
    ops = {(path, method): op for path, item in doc["paths"].items() for method, op in item.items()}
    assert len(ops) >= 10
    for (path, method), op in ops.items():
        codes = set(op["responses"])
        assert {"200", "400", "413", "422", "500"} <= codes, (path, method, codes)
        if "{" in path and not path.endswith("/claims"):
            assert "404" in codes, path
        assert op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert {"401", "403"} <= set(ops[("/api/ingest", "post")]["responses"])
    # and the server really answers with these codes and that body
    assert client.get("/api/articles/a_0000000000000000").json().keys() == {"error"}
    assert client.get("/api/claims", params={"page": 0}).json()["error"] == "invalid request"


# --- concurrency -----------------------------------------------------------------------------------------------------
def test_read_requests_are_served_concurrently(ledger_db):
    """Two different read requests are both inside a database query at the same moment: each query waits at a
    barrier for the other (server-side proof; a server that handled one request at a time would break the
    barrier after its timeout and answer 500)."""
    from sqlalchemy import event

    from claimledger.store import LedgerStore
    from claimledger.web import create_app
    from tests.web.conftest import LiveServer

    store = LedgerStore("sqlite:///" + str(ledger_db))
    barrier = threading.Barrier(2, timeout=30)
    met = []
    lock = threading.Lock()

    def meet(conn, cursor, statement, *args):
        with lock:
            if len(met) >= 2 or "PRAGMA" in statement.upper():
                return
            met.append(threading.get_ident())
        barrier.wait()  # raises BrokenBarrierError if the other request never gets here

    assert store.read_engine is not store.engine  # readers have their own query-only connections
    for engine in (store.engine, store.read_engine):
        event.listen(engine, "before_cursor_execute", meet)
    results = {}
    with LiveServer(create_app(store)) as server:

        def get(path):
            results[path] = httpx.get(server.url + path, timeout=60).status_code

        threads = [threading.Thread(target=get, args=(p,)) for p in ("/api/map", "/api/stats")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)
    assert results == {"/api/map": 200, "/api/stats": 200}
    assert len(set(met)) == 2  # two different threads were in a query at once


def test_cached_responses_follow_the_ledger(tmp_path, analyzer):
    """The response cache never serves a ledger older than the last commit, even one made by another store
    (another process writing the same file)."""
    from claimledger.ingest.article import Metadata, article_from_text
    from claimledger.link import save_ledgers
    from claimledger.store import LedgerStore
    from claimledger.web import create_app

    path = "sqlite:///" + str(tmp_path / "c.sqlite")
    c = TestClient(create_app(LedgerStore(path)))
    assert c.get("/api/articles").json()["total"] == 0
    assert c.get("/api/articles").json()["total"] == 0  # now from the cache
    writer = LedgerStore(path)
    text = "Ukraine's General Staff said on Saturday that Russian forces had shelled Kostiantynivka overnight."
    article = article_from_text(text, Metadata(published="2025-12-13"), source_path="<cache>")
    save_ledgers(writer, [analyzer.analyze(article)], ["<cache>"])
    assert c.get("/api/articles").json()["total"] == 1
