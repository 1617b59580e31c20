"""Looking claims up by position, for the framing matchers: each question a binary search over the claims' spans
sorted once per article, never a scan of every claim (the matchers ask per sentence and per hit, so a scan made
the framing stage quadratic in the article's length).  Every answer is the one the plain scan gives, in claim
order."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from claimledger.model import Claim, Span


class _Spans:
    """(start, end, key) triples sorted by start; the spans overlapping or containing a given span."""

    def __init__(self, spans: list[tuple[Span, int]]):
        self.entries = sorted((s, e, k) for (s, e), k in spans)
        self.starts = [s for s, _, _ in self.entries]
        self.longest = max((e - s for s, e, _ in self.entries), default=0)

    def overlapping(self, span: Span) -> list[tuple[int, int, int]]:
        """Entries with start < span end and span start < end."""
        a, b = span
        lo = bisect_left(self.starts, a - self.longest)
        return [x for x in self.entries[lo : bisect_left(self.starts, b)] if a < x[1]]

    def containing(self, span: Span) -> list[tuple[int, int, int]]:
        """Entries with start <= span start and span end <= end."""
        a, b = span
        lo = bisect_left(self.starts, b - self.longest)
        return [x for x in self.entries[lo : bisect_right(self.starts, a)] if b <= x[1]]


class ClaimIndex:
    def __init__(self, claims: Sequence[Claim], sentences: Sequence[Span] = ()):
        self.claims = list(claims)
        self.contents = _Spans([(c.content.span, k) for k, c in enumerate(self.claims) if c.content.span is not None])
        self.sentences = _Spans([(c.sentence, k) for k, c in enumerate(self.claims) if c.sentence is not None])
        self.ends = sorted((c.sentence[1], k) for k, c in enumerate(self.claims))
        self._per_sentence = _per_sentence(self.claims, list(sentences))

    def first_holding(self, span: Span) -> Claim | None:
        """The first claim whose content or sentence contains ``span``."""
        ks = [k for _, _, k in self.contents.containing(span)] + [k for _, _, k in self.sentences.containing(span)]
        return self.claims[min(ks)] if ks else None

    def covering(self, evidence: Span, sent: Span) -> Claim | None:
        """``NarrativeMatcher._covering_claim``: the claim with the shortest content overlapping the evidence
        (the first of equals), else the first claim whose sentence overlaps the sentence."""
        in_content = self.contents.overlapping(evidence)
        if in_content:
            return self.claims[min((e - s, k) for s, e, k in in_content)[1]]
        in_sentence = self.sentences.overlapping(sent)
        return self.claims[min(k for _, _, k in in_sentence)] if in_sentence else None

    def preceding(self, start: int) -> Claim | None:
        """The claim whose sentence ends last at or before ``start`` (the first of equals)."""
        n = bisect_right(self.ends, (start, len(self.claims)))
        if not n:
            return None
        return self.claims[self.ends[bisect_left(self.ends, (self.ends[n - 1][0], -1))][1]]

    def speaking_in(self, i: int, sent: Span) -> list[Claim]:
        """The claims whose sentence or content overlaps sentence ``i`` (``sent``), in claim order."""
        if self._per_sentence is None:
            return [c for c in self.claims if _overlap(c.sentence, sent) or _overlap(sent, c.content.span)]
        return [self.claims[k] for k in self._per_sentence.get(i, ())]


def _overlap(a: Span, b: Span | None) -> bool:
    return b is not None and a[0] < b[1] and b[0] < a[1]


def _per_sentence(claims: list[Claim], sentences: list[Span]) -> dict[int, list[int]] | None:
    """Sentence number -> the claims overlapping it, when the sentences' starts and ends both ascend (then the
    sentences a span overlaps are a contiguous run, found by two binary searches); else None."""
    starts = [s for s, _ in sentences]
    ends = [e for _, e in sentences]
    if any(a > b for a, b in zip(starts, starts[1:])) or any(a > b for a, b in zip(ends, ends[1:])):
        return None
    out: dict[int, set[int]] = {}
    for k, c in enumerate(claims):
        for span in (c.sentence, c.content.span):
            if span is None:
                continue
            a, b = span
            for i in range(bisect_right(ends, a), bisect_left(starts, b)):  # e_i > a and s_i < b
                out.setdefault(i, set()).add(k)
    return {i: sorted(ks) for i, ks in out.items()}
