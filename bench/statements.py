"""How the cost of matching one new article's claims to statements grows with the ledger: 10k -> 100k (-> 1M)
statement members.

The ledger is filled with synthetic members (signatures drawn from a Zipf vocabulary of 20,000 lemmas over 500
places, grouped into statements of 1-6 paraphrases; written with bulk inserts, no NLP), then 30 new "articles" of
10 claims each (half paraphrases of stored statements, half new content) are matched exactly as at save time:
index keys -> indexed candidate lookup (at most PER_KEY per key, newest first) -> similarity to each candidate.
The encoder is off (no vectors), as by default.  Ratios are against the 10k figure measured in the same run.

    .venv/bin/python bench/statements.py                      # 10k and 100k members
    .venv/bin/python bench/statements.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sqlalchemy import insert  # noqa: E402

from claimledger.link.statement_match import THRESHOLD, Signature, index_keys, similarity  # noqa: E402
from claimledger.store import LedgerStore, schema  # noqa: E402
from claimledger.store.statements import StatementWrites  # noqa: E402

VOCAB = [f"lemma{i}" for i in range(20_000)]
WEIGHTS = [1 / (i + 1) for i in range(len(VOCAB))]
PLACES = [f"gn:{700000 + i}" for i in range(500)]


def make_sig(rng: random.Random) -> Signature:
    lemmas = set(rng.choices(VOCAB, WEIGHTS, k=9))
    nums = [str(rng.randint(2, 400))] if rng.random() < 0.3 else []
    return Signature(language="en", lemmas=sorted(lemmas), numbers=nums, places=[rng.choice(PLACES)])


def paraphrase(sig: Signature, rng: random.Random) -> Signature:
    lemmas = list(sig.lemmas)
    if len(lemmas) > 4:
        lemmas[rng.randrange(len(lemmas))] = rng.choice(VOCAB[:2000])
    return Signature(language="en", lemmas=sorted(set(lemmas)), numbers=sig.numbers, places=sig.places)


def fill(store: LedgerStore, n: int, rng: random.Random, bases: list[Signature]) -> None:
    A, S, M, K = schema.articles, schema.statements, schema.statement_members, schema.statement_keys
    per_article = 10
    with store.transaction() as tx:
        conn = tx.conn
        i = 0
        while i < n:
            arts, stmts, mems, keys = [], [], [], []
            for _ in range(min(5000, n - i) // per_article or 1):
                aid = f"a_{i // per_article:014x}"
                day = f"20{22 + (i * 3 // n)}-{1 + (i // 7) % 12:02d}-{1 + i % 28:02d}"
                arts.append(
                    dict(id=aid, sha256=f"{i:064x}", text="-", analyzed_at="-", pipeline_version="-",
                         ledger_json="{}", published=day)
                )  # fmt: skip
                for c in range(per_article):
                    if rng.random() < 0.5 or not bases:
                        sig = make_sig(rng)
                        bases.append(sig)
                        sid = f"st_{i:016x}"
                        stmts.append(
                            dict(id=sid, text="-", origin_key="-", origin_label="-", origin_type="anonymous",
                                 origin_side="unknown", origin_article_id=aid, n_articles=1, n_origins=1,
                                 laundered=False, drift_json="[]", first_seen=day)
                        )  # fmt: skip
                        sig.speaker = sid  # remember the statement of a base signature
                    else:
                        base = rng.choice(bases)
                        sig, sid = paraphrase(base, rng), base.speaker
                    mems.append(
                        dict(article_id=aid, claim_id=f"c{c}", statement_id=sid, voice="attributed", text="-",
                             speaker_type="anonymous", speaker_side="unknown", origin_key="-", origin_label="-",
                             via_json="[]", certainty="reported", score=1.0, published=day,
                             signature_json=Signature(language="en", lemmas=sig.lemmas, numbers=sig.numbers,
                                                      places=sig.places).to_json())
                    )  # fmt: skip
                    keys += [
                        dict(key=k, article_id=aid, claim_id=f"c{c}", statement_id=sid, seen=day)
                        for k in set(index_keys(Signature(language="en", lemmas=sig.lemmas, numbers=sig.numbers,
                                                          places=sig.places)))
                    ]  # fmt: skip
                    i += 1
            conn.execute(insert(A), arts)
            if stmts:
                conn.execute(insert(S), stmts)
            conn.execute(insert(M), mems)
            conn.execute(insert(K), keys)


def match_article(w: StatementWrites, sigs: list[Signature]) -> tuple[int, int]:
    compared = joined = 0
    for sig in sigs:
        best = 0.0
        for cand in w.candidates(index_keys(sig)):
            compared += 1
            best = max(best, similarity(sig, Signature.from_json(cand["signature_json"])))
        joined += best >= THRESHOLD
    return compared, joined


def run(n: int, rng: random.Random, workdir: Path) -> dict:
    store = LedgerStore("sqlite:///" + str(workdir / f"statements_{n}.sqlite"))
    bases: list[Signature] = []
    t0 = time.perf_counter()
    fill(store, n, rng, bases)
    fill_s = time.perf_counter() - t0
    times, compared, joined, paraphrased = [], [], 0, 0
    with store.transaction() as tx:
        w = StatementWrites(tx.conn)
        for _ in range(30):
            sigs = []
            for _ in range(10):
                if rng.random() < 0.5:
                    base = rng.choice(bases)
                    sigs.append(Signature(language="en", lemmas=paraphrase(base, rng).lemmas,
                                          numbers=base.numbers, places=base.places))  # fmt: skip
                    paraphrased += 1
                else:
                    sigs.append(make_sig(rng))
            t = time.perf_counter()
            c, j = match_article(w, sigs)
            times.append(time.perf_counter() - t)
            compared.append(c)
            joined += j
    return dict(
        members=n, fill_s=round(fill_s, 1), ms_per_article_median=round(statistics.median(times) * 1000, 2),
        ms_per_article_p90=round(sorted(times)[int(0.9 * len(times))] * 1000, 2),
        candidates_per_article=round(statistics.mean(compared), 1), joined=joined, paraphrases=paraphrased,
    )  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for n in args.sizes:
            rows.append(run(n, random.Random(args.seed), Path(d)))
            base = rows[0]["ms_per_article_median"]
            rows[-1]["ratio_vs_first"] = round(rows[-1]["ms_per_article_median"] / base, 2)
            print(json.dumps(rows[-1]), flush=True)


if __name__ == "__main__":
    main()
