"""The web workspace: ``create_app(store)`` returns a FastAPI app serving HTML pages (map, articles, places,
propositions, claim search) and the JSON API under /api.

Security: article text and metadata are untrusted.  Templates autoescape everything (article text is cut
into segments server-side and each piece escaped; nothing from an article is marked safe); every response
carries a strict Content-Security-Policy (no inline script or style: all JS and CSS are static files);
errors never show a stack trace (JSON under /api, a short HTML page elsewhere); parameters are validated
before any query; the server is read-only unless ``allow_writes`` and then writes need ``token`` as
``Authorization: Bearer``.  Request bodies are limited and write requests checked before a body is read
(``claimledger.web.guard``).  Endpoints are plain functions: they run in the threadpool, concurrently.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import quote, urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from claimledger import __version__

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
log = logging.getLogger("claimledger.web")


def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["pq"] = lambda s: quote(str(s), safe=":")  # a place key in a URL path
    from claimledger.web.render import STATUS_LABELS, label

    env.filters["status_label"] = lambda s: STATUS_LABELS.get(s, s or "")
    env.globals["version"] = __version__

    def with_query(request: Request, **changes) -> str:
        """This page's query string with some parameters changed (None removes one)."""
        items = {k: v for k, v in request.query_params.items()}
        for k, v in changes.items():
            if v is None:
                items.pop(k, None)
            else:
                items[k] = str(v)
        return "?" + urlencode(items) if items else "?"

    env.globals["with_query"] = with_query
    env.filters["nobidi"] = nobidi
    env.filters["label"] = label  # human label of a vocabulary value (raw value in a title tooltip)
    env.filters["http_url"] = http_url
    return Jinja2Templates(env=env)


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def nobidi(value) -> str:
    """Text without bidirectional control characters, for places that cannot isolate it (the <title>): in the
    page body metadata is wrapped in <bdi> instead, so an override cannot reverse the text around it."""
    return str(value or "").translate(BIDI_CONTROLS)


def http_url(value) -> str | None:
    """The URL if it is http(s) with a host, else None: a stored URL is only ever linked when it cannot run
    script (javascript:, data:, vbscript: are shown as text)."""
    from urllib.parse import urlsplit

    u = str(value or "").strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    return (
        u
        if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in u for c in "\x00\r\n\t")
        else None
    )


class DropEmptyQueryParams:
    """HTML forms send empty fields (``?side=&since=``); for the pages an empty field means "any", so drop them
    before validation.  The API keeps strict validation."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and not scope["path"].startswith("/api") and scope.get("query_string"):
            from urllib.parse import parse_qsl

            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            scope = dict(scope, query_string=urlencode([(k, v) for k, v in pairs if v.strip()]).encode("latin-1"))
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Refuses a Host header not in ``hosts`` (400) and puts the security headers on every response."""

    def __init__(self, app, hosts: set[str] | None):
        self.app = app
        self.hosts = hosts
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        self.names = {k for k, _ in self.headers}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.hosts is not None:
            host = next((v for k, v in scope["headers"] if k == b"host"), b"").decode("latin-1").lower()
            if _host_of(host) not in self.hosts:
                from claimledger.web.guard import send_json

                return await send_json(send, 400, "host not allowed")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


WEB_THREADS = 8  # on a few cores more threads only contend for the GIL (SQLite releases it while it reads)


def _threads_from_env() -> int:
    value = os.environ.get("CLAIMLEDGER_WEB_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else WEB_THREADS


def _threadpool_lifespan(threads: int):
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app):
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, threads)
        yield

    return lifespan


def _host_of(header: str) -> str:
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def create_app(
    store,
    allow_writes: bool = False,
    token: str | None = None,
    allowed_hosts: list[str] | None = None,
    max_body: int | None = None,
    cache: bool = True,
    threads: int | None = None,
) -> FastAPI:
    """``store``: an open LedgerStore.  ``allowed_hosts``: Host header values accepted (None: any; `serve`
    passes the loopback names when bound to loopback, which defeats DNS rebinding).  ``max_body``: request body
    limit in bytes (default: one article's worth with writes, 64 KiB read-only).  ``cache``: keep GET responses
    while the ledger is unchanged (``claimledger.web.cache``).  ``threads``: how many requests run their queries
    at once in the threadpool (default ``WEB_THREADS``; the rest wait without holding a thread, so the event loop
    keeps answering cached responses while the CPU is busy)."""
    from claimledger.web.cache import ResponseCache
    from claimledger.web.guard import MAX_BODY_BYTES, READ_ONLY_MAX_BODY_BYTES, BodyLimit, WriteGuard

    if allow_writes and not token:
        raise ValueError("allow_writes needs a token")
    app = FastAPI(
        title="claimledger",
        version=__version__,
        description="The claim ledger: articles, claims, "
        "propositions and places, read-only unless the server was started with --allow-writes.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_threadpool_lifespan(threads or _threads_from_env()),
    )
    app.state.store = store
    app.state.allow_writes = allow_writes
    app.state.token = token
    app.state.analyzer = None
    app.state.templates = templates()
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    def error_page(request: Request, status: int, message: str):
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if is_api(request):
            return JSONResponse({"error": message}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))[:200]} for e in exc.errors()
        ][:20]
        if is_api(request):
            return JSONResponse({"error": "invalid request", "details": details}, status_code=422)
        msg = "; ".join(f"{'.'.join(d['loc'][1:]) or 'request'}: {d['msg']}" for d in details)
        return error_page(request, 400, f"invalid request: {msg}")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        if is_api(request):
            return JSONResponse({"error": "internal error"}, status_code=500, headers=SECURITY_HEADERS)
        return HTMLResponse(
            "<!doctype html><title>error</title><p>Internal error.</p>", status_code=500, headers=SECURITY_HEADERS
        )

    from claimledger.web import api, overlay, pages

    app.include_router(api.router)
    app.include_router(overlay.router)
    app.include_router(pages.router)
    app.include_router(__import__("claimledger.web.statements", fromlist=["router"]).router)
    __import__("claimledger.web.review", fromlist=["install"]).install(app)  # review API, its guard, page audit
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(DropEmptyQueryParams)
    if cache:
        app.add_middleware(ResponseCache, version=store.data_version)
    # outermost last: the body limit, the Host check and security headers, the write check: all before anything
    # reads the body (every middleware is plain ASGI: no per-request task or stream)
    app.add_middleware(WriteGuard, allow_writes=allow_writes, token=token)
    app.add_middleware(SecurityHeaders, hosts=hosts)
    limit = max_body or (MAX_BODY_BYTES if allow_writes else READ_ONLY_MAX_BODY_BYTES)
    app.add_middleware(BodyLimit, limit=limit)
    return app
