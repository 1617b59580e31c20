"""The one data model every stage shares.

Every span is a ``(start, end)`` pair of character offsets into ``Article.text``
(end exclusive).  Stages take and return these objects; only ``store`` speaks SQL
and only ``export`` knows the JSON layout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

Span = tuple[int, int]

SPEAKER_TYPES = ("official_party", "combatant", "local_source", "independent", "journalist", "anonymous")
SIDES = ("RU", "UA", "other", "unknown")
CERTAINTIES = ("asserted", "reported", "hedged", "unverified", "disputed", "denied")
PLACE_KINDS = ("settlement", "region", "country", "other")


@dataclass
class Article:
    text: str
    sha256: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None  # ISO date YYYY-MM-DD, or None when unknown
    language: Optional[str] = None
    source_path: Optional[str] = None
    outlet_type: Optional[str] = None  # from the outlet directory: state-controlled / government / independent / agency / OSINT
    outlet_side: Optional[str] = None

    @property
    def id(self) -> str:
        # Content-addressed: the same text is the same article wherever it came from.
        return "a_" + self.sha256[:16]


@dataclass
class Entity:
    text: str
    label: str
    span: Span


@dataclass
class Place:
    id: str
    mention: str
    spans: list[Span]
    geonameid: Optional[int] = None
    name: Optional[str] = None
    kind: str = "other"
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    resolved: bool = False
    population: Optional[int] = None


@dataclass
class Speaker:
    text: str
    span: Optional[Span]
    type: str = "anonymous"
    side: str = "unknown"
    canonical: Optional[str] = None  # who this is in the actors file ("Valery Gerasimov"), when known


@dataclass
class TextSpan:
    text: str
    span: Optional[Span]


@dataclass
class Claim:
    id: str
    sentence: Span
    speaker: Speaker
    cue: TextSpan
    content: TextSpan
    certainty: str = "reported"
    disputed_by: list[str] = field(default_factory=list)
    disputes: list[str] = field(default_factory=list)  # claims this one casts doubt on
    about_places: list[str] = field(default_factory=list)
    pattern: str = ""  # which attribution pattern found it (why it is here)
    certainty_evidence: list[Span] = field(default_factory=list)


@dataclass
class DateValue:
    """A normalised temporal expression.

    ``value`` is ISO-like; unknown parts stay unknown (``XXXX-12-11``) rather than
    being invented.  ``precision`` says how much of it is known.
    """

    value: str
    precision: str  # "day", "day, year unknown", "month", "month, year unknown", "year", "week", "unknown"
    text: str
    span: Optional[Span]


@dataclass
class Actor:
    text: str
    side: str = "unknown"
    span: Optional[Span] = None


@dataclass
class Event:
    id: str
    type: str
    actor: Actor
    place: Optional[str]  # place id
    date: Optional[DateValue]
    claims: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)  # claims among ``claims`` that say it did not happen
    status: str = "unattributed"
    trigger: Optional[TextSpan] = None
    sentence: Optional[Span] = None


@dataclass
class NarrativeHit:
    narrative: str
    label: str
    score: float
    span: Span
    text: str
    voice: str  # "own" (the article asserts it) or "attributed"
    claim: Optional[str] = None
    speaker: Optional[Speaker] = None
    method: str = "pattern"


@dataclass
class TechniqueHit:
    technique: str
    span: Span
    text: str
    score: float = 1.0
    voice: str = "own"
    claim: Optional[str] = None


@dataclass
class Framing:
    narratives: list[NarrativeHit] = field(default_factory=list)
    techniques: list[TechniqueHit] = field(default_factory=list)


@dataclass
class ArticleLedger:
    """Everything the pipeline learned about one article."""

    article: Article
    places: list[Place] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    framing: Framing = field(default_factory=Framing)
    sentences: list[Span] = field(default_factory=list)
