"""Corrections with an audit trail (``claimledger.link.review``) on the Toretsk ledger of hand-written articles:
TASS relays the Russian Defence Ministry's claim of capture, the General Staff denies it, the ISW corroborates it,
the General Staff later acknowledges it.  Each correction type changes what it should (members, origins, the
status by the rules of ``link.status``), is an audit entry, is reversible by a new entry, and survives
re-ingesting and re-linking the articles."""

from __future__ import annotations

import pytest

from claimledger.errors import InputError
from claimledger.link import review, save_ledgers
from claimledger.store import review as sql
from tests.link.test_as_of_history import control_of_toretsk, toretsk_ledgers, toretsk_store


@pytest.fixture
def store(tmp_path, analyzer):
    s = toretsk_store("sqlite:///" + str(tmp_path / "ledger.sqlite"), analyzer)
    sql.add_user(s, "olena")
    return s


def member(store, pid, speaker_part, stance=None):
    for m in store.members(pid):
        if speaker_part.lower() in (m.speaker_text or "").lower() and (stance is None or m.stance == stance):
            return m
    raise AssertionError(f"no member {speaker_part!r}: {[m.speaker_text for m in store.members(pid)]}")


def acknowledgement(store):
    p = control_of_toretsk(store)
    return p, member(store, p.id, "General Staff", "affirm")


def test_stance_correction_recomputes_the_status_and_reverts(store):
    p, ack = acknowledgement(store)
    assert p.status == "acknowledged_by_opposing_side"
    with pytest.raises(InputError, match="say which"):  # the claim bears on two propositions
        review.correct_claim(store, "olena", ack.article_id, ack.claim_id, "stance", "deny", "r")
    e = review.correct_claim(store, "olena", ack.article_id, ack.claim_id, "stance", "deny", "read as a denial", p.id)
    assert (e["user_name"], e["action"], e["field"], e["before"], e["after"]) == (
        "olena",
        "correct",
        "stance",
        "affirm",
        "deny",
    )
    assert e["scope"] == p.id and e["reason"] == "read as a denial" and e["at"]
    after = control_of_toretsk(store)
    assert after.status == "corroborated_by_independent"  # the ISW still affirms it
    assert all(m.stance == "deny" for m in store.members(p.id) if m.article_id == ack.article_id)
    r = review.revert(store, "olena", e["id"], "it is an acknowledgement after all")
    assert r["action"] == "revert" and r["reverts"] == e["id"] and r["before"] == "deny" and r["after"] == "affirm"
    assert control_of_toretsk(store).status == "acknowledged_by_opposing_side"
    log = {x["id"]: x for x in review.audit_log(store)}
    assert log[e["id"]]["reverted_by"] == r["id"] and not log[e["id"]]["in_effect"]
    with pytest.raises(InputError, match="not in effect"):
        review.revert(store, "olena", e["id"], "twice")


def test_speaker_side_type_and_certainty(store):
    p, ack = acknowledgement(store)
    denial = member(store, p.id, "General Staff", "deny")
    review.correct_claim(store, "olena", ack.article_id, ack.claim_id, "speaker_side", "RU", "misattributed")
    # an origin is described by its earliest word: the denial's side still makes it Ukrainian
    assert control_of_toretsk(store).status == "acknowledged_by_opposing_side"
    review.correct_claim(store, "olena", denial.article_id, denial.claim_id, "speaker_side", "RU", "misattributed")
    assert control_of_toretsk(store).status == "corroborated_by_independent"  # no longer the opposing side
    isw = member(store, p.id, "Institute")
    review.correct_claim(store, "olena", isw.article_id, isw.claim_id, "speaker_type", "journalist", "a blog")
    now = control_of_toretsk(store)
    assert now.status == "disputed"  # RU affirms, the General Staff's first word denies: no independent source
    e = review.correct_claim(store, "olena", isw.article_id, isw.claim_id, "certainty", "hedged", "says likely")
    assert member(store, p.id, "Institute").certainty == "hedged"
    with sql.review_transaction(store) as tx:
        assert tx.claim_row(isw.article_id, isw.claim_id)["certainty"] == "hedged"
    # a second correction of the same field replaces the first; reverting it restores the first
    e2 = review.correct_claim(store, "olena", isw.article_id, isw.claim_id, "certainty", "unverified", "no source")
    assert e2["replaces"] == e["id"]
    review.revert(store, "olena", e2["id"], "back to hedged")
    assert member(store, p.id, "Institute").certainty == "hedged"


