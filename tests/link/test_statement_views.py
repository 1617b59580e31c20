"""Statements filtered by place (any spelling or script), by speaker, and as they stood on a day — on both
backends.  The ledger: a platoon commander's remark in a ministry video about Siversk, relayed by a newspaper,
then stated as fact by an aggregator; and a ministry claim about shelling in Horlivka, later contradicted."""

import hashlib
import json

import pytest

from claimledger.link import save_ledgers
from claimledger.link.statement_views import list_statements, statement_detail, statement_place_keys
from claimledger.link.statements import summarise
from claimledger.model import Article, ArticleLedger
from claimledger.store import LedgerStore

SIVERSK, HORLIVKA = "gn:694403", "gn:707753"
SUPPORT, SHELLING = "st_" + "5" * 16, "st_" + "6" * 16


def _article(store, url: str, outlet: str, day: str | None) -> str:
    text = f"{outlet} report of {day}: {url}"
    a = Article(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), url=url, outlet=outlet, published=day)
    save_ledgers(store, [ArticleLedger(article=a)])
    return a.id


def _member(aid, sid, day, text, speaker, origin_key, certainty, voice="attributed", via=(), place=SIVERSK, lang="en"):
    outlet = {"2023-01-10": "mil.ru", "2023-01-12": "rg.ru", "2023-01-13": "news-front.su"}.get(day, "wire")
    return dict(
        article_id=aid, claim_id="c1" if voice == "attributed" else "s2", statement_id=sid, voice=voice, text=text,
        language=lang, speaker_text=speaker, speaker_type="combatant" if voice == "attributed" else "journalist",
        speaker_side="RU", origin_key=origin_key, origin_label=speaker, via_json=json.dumps(list(via)),
        certainty=certainty, score=0.9, published=day, claimed_date=day, outlet=outlet,
        outlet_type=None, outlet_side=None, duplicate_of=None,
        signature_json=json.dumps({"language": lang, "lemmas": ["resident", "support"], "places": [place]}),
    )  # fmt: skip


@pytest.fixture
def store(db_url):
    return build_statement_ledger(db_url)


def build_statement_ledger(db_url: str) -> LedgerStore:
    store = LedgerStore(db_url)
    mil = _article(store, "https://mil.ru/news/siversk-video", "mil.ru", "2023-01-10")
    rg = _article(store, "https://rg.ru/2023/01/12/siversk.html", "rg.ru", "2023-01-12")
    nf = _article(store, "https://news-front.su/2023/01/13/siversk", "news-front.su", "2023-01-13")
    tass = _article(store, "https://tass.ru/armiya/horlivka", "tass.ru", "2023-02-01")
    ukr = _article(store, "https://www.ukrinform.ua/horlivka", "ukrinform.ua", "2023-02-03")
    support = [
        _member(mil, SUPPORT, "2023-01-10", "local residents in Siversk gave Russian troops critical support",
                "Alexei Voronov", "speaker:mil.ru:alexei voronov", "reported"),
        _member(rg, SUPPORT, "2023-01-12", "local residents in Siversk had given Russian troops critical support",
                "One fighter", "speaker:rg.ru:one fighter", "reported", via=["the Defence Ministry"]),
        _member(nf, SUPPORT, "2023-01-13", "Local residents in Siversk gave Russian troops unwavering support",
                "news-front.su", "outlet:news-front.su", "asserted", voice="own"),
    ]  # fmt: skip
    shelling = [
        _member(tass, SHELLING, "2023-02-01", "ВСУ обстреляли центр Горловки", "Минобороны России",
                "actor:минобороны россии", "asserted", place=HORLIVKA, lang="ru"),
        _member(ukr, SHELLING, "2023-02-03", "Ukrainian forces shelled the centre of Horlivka",
                "the General Staff", "actor:general staff of ukraine", "hedged", place=HORLIVKA),
    ]  # fmt: skip
    with store.transaction() as tx:
        w = tx.statements()
        for sid, rows in ((SUPPORT, support), (SHELLING, shelling)):
            w.insert_statement(dict(id=sid, proposition_id=None, **summarise(rows)))
            for r in rows:
                w.insert_member(r, [], r["published"])
    return store


def test_place_filter_in_any_script(store):
    for name in ("Siversk", "Сіверськ", "Северск", "gn:694403", "694403"):
        keys = statement_place_keys(store, name)
        assert SIVERSK in keys, name
        rows, total = list_statements(store, place_keys=keys)
        assert [r.id for r in rows] == [SUPPORT] and total == 1, name
    rows, _ = list_statements(store, place_keys=statement_place_keys(store, "Горловка"))
    assert [r.id for r in rows] == [SHELLING]
    assert list_statements(store, place_keys=[]) == ([], 0)


def test_speaker_filter_matches_any_member_and_case(store):
    assert [r.id for r in list_statements(store, speaker="voronov")[0]] == [SUPPORT]
    assert [r.id for r in list_statements(store, speaker="ONE FIGHTER")[0]] == [SUPPORT]
    # Cyrillic: SQLite folds ASCII only; the usual capitalisations are tried
    assert [r.id for r in list_statements(store, speaker="минобороны")[0]] == [SHELLING]
    assert [r.id for r in list_statements(store, speaker="general staff")[0]] == [SHELLING]
    assert list_statements(store, speaker="Zelensky")[1] == 0
    assert list_statements(store, speaker="100%_")[1] == 0  # LIKE wildcards are literal


def test_as_of_recomputes_from_the_members_known_by_then(store):
    now = statement_detail(store, SUPPORT)
    assert now.laundered and now.n_articles == 3 and len(now.members) == 3
    before = statement_detail(store, SUPPORT, "2023-01-12")
    assert [m.outlet for m in before.members] == ["mil.ru", "rg.ru"]
    assert not before.laundered and before.n_articles == 2 and [d.level for d in before.drift] == ["reported"] * 2
    assert (
        before.origin.speaker == "Alexei Voronov" and before.origin.article_url == "https://mil.ru/news/siversk-video"
    )
    assert before.first_seen == "2023-01-10" and before.origin.published == "2023-01-10"
    assert statement_detail(store, SUPPORT, "2023-01-09") is None
    # the list: only statements that existed, the laundered filter on the flag as of the day
    rows, total = list_statements(store, as_of="2023-01-12", members=True)
    assert total == 1 and rows[0].id == SUPPORT and len(rows[0].members) == 2
    assert list_statements(store, as_of="2023-01-12", laundered=True) == ([], 0)
    rows, total = list_statements(store, as_of="2023-01-13", laundered=True)
    assert [r.id for r in rows] == [SUPPORT] and total == 1 and rows[0].members == []
    assert list_statements(store, as_of="2023-02-02")[1] == 2
    # place and speaker hold for the members known by then
    assert list_statements(store, as_of="2023-02-02", speaker="general staff")[1] == 0
    assert list_statements(store, as_of="2023-02-03", speaker="general staff")[1] == 1
    shelling = statement_detail(store, SHELLING, "2023-02-02")
    assert shelling.n_articles == 1 and shelling.origin.speaker == "Минобороны России"
