"""First-level regions, counties, continents, abbreviations, context disambiguation and person-name guards."""

from claimledger.geo.build_admin import region_point
from claimledger.geo.resolve import _km


def place(ledger, mention):
    for p in ledger.places:
        if p.mention == mention:
            return p
    raise AssertionError(f"{mention} not found in {[p.mention for p in ledger.places]}")


def spans_of(text, *words):
    out = []
    for w in words:
        s = text.index(w)
        out.append((s, s + len(w)))
    return out


def test_us_state_beats_same_name_small_town(analyzer):
    text = "Voters in Ohio and Texas went to the polls on Tuesday."
    ohio, texas = analyzer.resolve_mentions(text, spans_of(text, "Ohio", "Texas"))
    assert ohio.kind == "region" and ohio.country == "US" and ohio.admin1 == "Ohio"
    assert texas.kind == "region" and texas.country == "US"
    assert _km(texas.lat, texas.lon, 31.25, -99.25) < 161  # near the middle of the state, not a Mexican hamlet


def test_province_and_abbreviation(analyzer):
    text = "Farmers in Tamil Nadu protested, and wildfires spread across BC last summer."
    tn, bc = analyzer.resolve_mentions(text, spans_of(text, "Tamil Nadu", "BC"))
    assert (tn.kind, tn.country) == ("region", "IN")
    assert (bc.kind, bc.country, bc.name) == ("region", "CA", "British Columbia")


def test_us_with_dots_is_recognised(analyze):
    text = "The U.S. said on Monday that it would send more aid to Ukraine."
    ledger = analyze(text)
    us = place(ledger, "U.S.")
    assert us.kind == "country" and us.country == "US"
    s, e = us.spans[0]
    assert text[s:e] == "U.S."


def test_county_resolved_in_its_state(analyzer):
    text = "Deputies in Laurel County, Kentucky, searched for the driver near London."
    county, state = analyzer.resolve_mentions(text, spans_of(text, "Laurel County", "Kentucky"))
    assert county.resolved and county.country == "US" and county.admin1 == "Kentucky"


def test_local_namesake_follows_the_state_of_the_article(analyzer):
    text = "Police in Paris said the fire began downstream from Lamar County. Firefighters from Texas and Reno helped."
    places = analyzer.resolve_mentions(text, spans_of(text, "Paris", "Lamar County", "Texas"))
    assert places[0].country == "US" and places[0].admin1 == "Texas"
    text = "Tourists crowded the museums of Paris, the capital of France."
    (paris,) = analyzer.resolve_mentions(text, spans_of(text, "Paris"))
    assert paris.country == "FR"


def test_name_comma_state_qualifier(analyzer):
    text = "The new plant opens in Gainesville, Ga., next spring."
    (g,) = analyzer.resolve_mentions(text, spans_of(text, "Gainesville"))
    assert g.country == "US" and g.admin1 == "Georgia"


def test_continents_and_seas(analyzer):
    text = "Migrants crossing the Mediterranean from Africa to Europe."
    med, africa, europe = analyzer.resolve_mentions(text, spans_of(text, "Mediterranean", "Africa", "Europe"))
    assert africa.name == "Africa" and africa.kind == "region" and africa.country is None
    assert europe.name == "Europe"
    assert med.resolved and 30 < med.lat < 40


def test_demonym_resolved_only_when_given_as_a_place_span(analyze, analyzer):
    text = "Russian troops advanced while European leaders met."
    ledger = analyze(text)
    assert not any(p.mention in ("Russian", "European") for p in ledger.places)
    russian, european = analyzer.resolve_mentions(text, spans_of(text, "Russian", "European"))
    assert russian.geonameid == 2017370
    assert european.name == "Europe"


def test_country_point_is_the_country_not_the_capital(analyzer):
    text = "Mexico and Tunisia signed the deal."
    mexico, tunisia = analyzer.resolve_mentions(text, spans_of(text, "Mexico", "Tunisia"))
    assert _km(mexico.lat, mexico.lon, 19.43, -99.13) > 300  # not Mexico City
    assert mexico.kind == tunisia.kind == "country"


def test_city_that_dominates_its_region_keeps_the_bare_name(analyzer):
    text = "Stocks fell in New York while Washington debated the budget."
    ny, wa = analyzer.resolve_mentions(text, spans_of(text, "New York", "Washington"))
    assert ny.kind == "settlement" and ny.admin1 == "New York"
    assert wa.kind == "settlement"


def test_part_of_a_person_name_is_not_a_place(analyze):
    ledger = analyze("Mohamed Salah scored twice. Fans chanted for Salah after the match in Liverpool.")
    assert not any(p.mention == "Salah" for p in ledger.places)


def test_region_point_is_the_middle_of_its_towns():
    lat, lon = region_point([(10.0, 20.0), (12.0, 24.0), (11.0, 21.0)])
    assert (lat, lon) == (11.0, 22.0)
    # across the antimeridian the box does not span the globe
    lat, lon = region_point([(60.0, 179.0), (60.0, -179.0)])
    assert abs(abs(lon) - 180.0) < 1e-6


def test_admin_regions_file_follows_its_schema():
    from claimledger.geo.gazetteer import load_admin_regions

    data = load_admin_regions()  # validated against data/schemas/admin_regions.schema.json
    assert len(data["admin1"]) > 2000 and len(data["admin2"]) > 3000
    assert {"US", "IN", "CA", "GB"} <= {row[0] for row in data["admin1"]}
