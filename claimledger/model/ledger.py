"""Typed rows of the ledger across articles.  Field names and order are those of the store's tables (and of the
JSON the CLI and API print), written once here: the store returns these, the link layer builds them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from claimledger.model.article import Number

CONTROL_KINDS = ("control", "withdrawal")  # proposition kinds on a control timeline


class _Row(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    def __getitem__(self, name: str):  # rows read like the dicts they replace (templates, old callers)
        return getattr(self, name)

    def get(self, name: str, default=None):
        return getattr(self, name, default)


class PropositionDates(_Row):
    """A proposition as the linker sees it while picking one: id and event date range."""

    id: str
    date_min: str | None = None
    date_max: str | None = None


class Proposition(_Row):
    id: str
    kind: str
    place_key: str
    side: str
    place_name: str
    lat: Number | None = None
    lon: Number | None = None
    text: str
    date_min: str | None = None
    date_max: str | None = None
    first_claimed: str | None = None
    status: str
    status_reason: str = ""
    n_articles: int = 0
    n_origins: int = 0
    n_affirm_origins: int = 0
    n_deny_origins: int = 0


class Member(_Row):
    """One assertion of a proposition: an article's claim (or own voice, ``claim_id`` "") about an event."""

    article_id: str
    event_id: str
    claim_id: str
    proposition_id: str
    stance: str
    speaker_text: str | None = None
    speaker_type: str
    speaker_side: str
    origin_key: str
    origin_label: str
    certainty: str
    event_date: str | None = None
    claimed_date: str | None = None
    published: str | None = None
    outlet: str | None = None
    outlet_type: str | None = None
    outlet_side: str | None = None


class Origin(_Row):
    """One origin of a proposition with its latest word (``stance`` on ``stance_date``)."""

    proposition_id: str
    origin_key: str
    origin_label: str
    speaker_type: str
    speaker_side: str
    stance: str
    stance_date: str
    n_members: int = 1


class TimelineOrigin(_Row):
    origin: str
    type: str
    side: str
    articles: int
    first_claimed: str | None = None


class TimelineEntry(_Row):
    """One control proposition of a place, on its timeline."""

    proposition: str
    date: str | None = None
    date_is_claim_date: bool
    kind: str
    side: str
    place: str
    text: str
    status: str
    status_reason: str
    affirmed_by: list[TimelineOrigin]
    denied_by: list[TimelineOrigin]
    n_origins: int
    n_articles: int


class StatusChange(_Row):
    """One step of a proposition's status history (``claimledger.link.history.status_history``): the status
    after the claim that changed it, with that claim.  ``date`` is the day the claim became known: its article's
    publication date, or the day the article was stored when it has none (``date_source`` says which)."""

    date: str | None = None
    date_source: str  # published | stored
    status: str
    previous: str | None = None  # None for the first claim
    reason: str
    article_id: str
    claim_id: str  # "" when the article states it in its own voice
    speaker: str
    origin: str
    speaker_type: str
    speaker_side: str
    stance: str
    outlet: str | None = None
    title: str | None = None
    n_origins: int
    n_affirm_origins: int
    n_deny_origins: int


class SaveResult(_Row):
    article_id: str
    outcome: str  # new | already | duplicate
    duplicate_of: str | None = None
    reason: str | None = None


class StatementOrigin(_Row):
    """Who first said a statement: the earliest attributed member's speaker, with its article."""

    speaker: str
    key: str
    type: str
    side: str
    article_id: str
    article_url: str | None = None
    outlet: str | None = None
    published: str | None = None


class StatementMember(_Row):
    """One carrier of a statement: an article's claim (``voice`` attributed) or a sentence in the article's own
    voice (``claim_id`` "s<n>"), with its certainty and ``level`` (unverified | hedged | reported | fact) and the
    relay chain the text names (``via``)."""

    article_id: str
    claim_id: str
    article_url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    text: str
    speaker: str | None = None
    speaker_type: str
    speaker_side: str
    origin_key: str
    via: list[str] = []
    voice: str  # attributed | own
    certainty: str
    level: str
    score: float
    duplicate_of: str | None = None


class DriftStep(_Row):
    published: str | None = None
    outlet: str | None = None
    level: str


class Statement(_Row):
    """Claims across articles and languages that assert the same content (``claimledger.link.statements``)."""

    id: str
    text: str
    language: str | None = None
    proposition_id: str | None = None
    first_seen: str | None = None
    origin: StatementOrigin
    n_articles: int
    n_origins: int
    laundered: bool
    drift: list[DriftStep] = []
    members: list[StatementMember] = []
