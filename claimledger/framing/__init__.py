"""Framing stage: recurring war narratives and persuasion techniques, each with its evidence span.

Usage (the pipeline loads one detector per process)::

    det = FramingDetector.load()
    framing = det.detect(text, sentences, claims)   # -> model.Framing

Nothing heavy happens at import: the data files and the optional sentence encoder are loaded by
:meth:`FramingDetector.load`.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Sequence

from claimledger.framing.narratives import Catalogue, NarrativeMatcher, get_encoder
from claimledger.framing.techniques import TechniqueTagger
from claimledger.lang import LanguagePack
from claimledger.model import Claim, Framing, Span

__all__ = ["FramingDetector", "split_sentences"]

# Fallback only (the pipeline passes spaCy sentences): end punctuation + space + capital/quote/digit,
# or a line break.  Good enough for the eval corpora and tests.
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"'»”’)]?)\s+(?=[\"'«“‘(]?[A-ZА-ЯІЇЄҐ0-9])|\n+")


def split_sentences(text: str) -> list[Span]:
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        end = m.start() + len(m.group(1) or "")  # keep a closing quote with its sentence
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    tail_end = len(text.rstrip())
    if text[start:tail_end].strip():
        spans.append((start, tail_end))
    return spans


class FramingDetector:
    _cached: dict[tuple, FramingDetector] = {}
    _lock = threading.Lock()

    def __init__(self, narratives: NarrativeMatcher, techniques: TechniqueTagger):
        self.narratives = narratives
        self.techniques = techniques

    @classmethod
    def load(cls, use_encoder: bool = True, pack: LanguagePack | None = None) -> FramingDetector:
        """The process-wide detector (data validated, encoder loaded at most once).  ``pack``: the language
        pack of the speech cues and of the catalogues (narratives, techniques: ``lang/<code>/*.yaml`` where the
        language has them; default English)."""
        key = (use_encoder, pack.code if pack is not None else None)
        with cls._lock:
            if key not in cls._cached:
                encoder = get_encoder() if use_encoder else None
                # the article language's catalogues (same narrative ids in every language, so counts join)
                lang = pack.code if pack is not None else "en"
                cls._cached[key] = cls(
                    NarrativeMatcher(Catalogue.load(lang), encoder, pack), TechniqueTagger.load(lang)
                )
            return cls._cached[key]

    @property
    def uses_encoder(self) -> bool:
        return self.narratives.encoder is not None

    def detect(self, text: str, sentences: Sequence[Span] | None = None, claims: Sequence[Claim] = ()) -> Framing:
        sentences = list(sentences) if sentences else split_sentences(text)
        claims = list(claims or ())
        narratives = self.narratives.match(text, sentences, claims)
        techniques = self.techniques.tag(text, claims)
        _attribute_techniques(techniques, narratives, sentences)
        return Framing(narratives=narratives, techniques=techniques)


def _attribute_techniques(techniques, narratives, sentences) -> None:
    # A technique in a sentence whose narrative is attributed (reported speech found by the
    # narrative matcher without a claim) is the speaker's rhetoric, not the article's.
    if not all(a[0] < a[1] <= b[0] for a, b in zip(sentences, sentences[1:])):
        return _attribute_techniques_scan(techniques, narratives, sentences)
    # Disjoint sentences in text order (the pipeline's): a position's sentence is a binary search, and each
    # sentence's first attributed narrative is looked up, not searched for (linear in the article).
    starts = [s for s, _ in sentences]

    def sentence_at(pos: int):
        i = bisect_right(starts, pos) - 1
        return sentences[i] if i >= 0 and sentences[i][0] <= pos < sentences[i][1] else None

    first_claim: dict = {}
    for h in narratives:
        if h.voice == "attributed":
            sent = sentence_at(h.span[0])
            if sent is not None:
                first_claim.setdefault(tuple(sent), h.claim)
    for t in techniques:
        if t.voice != "own":
            continue
        sent = sentence_at(t.span[0])
        if sent is not None and t.span[1] <= sent[1] and tuple(sent) in first_claim:
            t.voice, t.claim = "attributed", first_claim[tuple(sent)]


def _attribute_techniques_scan(techniques, narratives, sentences) -> None:
    attributed = []
    for h in narratives:
        if h.voice == "attributed":
            sent = next((s for s in sentences if s[0] <= h.span[0] < s[1]), None)
            if sent is not None:
                attributed.append((sent, h.claim))
    for t in techniques:
        if t.voice != "own":
            continue
        for (s, e), claim in attributed:
            if s <= t.span[0] and t.span[1] <= e:
                t.voice, t.claim = "attributed", claim
                break
