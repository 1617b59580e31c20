"""The terms a claim's content (or a sentence) is matched on across articles (issue 15's statements): its content
lemmas, its proper-noun lemmas and its numbers, taken from the article's own parse, so linking never parses a
claim a second time.  Proper nouns and numbers are kept apart from the lemmas: sharing a town or a number is not
sharing content."""

from __future__ import annotations

import re

from claimledger.model import ArticleLedger, Terms

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
NAME_POS = frozenset({"PROPN"})
_NUMBER = re.compile(r"[\d.,]*\d[\d.,]*")
_THOUSANDS = re.compile(r"[.,](?=\d{3}\b)")


def terms_of(tokens) -> Terms:
    """The terms of a run of parsed tokens (a spaCy ``Doc`` or ``Span``; the ru/uk packs build the same tokens)."""
    lemmas, names, numbers = set(), set(), set()
    for t in tokens:
        if _NUMBER.fullmatch(t.text):
            numbers.add(_THOUSANDS.sub("", t.text))
            continue
        lemma = (t.lemma_ or t.text).lower()
        if t.pos_ in NAME_POS and t.is_alpha:
            names.add(lemma)
        elif t.pos_ in CONTENT_POS and t.is_alpha and not t.is_stop and len(lemma) > 1:
            lemmas.add(lemma)
    return Terms(sorted(lemmas), sorted(names), sorted(numbers))


def _span(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


def article_terms(doc, ledger: ArticleLedger) -> dict[str, Terms]:
    """Terms per claim (by claim id, over its content span) and per sentence (``s1``, ``s2``, ... in order): what
    ``link.statements`` may match.  A span the parse cannot align is left out (linking then derives it itself)."""
    out: dict[str, Terms] = {}
    for c in ledger.claims:
        if c.content.span:
            span = _span(doc, *c.content.span)
            if span is not None:
                out[c.id] = terms_of(span)
    for n, (s, e) in enumerate(ledger.sentences):
        span = _span(doc, s, e)
        if span is not None:
            out[f"s{n + 1}"] = terms_of(span)
    return out
