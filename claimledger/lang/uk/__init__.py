"""The Ukrainian pack: no offline Ukrainian parser exists, so the Doc is built from razdel segmentation,
pymorphy3 morphology (``pymorphy3-dicts-uk``) and a heuristic clause-level dependency sketch
(``claimledger.lang.uk.parser``; the choice and its measurements are in docs/languages.md).  The sketch speaks
UD; prepositional phrases are put into the house shape by ``docbuild.to_house_shape``, so ``deps.yaml`` is the
identity map.
"""

from __future__ import annotations

from functools import lru_cache

from claimledger.errors import ClaimledgerError
from claimledger.lang import LanguagePack, _load_words
from claimledger.lang.docbuild import Tok, fix_roots, line_spans, make_doc, to_house_shape


class UkrainianPipeline:
    """Callable like a spaCy ``Language``: ``nlp(text) -> Doc`` and ``nlp.pipe(texts)``."""

    def __init__(self):
        try:
            from razdel import sentenize, tokenize

            from claimledger.lang.uk.parser import Morph
        except ImportError:
            raise ClaimledgerError(
                "the Ukrainian pack needs razdel and pymorphy3; run: pip install -r requirements.txt"
            ) from None
        import spacy

        self.morph = Morph()
        self._tokenize, self._sentenize = tokenize, sentenize
        self.vocab = spacy.blank("xx").vocab
        cues = _load_words("uk", "reporting_cues")
        self.source_frames = [[w.lower() for w in f["words"]] for f in cues["source_prepositions"]]
        self.reporting = frozenset(cues["verbs"])
        words = _load_words("uk", "parser")
        self.complementizers = frozenset(words["complementizers"])
        self.openers = frozenset(words["report_openers"])

    def __call__(self, text: str):
        return self._build(text)

    def pipe(self, texts, batch_size: int = 16, **_):
        for text in texts:
            yield self._build(text)

    def _build(self, text: str):
        from claimledger.lang.uk.parser import analyse_tokens, entities, parse_sentence

        toks: list[Tok] = []
        sents: list[tuple[int, int]] = []
        for ls, le in line_spans(text):
            line = text[ls:le]
            for s in self._sentenize(line):
                lo = len(toks)
                for t in self._tokenize(s.text):
                    toks.append(Tok(ls + s.start + t.start, ls + s.start + t.stop, t.text, "", "X", -1, "dep"))
                if len(toks) > lo:
                    sents.append((lo, len(toks)))
        for lo, hi in sents:
            analyse_tokens(self.morph, toks, lo, hi)
            parse_sentence(toks, lo, hi, self.reporting, self.complementizers, self.openers)
            fix_roots(toks, lo, hi)
        to_house_shape(toks, sents, self.source_frames, self.reporting)
        for lo, hi in sents:
            fix_roots(toks, lo, hi)
        return make_doc(self.vocab, text, toks, sents, entities(toks, sents))


@lru_cache(maxsize=1)
def load_model():
    return UkrainianPipeline()


def _ud_map() -> dict[str, str]:
    try:
        return dict(_load_words("uk", "deps")["ud"])
    except ClaimledgerError:
        return {}


PACK = LanguagePack(code="uk", name="Ukrainian", model_loader=load_model, ud=_ud_map())
