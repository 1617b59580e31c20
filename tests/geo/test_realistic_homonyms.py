"""Village homonyms in realistic articles (tests/fixtures/realistic/): the region named with a village, the
village's current name, and the other places of the article pick which of many Andriivkas, Ivanivkas, Stepoves
and Seredniis is meant (claimledger/geo/context.py, theatre.py)."""

import json

import pytest

from claimledger.geo.context import contained, same_name_bonus
from claimledger.geo.gazetteer import Candidate
from claimledger.geo.resolve import Mention
from claimledger.lang import get_pack
from tests.conftest import FIXTURES

REAL = FIXTURES / "realistic"
PUBLISHED = json.loads((REAL / "published.json").read_text())


def place(ledger, mention):
    for p in ledger.places:
        if p.mention == mention:
            return p
    raise AssertionError(f"{mention} not in {[p.mention for p in ledger.places]}")


@pytest.fixture(scope="module")
def ledger_of(analyze):
    cache = {}

    def run(name):
        if name not in cache:
            cache[name] = analyze((REAL / name).read_text(), PUBLISHED[name])
        return cache[name]

    return run


def test_andriivka_next_to_druzhkivka_is_an_andriivka_not_sukhanivka(analyze):
    # GeoNames lists "Andriivka" as an alternate name of Sukhanivka (713440); the Andriyivkas of Donetsk oblast are
    # named so: one of them is meant
    ledger = analyze(
        "Russia's Defence Ministry said its forces had captured the village of Andriivka in the Donetsk region, "
        "a claim that Ukraine's General Staff did not confirm. Fighting continued near Druzhkivka.",
        "2025-06-01",
    )
    p = place(ledger, "Andriivka")
    assert p.name != "Sukhanivka" and p.geonameid != 713440
    assert p.admin1 == "Donetsk Oblast" and p.name == "Andriyivka"


def test_region_named_with_the_village_decides(ledger_of):
    # "captured the village of Ivanivka in Ukraine's Dnipropetrovsk region" (the article names no other village)
    ivanivka = place(ledger_of("07_liveblog.txt"), "Ivanivka")
    assert ivanivka.admin1 == "Dnipropetrovsk" and ivanivka.country == "UA"
    # "the village of Andriivka in Ukraine's Kharkiv region", in an article about the Kursk region
    andriivka = place(ledger_of("12_afp_kursk.txt"), "Andriivka")
    assert andriivka.admin1 == "Kharkiv Oblast"


def test_front_village_is_not_its_namesake_across_the_country(ledger_of):
    # "attacked ... trying to advance towards Serednie, Torske and Zarichne" (Lyman front): not Zakarpattia
    serednie = place(ledger_of("03_ua_genstaff.txt"), "Serednie")
    assert serednie.admin1 == "Donetsk Oblast" and serednie.resolved_by == "katottg"
    # "retaken the village of Stepove north of Avdiivka": not the Stepove of Cherkasy oblast
    stepove = place(ledger_of("15_wire_stepove_novomykhailivka.txt"), "Stepove")
    assert stepove.admin1 == "Donetsk Oblast"


def test_contained_keeps_the_candidates_inside_the_named_region():
    text = "captured the village of Ivanivka in Ukraine's Dnipropetrovsk region"
    s = text.index("Ivanivka")
    u = text.index("Ukraine")
    d = text.index("Dnipropetrovsk")
    by_name = {
        "ivanivka": [Mention("Ivanivka", (s, s + 8), "GPE")],
        "ukraine": [Mention("Ukraine", (u, u + 7), "GPE")],
        "dnipropetrovsk": [Mention("Dnipropetrovsk", (d, d + 14), "GPE")],
    }

    def village(gid, admin1):
        return Candidate(gid, "Ivanivka", "settlement", "UA", admin1, 48.0, 36.0, 500)

    cands = {
        "ivanivka": [village(1, "05"), village(2, "04"), village(3, "18")],
        "ukraine": [Candidate(690791, "Ukraine", "country", "UA", None, 49.0, 32.0, 40000000)],
        "dnipropetrovsk": [Candidate(None, "Dnipropetrovsk", "region", "UA", "04", None, None, 0)],
    }
    out = contained(text, by_name, cands, get_pack("en"))
    assert [c.geonameid for c in out["ivanivka"]] == [2]
    # "Ivanivka near Dnipropetrovsk" says nothing about containment
    near = text.replace(" in Ukraine's ", " near Ukraine's ")
    assert len(contained(near, by_name, cands, get_pack("en"))["ivanivka"]) == 3


def test_same_name_bonus_only_for_a_spelling_of_the_main_name():
    alt = Candidate(713466, "Andriyivka", "settlement", "UA", "05", 47.4, 37.6, 2616, primary=False)
    renamed = Candidate(713440, "Sukhanivka", "settlement", "UA", "05", 48.8, 37.5, 1325, primary=False)
    assert same_name_bonus("Andriivka", alt) > 0
    assert same_name_bonus("Andriivka", renamed) == 0
    assert same_name_bonus(None, alt) == 0
