"""ledger_from_dict is the exact inverse of ledger_to_dict, on analysed articles (no Spark needed)."""

import json

import pytest

from claimledger.export.from_json import ledger_from_dict
from claimledger.export.json_contract import ledger_to_dict, validate
from claimledger.ingest.article import Metadata, article_from_text
from tests.conftest import FIXTURES
from tests.spark.corpus import ROOT

ARTICLES = sorted(FIXTURES.rglob("*.txt")) + [ROOT / "examples" / "kupiansk-report.txt"]


@pytest.fixture(scope="module")
def ledgers(analyzer):
    out = []
    for path in ARTICLES:
        article = article_from_text(
            path.read_text(encoding="utf-8"),
            Metadata(published="2025-01-06", url="https://tass.com/x", outlet="TASS", title=path.stem),
            source_path=str(path),
        )
        article.language, article.outlet_type, article.outlet_side = "en", "state-controlled", "RU"
        out.append(analyzer.analyze(article))
    return out


@pytest.fixture(scope="module")
def docs(ledgers):
    return [ledger_to_dict(ledger) for ledger in ledgers]


def test_round_trip_on_analysed_articles(docs):
    assert any(d["framing"]["narratives"] for d in docs) and any(d["events"] for d in docs)
    for doc in docs:
        wire = json.loads(json.dumps(doc))  # as read back from storage: lists, not tuples
        again = ledger_to_dict(ledger_from_dict(wire))
        assert again == doc
        validate(again)


def test_round_trip_without_text(docs):
    doc = docs[0]
    text = doc["article"]["text"]
    bare = json.loads(json.dumps({**doc, "article": {k: v for k, v in doc["article"].items() if k != "text"}}))
    ledger = ledger_from_dict(bare, text=text, source_path="somewhere.jsonl:3")
    assert ledger.article.text == text and ledger.article.source_path == "somewhere.jsonl:3"
    assert ledger_to_dict(ledger) == doc
    assert ledger_to_dict(ledger, include_text=False) == bare


def test_rebuilt_ledger_links_like_the_original(ledgers):
    """What the store derives from a ledger (its assertions) is the same for the rebuilt one."""
    from claimledger.link.assertions import assertions_from_ledger

    assert any(assertions_from_ledger(ledger) for ledger in ledgers)
    for ledger in ledgers:
        rebuilt = ledger_from_dict(json.loads(json.dumps(ledger_to_dict(ledger))))
        assert assertions_from_ledger(rebuilt) == assertions_from_ledger(ledger)


def test_mismatched_id_is_refused(docs):
    bad = json.loads(json.dumps(docs[0]))
    bad["article"]["id"] = "a_0000000000000000"
    with pytest.raises(ValueError, match="does not match"):
        ledger_from_dict(bad)
