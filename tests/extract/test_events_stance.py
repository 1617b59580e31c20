"""Stance of each claim towards the events it bears on (affirm / deny / none, with the deciding words); attempts,
goals, futures and conditionals are not captures; coordinated places and their own dates; dates never borrowed
from the reporting clause or another sentence."""

import pytest


def events(ledger, etype=None):
    places = {p.id: p for p in ledger.places}
    return [(e, places[e.place].mention, e.actor.side) for e in ledger.events if etype in (None, e.type)]


def one(ledger, etype, side, place_part="Kurakhov"):
    found = [e for e, place, s in events(ledger, etype) if s == side and place_part in place]
    assert len(found) == 1, [(e.type, place, s) for e, place, s in events(ledger)]
    return found[0]


def stance(ev, ledger, speaker_part):
    ids = {c.id for c in ledger.claims if speaker_part.lower() in c.speaker.text.lower()}
    st = [s for s in ev.stances if s.claim in ids]
    assert st, (speaker_part, ev.stances)
    return st[0]


def test_denial_links_to_the_capture(analyze):
    ledger = analyze("Ukraine's General Staff denied that Kurakhove had been lost.", "2025-01-06")
    ev = one(ledger, "capture", "RU")  # lost by Ukraine: a Russian capture, denied
    st = stance(ev, ledger, "General Staff")
    assert st.stance == "deny" and st.evidence.text == "denied"
    assert ev.status == "denied"


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's 33rd Mechanised Brigade said Kurakhove remains under the control of the Armed Forces of Ukraine.",
        "Ukraine's General Staff said its forces held Kurakhove despite twelve Russian assaults.",
        "Ukraine's General Staff said Ukrainian forces still control Kurakhove.",
    ],
)
def test_holding_affirms_own_control_and_denies_the_other(analyze, text):
    ledger = analyze(text, "2025-01-07")
    own = one(ledger, "capture", "UA")
    other = one(ledger, "capture", "RU")
    assert {s.stance for s in own.stances} == {"affirm"}
    assert {s.stance for s in other.stances} == {"deny"}
    assert other.status == "denied"


@pytest.mark.parametrize(
    "text, word",
    [
        (
            "Britain's Ministry of Defence said it could not verify Russia's claim that Kurakhove had been captured.",
            "verify",
        ),
        ("Ukraine's military has yet to comment on the Russian claim that Kurakhove had fallen.", None),
    ],
)
def test_withheld_judgement_is_none(analyze, text, word):
    ledger = analyze(text, "2025-01-06")
    speaker = "Britain" if word else "Ukraine"
    ev = [e for e, place, _ in events(ledger, "capture") if "Kurakhove" in place][0]
    st = stance(ev, ledger, speaker)
    assert st.stance == "none"
    if word:
        assert st.evidence.text == word


def test_no_comment_on_an_earlier_claim_is_recorded_as_none(analyze):
    ledger = analyze(
        "Russia's Defence Ministry said its forces had liberated Kurakhove. "
        "The Ukrainian side did not initially comment on the claim.",
        "2025-01-06",
    )
    ev = one(ledger, "capture", "RU")
    assert stance(ev, ledger, "Defence Ministry").stance == "affirm"
    assert stance(ev, ledger, "Ukrainian side").stance == "none"
    assert ev.status == "claimed_by_one_side"  # the silence counts for nothing


def test_dismissing_a_claim_denies_it_and_records_it(analyze):
    ledger = analyze(
        "Ukraine's military dismissed a claim by the Russian Defence Ministry that Kurakhove had been captured.",
        "2025-01-07",
    )
    ev = [e for e, place, _ in events(ledger, "capture") if "Kurakhove" in place][0]
    assert stance(ev, ledger, "Ukraine").stance == "deny"
    assert stance(ev, ledger, "Russian Defence Ministry").stance == "affirm"


def test_independent_no_sign_is_a_denial(analyze):
    ledger = analyze("ISW finds no sign of Russian control over western Kurakhove.", "2025-01-07")
    ev = one(ledger, "capture", "RU")
    assert [(s.claim, s.stance) for s in ev.stances] == [("", "deny")]
    assert ev.stances[0].evidence.text == "no"


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces are trying to capture Kurakhove, the ministry said.",
        "The goal of the offensive is to capture Kurakhove, a Russian commander said.",
        "Russian forces will capture Kurakhove within days, a Russian commander said.",
        "Russian troops are fighting for control of Kurakhove, the governor said.",
    ],
)
def test_attempts_goals_and_futures_are_not_captures(analyze, text):
    ledger = analyze(text, "2024-12-12")
    assert not events(ledger, "capture"), events(ledger)
    assert events(ledger, "attempt") or events(ledger, "attack")


def test_conditional_capture_is_not_affirmed(analyze):
    ledger = analyze("If confirmed, the capture of Kurakhove would be the largest Russian gain in weeks.", "2025-01-06")
    for ev, _, _ in events(ledger, "capture"):
        assert {s.stance for s in ev.stances} == {"none"}


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces took Dachne by January 3 and Kurakhove by January 6, the ministry said.",
        "Russian forces captured Dachne by January 3; Kurakhove by January 6.",
    ],
)
def test_coordinated_places_each_with_its_date(analyze, text):
    ledger = analyze(text, "2025-01-08")
    dachne = one(ledger, "capture", "RU", "Dachne")
    kurakhove = one(ledger, "capture", "RU", "Kurakhove")
    assert dachne.date.value == "2025-01-03"
    assert kurakhove.date.value == "2025-01-06"


def test_marking_as_captured_and_nominal_control(analyze):
    marked = analyze("DeepState marked Kurakhove as occupied by Russian forces on its map on January 9.", "2025-01-09")
    ev = one(marked, "capture", "RU")
    assert ev.date.value == "2025-01-09"
    nominal = analyze("Russian forces have established full control over Kurakhove, the ministry said.", "2025-01-06")
    one(nominal, "capture", "RU")


def test_dates_are_the_events_own(analyze):
    ledger = analyze(
        "Russia's Defence Ministry said on Monday that its forces had liberated Kurakhove.\n"
        "Geolocated footage published on January 5 indicates that Russian forces captured Dachne.\n"
        "Russian forces captured Ulakly on December 14. In Kurakhove, heavy fighting continues, the General Staff said.",
        "2025-01-07",
    )
    kurakhove = one(ledger, "capture", "RU")
    assert kurakhove.date is None  # Monday is when it was said
    dachne = one(ledger, "capture", "RU", "Dachne")
    assert dachne.date is None  # January 5 is when the footage was published
    for ev, place, _ in events(ledger):
        if "Kurakhove" in place:
            assert ev.date is None or ev.date.value != "2024-12-14"


def test_denied_loss_of_the_settlement_links_to_the_capture(analyze):
    ledger = analyze(
        "Russia's Defence Ministry said its forces had captured Kurakhove. Ukraine denied the settlement had been lost.",
        "2025-01-06",
    )
    ev = one(ledger, "capture", "RU")
    assert stance(ev, ledger, "Defence Ministry").stance == "affirm"
    assert stance(ev, ledger, "Ukraine").stance == "deny"


def test_losing_a_game_is_no_capture(analyze):
    ledger = analyze("UConn fought back only to lose it when Notre Dame hit a jumper.", "2019-04-06")
    assert not events(ledger, "capture")
