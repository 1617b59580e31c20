"""URL fetching against a real HTTP server on 127.0.0.1 (nothing else is ever contacted)."""

from __future__ import annotations

import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.ingest import url as urlmod
from claimledger.ingest.sources import iter_sources
from claimledger.ingest.url import address_allowed, fetch, read_url

FIXTURES = Path(__file__).parent / "fixtures"

ARTICLE = b"""<!DOCTYPE html><html><head><title>Siversk: Ukraine denies capture</title>
<meta property="og:site_name" content="Ukrinform"></head><body>
<nav>Home | News | Contacts</nav>
<article><h1>Siversk: Ukraine denies capture</h1>
<p>The General Staff of the Armed Forces of Ukraine said on Friday that Siversk remains under Ukrainian control, denying Russian claims of its capture.</p>
<p>Ukrainian units repelled eleven assaults near the town over the past day, the General Staff said.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, str]] = []  # (path, Host header) of every request that reached the server

    def log_message(self, *args):  # keep test output clean
        pass

    def send_body(self, body: bytes, ctype: str = "text/html; charset=utf-8", status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        Handler.seen.append((self.path, self.headers.get("Host", "")))
        path = self.path
        try:
            if path in ("/article", "/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F?q=%D0%A1"):
                self.send_body(ARTICLE)
            elif path == "/feed":
                self.send_body((FIXTURES / "feed.rss").read_bytes(), "application/rss+xml")
            elif path == "/feed-as-xml":
                self.send_body((FIXTURES / "feed.atom").read_bytes(), "text/xml")
            elif path == "/redirect":
                self.redirect("/article")
            elif path.startswith("/chain/"):
                n = int(path.rsplit("/", 1)[1])
                self.redirect(f"/chain/{n - 1}" if n > 0 else "/article")
            elif path == "/loop":
                self.redirect("/loop")
            elif path == "/to-metadata":
                self.redirect("http://169.254.169.254/latest/meta-data/")
            elif path == "/to-loopback":
                self.redirect(f"http://127.0.0.1:{self.server.server_port}/article")
            elif path == "/to-file":
                self.redirect("file:///etc/passwd")
            elif path == "/declared-huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(10 * 1024**3))  # "10 GB"
                self.end_headers()
                self.wfile.write(b"<html>" + b"x" * 1024)
            elif path == "/endless":
                # No Content-Length: the body only ends when the client gives up.
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    self.wfile.write(b"<p>Siversk</p>" * 4096)
            elif path == "/slow":
                time.sleep(3)
                self.send_body(ARTICLE)
            elif path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(50):
                    self.wfile.write(b"<p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/missing":
                self.send_body(b"<html><body>not found</body></html>", status=404)
            elif path == "/pdf":
                self.send_body(b"%PDF-1.7 ...", "application/pdf")
            elif path == "/empty-page":
                self.send_body(b"<html><head><title>x</title></head><body><script>1</script></body></html>")
            else:
                self.send_body(b"no such route", "text/plain", 404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client aborted on purpose (size or time limit)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def clear_seen():
    Handler.seen.clear()


def local(_server: str) -> dict:
    """Options for fetching from the test server: private addresses allowed, short timeouts."""
    return dict(allow_private=True, connect_timeout=2, read_timeout=0.5, total_timeout=5)


# --- fetching ------------------------------------------------------------------


def test_fetch_article(server):
    got = fetch(f"{server}/article", **local(server))
    assert got.status == 200 and got.content_type == "text/html" and got.body == ARTICLE
    assert got.final_url == got.url == f"{server}/article"


def test_url_becomes_an_article_with_final_url_after_redirect(server):
    [item] = read_url(f"{server}/redirect", **local(server))
    assert item.origin == f"{server}/redirect"
    article = item.article
    assert article.url == f"{server}/article"  # where the text really came from
    assert "Siversk remains under Ukrainian control" in article.text
    assert "Contacts" not in article.text
    assert article.title == "Siversk: Ukraine denies capture"


def test_iter_sources_dispatches_urls(server):
    items = list(iter_sources([f"{server}/article", f"{server}/feed"], allow_private=True))
    assert [i.origin for i in items] == [
        f"{server}/article",
        f"{server}/feed#1",
        f"{server}/feed#2",
        f"{server}/feed#3",
    ]
    assert [i.ok for i in items] == [True, True, True, False]
    assert items[1].article.url == "https://tass.com/defense/2001"


def test_feed_served_as_generic_xml_is_recognised(server):
    items = list(read_url(f"{server}/feed-as-xml", **local(server)))
    assert [i.ok for i in items] == [True, True]
    assert items[0].article.outlet == "The Kyiv Independent"


def test_cyrillic_path_is_percent_encoded(server):
    got = fetch(f"{server}/статья?q=С", **local(server))
    assert got.body == ARTICLE
    assert Handler.seen[0][0] == "/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F?q=%D0%A1"


def test_redirect_chain_of_five_is_followed(server):
    got = fetch(f"{server}/chain/4", **local(server))  # 4 → … → 0 → /article: five redirects
    assert got.final_url == f"{server}/article"


def test_redirect_chain_of_six_is_refused(server):
    with pytest.raises(InputError, match=r"too many redirects \(more than 5\)"):
        fetch(f"{server}/chain/5", **local(server))


def test_redirect_loop_is_capped(server):
    with pytest.raises(InputError, match="too many redirects") as err:
        fetch(f"{server}/loop", **local(server))
    assert str(err.value).startswith(f"{server}/loop: ")
    assert len(Handler.seen) == 6  # the first request and five redirects, no more


def test_redirect_to_another_scheme_is_refused(server):
    with pytest.raises(InputError, match="only http and https"):
        fetch(f"{server}/to-file", **local(server))


def test_declared_oversized_response_is_refused_before_reading(server):
    with pytest.raises(InputError, match="10737.4 MB; more than the 0.001 MB limit"):
        fetch(f"{server}/declared-huge", **local(server), max_bytes=1000)


def test_endless_response_is_aborted_past_the_limit(server):
    start = time.monotonic()
    with pytest.raises(InputError, match="larger than the 0.1 MB limit; aborted"):
        fetch(f"{server}/endless", **local(server), max_bytes=100_000)
    assert time.monotonic() - start < 3  # stopped at the limit, not when the server gave up


def test_endless_response_is_aborted_at_the_default_limit(server):
    with pytest.raises(InputError, match="larger than the 5.24288 MB limit"):
        fetch(f"{server}/endless", **local(server))


def test_slow_server_times_out(server):
    start = time.monotonic()
    with pytest.raises(InputError, match=r"timed out \(no data for 0.5 s\)"):
        fetch(f"{server}/slow", **local(server))
    assert time.monotonic() - start < 2


def test_dripping_server_hits_the_total_time_limit(server):
    options = local(server) | {"total_timeout": 0.5}
    start = time.monotonic()
    with pytest.raises(InputError, match="took too long"):
        fetch(f"{server}/drip", **options)
    assert time.monotonic() - start < 2


def test_http_error_status_is_an_error(server):
    with pytest.raises(InputError, match="HTTP 404"):
        fetch(f"{server}/missing", **local(server))


def test_tls_to_a_plain_http_server_is_a_clear_error(server):
    with pytest.raises(InputError, match="TLS error"):
        fetch(server.replace("http://", "https://") + "/article", **local(server))


def test_connection_refused_is_a_clear_error():
    import socket

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match="connection refused"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True, connect_timeout=1, read_timeout=1)


@pytest.mark.parametrize(
    "path,message",
    [
        ("/missing", "HTTP 404"),
        ("/pdf", "not an article or feed (content type application/pdf)"),
        ("/empty-page", "no article text"),
        ("/loop", "too many redirects"),
    ],
)
def test_read_url_turns_failures_into_one_line_error_items(server, path, message):
    [item] = read_url(f"{server}{path}", **local(server))
    assert item.article is None and message in item.error
    assert item.error.startswith(f"{server}{path}") and "\n" not in item.error


# --- private addresses -----------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/article",
        "http://localhost:{port}/article",
        "http://[::1]:{port}/article",
        "http://[::ffff:127.0.0.1]:{port}/article",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0:{port}/article",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
    ],
)
def test_private_addresses_are_refused_by_default(server, target):
    port = server.rsplit(":", 1)[1]
    url = target.format(port=port)
    with pytest.raises(InputError, match="refusing to fetch") as err:
        fetch(url, connect_timeout=0.5, read_timeout=0.5)
    assert "--allow-private" in str(err.value)
    assert Handler.seen == []  # refused before connecting


def test_refusal_is_an_error_item_from_iter_sources(server):
    [item] = list(iter_sources([f"{server}/article"]))
    assert item.error and "refusing to fetch" in item.error and Handler.seen == []


def test_public_addresses_are_allowed():
    for ip in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"):
        assert address_allowed(ipaddress.ip_address(ip))
    for ip in (
        "127.0.0.1",
        "10.0.0.1",
        "169.254.1.1",
        "::1",
        "fc00::1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::1",
        "192.0.2.1",
    ):
        assert not address_allowed(ipaddress.ip_address(ip)), ip


def fake_dns(server):
    """news.example resolves to the test server and is treated as public; other hosts resolve for real."""

    def resolver(host, port, allow_private):
        if host == "news.example":
            return [ipaddress.ip_address("127.0.0.1")]
        return urlmod.resolve(host, port, allow_private)

    return resolver


def test_connection_goes_to_the_checked_address_with_the_real_host_name(server):
    port = server.rsplit(":", 1)[1]
    got = fetch(f"http://news.example:{port}/article", resolver=fake_dns(server), read_timeout=1)
    assert got.body == ARTICLE
    assert Handler.seen == [("/article", f"news.example:{port}")]


@pytest.mark.parametrize("path", ["/to-metadata", "/to-loopback"])
def test_every_redirect_hop_is_checked_again(server, path):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(InputError, match="refusing to fetch"):
        fetch(f"http://news.example:{port}{path}", resolver=fake_dns(server), read_timeout=1)
    assert [p for p, _ in Handler.seen] == [path]  # the private target was never requested


def test_unresolvable_host_is_a_clear_error(monkeypatch):
    import socket

    def no_dns(*args, **kwargs):  # stands in for a failed lookup, so the test sends no DNS query
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(
        InputError,
        match=r"no-such-host.invalid/: cannot resolve host 'no-such-host.invalid' \(Name or service not known\)",
    ):
        fetch("http://no-such-host.invalid/", connect_timeout=0.5)
