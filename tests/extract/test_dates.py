"""Date normalisation against the publication date; unknown parts stay unknown."""

import pytest

from claimledger.extract.dates import find_dates


@pytest.mark.parametrize(
    "text, published, value, precision",
    [
        ("on December 11", "2025-12-12", "2025-12-11", "day"),
        ("on December 11", None, "XXXX-12-11", "day, year unknown"),
        ("on 11 December", None, "XXXX-12-11", "day, year unknown"),
        ("on December 20", "2026-01-05", "2025-12-20", "day"),  # a month ahead of publication -> last year
        ("on March 3, 2024", None, "2024-03-03", "day"),
        ("on Friday", "2025-12-12", "2025-12-12", "day"),  # the publication's own weekday is that day
        ("on Thursday", "2025-12-12", "2025-12-11", "day"),
        ("yesterday", "2025-12-12", "2025-12-11", "day"),
        ("yesterday", None, "XXXX-XX-XX", "unknown"),
        ("two days ago", "2025-12-12", "2025-12-10", "day"),
        ("last week", "2025-12-12", "2025-W49", "week"),
        ("in May", "2025-12-12", "2025-05", "month"),
        ("in the protests of 2014", None, "2014", "year"),
        ("for three days", None, "P3D", "duration"),
        ("now", None, "PRESENT_REF", "reference"),
    ],
)
def test_normalisation(text, published, value, precision):
    dates = find_dates(text, published)
    assert len(dates) == 1
    d = dates[0]
    assert (d.value, d.precision) == (value, precision)
    assert text[d.span[0] : d.span[1]] == d.text


def test_may_the_verb_is_not_a_month():
    assert find_dates("Troops may advance further.", "2025-12-12") == []


@pytest.mark.parametrize(
    "text, value, extent",
    [
        ("last summer", "2012-SU", "last summer"),
        ("on Friday afternoon", "2013-03-22TAF", "Friday afternoon"),
        ("late last July", "2012-07", "late last July"),
        ("in May", "2013-05", "May"),  # shortly after publication: this year's
        ("in August", "2012-08", "August"),  # well after publication: last year's
        ("over the past two years", "P2Y", "the past two years"),
        ("a four-week course", "P4W", "four-week"),
        ("this fiscal year", "2013", "this fiscal year"),
    ],
)
def test_timeml_conventions(text, value, extent):
    dates = find_dates(text, "2013-03-22")
    assert [(d.value, d.text) for d in dates] == [(value, extent)]


def test_bare_recently_is_not_a_timex():
    assert find_dates("He recently said he would soon leave, as previously announced.", "2013-03-22") == []
    assert find_dates("a 22-year-old soldier", "2013-03-22") == []
