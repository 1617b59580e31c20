"""The course of one contested town, told by thirteen articles of several outlets and sides (tests/fixtures/chain/
kurakhove, written for this test): Russian attempts in December 2024, the Russian Defence Ministry's claim of
6 January 2025 (TASS, a rewrite site, RIA), Ukraine's same-day denial, a brigade's "remains under our control",
Britain's doubt, ISW's "no sign" and later assessment, DeepState's map, and the General Staff's confirmation of
the withdrawal on 28 January.  Ingested together into a real SQLite ledger, the chain must come back: one
proposition per side and period, the right stances and dates, and statuses that change as the claims become
known."""

import json
from pathlib import Path

import pytest

from claimledger.batch import run_ingest
from claimledger.link.history import status_as_of, status_history
from claimledger.store import LedgerStore

CHAIN = Path(__file__).parents[1] / "fixtures" / "chain" / "kurakhove"


@pytest.fixture(scope="module")
def ledger(analyzer, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("chain")
    src = tmp / "kurakhove.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for row in json.loads((CHAIN / "manifest.json").read_text(encoding="utf-8")):
            text = (CHAIN / row["file"]).read_text(encoding="utf-8")
            title = text.split("\n", 1)[0]
            fh.write(json.dumps({"title": title, "text": text, "url": row["url"], "published": row["published"]}))
            fh.write("\n")
    store = LedgerStore("sqlite:///" + str(tmp / "ledger.sqlite"))
    summary = run_ingest([str(src)], store, analyzer=analyzer)
    assert summary.failed == [] and summary.read == 13, summary
    return store


def kurakhove(store, kind, side):
    rows = [p for p in store.propositions() if "Kurakhov" in p.place_name and p.kind == kind and p.side == side]
    return rows


def members(store, p):
    return store.members(p.id)


def by_outlet(ms, outlet_part):
    return [m for m in ms if m.outlet and outlet_part.lower() in m.outlet.lower()]


def test_one_russian_control_proposition_for_january(ledger):
    rows = kurakhove(ledger, "control", "RU")
    assert len(rows) == 1, [(p.text, p.date_min, p.first_claimed) for p in rows]
    p = rows[0]
    assert p.first_claimed == "2025-01-06"
    # the December attempts ("trying to capture") are attacks, not a claim of control
    assert not [m for m in members(ledger, p) if (m.claimed_date or "") < "2025-01-01"]
    attacks = kurakhove(ledger, "attack", "RU")
    assert attacks and any(a.date_min == "2024-12-12" for a in attacks)


def test_stances_of_each_side(ledger):
    (p,) = kurakhove(ledger, "control", "RU")
    ms = members(ledger, p)
    stance = {}
    for m in ms:
        stance.setdefault(m.origin_key, set()).add(m.stance)
    # the Defence Ministry, whoever carries it (TASS, the rewrite site, RIA), is one origin that affirms
    mod = [k for k in stance if "russian ministry of defence" in k]
    assert mod and stance[mod[0]] == {"affirm"}
    # Ukraine's General Staff denied it on 6 January ("had been lost", "held Kurakhove") and confirmed it on 28 January
    gs = [m for m in ms if m.speaker_side == "UA" and m.speaker_type == "official_party"]
    assert {m.stance for m in gs if m.published == "2025-01-06"} == {"deny"}
    assert {m.stance for m in gs if m.published == "2025-01-28"} == {"affirm"}
    # the brigade's "remains under the control of the Armed Forces of Ukraine" denies the Russian capture
    brigade = [m for m in by_outlet(ms, "Kyiv Independent") if m.speaker_type == "combatant"]
    assert brigade and {m.stance for m in brigade} == {"deny"}
    # "did not initially comment" is recorded, and is no affirmation
    silent = [m for m in ms if m.stance == "none"]
    assert silent and all(m.speaker_side == "UA" or m.speaker_type != "official_party" for m in silent)
    # Britain's doubt ("unlikely that Russian forces had captured all of Kurakhove") is a denial
    assert {m.stance for m in by_outlet(ms, "Sky")} == {"deny"}
    # ISW: "no sign" on 7 January (a denial by an independent), "assesses ... seized" on 10 January
    isw = [m for m in by_outlet(ms, "Institute for the Study of War") if m.speaker_type == "independent"]
    assert {m.stance for m in isw if m.published == "2025-01-07"} == {"deny"}
    assert {m.stance for m in isw if m.published == "2025-01-10"} == {"affirm"}
    # DeepState's map marks it as occupied
    assert {m.stance for m in by_outlet(ms, "DeepState")} == {"affirm"}


def test_ukrainian_control_and_withdrawal(ledger):
    ua = kurakhove(ledger, "control", "UA")
    assert len(ua) == 1
    ms = members(ledger, ua[0])
    assert ms and {m.stance for m in ms} == {"affirm"} and {m.speaker_side for m in ms} <= {"UA", "unknown"}
    (w,) = kurakhove(ledger, "withdrawal", "UA")
    assert w.date_min == "2025-01-09"  # when it happened ...
    wm = members(ledger, w)
    assert {m.claimed_date for m in wm} == {"2025-01-28"}  # ... apart from when it was said


def test_dates_are_the_events_own(ledger):
    (p,) = kurakhove(ledger, "control", "RU")
    ms = members(ledger, p)
    # "said on Monday that ... liberated": Monday is the claim's date, not the event's
    tass = by_outlet(ms, "TASS")
    assert tass and all(m.event_date is None and m.claimed_date == "2025-01-06" for m in tass)
    # ISW's "footage published on January 5 ... Dachne" lends no date to Kurakhove
    assert "2025-01-05" not in {m.event_date for m in ms}
    assert {m.event_date for m in by_outlet(ms, "DeepState")} == {"2025-01-09"}
    assert p.date_min == "2025-01-06" and p.date_max == "2025-01-09"


def test_status_as_of_each_day(ledger):
    (p,) = kurakhove(ledger, "control", "RU")
    ms = members(ledger, p)
    expected = {
        "2025-01-05": None,
        "2025-01-06": "disputed",  # the claim and the same-day denial
        "2025-01-08": "disputed",  # brigade, ISW "no sign", Britain's doubt
        "2025-01-09": "corroborated_by_independent",  # DeepState's map
        "2025-01-27": "corroborated_by_independent",
        "2025-01-28": "acknowledged_by_opposing_side",  # the General Staff confirms the withdrawal
    }
    got = {}
    for day in expected:
        st = status_as_of(ms, p.side, p.kind, day)
        got[day] = st.status if st else None
    assert got == expected
    assert p.status == "acknowledged_by_opposing_side"
    steps = [(c.date, c.status) for c in status_history(ms, p.side, p.kind)]
    assert steps[-1] == ("2025-01-28", "acknowledged_by_opposing_side")
    assert [s for _, s in steps][:2] == ["claimed_by_one_side", "disputed"]
