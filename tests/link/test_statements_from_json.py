"""A ledger analysed elsewhere (the Spark job writes the JSON contract; `claimledger load` rebuilds it) joins
statements exactly as the ledger saved straight after analysis: the contract carries the sentence spans and the
terms, so the sentences an outlet states in its own voice (the laundering step) are carriers in both."""

import hashlib
import json
import sqlite3

from claimledger.export.from_json import ledger_from_dict
from claimledger.link import save_ledgers
from claimledger.model import Article
from claimledger.model.contract import ledger_to_dict
from claimledger.store import LedgerStore
from tests.conftest import FIXTURES

ARTICLES = [json.loads(line) for line in open(FIXTURES / "statements" / "laundering.jsonl")]


def _members(path) -> list[tuple]:
    with sqlite3.connect(path) as c:
        return sorted(
            c.execute(
                "select m.article_id, m.claim_id, m.voice, m.certainty, s.laundered, s.n_origins "
                "from statement_members m join statements s on s.id = m.statement_id"
            ).fetchall()
        )


def test_rebuilt_ledgers_join_the_same_statements(analyzer, tmp_path):
    ledgers = []
    for d in ARTICLES:
        if d.get("language", "en") != "en":
            continue
        text = d["text"]
        article = Article(
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            url=d["url"],
            outlet=d["outlet"],
            published=d["published"],
            language="en",
        )
        ledgers.append(analyzer.analyze(article))
    direct, rebuilt = tmp_path / "direct.sqlite", tmp_path / "rebuilt.sqlite"
    save_ledgers(LedgerStore(f"sqlite:///{direct}"), ledgers)
    wire = [ledger_from_dict(json.loads(json.dumps(ledger_to_dict(x)))) for x in ledgers]
    assert all(w.terms == x.terms and w.sentences == x.sentences for w, x in zip(wire, ledgers))
    save_ledgers(LedgerStore(f"sqlite:///{rebuilt}"), wire)
    members = _members(direct)
    assert any(m[2] == "own" for m in members), "an aggregator states the claim in its own voice"
    assert any(m[4] for m in members), "the chain is laundered"
    assert _members(rebuilt) == members
