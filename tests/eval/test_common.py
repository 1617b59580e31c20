import math

import pytest

from claimledger_eval.common import PRF, TokenIndex, error_auc, haversine_km, median, prf_from_counts


def test_prf_counts_and_f1():
    p = prf_from_counts(tp=3, fp=1, fn=2)
    assert p.precision == pytest.approx(0.75)
    assert p.recall == pytest.approx(0.6)
    assert p.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_prf_empty_is_zero_not_error():
    assert PRF().f1 == 0.0


def test_prf_weighted_add_averages_annotators():
    total = PRF()
    total.add(prf_from_counts(1, 0, 0), 0.5)
    total.add(prf_from_counts(0, 1, 1), 0.5)
    assert total.precision == pytest.approx(0.5)
    assert total.recall == pytest.approx(0.5)


def test_haversine_known_distances():
    assert haversine_km(0, 0, 0, 0) == 0
    # one degree of latitude is about 111.2 km
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.2)
    # London - Paris about 344 km
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=3)


def test_auc_bounds_and_formula():
    assert error_auc([0, 0, 0]) == 0.0
    assert error_auc([20039, 20039]) == pytest.approx(math.log(20040) / math.log(20039))
    # trapezoid over sorted log(1+e), normalised by log(20039) * (n - 1)
    errs = [0.0, 100.0, 10.0]
    v = sorted(math.log1p(e) for e in errs)
    expected = ((v[0] + v[1]) / 2 + (v[1] + v[2]) / 2) / (math.log(20039) * 2)
    assert error_auc(errs) == pytest.approx(expected)


def test_median():
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 2, 3]) == 2.5


def test_token_index_maps_char_spans_to_tokens():
    text = "The U.N. said, quietly."
    ti = TokenIndex(text)
    said = text.index("said")
    assert len(ti.token_set([(said, said + 4)])) == 1
    # a span that cuts a word still touches it
    assert ti.token_set([(said + 1, said + 2)]) == ti.token_set([(said, said + 4)])
    assert ti.token_set([(3, 4)]) == set()  # whitespace only
