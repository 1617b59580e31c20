"""The outlet directory: the shipped data, its schema, and exact (never guessed) lookups."""

from __future__ import annotations

import pytest
import yaml

from claimledger.errors import InputError
from claimledger.ingest.outlets import DEFAULT_PATH, OutletDirectory, host_of


@pytest.fixture(scope="module")
def outlets():
    return OutletDirectory.load()


def test_shipped_directory_is_valid_versioned_and_large_enough(outlets):
    assert len(outlets) >= 60
    assert outlets.version == yaml.safe_load(DEFAULT_PATH.read_text())["version"]
    types = {o.type for o in outlets.outlets}
    assert types == {"state-controlled", "government", "independent", "agency", "OSINT"}


def test_every_kind_of_source_the_war_needs_is_there(outlets):
    expected = {
        "tass.ru": ("TASS", "state-controlled", "RU", "RU"),
        "ria.ru": ("RIA Novosti", "state-controlled", "RU", "RU"),
        "rt.com": ("RT", "state-controlled", "RU", "RU"),
        "mil.ru": ("Ministry of Defence of the Russian Federation", "government", "RU", "RU"),
        "ukrinform.ua": ("Ukrinform", "state-controlled", "UA", "UA"),
        "zsu.gov.ua": ("General Staff of the Armed Forces of Ukraine", "government", "UA", "UA"),
        "pravda.com.ua": ("Ukrainska Pravda", "independent", "UA", None),
        "kyivindependent.com": ("The Kyiv Independent", "independent", "UA", None),
        "reuters.com": ("Reuters", "agency", "GB", None),
        "apnews.com": ("Associated Press", "agency", "US", None),
        "afp.com": ("Agence France-Presse", "agency", "FR", None),
        "understandingwar.org": ("Institute for the Study of War", "OSINT", "US", None),
        "deepstatemap.live": ("DeepState", "OSINT", "UA", "UA"),
        "bellingcat.com": ("Bellingcat", "OSINT", "NL", None),
        "meduza.io": ("Meduza", "independent", "RU", None),
        "novayagazeta.eu": ("Novaya Gazeta Europe", "independent", "RU", None),
        "bbc.co.uk": ("BBC", "independent", "GB", None),
    }
    for domain, (name, kind, country, side) in expected.items():
        outlet = outlets.lookup(domain)
        assert outlet is not None, domain
        assert (outlet.name, outlet.type, outlet.country, outlet.side) == (name, kind, country, side), domain


@pytest.mark.parametrize(
    "query,name",
    [
        ("https://tass.ru/armiya-i-opk/26012345", "TASS"),
        ("https://www.tass.com/defense/1", "TASS"),
        ("HTTPS://WWW.RIA.RU/20251211/siversk.html", "RIA Novosti"),
        ("http://eng.pravda.com.ua/news/2025/12/12/1", "Ukrainska Pravda"),  # subdomain → parent
        ("https://russian.rt.com/world", "RT"),
        ("https://www.bbc.com/russian/articles/x", "BBC"),
        ("ukrinform.net", "Ukrinform"),
        ("kyivindependent.com.", "The Kyiv Independent"),  # fully qualified, trailing dot
        ("https://kyivindependent.com:443/news", "The Kyiv Independent"),
        ("https://abcnews.go.com/International/story", "ABC News (US)"),
        ("https://news.sky.com/story/1", "Sky News"),
        ("tass.ru/politics", "TASS"),
    ],
)
def test_lookup_by_url_or_domain(outlets, query, name):
    assert outlets.lookup(query).name == name


@pytest.mark.parametrize(
    "query,name",
    [
        ("TASS", "TASS"),
        ("тасс", "TASS"),  # Cyrillic alias, any case
        ("  Reuters ", "Reuters"),
        ("Associated   Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("ISW", "Institute for the Study of War"),
        ("Українська правда", "Ukrainska Pravda"),
        ("Russian Defence Ministry", "Ministry of Defence of the Russian Federation"),
        ("LIGA.net", "LIGA.net"),  # a name that is also a domain
    ],
)
def test_lookup_by_name_or_alias(outlets, query, name):
    assert outlets.lookup(query).name == name


@pytest.mark.parametrize(
    "query",
    [
        "https://example.com/news",
        "pravda.ru",  # a different outlet from pravda.com.ua; not listed, so unknown
        "notass.ru",  # suffix of a name is not a subdomain
        "tass.ru.example.com",
        "go.com",  # parent of a listed subdomain is not the outlet
        "sky.com",
        "com.ua",
        "ru",
        "Pravda",  # a partial name is not guessed
        "Tass News Agency of Nowhere",
        "Russian state media",
        "",
        "   ",
        None,
        "http://",
        "http://[not-an-ip/",
    ],
)
def test_unknown_is_none_never_guessed(outlets, query):
    assert outlets.lookup(query) is None


def test_host_of():
    assert host_of("https://WWW.Tass.RU:8443/a?b") == "tass.ru"
    assert host_of("tass.ru/news") == "tass.ru"
    assert host_of("TASS") is None
    assert host_of("Russian Defence Ministry") is None


def test_domains_and_names_are_unique_in_the_shipped_file(outlets):
    domains = [d for o in outlets.outlets for d in o.domains]
    assert len(domains) == len(set(domains))


def write(tmp_path, text):
    path = tmp_path / "outlets.yaml"
    path.write_text(text)
    return path


def test_a_file_that_breaks_the_schema_is_refused(tmp_path):
    path = write(
        tmp_path,
        """version: "2025-12-20"
outlets:
  - name: Example
    domains: [example.com]
    country: RU
    type: propaganda
""",
    )
    with pytest.raises(InputError, match=r"does not match its schema at outlets/0/type"):
        OutletDirectory.load(path)


def test_www_domains_and_missing_version_are_refused(tmp_path):
    path = write(
        tmp_path, "version: '2025-12-20'\noutlets:\n  - {name: X, domains: [www.x.com], country: US, type: agency}\n"
    )
    with pytest.raises(InputError, match="domains/0"):
        OutletDirectory.load(path)
    path = write(tmp_path, "outlets:\n  - {name: X, domains: [x.com], country: US, type: agency}\n")
    with pytest.raises(InputError, match="'version' is a required property"):
        OutletDirectory.load(path)


def test_a_domain_listed_twice_is_refused(tmp_path):
    path = write(
        tmp_path,
        """version: "2025-12-20"
outlets:
  - {name: One, domains: [x.com], country: US, type: agency}
  - {name: Two, domains: [y.com, x.com], country: US, type: agency}
""",
    )
    with pytest.raises(InputError, match="domain 'x.com' is listed for both 'One' and 'Two'"):
        OutletDirectory.load(path)


def test_an_alias_shared_by_two_outlets_is_refused(tmp_path):
    path = write(
        tmp_path,
        """version: "2025-12-20"
outlets:
  - {name: One, domains: [x.com], aliases: [Pravda], country: US, type: agency}
  - {name: Two, domains: [y.com], aliases: [PRAVDA], country: US, type: agency}
""",
    )
    with pytest.raises(InputError, match="name 'pravda'"):
        OutletDirectory.load(path)


def test_unreadable_or_invalid_yaml_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the outlet directory"):
        OutletDirectory.load(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="not valid YAML"):
        OutletDirectory.load(write(tmp_path, "outlets: [unclosed"))


def test_default_directory_is_loaded_once(outlets):
    assert OutletDirectory.load() is OutletDirectory.load()
