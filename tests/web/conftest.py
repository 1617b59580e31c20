"""A real SQLite ledger for the web tests, built once per session from the project's own fixture articles
(the Kurakhove set, the Siversk denial, the bundled Kupiansk example) plus a hostile article whose text and
metadata carry <script>, <img onerror> and javascript: links."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from claimledger.store import LedgerStore

from tests.conftest import FIXTURES

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
LEDGER = FIXTURES / "ledger"
ARTICLES = [  # (path, url, published, title)
    (
        LEDGER / "kurakhove-1-tass.txt",
        "https://tass.com/defense/kurakhove-1",
        "2025-01-06",
        "Russia says Kurakhove captured",
    ),
    (
        LEDGER / "kurakhove-2-copy.txt",
        "https://www.rt.com/russia/kurakhove-copy",
        "2025-01-06",
        "Kurakhove taken (copy)",
    ),
    (
        LEDGER / "kurakhove-3-denial.txt",
        "https://www.ukrinform.net/rubric-ato/kurakhove-3",
        "2025-01-07",
        "General Staff denies the fall of Kurakhove",
    ),
    (
        LEDGER / "kurakhove-4-isw.txt",
        "https://www.understandingwar.org/kurakhove-4",
        "2025-01-13",
        "ISW: Russian forces likely hold Kurakhove",
    ),
    (
        LEDGER / "kurakhove-5-acknowledged.txt",
        "https://kyivindependent.com/kurakhove-5",
        "2025-01-20",
        "Ukraine confirms withdrawal from Kurakhove",
    ),
    (
        LEDGER / "siversk-denial.txt",
        "https://www.ukrinform.net/rubric-ato/siversk",
        "2025-12-09",
        "Siversk: General Staff denies capture",
    ),
    (
        ROOT / "examples" / "kupiansk-report.txt",
        "https://example.org/kupiansk-report",
        "2025-11-27",
        "Fighting near Petropavlivka",
    ),
]
HOSTILE = (
    HERE / "fixtures" / "hostile.txt",
    "javascript:alert('url ran')",
    "2025-12-10",
    '<script>window.__pwned=true</script>Siversk <img src=x onerror="window.__pwned=true">',
)


def build_ledger(db_path, analyzer) -> LedgerStore:
    """``db_path``: a SQLite file, or a database URL."""
    from claimledger.batch import apply_outlet
    from claimledger.ingest.article import Metadata, article_from_text
    from claimledger.ingest.outlets import OutletDirectory
    from claimledger.link import save_ledgers
    from claimledger.store import LedgerStore

    store = LedgerStore(db_path if "://" in str(db_path) else "sqlite:///" + str(db_path))
    outlets = OutletDirectory.load()
    for path, url, published, title in ARTICLES + [HOSTILE]:
        article = article_from_text(
            path.read_text(encoding="utf-8"), Metadata(url=url, published=published, title=title), source_path=str(path)
        )
        apply_outlet(article, outlets)
        if path == HOSTILE[0]:
            article.outlet = '<b onmouseover="window.__pwned=true">Evil Outlet</b>'
        save_ledgers(store, [analyzer.analyze(article)], [str(path)])
    return store


@pytest.fixture(scope="session")
def ledger_db(tmp_path_factory, analyzer):
    path = tmp_path_factory.mktemp("web") / "ledger.sqlite"
    build_ledger(path, analyzer)
    return path


@pytest.fixture(scope="session")
def store(ledger_db):
    from claimledger.store import LedgerStore

    return LedgerStore("sqlite:///" + str(ledger_db))


@pytest.fixture(scope="session")
def app(store):
    from claimledger.web import create_app

    return create_app(store)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_id(store):
    from claimledger.store import queries

    items, _ = queries.list_articles(store, search="javascript", limit=5)
    assert items, "the hostile article is in the ledger"
    return items[0]["id"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn in a thread on a free loopback port, for the browser tests."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(app):
    with LiveServer(app) as server:
        yield server


CHROMIUM = os.environ.get("CLAIMLEDGER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@pytest.fixture(scope="session")
def browser():
    """System Chromium driven by Playwright (never a downloaded browser).  In CI a failure to start is an
    error; elsewhere the browser tests are skipped."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover
        if os.environ.get("CI") == "true":
            pytest.fail(f"playwright is not installed: {exc}")
        pytest.skip(f"playwright is not installed: {exc}")
    pw = sync_playwright().start()
    try:
        if not Path(CHROMIUM).exists():
            raise RuntimeError(f"{CHROMIUM} not found (run scripts/ensure-chromium.sh)")
        b = launch_chromium(pw)
    except Exception as exc:
        pw.stop()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium could not be started: {exc}")
        pytest.skip(f"Chromium not available: {exc}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def page(browser, live_server):
    """A Chromium page on the live server (``page.base``) that records console errors and uncaught exceptions
    in ``page.problems``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.problems = []
    p.on("console", lambda m: p.problems.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.problems.append(f"pageerror: {e}"))
    p.base = live_server.url
    yield p
    context.close()
