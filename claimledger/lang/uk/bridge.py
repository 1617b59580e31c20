"""Ukrainian -> Russian bridge: Ukrainian text and lemmas projected into Russian, which the shared tools cover
(the statement matcher's multilingual sentence encoder knows Russian but not Ukrainian, and a Russian-projected
lemma set compares with Russian claims' lemmas).

A Ukrainian word is projected in three ways, first success wins:
  - its lemma is in the bilingual list (``bridge.yaml`` ``words``: frequent non-cognates and false friends):
    the Russian lemma, inflected like the Ukrainian form;
  - as a cognate: candidates from the regular orthographic correspondences (``letters``, ``sequences``,
    ``prefixes``, ``endings``) are walked through the Russian dictionary's word graph (pymorphy3-dicts-ru), so
    only real Russian words come out; the one with fewest changes and a compatible part of speech is kept;
  - otherwise the word stays as it is (names the dictionaries do not know, for instance).
The knowledge is data (``bridge.yaml``, schema ``lang/schemas/bridge.schema.json``); this module holds none."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
MAX_CHANGES = 3  # correspondences applied to one word
MAX_STEPS = 3000  # graph steps per word: bounds the cost of a long or odd word
_CACHE_SIZE = 100_000
# parts of speech that may correspond across the two tagsets (pymorphy3's OpenCorpora-style tags)
_GROUP = {
    "NOUN": "N",
    "ADJF": "A",
    "ADJS": "A",
    "PRTF": "A",
    "PRTS": "A",
    "COMP": "A",
    "VERB": "V",
    "INFN": "V",
    "GRND": "V",
    "ADVB": "D",
    "PRED": "D",
}
_FEATURES = ("case", "number", "gender", "tense", "person", "aspect")
_AGREE = ("case", "number", "gender")


def _group(pos) -> str:
    return _GROUP.get(pos, str(pos))


class Bridge:
    """``text(s)``: pseudo-Russian text; ``lemma(l)``: the Russian lemma of a Ukrainian lemma."""

    def __init__(self, data: dict):
        import pymorphy3

        self.source, self.target = data["language"], data["target"]
        self.src = pymorphy3.MorphAnalyzer(lang=self.source)
        self.dst = pymorphy3.MorphAnalyzer(lang=self.target)
        self._graph = self.dst.dictionary.words
        self.words = {k.lower(): v.lower() for k, v in data["words"].items()}
        self.letters = {k: list(v) for k, v in data["letters"].items()}
        self.sequences: dict[str, list[tuple[str, list[str]]]] = {}
        for seq, alts in data["sequences"].items():
            self.sequences.setdefault(seq[0], []).append((seq, list(alts)))
        self.prefixes = [(p, list(a)) for p, a in data["prefixes"].items()]
        self.endings = [(e, list(a)) for e, a in data["endings"].items()]
        self._lemmas: dict[str, str] = {}
        self._forms: dict[str, str] = {}

    # ------------------------------------------------------------------ cognates

    def candidates(self, word: str) -> list[tuple[str, int]]:
        """Target-language word forms reachable from ``word`` by the correspondences, fewest changes first."""
        dct, graph, n = self._graph.dct, self._graph, len(word)
        found: dict[str, int] = {}
        seen: set[tuple[int, str]] = set()
        stack = [(0, dct.ROOT, "", 0)]
        steps = 0
        while stack and steps < MAX_STEPS:
            i, node, out, cost = stack.pop()
            steps += 1
            if i == n:
                if graph._has_value(node) and cost < found.get(out, MAX_CHANGES + 1):
                    found[out] = cost
                continue
            moves = [(1, word[i], 0)] + [(1, alt, 1) for alt in self.letters.get(word[i], ())]
            for seq, alts in self.sequences.get(word[i], ()):
                if word.startswith(seq, i):
                    moves += [(len(seq), alt, 1) for alt in alts]
            if i == 0:
                moves += [(len(p), alt, 1) for p, alts in self.prefixes if word.startswith(p) for alt in alts]
            moves += [
                (len(e), alt, 1) for e, alts in self.endings if n - i == len(e) and word.endswith(e) for alt in alts
            ]
            for step, rep, extra in moves:
                if cost + extra > MAX_CHANGES or (i + step, out + rep) in seen:
                    continue
                nxt = dct.follow_bytes(rep.encode(), node) if rep else node
                if nxt is not None:
                    seen.add((i + step, out + rep))
                    stack.append((i + step, nxt, out + rep, cost + extra))
        return sorted(found.items(), key=lambda kv: (kv[1], kv[0]))

    def _cognate(self, word: str, groups: set[str], lemma_only: bool, like=None) -> str | None:
        """The candidate with a compatible part of speech (a lemma, when ``lemma_only``) and the fewest changes.
        For a word form (``like``: its source parse), a candidate whose lemma is the projected source lemma comes
        first (Ukrainian "сили" is Russian "силы", not the rare "сили"), then agreement in case, number, gender."""
        target = self.lemma(like.normal_form) if like is not None else None
        best, best_key = None, None
        for form, cost in self.candidates(word):
            for p in self.dst.parse(form):
                if _group(p.tag.POS) not in groups or (lemma_only and p.normal_form != form):
                    continue
                key = (cost, 0)
                if like is not None:
                    agree = sum(1 for f in _AGREE if getattr(like.tag, f) and getattr(p.tag, f) == getattr(like.tag, f))
                    key = (p.normal_form.replace("ё", "е") != target, cost, -agree)
                if best_key is None or key < best_key:
                    best, best_key = form, key
        return best

    # ------------------------------------------------------------------ lemmas and forms

    def lemma(self, lemma: str) -> str:
        """The Russian lemma for a Ukrainian lemma (itself when nothing fits)."""
        w = lemma.lower()
        got = self._lemmas.get(w)
        if got is None:
            got = self.words.get(w)
            if got is None:
                parses = self.src.parse(w)
                groups = {_group(p.tag.POS) for p in parses if p.normal_form == w} or {
                    _group(p.tag.POS) for p in parses
                }
                got = self._cognate(w, groups, lemma_only=True) or w
            got = got.replace("ё", "е")
            if len(self._lemmas) < _CACHE_SIZE:
                self._lemmas[w] = got
        return got

    def form(self, word: str) -> str:
        """The Russian word form for a Ukrainian one, in the same letter case."""
        low = word.lower()
        got = self._forms.get(low)
        if got is None:
            parses = self.src.parse(low)
            p = parses[0]
            got = None
            if p.normal_form not in self.words:
                got = self._cognate(low, {_group(q.tag.POS) for q in parses}, lemma_only=False, like=p)
            if got is None:
                target = self.lemma(p.normal_form)
                got = low if target == p.normal_form.lower() else self._inflect(target, p) or target
            got = got.replace("ё", "е")
            if len(self._forms) < _CACHE_SIZE:
                self._forms[low] = got
        if word.isupper() and len(word) > 1:
            return got.upper()
        return got[:1].upper() + got[1:] if word[:1].isupper() else got

    def _inflect(self, lemma: str, parse) -> str | None:
        """The target lemma in the source parse's case, number, gender, tense and person (as many as fit)."""
        want = [g for g in (getattr(parse.tag, f) for f in _FEATURES) if g]
        group = _group(parse.tag.POS)
        if not self.dst.word_is_known(lemma):
            return None
        for q in self.dst.parse(lemma):
            if q.normal_form != lemma or _group(q.tag.POS) != group:
                continue
            if parse.tag.POS == "VERB" and q.tag.POS == "INFN":
                want = ["VERB", *want]
            for k in range(len(want), 0, -1):
                got = q.inflect(set(want[:k]))
                if got is not None:
                    return got.word
            return None
        return None

    def text(self, text: str) -> str:
        """The text with every Ukrainian word replaced by its Russian projection (punctuation and numbers kept)."""
        return WORD.sub(lambda m: self.form(m.group()), text)


@lru_cache(maxsize=1)
def load_bridge() -> Bridge:
    from claimledger.lang import _load_words

    return Bridge(_load_words("uk", "bridge"))
