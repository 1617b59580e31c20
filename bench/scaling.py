"""``make bench``: does analyze cost grow linearly with the article's length?  (issue 14, "linear cost")

One long article per size (10,000, 100,000 and 1,000,000 characters; 1,000,000 is ``limits.MAX_CHARS``), built by
concatenating the varied war-report articles of ``bench/generate.py`` (headline + paragraphs), is analysed by
``Analyzer.analyze`` (every stage, the spaCy parse included).  Each size runs in a fresh process, so its peak RSS
(``ru_maxrss``) is its own.  Printed and written to ``docs/performance-scaling.md``: seconds per 1,000 characters,
for the whole analysis and for the stages after the parse, each with its ratio to the 10,000-character figure of
the same run, and peak RSS.  The target: the 1,000,000-character row within 1.5x of the 10,000-character cost.
Nothing here is a test: it asserts nothing about time.

    .venv/bin/python bench/scaling.py                       # 10k, 100k, 1M (about 3 minutes)
    .venv/bin/python bench/scaling.py --sizes 10000,300000  # other sizes; --no-write leaves the doc alone
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOC = ROOT / "docs" / "performance-scaling.md"
TARGET = 1.5


def build_text(n_chars: int, seed: int = 11) -> str:
    """``n_chars`` characters of war reporting: generated articles (title, blank line, paragraphs) one after another."""
    sys.path.insert(0, str(HERE))
    from generate import generate_article

    parts, total, i = [], 0, 0
    while total < n_chars:
        a = generate_article(seed, i)
        part = a["title"] + "\n\n" + a["text"]
        parts.append(part)
        total += len(part) + 1
        i += 1
    text = "\n".join(parts)[:n_chars]
    cut = text.rfind(".") + 1  # end on a full sentence, padded back to the exact size with spaces
    return text[:cut].ljust(n_chars) if cut else text


def measure(n_chars: int, min_seconds: float) -> dict:
    """In this process: analyse an article of ``n_chars`` characters (repeated until ``min_seconds``)."""
    from claimledger.model import Article
    from claimledger.pipeline import Analyzer
    from claimledger.pipeline.stages import parse_long

    analyzer = Analyzer.load()
    text = build_text(n_chars)
    warm = build_text(3000, seed=12)
    analyzer.analyze(Article(text=warm, sha256="0" * 64, published="2025-11-27", language="en"))
    nlp = analyzer.nlp
    total = parse = 0.0
    runs = 0
    while runs == 0 or total < min_seconds:
        article = Article(text=text, sha256="0" * 64, published="2025-11-27", language="en")
        t0 = time.perf_counter()
        doc = parse_long(nlp, text)  # as the parse stage does it
        t1 = time.perf_counter()
        ledger = analyzer.analyze(article, doc)
        t2 = time.perf_counter()
        parse += t1 - t0
        total += t2 - t0
        runs += 1
    return {
        "chars": len(text),
        "runs": runs,
        "total_s": total / runs,
        "parse_s": parse / runs,
        "claims": len(ledger.claims),
        "events": len(ledger.events),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_size(n_chars: int, min_seconds: float) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(n_chars), "--min-seconds", str(min_seconds)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise SystemExit(f"size {n_chars}: {out.stderr.strip().splitlines()[-1] if out.stderr.strip() else 'failed'}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(rows: list[dict]) -> str:
    base = rows[0]
    base_total = base["total_s"] / base["chars"] * 1000
    base_after = (base["total_s"] - base["parse_s"]) / base["chars"] * 1000
    lines = [
        "| characters | runs | analyze s per 1k chars | ratio to first | after the parse, s per 1k chars | ratio |"
        " claims | events | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        per = r["total_s"] / r["chars"] * 1000
        after = (r["total_s"] - r["parse_s"]) / r["chars"] * 1000
        lines.append(
            f"| {r['chars']:,} | {r['runs']} | {per:.4f} | {per / base_total:.2f} | {after:.4f} | "
            f"{after / base_after:.2f} | {r['claims']:,} | {r['events']:,} | {r['rss_mb']:,.0f} |"
        )
    last = rows[-1]
    ratio = (last["total_s"] / last["chars"]) / (base["total_s"] / base["chars"])
    verdict = "met" if ratio <= TARGET else "NOT met"
    lines.append("")
    lines.append(
        f"Target (the {last['chars']:,}-character row within {TARGET}x of the {base['chars']:,}-character cost per "
        f"character): **{verdict}** ({ratio:.2f}x)."
    )
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated sizes in characters")
    ap.add_argument("--min-seconds", type=float, default=10.0, help="repeat a size until it took this long")
    ap.add_argument("--no-write", action="store_true", help="print only, leave docs/performance-scaling.md alone")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.min_seconds)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        rows.append(run_size(n, args.min_seconds))
        print(f"{n:>9,} chars: {rows[-1]['total_s']:.2f} s, peak RSS {rows[-1]['rss_mb']:,.0f} MB", flush=True)
    table = report(rows)
    print(table)
    if not args.no_write:
        DOC.write_text(
            "# Analyze cost against article length\n\n"
            "Written by `bench/scaling.py` (`make bench`); do not edit by hand.  One article per size, made of the "
            "generated war reports of `bench/generate.py` one after another; `Analyzer.analyze` with every stage, "
            "the spaCy parse included (the columns after the parse leave it out); each size in its own process (peak "
            "RSS is that process's high-water mark: model, gazetteer and the article's parse).  Ratios are against "
            "the first row of the same run.\n\n"
            f"{table}\n\n"
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python {platform.python_version()}; "
            f"{dt.date.today().isoformat()}.\n",
            encoding="utf-8",
        )
        print(f"written {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
