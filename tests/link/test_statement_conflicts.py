"""Cannot-link constraints of statement matching: claims with different resolved places, or numbers neither of
which contains the other's, never join — and a statement is joined only if no member the index returned
conflicts with the new claim (no chaining from Kyiv to Dnipro through look-alike daily reports)."""

from claimledger.link.statement_match import signatures
from claimledger.link.statements import _best_statement, conflicts

KYIV, DNIPRO = "gn:703448", "gn:709930"


def _sig(text: str, places: list[str]):
    return signatures([text], "en", [places])[0]


def test_numbers_and_places_that_cannot_be_the_same_claim():
    full = _sig("Air defences shot down 58 of 70 drones launched at Kyiv overnight", [KYIV])
    relay = _sig("Air defences downed 58 drones over Kyiv overnight", [KYIV])
    other = _sig("Air defences shot down 9 of 58 rocket launchers launched at Kyiv overnight", [KYIV])
    dnipro = _sig("Air defences shot down 58 of 70 drones launched at Dnipro overnight", [DNIPRO])
    unplaced = _sig("Air defences shot down 58 of 70 drones overnight", [])
    assert not conflicts(full, relay)  # a relay may drop a number
    assert conflicts(full, other)  # 58 of 70 is not 9 of 58
    assert conflicts(full, dnipro)  # same words, another city
    assert not conflicts(full, unplaced) and not conflicts(dnipro, unplaced)


def test_a_statement_with_one_conflicting_member_is_not_joined():
    kyiv = _sig("Air defences shot down 58 of 70 drones launched at Kyiv overnight", [KYIV])
    unplaced = _sig("Air defences shot down 58 of 70 drones overnight", [])
    dnipro = _sig("Air defences shot down 58 of 70 drones launched at Dnipro overnight", [DNIPRO])
    stored = [
        {"article_id": "a1", "statement_id": "st_kyiv", "signature_json": kyiv.to_json()},
        {"article_id": "a2", "statement_id": "st_kyiv", "signature_json": unplaced.to_json()},
    ]
    assert _best_statement(unplaced, stored[:1], "a3")[1] == "st_kyiv"  # the unplaced report joins Kyiv's
    score, sid = _best_statement(dnipro, stored, "a3")
    assert sid is None and score == 0.0  # Dnipro's does not, though it matches the unplaced member
    relay = _sig("Air defences downed 58 of 70 drones over Kyiv overnight", [KYIV])
    assert _best_statement(relay, stored, "a3")[1] == "st_kyiv"


def test_unresolved_names_conflict_within_one_language():
    sumy = _sig("Ukraine hit a power substation in Sumy with drones", ["name:sumy"])
    kursk = _sig("Ukraine hit a power substation in Kursk with drones", ["gn:538560"])
    assert conflicts(sumy, kursk)


def test_items_are_placed_by_their_settlement_not_their_country_actor(analyzer):
    from claimledger.link.statements import _items

    text = (
        "KYIV, Sept 17 (Wire) - Russia's Defence Ministry said that Ukraine hit a power substation in Belgorod "
        "with drones overnight.\n\nThe regional governor said the situation remained unclear.\n"
    )
    ledger = analyzer.analyze_text(text, published="2025-09-17")
    items = {i["text"]: i for i in _items(ledger)}
    hit = next(i for t, i in items.items() if "substation" in t)
    belgorod = next(p for p in ledger.places if p.name == "Belgorod")
    assert hit["places"] == [f"gn:{belgorod.geonameid}"]  # not Ukraine's gn:690791
    unclear = next(i for t, i in items.items() if "unclear" in t)
    assert unclear["places"] == hit["places"]  # no place of its own: the settlement the article is about


def test_members_outside_the_window_neither_match_nor_block():
    fight = _sig("Russian forces fought off a Ukrainian counter-attack south of Huliaipole", ["gn:707898"])
    again = _sig("Russian troops fought off a Ukrainian counter-attack south of Huliaipole", ["gn:707898"])
    stored = [{"article_id": "a1", "statement_id": "st_may", "signature_json": fight.to_json(), "seen": "2024-05-24"}]
    assert _best_statement(again, stored, "a2", "2024-06-10")[1] == "st_may"  # 17 days later: the same report
    assert _best_statement(again, stored, "a2", "2025-05-23")[1] is None  # a year later: another fight
    undated = [{**stored[0], "seen": "0000-00-00"}]
    assert _best_statement(again, undated, "a2", "2025-05-23")[1] == "st_may"  # no date: in every window
    kyiv = _sig("Air defences shot down 58 of 70 drones launched at Kyiv overnight", [KYIV])
    old_dnipro = _sig("Air defences shot down 58 of 70 drones launched at Dnipro overnight", [DNIPRO])
    mixed = [
        {"article_id": "a1", "statement_id": "st_k", "signature_json": kyiv.to_json(), "seen": "2025-03-01"},
        {"article_id": "a3", "statement_id": "st_k", "signature_json": old_dnipro.to_json(), "seen": "2024-01-01"},
    ]
    relay = _sig("Air defences downed 58 of 70 drones over Kyiv overnight", [KYIV])
    assert _best_statement(relay, mixed, "a2", "2025-03-02")[1] == "st_k"  # the old member does not block
