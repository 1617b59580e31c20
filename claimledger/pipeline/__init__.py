"""analyze(article) -> ArticleLedger.  The only place that runs the stages, in the configured order
(``stages.DEFAULT_STAGES``):

    prepare -> parse -> claims -> dates -> places -> claim_places -> events -> framing -> terms

Heavy resources (parser, gazetteer, knowledge files) are loaded once by ``Analyzer.load()`` and reused for every
article, so a worker process holds them once.  The article's language picks its language pack.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from claimledger.lang import get_pack
from claimledger.model import Article, ArticleLedger, Place
from claimledger.pipeline.prepare import check_language, prepare  # noqa: F401  (the entry points' first step)
from claimledger.pipeline.stages import DEFAULT_STAGES, STAGE_FACTORIES, ArticleState, Resources, Stage


@dataclass(eq=False)
class Analyzer:
    resources: Resources
    stages: list[Stage]

    @classmethod
    @lru_cache(maxsize=2)
    def load(
        cls, with_framing: bool = True, similarity: bool = False, stage_names: tuple[str, ...] = DEFAULT_STAGES
    ) -> Analyzer:
        """Load every heavy resource once per process (cached: later calls return the same analyzer).

        ``similarity`` adds the sentence encoder to narrative matching: a little more recall on our gold set
        (narrative F1 0.970 vs 0.938 with patterns alone) for about three times the cost of the whole
        pipeline, so it is opt-in (``--similarity``)."""
        from claimledger.extract.actors import ActorKnowledge
        from claimledger.extract.attribution import AttributionFinder
        from claimledger.geo.gazetteer import GeonamesGazetteer
        from claimledger.geo.resolve import PlaceResolver

        framing = None
        if with_framing and "framing" in stage_names:
            from claimledger.framing import FramingDetector

            framing = FramingDetector.load(use_encoder=similarity)
        get_pack("en").load_model()
        gazetteer = GeonamesGazetteer()
        res = Resources(
            gazetteer=gazetteer,
            resolver=PlaceResolver(gazetteer),
            actors=ActorKnowledge.load(),
            finder=AttributionFinder(),
            framing=framing,
            similarity=similarity,
        )
        return cls(resources=res, stages=[STAGE_FACTORIES[n](res) for n in stage_names])

    # kept for callers that reach into the analyzer
    @property
    def nlp(self):
        return get_pack("en").load_model()

    @property
    def resolver(self):
        return self.resources.resolver

    @property
    def gazetteer(self):
        return self.resources.gazetteer

    @property
    def framing(self):
        return self.resources.framing

    def analyze(self, article: Article, doc=None) -> ArticleLedger:
        """Analyse one article (entry points call ``prepare`` first, which refuses unsupported languages)."""
        state = ArticleState(
            article=article, pack=get_pack(article.language or "en"), ledger=ArticleLedger(article), doc=doc
        )
        for stage in self.stages:
            stage(state)
        return state.ledger

    def analyze_many(self, articles: list[Article], batch_size: int = 16) -> Iterable[ArticleLedger]:
        """Batched parsing for many articles (the parser's ``pipe``); yields ledgers in order."""
        by_lang: dict[str, list[int]] = {}
        for i, a in enumerate(articles):
            by_lang.setdefault(a.language or "en", []).append(i)
        docs: list = [None] * len(articles)
        for lang, idx in by_lang.items():
            nlp = get_pack(lang).load_model()
            for i, doc in zip(idx, nlp.pipe((articles[i].text for i in idx), batch_size=batch_size)):
                docs[i] = doc
        for article, doc in zip(articles, docs):
            yield self.analyze(article, doc)

    def analyze_text(self, text: str, published: str | None = None) -> ArticleLedger:
        """Convenience for evaluation and tests: no language gate, text used as is."""
        return self.analyze(Article(text=text, sha256="", published=published, language="en"))

    def resolve_mentions(self, text: str, spans: list[tuple[int, int]]) -> list[Place]:
        return self.resources.resolver.resolve_spans(text, spans)
