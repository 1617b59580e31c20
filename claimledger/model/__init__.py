"""The one typed model every stage and layer shares (pydantic):

- ``model.article``: the per-article ledger (Article, Place, Claim, Event, framing hits…); spans are ``(start, end)``
  character offsets into ``Article.text``;
- ``model.ledger``: past the article — Proposition, Member, Origin, TimelineEntry, SaveResult;
- ``model.contract``: the JSON contract of one article ledger and its generated JSON Schema (docs/output.md).

Imports nothing of claimledger but ``vocab`` (and ``data`` through it), so every layer may use it.
"""

from claimledger.model.article import (  # noqa: F401
    CERTAINTIES,
    PLACE_KINDS,
    SIDES,
    SPEAKER_TYPES,
    Actor,
    Article,
    ArticleLedger,
    Claim,
    DateValue,
    Entity,
    Event,
    Framing,
    NarrativeHit,
    Number,
    Place,
    Span,
    Speaker,
    TechniqueHit,
    Terms,
    TextSpan,
)
from claimledger.model.ledger import (  # noqa: F401
    CONTROL_KINDS,
    Member,
    Origin,
    Proposition,
    PropositionDates,
    SaveResult,
    TimelineEntry,
    TimelineOrigin,
)
