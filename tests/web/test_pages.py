"""HTML pages rendered server-side: escaping of untrusted article content, CSP, validation, the serve command."""

import os
import re
import subprocess
import sys
import time

import httpx
import pytest

from tests.web.conftest import ROOT, free_port


def test_pages_render(client, hostile_id):
    for path in (
        "/",
        "/articles",
        "/propositions",
        "/claims",
        "/claims?q=captured&side=&since=&until=",
        "/propositions?status=disputed&kind=",
        "/places/gn:695357",
        f"/articles/{hostile_id}",
    ):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        assert "<script>" not in r.text.replace('<script src="', "")  # only external scripts


def test_article_content_is_escaped(client, hostile_id):
    html = client.get(f"/articles/{hostile_id}").text
    assert "&lt;script&gt;window.__pwned = true" in html
    assert "<img" not in html and "&lt;img src=&#34;x" in html and "&lt;img src=x onerror" in html
    assert 'href="javascript:' not in html.lower()
    assert "<b onmouseover" not in html  # the outlet name is escaped too
    # every <script> on the page is one of ours
    assert set(re.findall(r"<script[^>]*>", html)) == {'<script src="/static/article.js">'}
    # the claims are highlighted with their certainty and marker
    assert re.search(r'class="seg claim cert-\w+', html) and 'class="marker side-RU type-official_party"' in html


def test_no_inline_style_or_script_anywhere(client, hostile_id):
    for path in ("/", "/places/gn:695357", f"/articles/{hostile_id}", "/claims"):
        html = client.get(path).text
        assert " style=" not in html and "<style" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+=", html, re.I)  # no inline event handlers in markup


def test_place_page_has_timeline_chart(client):
    html = client.get("/places/gn:695357").text
    assert '<svg id="timeline-chart"' in html and 'class="pt st-acknowledged_by_opposing_side' in html
    assert "General Staff of Ukraine" in html


def test_page_errors_are_html_without_traces(client):
    r = client.get("/claims?page_size=&since=2025-13-01")
    assert r.status_code == 400 and "invalid request" in r.text and "Traceback" not in r.text
    r = client.get("/articles/a_0000000000000000")
    assert r.status_code == 404 and "no such article" in r.text
    assert r.headers["content-security-policy"].startswith("default-src 'self'")


def test_serve_command_runs_read_only_on_loopback(ledger_db):
    port = free_port()
    code = "from claimledger.cli.serve_cmd import serve; serve()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--db", str(ledger_db), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail(
                        f"serve did not start: {proc.stderr.read().decode() if proc.poll() is not None else ''}"
                    )
                time.sleep(0.2)
        assert r.json() == {"status": "ok", "read_only": True}
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        assert httpx.post(f"http://127.0.0.1:{port}/api/ingest", json={"text": "x"}).status_code == 403
        assert httpx.get(f"http://127.0.0.1:{port}/api/health", headers={"host": "rebind.example"}).status_code == 400
    finally:
        proc.terminate()
        proc.wait(10)
    assert "read-only" in proc.stderr.read().decode()


def test_serve_command_options():
    from click.testing import CliRunner

    from claimledger.cli.serve_cmd import is_loopback, serve

    out = CliRunner().invoke(serve, ["--help"])
    assert out.exit_code == 0 and "--allow-writes" in out.output and "127.0.0.1" in out.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and not is_loopback("0.0.0.0")


def test_article_page_shows_pipeline_version_and_rules(client, hostile_id):
    from claimledger import __version__

    html = client.get(f"/articles/{hostile_id}").text
    assert "analysed by claimledger" in html and "rules:" in html
    assert __version__ in html or "unknown" in html


def test_status_vocabulary_is_one_spelling(client):
    assert "claimed_by_one_side" in client.get("/api/map").json()["statuses"]
    assert client.get("/api/propositions?status=claimed_by_one_party").status_code == 422
