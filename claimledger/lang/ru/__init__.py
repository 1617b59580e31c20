"""The Russian pack: natasha (razdel segmentation, slovnet morphology, UD syntax and NER; weights inside the wheel,
nothing downloads) turned into a spaCy ``Doc`` (``claimledger.lang.docbuild``) so the extractors run unchanged.

Lemmas come from natasha's pymorphy2 lemmatiser given slovnet's POS and features; NER labels map PER -> PERSON,
LOC -> GPE, ORG -> ORG.  The parse is UD; prepositional phrases are turned into the house shape (preposition heads
its noun) by ``docbuild.to_house_shape``, so ``deps.yaml`` is the identity map.
"""

from __future__ import annotations

from functools import lru_cache

from claimledger.errors import ClaimledgerError
from claimledger.lang import LanguagePack, _load_words
from claimledger.lang.docbuild import Tok, fix_roots, line_spans, make_doc, to_house_shape

NER_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}


class NatashaPipeline:
    """Callable like a spaCy ``Language``: ``nlp(text) -> Doc`` and ``nlp.pipe(texts)``."""

    def __init__(self, code: str = "ru"):
        try:
            from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser
            from razdel import sentenize, tokenize
        except ImportError:
            raise ClaimledgerError("the Russian pack needs natasha; run: pip install -r requirements.txt") from None
        import spacy

        emb = NewsEmbedding()
        self.morph = NewsMorphTagger(emb)
        self.syntax = NewsSyntaxParser(emb)
        self.ner = NewsNERTagger(emb)
        self.vocab_ = MorphVocab()
        self._tokenize, self._sentenize = tokenize, sentenize
        self.vocab = spacy.blank("xx").vocab
        self.code = code
        self._lemmas: dict = {}
        cues = _load_words(code, "reporting_cues")
        self.source_frames = [[w.lower() for w in f["words"]] for f in cues["source_prepositions"]]
        self.reporting = frozenset(cues["verbs"])

    def __call__(self, text: str):
        return self._build(text)

    def pipe(self, texts, batch_size: int = 16, **_):
        for text in texts:
            yield self._build(text)

    def _lemma(self, word: str, pos: str, feats: dict) -> str:
        key = (word, pos, tuple(sorted(feats.items())))
        lemma = self._lemmas.get(key)
        if lemma is None:
            try:
                lemma = self.vocab_.lemmatize(word, pos, feats)
            except Exception:  # pymorphy2 has no parse for some tokens (numbers with symbols)
                lemma = word.lower()
            if len(self._lemmas) < 200_000:
                self._lemmas[key] = lemma
        return lemma

    def _build(self, text: str):
        toks: list[Tok] = []
        sents: list[tuple[int, int]] = []  # token ranges
        words: list[list[str]] = []
        for ls, le in line_spans(text):
            line = text[ls:le]
            for s in self._sentenize(line):
                lo = len(toks)
                for t in self._tokenize(s.text):
                    toks.append(Tok(ls + s.start + t.start, ls + s.start + t.stop, t.text, "", "X", 0, "dep"))
                if len(toks) > lo:
                    sents.append((lo, len(toks)))
                    words.append([t.text for t in toks[lo:]])
        if words:
            for (lo, _hi), m, p in zip(sents, self.morph.map(words), self.syntax.map(words)):
                for k, (mt, st) in enumerate(zip(m.tokens, p.tokens)):
                    t = toks[lo + k]
                    t.pos, t.morph = mt.pos, dict(mt.feats)
                    t.lemma = self._lemma(t.text, mt.pos, t.morph)
                    head = int(st.head_id)
                    t.head = lo + head - 1 if head > 0 else lo + k
                    t.dep = st.rel if head > 0 else "root"
            for lo, hi in sents:
                fix_roots(toks, lo, hi)
            to_house_shape(toks, sents, self.source_frames, self.reporting)
            for lo, hi in sents:
                fix_roots(toks, lo, hi)
        ents = self._entities(text, toks)
        return make_doc(self.vocab, text, toks, sents, ents)

    def _entities(self, text: str, toks: list[Tok]) -> list[tuple[int, int, str]]:
        if not text.strip():
            return []
        starts = {t.start: i for i, t in enumerate(toks)}
        ends = {t.end: i for i, t in enumerate(toks)}
        out = []
        for span in self.ner(text).spans:
            s, e = starts.get(span.start), ends.get(span.stop)
            if s is not None and e is not None and span.type in NER_LABELS:
                out.append((s, e + 1, NER_LABELS[span.type]))
        return out


@lru_cache(maxsize=1)
def load_model():
    return NatashaPipeline("ru")


def _ud_map() -> dict[str, str]:
    try:
        return dict(_load_words("ru", "deps")["ud"])
    except ClaimledgerError:
        return {}


PACK = LanguagePack(code="ru", name="Russian", model_loader=load_model, ud=_ud_map())
