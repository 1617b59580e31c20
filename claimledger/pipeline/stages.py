"""The stages of the per-article pipeline, as components (after spaCy's ``add_pipe``): each one declares what it
reads from and what it adds to the article being built (``ArticleState``), and registers a factory under its name.
The Analyzer is a configured list of stage names (``DEFAULT_STAGES``); a stage that needs heavy resources (model,
gazetteer, knowledge) gets them from ``Resources``, loaded once per process.

The real work stays in the stage folders (``extract/``, ``geo/``, ``framing/``); a stage here only connects it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from claimledger.lang import LanguagePack
from claimledger.model import Article, ArticleLedger


@dataclass
class ArticleState:
    """The article being built: the ledger so far plus what stages pass each other (parse, pack)."""

    article: Article
    pack: LanguagePack
    ledger: ArticleLedger
    doc: object = None  # the parsed document (spaCy Doc)
    mentions: list = field(default_factory=list)


class Stage(Protocol):
    name: str
    reads: tuple[str, ...]  # ledger fields (or "doc") it needs
    adds: tuple[str, ...]  # ledger fields (or "doc") it fills

    def __call__(self, state: ArticleState) -> None: ...


STAGE_FACTORIES: dict[str, Callable[[Resources], Stage]] = {}


def register_stage(name: str):
    """Register a stage factory ``f(resources) -> Stage`` under ``name``."""

    def wrap(factory):
        STAGE_FACTORIES[name] = factory
        return factory

    return wrap


@dataclass
class LanguageResources:
    """What the claims, places and framing stages need for one language."""

    finder: object
    actors: object
    resolver: object
    framing: object | None = None


@dataclass
class Resources:
    """Heavy things, loaded once per process and shared by the stages (and by fork/Spark workers).

    ``finder``, ``actors``, ``resolver`` and ``framing`` are the English ones; ``for_language(code)`` gives a
    language's own (its pack's cues, speaker words and actor names, place words), built on first use."""

    gazetteer: object
    resolver: object
    actors: object
    finder: object
    framing: object | None = None
    similarity: bool = False
    languages: dict = field(default_factory=dict)

    def for_language(self, code: str) -> LanguageResources:
        got = self.languages.get(code)
        if got is None:
            got = self.languages[code] = self._build(code)
        return got

    def _build(self, code: str) -> LanguageResources:
        if code == "en":
            return LanguageResources(self.finder, self.actors, self.resolver, self.framing)
        from claimledger.extract.actors_lang import actors_for
        from claimledger.extract.attribution import AttributionFinder
        from claimledger.geo.resolve import PlaceResolver
        from claimledger.lang import get_pack

        pack = get_pack(code)
        framing = None
        if self.framing is not None:
            from claimledger.framing import FramingDetector

            framing = FramingDetector.load(use_encoder=self.similarity, pack=pack)
        return LanguageResources(
            AttributionFinder(pack=pack), actors_for(code), PlaceResolver(self.gazetteer, pack), framing
        )


@dataclass
class _Stage:
    name: str
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[[ArticleState], None]

    def __call__(self, state: ArticleState) -> None:
        self.run(state)


@register_stage("prepare")
def prepare_stage(res: Resources) -> Stage:
    from claimledger import __version__
    from claimledger.data import knowledge_versions
    from claimledger.pipeline.prepare import apply_outlet

    def run(s: ArticleState) -> None:
        apply_outlet(s.article)
        s.article.pipeline_version = __version__
        s.article.knowledge = dict(knowledge_versions(s.pack.code))

    return _Stage("prepare", ("article",), ("article.outlet", "article.pipeline_version", "article.knowledge"), run)


PARSE_CHUNK = 100_000  # characters: longer texts are parsed in paragraph-aligned pieces (peak memory)


def parse_long(nlp, text: str):
    """``nlp(text)``; a text over ``PARSE_CHUNK`` characters is cut at paragraph breaks into pieces of at most that
    size, parsed with ``nlp.pipe`` and joined (``Doc.from_docs``): the parser's memory stays that of one piece.
    A line break already ends a sentence, so no sentence spans a cut (sentences and entities come out as in the
    whole parse; a dependency label next to a cut may differ).  Shorter texts are parsed whole, as always."""
    if len(text) <= PARSE_CHUNK:
        return nlp(text)
    from spacy.tokens import Doc

    pieces, start = [], 0
    while start < len(text):
        end = len(text) if len(text) - start <= PARSE_CHUNK else text.rfind("\n\n", start, start + PARSE_CHUNK) + 2
        if end <= start + 1:  # no paragraph break in reach: cut at a line break, else at the size
            end = text.rfind("\n", start, start + PARSE_CHUNK) + 1 or start + PARSE_CHUNK
            end = end if end > start else start + PARSE_CHUNK
        pieces.append(text[start:end])
        start = end
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    return doc if doc.text == text else nlp(text)


@register_stage("parse")
def parse_stage(res: Resources) -> Stage:
    from claimledger.extract.attribution import trim_span
    from claimledger.model import Entity

    def run(s: ArticleState) -> None:
        if s.doc is None:  # batched callers parse many texts at once (nlp.pipe) and hand the Doc in
            s.doc = parse_long(s.pack.load_model(), s.article.text)
        text = s.article.text
        s.ledger.sentences = [x for x in (trim_span(text, t.start_char, t.end_char) for t in s.doc.sents) if x]
        s.ledger.entities = [Entity(e.text, e.label_, (e.start_char, e.end_char)) for e in s.doc.ents]

    return _Stage("parse", ("article.text",), ("doc", "sentences", "entities"), run)


@register_stage("claims")
def claims_stage(res: Resources) -> Stage:
    from claimledger.extract.claims import extract_claims

    def run(s: ArticleState) -> None:
        lang = res.for_language(s.pack.code)
        s.ledger.claims, _roles = extract_claims(s.doc, s.ledger.sentences, lang.finder, lang.actors)

    return _Stage("claims", ("doc", "sentences"), ("claims",), run)


@register_stage("dates")
def dates_stage(res: Resources) -> Stage:
    from claimledger.extract.dates import find_dates

    def run(s: ArticleState) -> None:
        hints = [e.span for e in s.ledger.entities if e.label == "DATE"]
        s.ledger.dates = find_dates(s.article.text, s.article.published, hints, pack=s.pack)

    return _Stage("dates", ("entities", "article.published"), ("dates",), run)


@register_stage("places")
def places_stage(res: Resources) -> Stage:
    def run(s: ArticleState) -> None:
        resolver = res.for_language(s.pack.code).resolver
        s.ledger.places = resolver.resolve(s.article.text, resolver.mentions(s.doc))

    return _Stage("places", ("doc",), ("places",), run)


@register_stage("claim_places")
def claim_places_stage(res: Resources) -> Stage:
    from claimledger.pipeline.claim_places import link_claims_to_places

    def run(s: ArticleState) -> None:
        link_claims_to_places(s.article.text, s.ledger.claims, s.ledger.places, s.pack)

    return _Stage("claim_places", ("claims", "places"), ("claims.about_places",), run)


@register_stage("events")
def events_stage(res: Resources) -> Stage:
    from claimledger.extract.events import extract_events

    def run(s: ArticleState) -> None:
        led = s.ledger
        own = s.article.outlet_side
        led.events = extract_events(s.doc, led.places, led.claims, led.dates, pack=s.pack, own_side=own)

    return _Stage("events", ("doc", "places", "claims", "dates", "article.outlet_side"), ("events",), run)


@register_stage("framing")
def framing_stage(res: Resources) -> Stage:
    def run(s: ArticleState) -> None:
        framing = res.for_language(s.pack.code).framing
        if framing is not None:
            s.ledger.framing = framing.detect(s.article.text, s.ledger.sentences, s.ledger.claims)

    return _Stage("framing", ("sentences", "claims"), ("framing",), run)


@register_stage("terms")
def terms_stage(res: Resources) -> Stage:
    from claimledger.extract.terms import article_terms

    def run(s: ArticleState) -> None:
        s.ledger.terms = article_terms(s.doc, s.ledger)

    return _Stage("terms", ("doc", "claims", "sentences"), ("terms",), run)


# Claims are linked to places before events are found: an event's supporting claims are those about its place.
# The terms (what statements are matched on) come last, from the parse the other stages used.
DEFAULT_STAGES = ("prepare", "parse", "claims", "dates", "places", "claim_places", "events", "framing", "terms")
