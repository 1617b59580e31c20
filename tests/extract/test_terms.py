"""The terms statements are matched on come from the article's own parse (the ``terms`` stage), so linking an
article never parses its claims again."""

from claimledger.extract.terms import terms_of
from claimledger.link.statement_match import signatures
from claimledger.model import Terms

WIRE = (
    "KYIV, Dec 12 (Wire) - Ukraine's General Staff said on Friday that 14 drones were shot down over Kharkiv "
    "overnight.\n\nA platoon commander told state television that residents of Siversk had helped the troops.\n\n"
    "The shelling damaged 3,200 homes, the regional governor said."
)


def test_terms_per_claim_and_sentence_from_the_parse(analyzer):
    ledger = analyzer.analyze_text(WIRE, published="2025-12-12")
    assert ledger.claims, "the wire copy has attributed claims"
    for c in ledger.claims:
        t = ledger.terms[c.id]
        content = WIRE[c.content.span[0] : c.content.span[1]].lower()
        assert t.lemmas and all(w[:2] in content for w in t.lemmas)  # lemmas of the content's own words
    assert len([k for k in ledger.terms if k.startswith("s")]) == len(ledger.sentences)
    drones = next(c for c in ledger.claims if "drones" in c.content.text)
    assert "14" in ledger.terms[drones.id].numbers and "drone" in ledger.terms[drones.id].lemmas
    homes = next(c for c in ledger.claims if "homes" in c.content.text)
    assert "3200" in ledger.terms[homes.id].numbers  # thousands separator dropped: 3,200 == 3200
    assert "kharkiv" not in ledger.terms[drones.id].lemmas  # a name, never a content lemma


def test_terms_match_a_separate_parse_of_the_content(analyzer):
    ledger = analyzer.analyze_text(WIRE, published="2025-12-12")
    for c in ledger.claims:
        alone = terms_of(analyzer.nlp(c.content.text))
        shared = set(alone.lemmas) & set(ledger.terms[c.id].lemmas)
        assert len(shared) >= 0.6 * max(len(alone.lemmas), 1)


def test_given_terms_are_used_instead_of_a_parse():
    """With a text's terms given (from the article's parse), the text itself is not parsed again."""
    sig = signatures(["anything"], "en", terms=[Terms(["support", "resident"], ["siversk"], ["2"])])[0]
    assert sig.lemmas == ["support", "resident"] and sig.names == ["siversk"] and sig.numbers == ["2"]
