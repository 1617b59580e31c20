"""Near-duplicate detection: the fast MinHash equals its definition; copies are similar, rewrites are not."""

from claimledger.link import dedupe
from tests.conftest import FIXTURES


def test_fast_minhash_equals_reference():
    for path in sorted((FIXTURES / "ledger").glob("*.txt")):
        text = path.read_text()
        assert dedupe.minhash(text) == dedupe.minhash_reference(text)
    assert dedupe.minhash("short") == dedupe.minhash_reference("short")


def test_copies_are_similar_and_different_reports_are_not():
    a = (FIXTURES / "ledger" / "kurakhove-1-tass.txt").read_text()
    copy = (FIXTURES / "ledger" / "kurakhove-2-copy.txt").read_text()
    other = (FIXTURES / "ledger" / "kurakhove-3-denial.txt").read_text()
    sa, sc, so = dedupe.minhash(a), dedupe.minhash(copy), dedupe.minhash(other)
    assert dedupe.similarity(sa, sc) >= dedupe.THRESHOLD
    assert dedupe.similarity(sa, so) < 0.3
    assert set(dedupe.bands(sa)) & set(dedupe.bands(sc))
