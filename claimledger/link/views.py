"""Read views that need the linking rules on top of the store's queries: a place's control timeline and a
proposition with the rule behind its status and its origins (for the CLI, the API and the web pages)."""

from __future__ import annotations

from claimledger.link.status import STATUS_RULES, origins_from_members
from claimledger.link.timeline import control_timeline
from claimledger.model import TimelineEntry


def place_timeline(store, place_key: str, limit: int = 2000) -> list[TimelineEntry]:
    return places_timeline(store, [place_key], limit)


def places_timeline(store, place_keys: list[str], limit: int = 2000) -> list[TimelineEntry]:
    return control_timeline(store.propositions(place_keys=place_keys, limit=limit), store.members)


def proposition_detail(store, proposition_id: str) -> dict | None:
    """``store.queries.proposition_detail`` with its members split by stance, the status rule that produced its status and its distinct
    origins with the stance each counts with (its latest word), as the status rules see them."""
    from claimledger.store.queries import proposition_detail as _detail

    prop = _detail(store, proposition_id)
    if prop is None:
        return None
    members = prop.pop("members")
    prop["affirm"] = [m for m in members if m["stance"] == "affirm"]
    prop["deny"] = [m for m in members if m["stance"] != "affirm"]
    prop["status_rule"] = STATUS_RULES.get(prop["status"], "")
    prop["origins"] = [
        {"origin": o.label, "type": o.speaker_type, "side": o.speaker_side, "stance": o.stance}
        for o in origins_from_members(members)
    ]
    return prop
