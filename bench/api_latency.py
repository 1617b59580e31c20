"""API latency on a large generated ledger: p50 / p95 of the map, search and place queries.

The ledger (default 100,000 claims) is filled with the synthetic ledgers of ``bench/linking.py`` (real places,
sides, dates; no NLP), then a real uvicorn server is started on 127.0.0.1 and queried over HTTP from this
process — bounded: a fixed number of requests per endpoint, sequential, with the response cache off (the cost
of the queries; ``bench/api_load.py`` measures the server as it runs, under 100 concurrent clients).

    .venv/bin/python bench/api_latency.py [--claims 100000] [--requests 200] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from linking import CLAIMS_PER_ARTICLE, PLACES, synthetic_ledger, write_report  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> float:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        assert r.status == 200, (url, r.status)
    return (time.perf_counter() - t) * 1000


def fill_ledger(url: str, claims: int):
    """An open LedgerStore at ``url`` holding at least ``claims`` synthetic claims (filled in batches of 1,000
    articles; an already filled ledger is kept as it is)."""
    from claimledger.link import save_ledgers
    from claimledger.store import LedgerStore

    store = LedgerStore(url)
    have = store.counts()["claims"]
    if have >= claims:
        print(f"ledger: {store.counts()} (reused)", flush=True)
        return store
    rng = random.Random(3)
    t0 = time.time()
    n = 0
    while n * CLAIMS_PER_ARTICLE < claims:
        save_ledgers(store, [synthetic_ledger(n + k, rng) for k in range(1000)])
        n += 1000
    print(f"ledger: {store.counts()} (filled in {time.time() - t0:.0f} s)", flush=True)
    return store


def start_server(url: str, *extra: str) -> tuple[subprocess.Popen, str]:
    """``claimledger serve`` as a real process on a free loopback port; returns it and its base URL once it
    answers."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "claimledger"), "serve", "--db", url, "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            get(base + "/api/health")
            return server, base
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("claimledger serve exited: " + server.stderr.read().decode()[-500:]) from None
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("claimledger serve did not answer within 60 s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()

    url = args.db or "sqlite:///" + str(Path(tempfile.mkdtemp(prefix="claimledger-apibench-")) / "ledger.sqlite")
    store = fill_ledger(url, args.claims)
    server, base = start_server(url, "--no-cache")  # the queries themselves, not the response cache
    try:
        keys = [f"gn:{gid}" for _, gid, _, _ in PLACES]
        words = ["dispatch", "Siversk", "Bakhmut", "Pokrovsk", "w123", "forces"]
        endpoints = {
            "map": lambda i: "/api/map",
            "search": lambda i: "/api/claims?" + urllib.parse.urlencode({"q": words[i % len(words)], "page_size": 50}),
            "place": lambda i: "/api/places/" + urllib.parse.quote(keys[i % len(keys)]),
        }
        lines = ["| query | p50 ms | p95 ms | max ms | requests |", "|---|---:|---:|---:|---:|"]
        print(f"\n{'query':8} | {'p50 ms':>7} | {'p95 ms':>7} | {'max ms':>7} | requests")
        for name, path in endpoints.items():
            get(base + path(0))  # warm-up
            times = sorted(get(base + path(i)) for i in range(args.requests))
            p95 = times[int(0.95 * (len(times) - 1))]
            print(
                f"{name:8} | {statistics.median(times):7.1f} | {p95:7.1f} | {times[-1]:7.1f} | {len(times)}", flush=True
            )
            lines.append(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | {times[-1]:.1f} | {len(times)} |")
        write_report(
            "performance-api.md",
            "API latency on a generated ledger (`bench/api_latency.py`)",
            f"{store.counts()['claims']:,} claims; a real `claimledger serve` on 127.0.0.1 queried over HTTP, "
            "sequentially, response cache off (`--no-cache`). `search` cycles through terms including one that "
            "matches every claim (the worst case).",
            lines,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
