"""The prebuilt gazetteer index in the cache folder answers exactly as a fresh build does."""

from claimledger.geo.gazetteer import GeonamesGazetteer, _cache_path

NAMES = [
    "Siversk",
    "Kyiv",
    "Kiev",
    "Ukraine",
    "Donbass",
    "Paris",
    "Texas",
    "Bakhmut",
    "Avdiivka",
    "Kupiansk",
    "Springfield",
    "Europe",
    "U.S.",
    "Donetsk oblast",
    "Laurel County",
    "New York",
    "Zzyxograd",
]


def test_cached_index_equals_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLEDGER_CACHE_DIR", str(tmp_path))
    fresh = GeonamesGazetteer(use_cache=False)
    first = GeonamesGazetteer()  # builds and writes the cache
    assert _cache_path(500).exists()
    cached = GeonamesGazetteer()  # reads it
    for g in (first, cached):
        for name in NAMES:
            assert g.candidates(name) == fresh.candidates(name), name
        assert g.admin1_name("UA", "05") == fresh.admin1_name("UA", "05")
        assert g.demonym_place("Russian") == fresh.demonym_place("Russian")
        assert g.conflict_countries == fresh.conflict_countries and g.not_places == fresh.not_places


def test_a_corrupt_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMLEDGER_CACHE_DIR", str(tmp_path))
    path = _cache_path(500)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not marshal data")
    g = GeonamesGazetteer()
    assert g.candidates("Siversk")[0].geonameid == 694403
