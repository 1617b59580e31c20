"""The controlled vocabularies, in one place: the CLI, the web API, the store, the models and the JSON Schema all
take their allowed values from here (a value added here reaches every interface).

Event types and proposition kinds are data (``data/event_types.yaml``): adding an event type is a change to that
file alone; ``event_types()`` and ``proposition_kinds()`` read it.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

SPEAKER_TYPES = ("official_party", "combatant", "local_source", "independent", "journalist", "anonymous")
SIDES = ("RU", "UA", "other", "unknown")
PARTIES = ("RU", "UA")  # the warring parties among SIDES
CERTAINTIES = ("asserted", "reported", "hedged", "unverified", "disputed", "denied")
PLACE_KINDS = ("settlement", "region", "country", "other")
PLACE_RESOLUTIONS = ("gazetteer", "alias", "renamed", "katottg")  # how a place was resolved (Place.resolved_by)
PLACE_PRECISIONS = ("exact", "approximate")  # approximate: a hromada centre for a settlement GeoNames lacks
STANCES = ("affirm", "deny", "none")  # none: bears on it without taking a side (declined to comment, could not verify)
COUNTED_STANCES = ("affirm", "deny")  # the stances a status counts
VOICES = ("own", "attributed")

# One status vocabulary for events (within one article) and propositions (across articles).  Events may also be
# ``unattributed`` (nobody is said to claim it) or ``independently_reported`` (an independent speaker in the
# article reports it); a proposition's status is one of PROPOSITION_STATUSES (rules: link/status.py).
CLAIMED_BY_ONE_SIDE = "claimed_by_one_side"
PROPOSITION_STATUSES = (
    "acknowledged_by_opposing_side",
    "corroborated_by_independent",
    "disputed",
    "denied",
    CLAIMED_BY_ONE_SIDE,
)
EVENT_STATUSES = (
    "unattributed",
    "denied",
    "disputed",
    "acknowledged_by_opposing_side",
    "independently_reported",
    CLAIMED_BY_ONE_SIDE,
)
STATUSES = tuple(dict.fromkeys(PROPOSITION_STATUSES + EVENT_STATUSES))


@lru_cache(maxsize=1)
def _event_types() -> dict:
    from claimledger.data import load

    return load("event_types")["types"]


def event_types() -> tuple[str, ...]:
    return tuple(_event_types())


def proposition_kinds() -> tuple[str, ...]:
    """Kinds of cross-article propositions, in the order of the event types that carry them."""
    return tuple(dict.fromkeys(t["proposition"]["kind"] for t in _event_types().values() if t.get("proposition")))


def as_enum(name: str, values) -> type[Enum]:
    """A str Enum of ``values`` (for FastAPI parameters and click choices)."""
    return Enum(name, {v: v for v in values}, type=str)


def persistent_kinds() -> frozenset[str]:
    """Proposition kinds that name a lasting state (``persistent: true`` in data/event_types.yaml)."""
    return frozenset(p["kind"] for p in event_propositions().values() if p.get("persistent"))


def event_propositions() -> dict[str, dict]:
    """``{event type: {"kind": proposition kind, "template": its text}}`` for the event types that are linked
    across articles (those with a ``proposition`` in ``data/event_types.yaml``)."""
    return {t: dict(d["proposition"]) for t, d in _event_types().items() if d.get("proposition")}
