"""The store's as-of reads (SQL only): which propositions existed and which members were known by a day — a
member is known from its article's publication date, or from the day the article was stored when it has none —
and the grouped rows the status rules are computed from."""

from __future__ import annotations

import pytest

from claimledger.store import queries
from tests.link.test_as_of_history import DAY1, DAY5, DAY12, DAY31, FUTURE, control_of_toretsk, toretsk_store


@pytest.fixture
def ledger(db_url, analyzer):
    store = toretsk_store(db_url, analyzer)
    return store, control_of_toretsk(store)


def test_propositions_and_members_known_by_a_day(ledger):
    store, p = ledger
    assert store.propositions(as_of="2025-02-10") == []
    assert [r.id for r in store.propositions(as_of=DAY1)] == [p.id]
    assert {r.kind for r in store.propositions(as_of=DAY31)} == {"control", "withdrawal"}
    assert [r.id for r in store.propositions(as_of=DAY12)] == [p.id]
    # stored values are untouched: the status is the status as of now
    assert store.propositions(as_of=DAY1)[0].status == p.status
    published = {m.published for m in store.members(p.id, as_of=DAY5)}
    assert published == {DAY1}
    assert {m.published for m in store.members(p.id, as_of=DAY12)} == {DAY1, "2025-02-20"}
    everything = store.members(p.id)
    assert None in {m.published for m in everything}  # the undated spokesman's denial
    assert None not in {m.published for m in store.members(p.id, as_of=DAY31)}
    assert len(store.members(p.id, as_of=FUTURE)) == len(everything)


def test_aggregates_and_origin_ends(ledger):
    store, p = ledger
    assert store.member_aggregates([p.id], "2025-02-10") == {}
    agg = store.member_aggregates([p.id], DAY5)[p.id]
    assert (agg["n_articles"], agg["first_claimed"]) == (2, DAY1)
    assert agg["date_min"] == "2025-02-10"
    assert store.member_aggregates([p.id], FUTURE)[p.id]["n_articles"] == p.n_articles
    ends = store.member_ends([p.id], DAY31)
    gs = [e for e in ends if e["origin_label"] == "General Staff of Ukraine"]
    # the General Staff denied on day 1 and acknowledged on day 30: one row per stance, with its claim dates
    assert {(e["stance"], e["first"], e["last"]) for e in gs} == {
        ("deny", DAY1, DAY1),
        ("affirm", "2025-03-12", "2025-03-12"),
    }
    assert "Viktor Trehubov" not in {e["origin_label"] for e in ends}
    assert "Viktor Trehubov" in {e["origin_label"] for e in store.member_ends([p.id], FUTURE)}


def test_queries_as_of(ledger):
    store, p = ledger
    rows, total = queries.list_propositions(store, place_key=p.place_key, as_of=DAY12)
    assert ([r["id"] for r in rows], total) == ([p.id], 1)
    assert queries.list_propositions(store, as_of="2025-02-10") == ([], 0)
    assert queries.list_propositions(store, place_key=p.place_key)[1] == 2
    assert queries.map_places(store, as_of="2025-02-10") == []
    (place,) = [m for m in queries.map_places(store, as_of=DAY5) if m["place_key"] == p.place_key]
    assert (place["n_articles"], place["n_propositions"]) == (2, 1)
    assert place["latest_control"]["proposition"] == p.id
    (now,) = [m for m in queries.map_places(store) if m["place_key"] == p.place_key]
    assert now["n_propositions"] == 2 and now["latest_control"]["kind"] == "withdrawal"
    detail = queries.proposition_detail(store, p.id)
    assert all(m["stored"] and len(m["stored"]) == 10 for m in detail["members"])
