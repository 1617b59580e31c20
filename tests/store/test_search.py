"""The search parser: phrases, OR, prefixes; user text never becomes FTS5 or tsquery syntax; the rendered
FTS5 expressions run on the store's real claims_fts table."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from claimledger.store.search import Term, fts5, parse, tsquery


def test_words_phrases_or_and_prefixes():
    q = parse('liberat* "troops liberated" Bakhmut OR Artemivsk')
    assert q.groups == [[Term(("liberat",), True)], [Term(("troops", "liberated"))], [Term(("bakhmut",)), Term(("artemivsk",))]]  # fmt: skip
    assert fts5(q) == '("liberat" *) AND ("troops liberated") AND ("bakhmut" OR "artemivsk")'
    assert tsquery(q) == "(('liberat':*)) & (('troops' <-> 'liberated')) & (('bakhmut') | ('artemivsk'))"


def test_lowercase_or_is_a_word_and_dangling_or_is_ignored():
    assert parse("or tanks").groups == [[Term(("or",))], [Term(("tanks",))]]
    assert parse("OR tanks OR").groups == [[Term(("tanks",))]]


def test_expand_widens_a_term_and_a_pair_of_words():
    def expand(words):
        return {("siversk",): [("seversk",), ("северск",)], ("velyka", "novosilka"): [("велика", "новосілка")]}.get(
            words, []
        )

    q = parse("Siversk Velyka Novosilka shelling", expand=expand)
    assert fts5(q) == (
        '("siversk" OR "seversk" OR "северск") AND ("velyka novosilka" OR "велика новосілка") AND ("shelling")'
    )


@pytest.mark.parametrize(
    "typed",
    ["NEAR(a b)", 'a" OR "b', "content:x", "^start", "a AND NOT b", "x*y", "' OR 1=1 --", '"', "*", "(((", "a\x00b"],
)
def test_user_text_is_never_syntax(typed):
    q = parse(typed)
    for t in (w for g in q.groups for term in g for w in term.words):
        assert t.isalnum()  # letters and digits only: nothing FTS5 or to_tsquery could read as an operator


def test_rendered_queries_run_on_claims_fts(tmp_path):
    from claimledger.store import LedgerStore

    store = LedgerStore("sqlite:///" + str(tmp_path / "l.sqlite"))
    rows = [
        ("Ukrainian forces liberated Klishchiivka, the General Staff said", "a1"),
        ("Подразделения освободили Северск", "a2"),
        ("Fighting NEAR front lines: 100% of power cut", "a3"),
    ]
    with store.engine.begin() as conn:  # claims rows: the triggers of migration 0010 fill claims_fts
        for content, aid in rows:
            conn.execute(text("INSERT INTO articles (id, sha256, text, analyzed_at, pipeline_version, ledger_json) VALUES (:a, :a, :c, '2025-12-01', 't', '{}')"), {"c": content, "a": aid})  # fmt: skip
            conn.execute(text("INSERT INTO claims (article_id, claim_id, speaker_type, speaker_side, content_text, certainty, claim_json) VALUES (:a, 'c1', 'unknown', 'unknown', :c, 'reported', '{}')"), {"c": content, "a": aid})  # fmt: skip

    def match(typed):
        with store.engine.connect() as conn:
            got = conn.execute(text("SELECT article_id FROM claims WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q)"), {"q": fts5(parse(typed))})  # fmt: skip
            return sorted(r[0] for r in got)

    assert match("liberat*") == ["a1"]
    assert match("СЕВЕРСК") == ["a2"]
    assert match("Klishchiivka OR северск") == ["a1", "a2"]
    assert match('"general staff"') == ["a1"]
    assert match('"staff general"') == []
    assert match("NEAR(front lines)") == ["a3"]  # the words, not the NEAR operator
    assert match("100%") == ["a3"]
