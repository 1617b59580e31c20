"""Status as of a date and the status history, on a ledger of hand-written articles about Toretsk: Russia's
Defence Ministry claims the capture (day 1), Ukraine's General Staff denies it the same day, the ISW corroborates
it (day 10), the General Staff acknowledges it (day 30); a spokesman's undated denial counts only from the day it
was stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.link import views
from claimledger.link.history import known_by, status_as_of, status_history
from claimledger.link.status import origins_from_members, proposition_status

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "as_of"
TORETSK = [  # (file, url, published, title)
    ("toretsk-1-tass.txt", "https://tass.com/defense/toretsk-captured", "2025-02-11", "Russia says Toretsk captured"),
    (
        "toretsk-2-denial.txt",
        "https://www.ukrinform.net/rubric-ato/toretsk-denial",
        "2025-02-11",
        "General Staff denies the fall of Toretsk",
    ),
    ("toretsk-3-isw.txt", "https://www.understandingwar.org/toretsk", "2025-02-20", "ISW: Russian forces hold Toretsk"),
    (
        "toretsk-4-acknowledged.txt",
        "https://kyivindependent.com/toretsk-acknowledged",
        "2025-03-12",
        "Ukraine acknowledges the loss of Toretsk",
    ),
    ("toretsk-5-undated.txt", "https://t.me/frontline_relay/5123", None, "Trehubov: Toretsk still contested"),
]
DAY1, DAY5, DAY12, DAY31 = "2025-02-11", "2025-02-15", "2025-02-22", "2025-03-13"
FUTURE = "2100-01-01"  # after the day any article of the test was stored
EXPECTED = {  # as of -> status of "Russian forces control Toretsk"
    "2025-02-10": None,
    DAY1: "disputed",
    DAY5: "disputed",
    DAY12: "corroborated_by_independent",
    DAY31: "acknowledged_by_opposing_side",
    FUTURE: "acknowledged_by_opposing_side",
}

_LEDGERS: list = []


def toretsk_ledgers(analyzer) -> list:
    """The five articles analysed once per session (with their outlets from the outlet directory)."""
    if not _LEDGERS:
        from claimledger.batch import apply_outlet
        from claimledger.ingest.article import Metadata, article_from_text
        from claimledger.ingest.outlets import OutletDirectory

        outlets = OutletDirectory.load()
        for name, url, published, title in TORETSK:
            article = article_from_text(
                (HERE / name).read_text(encoding="utf-8"),
                Metadata(url=url, published=published, title=title),
                source_path=str(HERE / name),
            )
            apply_outlet(article, outlets)
            _LEDGERS.append(analyzer.analyze(article))
    return _LEDGERS


def toretsk_store(url: str, analyzer):
    from claimledger.link import save_ledgers
    from claimledger.store import LedgerStore

    store = LedgerStore(url)
    save_ledgers(store, toretsk_ledgers(analyzer))
    return store


def control_of_toretsk(store):
    rows = [p for p in store.propositions() if p.kind == "control" and p.side == "RU" and p.place_name == "Toretsk"]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.fixture
def ledger(db_url, analyzer):
    store = toretsk_store(db_url, analyzer)
    return store, control_of_toretsk(store)


def test_history_records_each_change_with_its_claim(ledger):
    store, p = ledger
    detail = views.proposition_detail(store, p.id)
    history = detail["history"]
    assert [(h["date"], h["status"]) for h in history] == [
        (DAY1, "claimed_by_one_side"),
        (DAY1, "disputed"),
        ("2025-02-20", "corroborated_by_independent"),
        ("2025-03-12", "acknowledged_by_opposing_side"),
    ]
    assert [h["previous"] for h in history] == [None, *[h["status"] for h in history[:-1]]]
    claim, denial, isw, ack = history
    assert (claim["outlet"], claim["origin"], claim["stance"]) == ("TASS", "Russian Ministry of Defence", "affirm")
    assert claim["claim_id"] and claim["title"] == "Russia says Toretsk captured"
    assert (denial["origin"], denial["speaker_side"], denial["stance"]) == ("General Staff of Ukraine", "UA", "deny")
    assert (isw["speaker_type"], isw["origin"]) == ("independent", "Institute for the Study of War")
    assert (ack["origin"], ack["stance"], ack["outlet"]) == (
        "General Staff of Ukraine",
        "affirm",
        "The Kyiv Independent",
    )
    assert all(h["date_source"] == "published" for h in history)
    # the last change is the stored status ("as of now")
    assert history[-1]["status"] == p.status == detail["status"]


def test_status_as_of_each_day(ledger):
    store, p = ledger
    for day, expected in EXPECTED.items():
        d = views.proposition_detail(store, p.id, as_of=day)
        assert (d and d["status"]) == (expected if expected else None), (day, d and d["status_reason"])
    d = views.proposition_detail(store, p.id, as_of=DAY5)
    assert (d["n_articles"], d["n_affirm_origins"], d["n_deny_origins"]) == (2, 2, 1)
    assert {o["origin"]: o["stance"] for o in d["origins"]}["General Staff of Ukraine"] == "deny"
    assert [h["status"] for h in d["history"]] == ["claimed_by_one_side", "disputed"]
    assert d["status_rule"].startswith("rule 3")
    d = views.proposition_detail(store, p.id, as_of=DAY31)
    assert {o["origin"]: o["stance"] for o in d["origins"]}["General Staff of Ukraine"] == "affirm"  # latest word


def test_undated_article_counts_from_the_day_it_was_stored(ledger):
    store, p = ledger
    then = views.proposition_detail(store, p.id, as_of=DAY31)
    later = views.proposition_detail(store, p.id, as_of=FUTURE)
    assert "Viktor Trehubov" not in {o["origin"] for o in then["origins"]}
    assert {o["origin"]: o["stance"] for o in later["origins"]}["Viktor Trehubov"] == "deny"
    assert (then["n_deny_origins"], later["n_deny_origins"]) == (0, 1)
    assert later["n_articles"] == then["n_articles"] + 1 == p.n_articles
    undated = [m for m in store.members(p.id) if m.published is None]
    assert undated and all(m.published for m in store.members(p.id, as_of=DAY31))
    assert len(store.members(p.id, as_of=FUTURE)) == len(store.members(p.id))


def test_history_agrees_with_the_status_rules_on_every_day(ledger):
    """The incremental history and a recomputation from the members known by each day (``origins_from_members``
    + ``proposition_status``, the rules the linker applies) agree; as of the far future they give the stored
    status."""
    from claimledger.store.queries import proposition_detail

    store, p = ledger
    members = proposition_detail(store, p.id)["members"]
    history = status_history(members, p.side, p.kind)
    for day in [*EXPECTED, "2025-02-19", "2025-02-20", "2025-03-11", "2025-03-12"]:
        st = status_as_of(members, p.side, p.kind, day)
        known = [h for h in history if h.date <= day]
        assert (st.status if st else None) == (known[-1].status if known else None), day
    full = proposition_status(p.side, origins_from_members(known_by(members, FUTURE)), p.kind)
    assert (full.status, full.n_origins, full.n_deny) == (p.status, p.n_origins, p.n_deny_origins)


def test_lists_timeline_and_map_as_of(ledger):
    store, p = ledger
    for day, expected in EXPECTED.items():
        rows, total = views.list_propositions(store, place_key=p.place_key, as_of=day)
        got = {r["id"]: r["status"] for r in rows}
        assert got.get(p.id) == expected, day
        assert total == len(rows)
        timeline = {r.proposition: r.status for r in views.place_timeline(store, p.place_key, as_of=day)}
        assert timeline.get(p.id) == expected, day
    # the status filter applies to the status as of the day
    rows, total = views.list_propositions(store, status="disputed", as_of=DAY5)
    assert [r["id"] for r in rows] == [p.id] and total == 1
    assert views.list_propositions(store, status="disputed", as_of=DAY31) == ([], 0)
    # the withdrawal acknowledged on day 30 does not exist yet on day 12
    kinds = {r["kind"] for r in views.list_propositions(store, place_key=p.place_key, as_of=DAY12)[0]}
    assert kinds == {"control"}
    places = {m["name"]: m for m in views.map_places(store, as_of=DAY12)}
    assert places["Toretsk"]["latest_control"]["status"] == "corroborated_by_independent"
    assert places["Toretsk"]["n_articles"] == 3
    assert "Toretsk" not in {m["name"] for m in views.map_places(store, as_of="2025-02-10")}
    # entries of the timeline as of day 5 list only the origins known then
    entry = next(r for r in views.place_timeline(store, p.place_key, as_of=DAY5) if r.proposition == p.id)
    assert {o.origin for o in entry.affirmed_by} >= {"Russian Ministry of Defence"}
    assert "Institute for the Study of War" not in {o.origin for o in entry.affirmed_by}
    assert [o.origin for o in entry.denied_by] == ["General Staff of Ukraine"]
