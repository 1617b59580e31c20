"""Places in the theatre: Russian spellings, former names, hyphenated pairs and KATOTTG-only villages in
articles about the war resolve to the right Ukrainian places; the same names elsewhere stay where they are."""

TASS = (
    "MOSCOW, December 11. /TASS/. Units of the Southern group of forces have completely liberated the town of "
    "Seversk in the Donetsk People's Republic, the Russian Defence Ministry said on Thursday. "
    "Assault detachments also advanced on the outskirts of Krasnoarmeysk and Dimitrov, the ministry said, and "
    "repelled four counterattacks by the Ukrainian armed forces near Artemovsk and Dzerzhinsk. "
    "Fighting continues in Konstantinovka, it added. Earlier the ministry reported clearing Kleshcheyevka."
)

WIRE = (
    "KYIV, Dec 12 (Reuters) - Ukraine's military denied on Friday that Russian forces had captured Siversk, "
    "saying its troops still held the town and were fighting near Spirne and Vyimka. "
    "The General Staff said the situation around the Pokrovsk-Myrnohrad agglomeration remained difficult."
)

TOMSK = (
    "Seversk, a closed nuclear town north of Tomsk in Siberia, will host a new fast-neutron reactor, the state "
    "nuclear corporation Rosatom said. Construction in Seversk is due to finish in 2028."
)


def places(ledger):
    return {p.mention: p for p in ledger.places}


def test_state_media_spellings_resolve_to_the_ukrainian_towns(analyze):
    p = places(analyze(TASS, "2025-12-11"))
    seversk = p["Seversk"]
    assert (seversk.geonameid, seversk.country, seversk.resolved_by) == (694403, "UA", "alias")
    assert seversk.katottg and seversk.precision == "exact"
    expect = {
        "Krasnoarmeysk": ("Pokrovsk", "renamed"),
        "Dimitrov": ("Myrnohrad", "renamed"),
        "Artemovsk": ("Bakhmut", "renamed"),
        "Dzerzhinsk": ("Toretsk", "renamed"),
        "Konstantinovka": ("Kostyantynivka", "alias"),
    }
    for mention, (name, via) in expect.items():
        place = p[mention]
        assert (place.name, place.country, place.admin1, place.resolved_by) == (name, "UA", "Donetsk Oblast", via)
    klish = p["Kleshcheyevka"]
    assert klish.geonameid is None and klish.katottg.startswith("UA14")
    assert (klish.name, klish.resolved_by, klish.precision) == ("Klishchiivka", "katottg", "approximate")
    assert klish.lat is not None and abs(klish.lat - 48.59) < 0.1  # its hromada's centre (Bakhmut), flagged


def test_wire_copy_villages_and_hyphenated_pair(analyze):
    ledger = analyze(WIRE, "2025-12-12")
    p = places(ledger)
    assert (p["Siversk"].geonameid, p["Siversk"].resolved_by) == (694403, "gazetteer")
    for village in ("Spirne", "Vyimka"):
        assert p[village].resolved and p[village].resolved_by == "katottg" and p[village].precision == "approximate"
        assert p[village].admin1 == "Donetsk Oblast"
    names = {pl.name for pl in ledger.places}
    assert {"Pokrovsk", "Myrnohrad"} <= names  # the pair is two places
    text = ledger.article.text
    pokrovsk = next(pl for pl in ledger.places if pl.name == "Pokrovsk")
    assert any(text[s:e] == "Pokrovsk" for s, e in pokrovsk.spans)


def test_outside_an_article_about_the_war_seversk_stays_in_tomsk_oblast(analyze):
    seversk = places(analyze(TOMSK))["Seversk"]
    assert seversk.country == "RU" and seversk.geonameid == 1538637
    assert seversk.resolved_by == "gazetteer" and seversk.katottg is None


def test_unit_names_are_not_the_villages_they_share_a_name_with(analyze):
    ledger = analyze(
        "MOSCOW, October 3. /TASS/. Units of the Vostok group of forces have fully liberated Ugledar in the Donetsk "
        "People's Republic, the Russian Defence Ministry said. Ukraine's Khortytsia operational-strategic group "
        "said it had ordered troops to withdraw from Vuhledar.",
        "2024-10-03",
    )
    assert "Vostok" not in places(ledger) and "Khortytsia" not in places(ledger)
    assert places(ledger)["Ugledar"].name == "Vuhledar"
    assert {p.geonameid for p in ledger.places if p.name == "Vuhledar"} == {690823}
