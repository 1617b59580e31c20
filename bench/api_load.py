"""The web server under concurrent load: requests/s and p50 / p95 / p99 per endpoint with many clients at once,
and the same figures for one client, measured in the same run.

A real ``claimledger serve`` process on 127.0.0.1 over a generated ledger (``bench/api_latency.py``'s
generator, default 100,000 claims; ``--db`` reuses a filled one).  The load generator is this process: asyncio
clients, each on its own keep-alive HTTP/1.1 connection, sending its next request as soon as the previous one
is answered (a closed loop: latency and throughput are tied by Little's law).  The clients speak minimal
HTTP/1.1 on raw sockets rather than through httpx, so that on a small machine the generator takes as little
CPU from the server as possible.  Bounded: a time limit per phase and a cap on the number of requests;
loopback only.

The request mix is spread over many distinct URLs (random article ids among thousands, list pages, search words,
places and their pages), so the server's response cache answers the popular ones and computes the rest.

    .venv/bin/python bench/api_load.py [--claims 100000] [--clients 100] [--duration 30] [--db URL] [--write-doc]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from api_latency import fill_ledger, start_server  # noqa: E402
from linking import PLACES  # noqa: E402

SEARCH_WORDS = ["dispatch", "forces", "captured", "denied", "village", "w123", "w7", "w42", "w999", "said"]
SEARCH_WORDS += [name for name, *_ in PLACES]


READING = [
    "Reading the figures: a URL asked again while the ledger is unchanged is answered from the response cache in "
    "the event loop (about a millisecond); the others run their queries in the threadpool. Most `article` requests "
    "are first requests (5,000 ids), so that row shows the uncached path under load: those requests queue behind "
    "the cached ones, because one server process executes Python on one core at a time (the GIL; SQLite releases "
    "it only while it reads). The 1-client phase includes the first, uncached computation of the popular pages "
    "(the map, the place timelines), which is why some ratios are below 1. The figures depend on what else the "
    "machine is running (the load average above): on a shared 2-core machine the server gets well under one core.",
    "",
    "Before issue 14 the same kind of load (100 clients, 60 s, the issue's probe) gave 48 requests/s with p95 3.5 s; "
    "at the end of issue 14 (one process, no httptools/uvloop) 448 requests/s with p95 861 ms. On 2026-11-30, one "
    "process with httptools + uvloop and the issue-13 queries: 7,417 requests/s, p95 133 ms; `--workers 2` (the "
    "table above, `make bench-load`) trades some throughput for the tail: the uncached article pages no longer "
    "queue behind one process.",
]


def endpoint_mix(article_ids: list[str], rng: random.Random):
    """(name, weight, () -> path): what a reader of the workspace asks for, spread over many URLs."""
    keys = [f"gn:{gid}" for _, gid, _, _ in PLACES]
    q = urllib.parse.urlencode
    return [
        ("map", 10, lambda: "/api/map"),
        ("stats", 5, lambda: "/api/stats"),
        ("place", 15, lambda: f"/api/places/{rng.choice(keys)}?" + q({"page": rng.randint(1, 3)})),
        ("search", 20, lambda: "/api/claims?" + q({"q": rng.choice(SEARCH_WORDS), "page": rng.randint(1, 3)})),
        ("claims", 10, lambda: "/api/claims?" + q({"side": rng.choice(["RU", "UA"]), "page": rng.randint(1, 20)})),
        ("propositions", 10, lambda: "/api/propositions?" + q({"page": rng.randint(1, 10)})),
        ("articles", 10, lambda: "/api/articles?" + q({"page": rng.randint(1, 40)})),
        ("article", 20, lambda: "/api/articles/" + rng.choice(article_ids)),
    ]


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol for GET requests."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, int]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        lines = head.lower().split(b"\r\n")
        length = next((int(x.split(b":", 1)[1]) for x in lines if x.startswith(b"content-length:")), None)
        if length is None:
            raise RuntimeError(f"no Content-Length in the response to {path}")
        body = await self.reader.readexactly(length)
        if b"connection: close" in lines:
            await self.close()
        return status, len(body)

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except OSError:
                pass
        self.reader = self.writer = None


async def run_phase(port: int, clients: int, duration: float, max_requests: int, mix, seed: int) -> dict:
    """``clients`` closed-loop clients for ``duration`` seconds or ``max_requests`` requests in all."""
    rng = random.Random(seed)
    names = [m[0] for m in mix]
    weights = [m[1] for m in mix]
    paths = {m[0]: m[2] for m in mix}
    samples: dict[str, list[float]] = {n: [] for n in names}
    errors: dict[str, int] = {n: 0 for n in names}
    sent = 0
    start = time.perf_counter()
    deadline = start + duration

    async def client():
        nonlocal sent
        conn = Connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                name = rng.choices(names, weights)[0]
                path = paths[name]()
                t = time.perf_counter()
                try:
                    status, _ = await conn.get(path)
                except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError):
                    status = 0
                    await conn.close()
                ms = (time.perf_counter() - t) * 1000
                if status == 200:
                    samples[name].append(ms)
                else:
                    errors[name] += 1
        finally:
            await conn.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - start
    return {"elapsed": elapsed, "samples": samples, "errors": errors}


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def summary(phase: dict) -> dict[str, dict]:
    out = {}
    every: list[float] = []
    for name, values in phase["samples"].items():
        every += values
        out[name] = row(values, phase["errors"][name], phase["elapsed"])
    out["all"] = row(every, sum(phase["errors"].values()), phase["elapsed"])
    return out


def row(values: list[float], errors: int, elapsed: float) -> dict:
    return {
        "n": len(values),
        "errors": errors,
        "rps": len(values) / elapsed,
        "p50": statistics.median(values) if values else float("nan"),
        "p95": pct(values, 95),
        "p99": pct(values, 99),
    }


def table(one: dict, many: dict, clients: int) -> list[str]:
    lines = [
        f"| endpoint | 1 client: req/s | p50 ms | p95 ms | p99 ms | {clients} clients: req/s | p50 ms | p95 ms "
        "| p99 ms | errors | p95 ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in many:
        a, b = one[name], many[name]
        ratio = b["p95"] / a["p95"] if a["p95"] == a["p95"] and a["p95"] > 0 else float("nan")
        label = f"**{name}**" if name == "all" else name
        lines.append(
            f"| {label} | {a['rps']:.1f} | {a['p50']:.1f} | {a['p95']:.1f} | {a['p99']:.1f} | {b['rps']:.1f} "
            f"| {b['p50']:.1f} | {b['p95']:.1f} | {b['p99']:.1f} | {b['errors'] + a['errors']} | {ratio:.1f}× |"
        )
    return lines


def write_section(doc: Path, title: str, body: list[str]) -> None:
    """Replace the ``## {title}`` section of ``doc`` (or append it), keeping every other section."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Reliability\n"
    head = f"## {title}"
    start = text.find(head)
    section = head + "\n\n" + "\n".join(body).rstrip() + "\n"
    if start < 0:
        text = text.rstrip() + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(head))
        text = text[:start] + section + ("\n" + text[end + 1 :] if end >= 0 else "")
    doc.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000, help="claims in the generated ledger")
    ap.add_argument("--db", help="database URL (default: a new temporary SQLite file); a filled one is reused")
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of the concurrent phase")
    ap.add_argument("--baseline", type=float, default=10.0, help="seconds of the one-client phase")
    ap.add_argument("--max-requests", type=int, default=60_000, help="cap on the requests of a phase")
    ap.add_argument("--no-cache", action="store_true", help="start the server with --no-cache")
    ap.add_argument("--workers", type=int, default=1, help="server processes (`serve --workers`)")
    ap.add_argument("--write-doc", action="store_true", help="write the figures to docs/reliability.md")
    args = ap.parse_args()
    if not (1 <= args.clients <= 1000 and 0 < args.duration <= 300 and 0 < args.baseline <= 300):
        ap.error("--clients 1..1000, --duration and --baseline 0..300 s")

    from claimledger.store import queries

    url = args.db or "sqlite:///" + str(Path(tempfile.mkdtemp(prefix="claimledger-loadbench-")) / "ledger.sqlite")
    store = fill_ledger(url, args.claims)
    article_ids = []  # 5,000 article ids (or as many as the ledger has) for the article pages
    for page in range(50):
        article_ids += [a["id"] for a in queries.list_articles(store, limit=100, offset=100 * page)[0]]
    counts = store.counts()
    store.engine.dispose()
    mix = endpoint_mix(article_ids, random.Random(7))
    extra = (["--no-cache"] if args.no_cache else []) + (["--workers", str(args.workers)] if args.workers > 1 else [])
    server, base = start_server(url, *extra)
    port = int(base.rsplit(":", 1)[1])
    try:
        print(f"server {base}; warm-up, then 1 client for {args.baseline:.0f} s", flush=True)
        asyncio.run(run_phase(port, 1, 2.0, 200, mix, seed=1))
        one = summary(asyncio.run(run_phase(port, 1, args.baseline, args.max_requests, mix, seed=2)))
        print(f"{args.clients} clients for {args.duration:.0f} s", flush=True)
        many = summary(asyncio.run(run_phase(port, args.clients, args.duration, args.max_requests, mix, seed=3)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = table(one, many, args.clients)
    print("\n".join(lines))
    p95 = many["all"]["p95"]
    verdict = "met" if p95 < 300 and many["all"]["errors"] == 0 else "NOT met"
    print(f"\ntarget p95 < 300 ms with {args.clients} clients: {verdict} (p95 {p95:.0f} ms)")
    if args.write_doc:
        import os
        import platform
        import subprocess

        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        cpu = next(
            (
                ln.split(":", 1)[1].strip()
                for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if "model name" in ln
            ),
            platform.processor(),
        )
        body = [
            f"Measured {time.strftime('%Y-%m-%d')} at commit `{commit or '?'}` (plus working-tree changes) on {cpu}, "
            f"{os.cpu_count()} cores shared by the server and the load generator, Python {platform.python_version()}; "
            f"load average before the run {os.getloadavg()[0]:.1f}. `make bench-load` (`bench/api_load.py`).",
            "",
            f"Ledger: {counts['claims']:,} claims, {counts['articles']:,} articles, {counts['propositions']:,} "
            f"propositions (SQLite, WAL). A real `claimledger serve` on 127.0.0.1"
            f"{' with `--no-cache`' if args.no_cache else ''}"
            f"{f' with `--workers {args.workers}`' if args.workers > 1 else ''}; closed-loop clients on keep-alive connections; "
            f"{args.baseline:.0f} s with 1 client, then {args.duration:.0f} s with {args.clients} clients. Mix: "
            + ", ".join(f"{n} {w}%" for n, w, _ in mix)
            + f" (article ids drawn from {len(set(article_ids)):,}; list pages, search words and places varied).",
            "",
            *lines,
            "",
            f"Target p95 < 300 ms with {args.clients} clients: **{verdict}** (p95 {p95:.0f} ms, "
            f"{many['all']['rps']:.0f} requests/s, {many['all']['errors']} errors).",
            "",
            *READING,
        ]
        write_section(HERE.parent / "docs" / "reliability.md", "Web under load", body)
        print("wrote docs/reliability.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
