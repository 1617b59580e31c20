"""The statements tables (migration 0009) and their SQL on both backends: the candidate index is capped per key
(newest first), and the read side filters and orders."""

import hashlib
import json

from claimledger.link import save_ledgers
from claimledger.model import Article, ArticleLedger
from claimledger.store import LedgerStore
from claimledger.store.statements import PER_KEY, StatementWrites, list_statements, statement_detail


def _article(store, n: int) -> str:
    a = Article(
        text=f"Article number {n}.",
        sha256=hashlib.sha256(str(n).encode()).hexdigest(),
        outlet=f"outlet{n}",
        published=f"2023-02-{n:02d}",
    )
    save_ledgers(store, [ArticleLedger(article=a)])
    return a.id


def _member(aid: str, sid: str, day: str, voice: str = "attributed", certainty: str = "reported") -> dict:
    return dict(
        article_id=aid, claim_id="c1", statement_id=sid, voice=voice, text="residents helped troops",
        language="en", speaker_text="one fighter", speaker_type="combatant", speaker_side="unknown",
        origin_key="speaker:x:one fighter", origin_label="one fighter (x)", via_json=json.dumps(["TASS"]),
        certainty=certainty, score=1.0, published=day, claimed_date=day, outlet="x", outlet_type=None,
        outlet_side=None, duplicate_of=None, signature_json=json.dumps({"language": "en", "lemmas": ["help"]}),
    )  # fmt: skip


def _statement(sid: str, aid: str, laundered: bool) -> dict:
    return dict(
        id=sid, text="residents helped troops", language="en", proposition_id=None, first_seen="2023-02-01",
        origin_key="speaker:x:one fighter", origin_label="one fighter (x)", origin_type="combatant",
        origin_side="unknown", origin_article_id=aid, n_articles=1, n_origins=1, laundered=laundered,
        drift_json=json.dumps([{"published": "2023-02-01", "outlet": "x", "level": "reported"}]),
    )  # fmt: skip


def test_candidates_capped_and_read_back(db_url):
    store = LedgerStore(db_url)
    ids = [_article(store, n) for n in range(1, PER_KEY + 11)]
    with store.transaction() as tx:
        w = StatementWrites(tx.conn)
        w.insert_statement(_statement("st_" + "a" * 16, ids[0], True))
        w.insert_statement(_statement("st_" + "b" * 16, ids[1], False))
        for i, aid in enumerate(ids):
            sid = "st_" + ("a" if i % 2 == 0 else "b") * 16
            w.insert_member(_member(aid, sid, f"2023-02-{i + 1:02d}"), ["k:shared", f"k:{i}"], f"2023-02-{i + 1:02d}")
        cands = w.candidates(["k:shared", "k:3"])
        # the newest PER_KEY members under the shared key, plus the old one that shares its own key
        assert {c["article_id"] for c in cands} == set(ids[-PER_KEY:]) | {ids[3]}
        assert len(w.members_of("st_" + "a" * 16)) == (len(ids) + 1) // 2
    rows, total = list_statements(store, laundered=True)
    assert total == 1 and rows[0].id == "st_" + "a" * 16 and rows[0].laundered
    assert rows[0].origin.article_id == ids[0] and rows[0].origin.outlet == "outlet1"
    st = statement_detail(store, "st_" + "b" * 16)
    assert [m.published for m in st.members] == sorted(m.published for m in st.members)
    assert st.members[0].via == ["TASS"] and st.members[0].level == "reported"
    assert list_statements(store, search="HELPED")[1] == 2 and list_statements(store, search="nothing")[1] == 0
    assert statement_detail(store, "st_" + "c" * 16) is None
