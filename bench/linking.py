"""How the cost of linking one new article grows with the ledger: 10k -> 100k (-> 1M) claims.

The ledger is filled with synthetic article ledgers (built directly as model objects — no NLP, so a large
ledger is quick to make) over real front-line places, sides and dates; then real analysed articles are saved
one at a time (save + dedupe + link, one transaction each) and timed.  Cost per article should stay flat (all
lookups go through indexes), not grow with the ledger.

    .venv/bin/python bench/linking.py                      # 10k and 100k claims
    .venv/bin/python bench/linking.py --sizes 10000 100000 1000000
    .venv/bin/python bench/linking.py --db postgresql+psycopg://...   # an empty PostgreSQL database
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from claimledger.model import Actor, Article, ArticleLedger, Claim, DateValue, Event, Place, Speaker, TextSpan  # noqa: E402

PLACES = [
    ("Siversk", 694403, 48.86, 38.10),
    ("Bakhmut", 709717, 48.59, 38.0),
    ("Pokrovsk", 696643, 48.28, 37.18),
    ("Kupiansk", 703656, 49.71, 37.62),
    ("Chasiv Yar", 710791, 48.59, 37.83),
    ("Kurakhove", 695357, 47.98, 37.28),
    ("Vuhledar", 688105, 47.78, 37.25),
    ("Avdiivka", 713174, 48.14, 37.74),
]
SPEAKERS = [
    ("Russian Ministry of Defence", "official_party", "RU"),
    ("General Staff of Ukraine", "official_party", "UA"),
    ("Institute for the Study of War", "independent", "other"),
    ("local residents", "local_source", "unknown"),
    ("a Russian soldier", "combatant", "RU"),
    ("a Ukrainian commander", "official_party", "UA"),
]
CLAIMS_PER_ARTICLE = 5


def synthetic_ledger(i: int, rng: random.Random) -> ArticleLedger:
    name, gid, lat, lon = PLACES[rng.randrange(len(PLACES))]
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    # distinct texts (random tokens), so the synthetic articles are not near-duplicates of each other
    words = " ".join(f"w{rng.randrange(100000)}" for _ in range(40))
    prefix = f"Synthetic dispatch {i} about "
    text = f"{prefix}{name}: {words}."
    sha = hashlib.sha256(text.encode()).hexdigest()
    article = Article(text=text, sha256=sha, published=day, language="en", outlet=f"outlet{i % 50}")
    place = Place(
        id="p1",
        mention=name,
        spans=[(len(prefix), len(prefix) + len(name))],
        geonameid=gid,
        name=name,
        kind="settlement",
        country="UA",
        lat=lat,
        lon=lon,
        resolved=True,
    )
    claims = []
    for k in range(CLAIMS_PER_ARTICLE):
        sp, typ, side = SPEAKERS[rng.randrange(len(SPEAKERS))]
        claims.append(
            Claim(
                id=f"c{k + 1}",
                sentence=(0, len(text)),
                speaker=Speaker(sp, None, typ, side, sp if typ != "local_source" else None),
                cue=TextSpan("said", None),
                content=TextSpan(text[:60], (0, 60)),
                certainty=rng.choice(("reported", "asserted", "denied", "hedged")),
                about_places=["p1"],
            )
        )
    event = Event(
        id="e1",
        type=rng.choice(("capture", "attack", "strike")),
        actor=Actor("", rng.choice(("RU", "UA"))),
        place="p1",
        date=DateValue(day, "day", day, None),
        claims=[c.id for c in claims],
        denied_by=[c.id for c in claims if c.certainty == "denied"],
        status="claimed_by_one_side",
    )
    return ArticleLedger(article=article, places=[place], claims=claims, events=[event])


def write_report(name: str, title: str, intro: str, table: list[str]) -> None:
    """Rewrite docs/<name> with this run's figures and the machine they were measured on."""
    import datetime
    import os
    import platform
    import subprocess

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE.parent
    ).stdout.strip()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor(),
    )
    text = (
        f"# {title}\n\nMeasured {datetime.date.today().isoformat()} at commit `{commit}` on {cpu}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}.\n\n"
        f"{intro}\n\n" + "\n".join(table) + "\n"
    )
    path = HERE.parent / "docs" / name
    if path.exists():  # another bench's marked section in the same file is kept (bench/save_pg.py)
        old = path.read_text(encoding="utf-8")
        kept = old.find("<!-- bench/")
        if kept >= 0:
            text = text.rstrip() + "\n\n" + old[kept:]
    path.write_text(text, encoding="utf-8")
    print(f"wrote docs/{name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="ledger sizes in claims")
    ap.add_argument("--samples", type=int, default=20, help="real articles timed at each size")
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()

    from generate import generate  # bench/generate.py

    from claimledger.link import save_ledgers
    from claimledger.pipeline import Analyzer
    from claimledger.store import LedgerStore

    url = args.db or "sqlite:///" + str(Path(tempfile.mkdtemp(prefix="claimledger-linkbench-")) / "ledger.sqlite")
    store = LedgerStore(url)
    analyzer = Analyzer.load()
    real = [
        Article(
            text=a["text"],
            sha256=hashlib.sha256(a["text"].encode()).hexdigest(),
            published=a.get("published"),
            language="en",
            url=a.get("url"),
            outlet=a.get("outlet"),
        )
        for a in generate(args.samples * len(args.sizes), seed=7)
    ]
    ledgers = list(analyzer.analyze_many(real))
    rng = random.Random(1)
    stored_claims = 0
    i = 0
    rows = []
    for size in sorted(args.sizes):
        t0 = time.time()
        while stored_claims < size:
            batch = [synthetic_ledger(i + k, rng) for k in range(1000)]
            i += len(batch)
            save_ledgers(store, batch)
            stored_claims += CLAIMS_PER_ARTICLE * len(batch)
        fill = time.time() - t0
        times = []
        for ledger in ledgers[: args.samples]:
            t = time.perf_counter()
            save_ledgers(store, [ledger])
            times.append((time.perf_counter() - t) * 1000)
        ledgers = ledgers[args.samples :]
        rows.append((size, statistics.median(times), max(times), fill))
        print(
            f"ledger of {stored_claims:>9,} claims: link one article median {statistics.median(times):6.1f} ms, "
            f"max {max(times):6.1f} ms  (filled in {fill:.0f} s)",
            flush=True,
        )
    base = rows[0][1]
    lines = [
        "| ledger size (claims) | median ms to save + link one article | max ms | ratio to the smallest |",
        "|---:|---:|---:|---:|",
    ]
    for size, med, mx, _ in rows:
        lines.append(f"| {size:,} | {med:.1f} | {mx:.1f} | {med / base:.2f} |")
    print("\n" + "\n".join(lines))
    write_report(
        "performance-linking.md",
        "Linking cost as the ledger grows (`bench/linking.py`)",
        f"{args.samples} real analysed articles saved one at a time (one transaction each: store, dedupe, link) "
        f"into a ledger filled with synthetic articles ({CLAIMS_PER_ARTICLE} claims each).",
        lines,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
