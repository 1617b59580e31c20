"""The one data model every stage shares.

Every span is a ``(start, end)`` pair of character offsets into ``Article.text``
(end exclusive).  Stages take and return these objects; only ``store`` speaks SQL.
The JSON layout of a ledger (the contract) is ``claimledger.model.contract`` (``ArticleLedger.to_contract()``).

The classes are pydantic dataclasses: positional construction (``Entity(text, label, span)``) works as with
plain dataclasses, values are checked on construction (not on assignment).  Numbers are kept as given
(``Number``): an int score stays an int, so the JSON output does not change.
"""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic.dataclasses import dataclass

from claimledger.vocab import CERTAINTIES, PLACE_KINDS, SIDES, SPEAKER_TYPES  # noqa: F401  (re-exported)

Span = tuple[int, int]


def _number(v: Any) -> int | float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        try:
            return float(v)
        except (TypeError, ValueError):
            raise ValueError("a number is required") from None
    return v


Number = Annotated[float, PlainValidator(_number), WithJsonSchema({"type": "number"})]


@dataclass
class Article:
    text: str
    sha256: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD, or None when unknown
    language: str | None = None
    source_path: str | None = None
    outlet_type: str | None = (
        None  # from the outlet directory: state-controlled / government / independent / agency / OSINT
    )
    outlet_side: str | None = None
    pipeline_version: str | None = None  # the claimledger version that analysed it (set by the pipeline)
    knowledge: dict[str, str] = field(default_factory=dict)  # knowledge file -> content hash (data.knowledge_versions)

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
    geonameid: int | None = None
    name: str | None = None
    kind: str = "other"
    country: str | None = None
    admin1: str | None = None
    lat: Number | None = None
    lon: Number | None = None
    resolved: bool = False
    population: int | None = None
    katottg: str | None = None  # the KATOTTG code of a Ukrainian settlement, when known
    # how the name was resolved: gazetteer (a GeoNames name) | alias (a transliteration / script variant) |
    # renamed (a former name) | katottg (a settlement only the KATOTTG codifier knows)
    resolved_by: str | None = None
    precision: str | None = None  # exact (the place's own point) | approximate (its hromada's centre)


@dataclass
class Speaker:
    text: str
    span: Span | None = None  # None: not in the text (a speaker summarised in a framing hit)
    type: str = "anonymous"
    side: str = "unknown"
    canonical: str | None = None  # who this is in the actors file ("Valery Gerasimov"), when known


@dataclass
class TextSpan:
    text: str
    span: Span | None


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
    # the same claim restated elsewhere in the article (headline, lede, body): the spans of the other wordings
    evidence: list[Span] = field(default_factory=list)
    # False when the cue reports no statement ("has yet to comment", "declined to comment")
    asserts: bool = True


@dataclass
class DateValue:
    """A normalised temporal expression.

    ``value`` is ISO-like; unknown parts stay unknown (``XXXX-12-11``) rather than
    being invented.  ``precision`` says how much of it is known.
    """

    value: str
    precision: str  # "day", "day, year unknown", "month", "month, year unknown", "year", "week", "unknown"
    text: str
    span: Span | None


@dataclass
class Actor:
    text: str
    side: str = "unknown"
    span: Span | None = None


@dataclass
class EventStance:
    """What one claim (or the article's own voice: ``claim`` "") says about an event: ``affirm``, ``deny`` or
    ``none`` (bears on it without taking a side: declined to comment, could not verify, speculated), with the
    words that decided it and why."""

    claim: str
    stance: str = "affirm"
    evidence: TextSpan | None = None
    reason: str = ""


@dataclass
class Event:
    id: str
    type: str
    actor: Actor
    place: str | None  # place id
    date: DateValue | None
    claims: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)  # claims among ``claims`` that say it did not happen
    status: str = "unattributed"
    trigger: TextSpan | None = None
    sentence: Span | None = None
    stances: list[EventStance] = field(default_factory=list)  # one per claim in ``claims`` (+ own voice)
    date_source: str = ""  # where ``date`` came from: "clause" (the event's own clause), "coordination", ""


@dataclass
class NarrativeHit:
    narrative: str
    label: str
    score: Number
    span: Span
    text: str
    voice: str  # "own" (the article asserts it) or "attributed"
    claim: str | None = None
    speaker: Speaker | None = None
    method: str = "pattern"


@dataclass
class TechniqueHit:
    technique: str
    span: Span
    text: str
    score: Number = 1.0
    voice: str = "own"
    claim: str | None = None


@dataclass
class Framing:
    narratives: list[NarrativeHit] = field(default_factory=list)
    techniques: list[TechniqueHit] = field(default_factory=list)


@dataclass
class Terms:
    """What a claim's content (or a sentence) is matched on across articles: content lemmas, proper-noun lemmas,
    numbers (``extract.terms``)."""

    lemmas: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)


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
    # Like ``sentences``, a working field the contract leaves out: terms per claim id and per sentence ("s1", ...)
    terms: dict[str, Terms] = field(default_factory=dict)

    def to_contract(self, include_text: bool = True) -> dict:
        """This ledger in the JSON contract (docs/output.md)."""
        from claimledger.model.contract import ledger_to_dict

        return ledger_to_dict(self, include_text=include_text)