def test_place_and_date_move_the_claim(store):
    p = control_of_toretsk(store)
    tass = member(store, p.id, "Ministry")
    other = [x for x in store.proposition_places() if x["place_key"] != p.place_key]
    with sql.review_transaction(store) as tx:
        place = tx.conn.exec_driver_sql(
            "SELECT geonameid FROM places WHERE geonameid IS NOT NULL AND geonameid != ? LIMIT 1",
            (int(p.place_key[3:]),),
        ).scalar()
    assert place is not None or other
    key = f"gn:{place}"
    e = review.correct_claim(store, "olena", tass.article_id, tass.claim_id, "place", key, "it was about another town")
    assert e["before"]["place_key"] == p.place_key and e["after"]["place_key"] == key
    moved = [q for q in store.propositions() if q.place_key == key and q.kind == p.kind]
    assert moved and any(m.claim_id == tass.claim_id for m in store.members(moved[0].id))
    assert not any(m.article_id == tass.article_id and m.claim_id == tass.claim_id for m in store.members(p.id))
    review.revert(store, "olena", e["id"], "no, Toretsk")
    assert any(m.article_id == tass.article_id for m in store.members(control_of_toretsk(store).id))
    d = review.correct_claim(store, "olena", tass.article_id, tass.claim_id, "date", "2025-09-01", "wrong year")
    assert d["after"] == "2025-09-01"
    later = [q for q in store.propositions() if q.place_key == p.place_key and q.date_min == "2025-09-01"]
    assert later and later[0].id != p.id
    with pytest.raises(InputError, match="real date"):
        review.correct_claim(store, "olena", tass.article_id, tass.claim_id, "date", "2025-02-30", "x")


def test_split_then_merge_and_revert(store):
    p = control_of_toretsk(store)
    isw = member(store, p.id, "Institute")
    s = review.split(store, "olena", p.id, [isw.article_id], "the ISW assessed another day")
    new = s["scope"]
    assert {m.article_id for m in store.members(new)} == {isw.article_id}
    assert store.propositions(place_keys=[p.place_key])
    assert control_of_toretsk_any(store, p.id).status == "acknowledged_by_opposing_side"
    assert control_of_toretsk_any(store, new).status == "corroborated_by_independent"
    m = review.merge(store, "olena", p.id, new, "same event after all")
    assert m["action"] == "merge" and m["proposition_id"] == p.id
    assert not store.members(new) and isw.article_id in {x.article_id for x in store.members(p.id)}
    review.revert(store, "olena", m["id"], "keep them apart")
    assert {x.article_id for x in store.members(new)} == {isw.article_id}
    review.revert(store, "olena", s["id"], "one proposition")
    assert not store.members(new) and control_of_toretsk(store).n_articles == p.n_articles
    other = [q for q in store.propositions() if q.kind != p.kind]
    if other:
        with pytest.raises(InputError, match="differ"):
            review.merge(store, "olena", p.id, other[0].id, "x")


def control_of_toretsk_any(store, pid):
    return next(q for q in store.propositions() if q.id == pid)


def test_group_origins_counts_one_origin(store):
    p = control_of_toretsk(store)
    mod = member(store, p.id, "Ministry")
    before = p.n_origins
    g = review.group_origins(
        store,
        "olena",
        "Russian MoD and its relays",
        "the correspondents repeat the ministry",
        articles=[mod.article_id],
        origins=[mod.origin_key],
    )
    assert g["target_id"] == "group:russian-mod-and-its-relays"
    after = control_of_toretsk(store)
    assert after.n_origins < before
    assert any(m.origin_key == g["target_id"] for m in store.members(p.id))
    assert g["id"] in {e["id"] for e in review.proposition_audit(store, p.id)}
    assert g["id"] in {e["id"] for e in review.article_audit(store, mod.article_id)}
    review.revert(store, "olena", g["id"], "separate origins")
    assert control_of_toretsk(store).n_origins == before


