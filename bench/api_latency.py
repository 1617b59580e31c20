"""API latency on a large generated ledger: p50 / p95 of the map, place, propositions and search queries.

The ledger (default 100,000 claims) is filled with the synthetic ledgers of ``bench/linking.py`` (real places,
sides, dates; no NLP), then a real uvicorn server is started on 127.0.0.1 and queried over HTTP from this
process — bounded: a fixed number of requests per endpoint, sequential, with the response cache off (the cost
of the queries; ``bench/api_load.py`` measures the server as it runs, under 100 concurrent clients).

    .venv/bin/python bench/api_latency.py [--claims 100000] [--requests 200] [--db URL] [--only map search]
    .venv/bin/python bench/api_latency.py --db sqlite:////tmp/apibench/ledger.sqlite   # kept between runs
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
import urllib.error
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
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"{urllib.parse.unquote(url)}: HTTP {exc.code}") from None
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


AS_OF = ["2025-03-15", "2025-06-30", "2025-09-10", "2025-12-01"]
STATUSES = ["disputed", "claimed_by_one_side", "corroborated_by_independent", "denied"]
# search with place-name variants (the alias index widens each to every spelling and script), a prefix, an OR
VARIANT_SEARCHES = ["Seversk", "Северск", "Сіверськ", "liberat*", "dispat*", "Bakhmut OR Pokrovsk", "Artemovsk"]


def endpoints() -> dict:
    """name -> (request number -> path): the queries of the map, place, propositions and search views."""
    keys = [f"gn:{gid}" for _, gid, _, _ in PLACES]
    names = ["Siversk", "Северск", "Pokrovsk", "Seversk", "Kupiansk"]  # each names one place of the ledger
    words = ["dispatch", "Siversk", "Bakhmut", "Pokrovsk", "w123", "forces"]

    def enc(path: str, **params) -> str:
        return path + "?" + urllib.parse.urlencode(params)

    def cycle(values, i):
        return values[i % len(values)]

    return {
        "map": lambda i: "/api/map",
        "map as_of": lambda i: enc("/api/map", as_of=cycle(AS_OF, i)),
        "place": lambda i: "/api/places/" + urllib.parse.quote(cycle(keys, i)),
        "place as_of": lambda i: enc("/api/places/" + urllib.parse.quote(cycle(keys, i)), as_of=cycle(AS_OF, i // 3)),
        "place by name": lambda i: "/api/places/" + urllib.parse.quote(cycle(names, i)),
        "propositions": lambda i: enc("/api/propositions", page=1 + i % 3),
        "propositions place": lambda i: enc("/api/propositions", place=cycle(names, i)),
        "propositions as_of": lambda i: enc("/api/propositions", as_of=cycle(AS_OF, i), page=1 + i % 2),
        "propositions as_of+status": lambda i: enc(
            "/api/propositions", as_of=cycle(AS_OF, i), status=cycle(STATUSES, i // 4)
        ),
        "propositions as_of+status+place": lambda i: enc(
            "/api/propositions", as_of=cycle(AS_OF, i), status=cycle(STATUSES, i // 4), place=cycle(names, i)
        ),
        "search claims": lambda i: enc("/api/claims", q=cycle(words, i), page_size=50),
        "search claims variants": lambda i: enc("/api/claims", q=cycle(VARIANT_SEARCHES, i), page_size=50),
        "search articles variants": lambda i: enc("/api/articles", q=cycle(VARIANT_SEARCHES, i), page_size=50),
        "claims place": lambda i: enc("/api/claims", place=cycle(names, i)),
        "claims as_of": lambda i: enc("/api/claims", as_of=cycle(AS_OF, i), q=cycle(VARIANT_SEARCHES, i // 4)),
        "articles as_of": lambda i: enc("/api/articles", as_of=cycle(AS_OF, i), q=cycle(VARIANT_SEARCHES, i // 4)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    ap.add_argument(
        "--db",
        help="database URL (default: a temporary SQLite file); a ledger already filled there is reused, so "
        "repeated runs can share one (e.g. sqlite:////tmp/apibench/ledger.sqlite)",
    )
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only the endpoints whose name starts with one of these")
    ap.add_argument(
        "--no-write", action="store_true", help="print the figures only (docs/performance-api.md unchanged)"
    )
    args = ap.parse_args()

    url = args.db or "sqlite:///" + str(Path(tempfile.mkdtemp(prefix="claimledger-apibench-")) / "ledger.sqlite")
    store = fill_ledger(url, args.claims)
    server, base = start_server(url, "--no-cache")  # the queries themselves, not the response cache
    try:
        lines = ["| query | example | p50 ms | p95 ms | max ms | requests |", "|---|---|---:|---:|---:|---:|"]
        print(f"\n{'query':32} | {'p50 ms':>7} | {'p95 ms':>7} | {'max ms':>7} | requests")
        for name, path in endpoints().items():
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            get(base + path(0))  # warm-up
            times = sorted(get(base + path(i)) for i in range(args.requests))
            p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
            print(f"{name:32} | {p50:7.1f} | {p95:7.1f} | {times[-1]:7.1f} | {len(times)}", flush=True)
            example = urllib.parse.unquote(path(1)).replace("|", "\\|")
            lines.append(f"| {name} | `{example}` | {p50:.1f} | {p95:.1f} | {times[-1]:.1f} | {len(times)} |")
        if not args.no_write:
            write_report(
                "performance-api.md",
                "API latency on a generated ledger (`bench/api_latency.py`)",
                f"{store.counts()['claims']:,} claims ({store.counts()['articles']:,} articles, "
                f"{store.counts()['propositions']:,} propositions); a real `claimledger serve` on 127.0.0.1 queried "
                "over HTTP, sequentially, response cache off (`--no-cache`). Each query cycles through the values "
                f"shown in `bench/api_latency.py` (as_of days {', '.join(AS_OF)}; statuses; place names in "
                "several scripts; searches with place-name variants, a prefix and an OR: "
                f"{', '.join(VARIANT_SEARCHES)}); `dispatch` and `dispat*` match every claim (the worst case). "
                "Target (issue 13): p95 under 200 ms for map, place, propositions and search.",
                lines,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
