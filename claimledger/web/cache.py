"""A response cache for the read side of the server, pure ASGI.

The ledger changes only when something commits to it (an ingest, from this server or any other process), and
most requests ask the same few things (the map, the first page of a list, a popular place).  So a successful
GET response is kept, keyed by its path and query string *and the ledger's data version*
(``LedgerStore.data_version()``: SQLite's ``PRAGMA data_version``, which changes on every commit by any
connection or process).  A request for an unchanged ledger is answered from memory without entering the
framework; the first commit after it makes every kept response unreachable.  Concurrent misses for the same key
wait for one computation (single flight) instead of each running the same queries.

Bounded: at most ``max_entries`` responses and ``max_bytes`` in all (least recently used go first); a response
larger than ``max_item_bytes`` is not kept.  Backends without a data version (PostgreSQL) are never cached.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

NOT_CACHED_PREFIXES = ("/static/",)


class ResponseCache:
    def __init__(
        self,
        app,
        version,
        max_entries: int = 4096,
        max_bytes: int = 128 * 1024 * 1024,
        max_item_bytes: int = 4 * 1024 * 1024,
    ):
        self.app = app
        self.version = version  # () -> hashable | None (None: do not cache)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_item_bytes = max_item_bytes
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.flights: dict[tuple, asyncio.Future] = {}
        self.hits = self.misses = 0
        self.current = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(NOT_CACHED_PREFIXES):
            return await self.app(scope, receive, send)
        version = self.version()
        if version is None:
            return await self.app(scope, receive, send)
        if version != self.current:  # the ledger changed: nothing kept can be served again
            self.current = version
            self.entries.clear()
            self.size = 0
        key = (version, scope["path"], scope.get("query_string", b""))
        while True:
            entry = self.entries.get(key)
            if entry is not None:
                self.hits += 1
                self.entries.move_to_end(key)
                return await _replay(send, entry)
            flight = self.flights.get(key)
            if flight is None:
                break
            await asyncio.shield(flight)  # someone is computing it: wait, then look again
        self.misses += 1
        self.flights[key] = flight = asyncio.get_running_loop().create_future()
        try:
            await self._compute(key, scope, receive, send)
        finally:
            del self.flights[key]
            flight.set_result(None)

    async def _compute(self, key, scope, receive, send):
        status, headers, chunks, size = 0, [], [], 0
        keep = True

        async def recording_send(message):
            nonlocal status, headers, size, keep
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
                keep = status == 200 and not any(k.lower() == b"set-cookie" for k, _ in headers)
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                keep = size <= self.max_item_bytes
            await send(message)

        await self.app(scope, receive, recording_send)
        if keep and status == 200:
            self._put(key, (status, headers, b"".join(chunks)))

    def _put(self, key, entry) -> None:
        self.entries[key] = entry
        self.size += len(entry[2])
        while self.entries and (len(self.entries) > self.max_entries or self.size > self.max_bytes):
            _, old = self.entries.popitem(last=False)
            self.size -= len(old[2])


async def _replay(send, entry) -> None:
    status, headers, body = entry
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