def test_corrections_survive_reingest_and_relinking(tmp_path, analyzer):
    ledgers = toretsk_ledgers(analyzer)
    from claimledger.store import LedgerStore

    store = LedgerStore("sqlite:///" + str(tmp_path / "l.sqlite"))
    save_ledgers(store, ledgers[:3])  # the capture claim, the denial, the ISW
    sql.add_user(store, "olena")
    p = control_of_toretsk(store)
    isw = member(store, p.id, "Institute")
    review.correct_claim(store, "olena", isw.article_id, isw.claim_id, "speaker_type", "journalist", "a blog")
    assert control_of_toretsk(store).status == "disputed"
    save_ledgers(store, ledgers)  # re-ingest all five: three already stored, two new
    assert control_of_toretsk(store).status == "acknowledged_by_opposing_side"
    assert member(store, p.id, "Institute").speaker_type == "journalist"
    # re-linking every article from its stored ledger (what a re-analysis does) re-applies the correction
    ids = sorted({m.article_id for q in store.propositions() for m in store.members(q.id)})
    review.relink(store, ids)
    assert member(store, control_of_toretsk(store).id, "Institute").speaker_type == "journalist"
    assert review.audit_log(store)[0]["in_effect"]


def test_export_includes_the_audit(store):
    import io
    import json

    from claimledger.export.formats import export_audit, export_jsonl

    p, ack = acknowledgement(store)
    e = review.correct_claim(store, "olena", ack.article_id, ack.claim_id, "certainty", "hedged", "hedged wording")
    out = io.StringIO()
    n = export_jsonl(store, out)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len([x for x in lines if "article" in x])
    audit = [x["audit"] for x in lines if "audit" in x]
    assert audit == [json.loads(x) for x in _lines(export_audit, store)]
    assert audit[0]["id"] == e["id"] and audit[0]["user_name"] == "olena" and audit[0]["in_effect"]
    assert audit[0]["reason"] == "hedged wording" and audit[0]["before"] == ack.certainty


def _lines(fn, store):
    import io

    out = io.StringIO()
    fn(store, out)
    return out.getvalue().splitlines()


def test_bad_corrections_are_refused(store):
    p, ack = acknowledgement(store)
    cases = [
        (("nobody", ack.article_id, ack.claim_id, "certainty", "hedged", "r"), "no such user"),
        (("olena", ack.article_id, ack.claim_id, "certainty", "hedged", "  "), "reason"),
        (("olena", ack.article_id, ack.claim_id, "certainty", "sure", "r"), "one of"),
        (("olena", ack.article_id, ack.claim_id, "stance", "affirm", "r", p.id), "already"),
        (("olena", ack.article_id, "c999", "certainty", "hedged", "r"), "no claim"),
        (("olena", ack.article_id, ack.claim_id, "colour", "red", "r"), "cannot correct"),
        (("olena", ack.article_id, ack.claim_id, "place", "gn:1", "r"), "knows no place"),
    ]
    for args, message in cases:
        with pytest.raises(InputError, match=message):
            review.correct_claim(store, *args)
    assert review.audit_log(store) == []  # nothing half-written
    with pytest.raises(InputError, match="no audit entry"):
        review.revert(store, "olena", 99, "r")


def test_new_articles_follow_the_corrections_in_effect(tmp_path, analyzer):
    """An origin group made before more of its origins' claims arrive takes them in once they are saved
    (``after_save``, the hook for ``save_ledgers``' transaction)."""
    from claimledger.store import LedgerStore

    ledgers = toretsk_ledgers(analyzer)
    store = LedgerStore("sqlite:///" + str(tmp_path / "l.sqlite"))
    save_ledgers(store, ledgers[:2])  # the capture claim and the General Staff's denial
    sql.add_user(store, "olena")
    gs = member(store, control_of_toretsk(store).id, "General Staff")
    origins = [gs.origin_key, "actor:viktor trehubov"]
    g = review.group_origins(store, "olena", "Ukrainian command", "one chain of command", origins=origins)
    save_ledgers(store, ledgers[2:])  # the ISW, the acknowledgement, Trehubov: save_ledgers calls after_save
    pid = control_of_toretsk(store).id
    keys = {m.origin_key for m in store.members(pid)}
    assert g["target_id"] in keys and not keys & set(origins)
