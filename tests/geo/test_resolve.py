"""Toponyms resolved to GeoNames; demonyms are not places; unknown names stay unresolved."""


def place(ledger, name):
    for p in ledger.places:
        if p.mention == name or p.name == name:
            return p
    raise AssertionError(f"{name} not found in {[p.mention for p in ledger.places]}")


def test_front_line_towns_and_capital(analyze):
    ledger = analyze(
        "Fighting continued near Siversk and Bakhmut, officials in Kyiv said, as Ukraine braced for winter."
    )
    siversk = place(ledger, "Siversk")
    assert siversk.geonameid == 694403 and siversk.kind == "settlement"
    assert abs(siversk.lat - 48.86) < 0.02 and abs(siversk.lon - 38.10) < 0.02
    assert place(ledger, "Kyiv").geonameid == 703448
    ukraine = place(ledger, "Ukraine")
    assert (ukraine.geonameid, ukraine.kind) == (690791, "country")


def test_regions_and_demonyms(analyze):
    ledger = analyze(
        "Russian troops pressed on in the Donbas region, while Donbass residents sheltered in Donetsk oblast."
    )
    donbas = place(ledger, "Donbas")
    assert donbas.kind == "region" and donbas.resolved
    assert len(donbas.spans) == 2  # Donbas and Donbass are one region
    assert place(ledger, "Donetsk oblast").kind == "region"
    assert not any(p.mention.lower().startswith("russian") for p in ledger.places)


def test_every_span_points_at_the_mention(analyze):
    ledger = analyze("Siversk was shelled again. Residents of Siversk fled west.")
    p = place(ledger, "Siversk")
    assert len(p.spans) == 2
    for s, e in p.spans:
        assert ledger.article.text[s:e] == "Siversk"


def test_unknown_place_is_unresolved_not_guessed(analyze):
    ledger = analyze("Heavy fighting was reported in Zzyxograd, according to the governor.")
    unknown = [p for p in ledger.places if p.mention == "Zzyxograd"]
    for p in unknown:
        assert not p.resolved and p.geonameid is None and p.lat is None


def test_river_is_not_the_village(analyze):
    ledger = analyze("Ukrainian units held positions along the Oskil river near Kupiansk.")
    assert not any(p.name == "Oskil" for p in ledger.places)
    assert place(ledger, "Kupiansk").resolved


def test_oracle_resolution_keeps_order(analyzer):
    text = "From Kyiv to Bakhmut."
    places = analyzer.resolve_mentions(text, [(5, 9), (13, 20)])
    assert [p.geonameid for p in places][0] == 703448
    assert places[1].name == "Bakhmut"
