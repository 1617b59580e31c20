"""Ingest throughput on a large generated corpus (default 5,000 articles), as a ratio to raw spaCy on the same
texts in the same run, both on 2 processes (spaCy ``n_process=2`` vs ``claimledger ingest --jobs 2``).

    .venv/bin/python bench/ingest_scale.py [--n 5000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    from generate import generate
    from linking import write_report

    from claimledger.batch import run_ingest
    from claimledger.lang.en import load_model as load_english
    from claimledger.pipeline import Analyzer
    from claimledger.store import LedgerStore

    tmp = Path(tempfile.mkdtemp(prefix="claimledger-ingestbench-"))
    corpus = tmp / "corpus.jsonl"
    with open(corpus, "w") as fh:
        for a in generate(args.n, seed=11):
            fh.write(json.dumps(a) + "\n")
    texts = [json.loads(line)["text"] for line in open(corpus)]
    words = sum(len(t.split()) for t in texts)
    nlp = load_english()
    t = time.time()
    for _ in nlp.pipe(texts, batch_size=16, n_process=args.jobs):
        pass
    raw = words / (time.time() - t)
    print(f"raw spaCy, {args.jobs} processes: {raw:,.0f} words/s", flush=True)
    store = LedgerStore("sqlite:///" + str(tmp / "ledger.sqlite"))
    analyzer = Analyzer.load()
    summary = run_ingest([str(corpus)], store, jobs=args.jobs, batch_size=32, analyzer=analyzer)
    ours = summary.words / summary.seconds
    print(
        f"ingest --jobs {args.jobs}: {summary.rate:.1f} articles/s, {ours:,.0f} words/s, x{ours / raw:.2f} of raw spaCy; "
        f"{summary.new} new, {summary.duplicate} duplicates, {len(summary.failed)} failed",
        flush=True,
    )
    write_report(
        "performance-ingest.md",
        "Ingest throughput on a large corpus (`bench/ingest_scale.py`)",
        f"{args.n:,} generated articles ({words:,} words), {args.jobs} processes for both measures, same texts, same run. "
        "Ingest = read JSON Lines, outlet lookup, language ID, analyse, save and link into SQLite.",
        [
            "| measure | articles/s | words/s | ratio to raw spaCy |",
            "|---|---:|---:|---:|",
            f"| raw spaCy `nlp.pipe(n_process={args.jobs})` | {len(texts) / (words / raw):.1f} | {raw:,.0f} | 1.00 |",
            f"| `claimledger ingest --jobs {args.jobs}` | {summary.rate:.1f} | {ours:,.0f} | {ours / raw:.2f} |",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
