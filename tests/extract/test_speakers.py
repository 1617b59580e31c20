"""Who speaks, resolved within the article: datelines, surnames, acronyms, definite descriptions, pronouns,
states as speakers, named speakers never anonymous. Articles written for these tests."""

from tests.conftest import find_claim

WIRE = """KYIV - Ukraine's military said on Tuesday that Russian forces had failed to break through near Pokrovsk.

Moscow, 12 December (dpa) – Russia's Defence Ministry said its troops had captured the village of Udachne. The ministry said 40 Ukrainian soldiers were killed in the fighting. Kiev reported that the assault on Udachne was repelled.
"""

ISW = """The Institute for the Study of War assessed on Sunday that Russian forces had advanced west of Kurakhove. The think tank noted that geolocated footage showed Russian troops near the reservoir.

Analyst Pasi Paroinen of the Black Bird Group said the advance had been slow. Paroinen added that the weather favoured the defenders.

Russian commanders said their units were pushing towards Dachne. They claimed the village was surrounded.
"""


def test_dateline_is_never_the_speaker(analyze):
    ledger = analyze(WIRE)
    speakers = [c.speaker.text for c in ledger.claims]
    assert "Ukraine's military" in speakers
    assert "Russia's Defence Ministry" in speakers
    assert not any(s.startswith(("KYIV", "Moscow,")) for s in speakers)
    ua = find_claim(ledger, "Ukraine's military")
    assert (ua.speaker.type, ua.speaker.side) == ("official_party", "UA")


def test_definite_description_and_capital_as_state(analyze):
    ledger = analyze(WIRE)
    ministry = find_claim(ledger, "The ministry")
    assert ministry.speaker.side == "RU"
    assert ministry.speaker.canonical == "Russian Ministry of Defence"
    kiev = find_claim(ledger, "Kiev")
    assert (kiev.speaker.type, kiev.speaker.side) == ("official_party", "UA")


def test_think_tank_surname_and_pronoun(analyze):
    ledger = analyze(ISW)
    tank = find_claim(ledger, "The think tank")
    assert tank.speaker.canonical == "Institute for the Study of War"
    assert tank.speaker.type == "independent"
    paroinen = [c for c in ledger.claims if c.speaker.text == "Paroinen"][0]
    assert paroinen.speaker.type == "independent"  # from "Analyst Pasi Paroinen", never anonymous
    they = [c for c in ledger.claims if c.speaker.text == "They"][0]
    assert (they.speaker.type, they.speaker.side) == ("official_party", "RU")  # the commanders, not ISW


def test_acronym_and_unknown_named_body(analyze):
    text = (
        "The Centre for Defence Strategies (CDS) said Russian infantry had entered the outskirts of Siversk. "
        "CDS also said the town's water supply had been cut.\n\n"
        "Ukraine's 54th Mechanised Brigade wrote on Telegram that its soldiers still held the railway station. "
        "The unit said that six assaults had been repelled overnight."
    )
    ledger = analyze(text)
    cds = [c for c in ledger.claims if c.speaker.text == "CDS"][0]
    assert cds.speaker.type == "independent"
    unit = find_claim(ledger, "The unit")
    assert (unit.speaker.type, unit.speaker.side) == ("combatant", "UA")


def test_person_pronoun_prefers_a_person(analyze):
    text = (
        "The General Staff of the Armed Forces of Ukraine reported 140 combat clashes on Monday. "
        "Colonel Viktor Trehubov, spokesman for the Khortytsia group, said the situation near Kupiansk was difficult. "
        "He said Russian troops were using the fog to infiltrate the town."
    )
    ledger = analyze(text)
    he = [c for c in ledger.claims if c.speaker.text == "He"][0]
    assert he.speaker.canonical == "Viktor Trehubov"
