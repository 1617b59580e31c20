"""Stances across articles: members with stance ``none`` are recorded but never counted; a claim that only
carries another claim is no origin; an event nobody affirms or denies asserts nothing."""

from claimledger.link.assertions import assertions_from_ledger
from claimledger.link.status import Origin, origins_from_members, proposition_status
from claimledger.model import Actor, Article, ArticleLedger, Claim, Event, Place, Speaker, TextSpan
from claimledger.model.article import EventStance

TEXT = "TASS reported that the Defence Ministry said its forces had liberated Kurakhove. Kyiv declined to comment."


def claim(cid, who, side, cue, content, canonical=None):
    return Claim(
        id=cid,
        sentence=(0, len(TEXT)),
        speaker=Speaker(who, None, "official_party", side, canonical),
        cue=TextSpan(cue[0], cue[1]),
        content=TextSpan(content[0], content[1]),
    )


def ledger(stances):
    art = Article(text=TEXT, sha256="a" * 64, outlet="Example", published="2025-01-06")
    place = Place("p1", "Kurakhove", [(71, 80)], geonameid=695357, name="Kurakhove", kind="settlement", resolved=True)
    claims = [
        claim("c1", "TASS", "RU", ("reported", (5, 13)), ("the Defence Ministry ... Kurakhove", (19, 80))),
        claim("c2", "the Defence Ministry", "RU", ("said", (40, 44)), ("its forces ...", (45, 80)), "Russian MoD"),
        claim("c3", "Kyiv", "UA", ("declined to comment", (87, 106)), ("", None)),
    ]
    ev = Event("e1", "capture", Actor("", "RU"), "p1", None, claims=[s.claim for s in stances if s.claim])
    ev.stances = stances
    return ArticleLedger(article=art, places=[place], claims=claims, events=[ev])


def test_carrier_is_not_an_origin_and_none_is_recorded():
    out = assertions_from_ledger(
        ledger([EventStance("c1", "affirm"), EventStance("c2", "affirm"), EventStance("c3", "none")])
    )
    assert [(a.claim_id, a.stance) for a in out] == [("c2", "affirm"), ("c3", "none")]
    assert out[0].origin_key == "actor:russian mod"


def test_an_event_nobody_affirms_or_denies_asserts_nothing():
    assert assertions_from_ledger(ledger([EventStance("", "none", reason="conditional")])) == []


def test_none_counts_for_nothing_and_never_replaces_a_word():
    members = [
        {"origin_key": "k", "origin_label": "Kyiv", "speaker_type": "official_party", "speaker_side": "UA",
         "stance": "deny", "claimed_date": "2025-01-06"},
        {"origin_key": "k", "origin_label": "Kyiv", "speaker_type": "official_party", "speaker_side": "UA",
         "stance": "none", "claimed_date": "2025-01-07"},
    ]  # fmt: skip
    (o,) = origins_from_members(members)
    assert o.stance == "deny"
    silent = [Origin("x", "Kyiv", "official_party", "UA", "none")]
    st = proposition_status("RU", silent)
    assert (st.n_affirm, st.n_deny, st.n_origins) == (0, 0, 1)
    assert "no origin affirms or denies" in st.reason
    mixed = silent + [Origin("m", "MoD", "official_party", "RU", "affirm")]
    assert proposition_status("RU", mixed).status == "claimed_by_one_side"
