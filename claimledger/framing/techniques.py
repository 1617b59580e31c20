"""Span-level persuasion techniques (the 14 labels of SemEval-2020 Task 11), from cue lexicons.

All cues live in ``data/techniques.yaml``; this module compiles them, finds spans, adds the
counting-based Repetition detector, and classifies given spans (the task's TC setting).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from claimledger.framing.claim_index import ClaimIndex
from claimledger.framing.narratives import fold_quotes, load_catalogue
from claimledger.model import Claim, Span, TechniqueHit

_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


@dataclass
class _Rule:
    technique: str
    rx: re.Pattern
    weight: float


def _terms_regex(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    parts = []
    for t in sorted(terms, key=len, reverse=True):  # longest first: "kyiv regime" before "regime"
        stem = t.endswith("*")
        body = r"\s+".join(re.escape(w) for w in t.rstrip("*").split())
        parts.append(body + (r"\w*" if stem else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


class TechniqueTagger:
    def __init__(self, data: dict):
        self.version = data["version"]
        self.language = data.get("language", "en")  # stopwords, terms and cues are written for it
        self.rules: list[_Rule] = []
        for t in data["techniques"]:
            rx = _terms_regex(t.get("terms", []))
            if rx is not None:
                self.rules.append(_Rule(t["id"], rx, t.get("terms_weight", 0.6)))
            for cue in t["cues"]:
                self.rules.append(_Rule(t["id"], re.compile(cue["pattern"], re.IGNORECASE), cue.get("weight", 0.6)))
        self.labels = [t["id"] for t in data["techniques"]]
        rep = data["repetition"]
        self.rep_min = rep["min_occurrences"]
        self.rep_n = (rep["min_tokens"], rep["max_tokens"])
        self.stop = set(rep["stopwords"])
        self.fallback = data["fallback"]

    @classmethod
    def load(cls, language: str = "en") -> TechniqueTagger:
        """The cue lexicons written for ``language`` (the English ones where the language has none)."""
        return cls(load_catalogue("techniques", language))

    # -- detection --------------------------------------------------------------------------

    def _cue_spans(self, folded: str) -> list[tuple[str, int, int, float]]:
        found = []
        for r in self.rules:
            for m in r.rx.finditer(folded):
                if m.end() > m.start():
                    found.append((r.technique, m.start(), m.end(), r.weight))
        return found

    def _repetitions(self, folded: str, cue_spans) -> list[tuple[str, int, int, float]]:
        """Word n-grams repeated ``min_occurrences`` times; every occurrence after the first is a hit.

        Only n-grams that carry another technique's cue, or are long and free of capitalised names,
        count: news repeats "Russian Defence Ministry" for accuracy, not persuasion.
        """
        words = [(m.group().lower(), m.start(), m.end(), m.group()[:1].isupper()) for m in _WORD.finditer(folded)]
        lo, hi = self.rep_n
        seen: dict[tuple[str, ...], list[int]] = defaultdict(list)
        stop = self.stop
        lowered = [w[0] for w in words]
        for n in range(lo, hi + 1):
            for i in range(len(words) - n + 1):
                # an n-gram starting or ending with a stop word never counts (checked before building it)
                if lowered[i] in stop or lowered[i + n - 1] in stop:
                    continue
                seen[tuple(lowered[i : i + n])].append(i)
        # cue ranges by start, with the furthest end so far: "does a span overlap a cue" is a binary search
        cue_ranges = sorted((s, e) for _, s, e, _ in cue_spans)
        cue_starts = [s for s, _ in cue_ranges]
        reach = list(accumulate((e for _, e in cue_ranges), max))
        out = []
        for gram, starts in seen.items():
            if len(starts) < self.rep_min:
                continue
            n = len(gram)
            spans = [(words[i][1], words[i + n - 1][2]) for i in starts]
            a, b = spans[0]
            k = bisect_left(cue_starts, b)  # the cues starting before the span ends
            carries_cue = k > 0 and reach[k - 1] > a
            no_names = not any(words[i + k][3] for i in starts[:1] for k in range(n))
            if carries_cue or (n >= 3 and no_names):
                out.extend(("Repetition", a, b, 0.5) for a, b in spans[1:])
        # Keep maximal repeated spans only.
        out.sort(key=lambda x: (x[1], -(x[2] - x[1])))
        kept = []
        for h in out:
            if kept and h[1] >= kept[-1][1] and h[2] <= kept[-1][2]:
                continue
            kept.append(h)
        return kept

    def tag(self, text: str, claims: Sequence[Claim] = ()) -> list[TechniqueHit]:
        folded = fold_quotes(text)
        raw = self._cue_spans(folded)
        raw += self._repetitions(folded, raw)
        # Same technique, overlapping spans -> one span (their union), keeping the best weight.
        by_tech: dict[str, list[list]] = defaultdict(list)
        for tech, s, e, w in sorted(raw, key=lambda x: (x[0], x[1], x[2])):
            spans = by_tech[tech]
            if spans and s < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], e)
                spans[-1][2] = max(spans[-1][2], w)
            else:
                spans.append([s, e, w])
        hits = []
        holders = ClaimIndex(claims)
        for tech, spans in by_tech.items():
            for s, e, w in spans:
                claim = holders.first_holding((s, e))
                hits.append(
                    TechniqueHit(
                        technique=tech,
                        span=(s, e),
                        text=text[s:e],
                        score=round(w, 3),
                        voice="attributed" if claim else "own",
                        claim=claim.id if claim else None,
                    )
                )
        hits.sort(key=lambda h: (h.span[0], h.span[1], h.technique))
        return hits

    # -- classification of given spans (SemEval TC) -----------------------------------------

    def classify_spans(self, text: str, spans: Sequence[Span]) -> list[str]:
        """One technique label per given span: the heaviest cue overlapping it, weighted by how
        much of the span it covers; else Repetition if the phrase recurs; else the fallback."""
        folded = fold_quotes(text)
        cues = self._cue_spans(folded)
        lower = folded.lower()
        labels = []
        for s, e in spans:
            best, best_score = None, 0.0
            for tech, cs, ce, w in cues:
                inter = min(e, ce) - max(s, cs)
                if inter > 0:
                    score = w * (0.5 + 0.5 * inter / max(1, e - s))
                    if score > best_score:
                        best, best_score = tech, score
            if best is None:
                phrase = lower[s:e].strip()
                n_tok = len(_WORD.findall(phrase))
                if 0 < n_tok <= 6 and lower.count(phrase) >= 2:
                    best = "Repetition"
                else:
                    fb = self.fallback
                    best = fb["short"] if n_tok <= fb["short_span_tokens"] else fb["long"]
            labels.append(best)
        return labels
