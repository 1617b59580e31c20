"""Event types, actors, targets, dates and statuses."""

import pytest

from tests.conftest import FIXTURES


def events_by(ledger, etype):
    places = {p.id: p for p in ledger.places}
    return {places[e.place].mention: e for e in ledger.events if e.type == etype}


@pytest.mark.parametrize(
    "text, etype, place",
    [
        ("Russian forces captured Vuhledar, the ministry said.", "capture", "Vuhledar"),
        ("Russian troops launched an assault on Kupiansk, Ukrainian officials said.", "attack", "Kupiansk"),
        ("Ukrainian forces withdrew from Avdiivka, the commander said.", "withdrawal", "Avdiivka"),
        ("Ukrainian units repelled attacks near Pokrovsk, the General Staff said.", "repelled", "Pokrovsk"),
        ("Russian forces shelled Kherson overnight, the governor said.", "strike", "Kherson"),
    ],
)
def test_event_types(analyze, text, etype, place):
    ledger = analyze(text)
    found = events_by(ledger, etype)
    assert place in found, [(e.type, e.place) for e in ledger.events]


def test_fixture_article_statuses(analyze):
    ledger = analyze((FIXTURES / "avdiivka-claims.txt").read_text(), "2024-02-16")
    capture = events_by(ledger, "capture")["Klishchiivka"]
    assert capture.actor.side == "RU"
    # "said on Friday that ... had captured": Friday is when it was claimed, not when it happened
    assert capture.date is None
    assert capture.status == "denied"  # Ukraine's spokesman denies it
    withdrawal = [e for e in ledger.events if e.type == "withdrawal"]
    assert withdrawal and withdrawal[0].date.value == "2024-02-12"
    strike = events_by(ledger, "strike")["Kostiantynivka"]
    assert strike.status in ("claimed_by_one_side",)


def test_status_rules(analyze):
    one_side = analyze("Russia's Defence Ministry said its forces had captured Kurakhove.", "2025-01-06")
    assert events_by(one_side, "capture")["Kurakhove"].status == "claimed_by_one_side"
    both = analyze(
        "Russia's Defence Ministry said its forces had captured Kurakhove.\n"
        "Ukraine's General Staff acknowledged that Russian troops had captured Kurakhove.",
        "2025-01-06",
    )
    assert events_by(both, "capture")["Kurakhove"].status == "acknowledged_by_opposing_side"
    indep = analyze(
        "Russia's Defence Ministry said its forces had captured Kurakhove.\n"
        "Independent analysts confirmed that Russian troops had captured Kurakhove.",
        "2025-01-06",
    )
    assert events_by(indep, "capture")["Kurakhove"].status == "independently_reported"
    own = analyze("Russian forces captured Kurakhove in January.", "2025-01-06")
    assert events_by(own, "capture")["Kurakhove"].status == "unattributed"
