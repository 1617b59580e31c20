"""The outer gate of the web server, pure ASGI so it runs before anything reads the request body:

* ``BodyLimit``: a request whose ``Content-Length`` is over the limit is refused with 413 at once, and a body
  sent without one (chunked) is counted as it streams and refused as soon as it passes the limit.  Nothing
  is buffered beyond the limit and no authentication work is done for a refused request.
* ``WriteGuard``: a write request (POST /api/ingest) is refused with 403 on a read-only server and with 401
  without the right ``Authorization: Bearer <token>`` *before* its body is read.

``bearer_ok`` is the one token check (also used by the endpoint itself): only the Bearer scheme, compared in
constant time.
"""

from __future__ import annotations

import hmac
import json

from claimledger.limits import MAX_CHARS

# one article for POST /api/ingest: MAX_CHARS characters even JSON-escaped (\uXXXX) and its metadata fit
MAX_BODY_BYTES = 8 * 1024 * 1024
assert MAX_BODY_BYTES > 6 * MAX_CHARS + 64 * 1024
READ_ONLY_MAX_BODY_BYTES = 64 * 1024  # a read-only server takes no request bodies at all
WRITE_PATHS = frozenset({"/api/ingest"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def bearer_ok(authorization: bytes | str | None, token: str | None) -> bool:
    """True when the header is exactly ``Bearer <token>`` (scheme case-insensitive); a bare token, another
    scheme or an empty value is refused.  Constant-time comparison of the token bytes."""
    if not token or not authorization:
        return False
    raw = authorization.encode("latin-1", "replace") if isinstance(authorization, str) else authorization
    scheme, _, given = raw.strip().partition(b" ")
    given = given.strip()
    if scheme.lower() != b"bearer" or not given:
        return False
    return hmac.compare_digest(given, token.encode("utf-8"))


async def send_json(send, status: int, error: str, headers: dict[str, str] | None = None) -> None:
    from claimledger.web.app import SECURITY_HEADERS

    body = json.dumps({"error": error}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in {**SECURITY_HEADERS, **(headers or {})}.items()]
    if status in (413, 400):
        raw.append((b"connection", b"close"))  # the unread body is never read: this connection is done
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def _header(scope, name: bytes) -> bytes | None:
    for k, v in scope.get("headers") or ():
        if k.lower() == name:
            return v
    return None


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit
        too_large = f"request body too large (limit {limit} bytes)"
        length = _header(scope, b"content-length")
        if length is not None:
            text = length.decode("latin-1").strip()
            if not text.isdigit():
                return await send_json(send, 400, "invalid Content-Length")
            if int(text) > limit:
                return await send_json(send, 413, too_large)
        received = 0
        over = False
        started = False

        async def counted_receive():
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    raise _TooLarge
            return message

        async def gated_send(message):
            nonlocal started
            if over:
                return  # whatever the app made of the aborted read is replaced by the 413 below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, gated_send)
        except _TooLarge:
            pass
        if over and not started:
            await send_json(send, 413, too_large)


class WriteGuard:
    def __init__(self, app, allow_writes: bool, token: str | None):
        self.app = app
        self.allow_writes = allow_writes
        self.token = token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] in WRITE_PATHS and scope["method"] not in SAFE_METHODS:
            if not self.allow_writes:
                return await send_json(send, 403, "this server is read-only (start it with --allow-writes)")
            if not bearer_ok(_header(scope, b"authorization"), self.token):
                return await send_json(
                    send,
                    401,
                    "missing or wrong token (send Authorization: Bearer <token>)",
                    {"WWW-Authenticate": "Bearer"},
                )
        await self.app(scope, receive, send)
