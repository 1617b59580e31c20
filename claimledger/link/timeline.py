"""Per settlement, the dated sequence of control claims: who claims control, who disputes, and the status."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from claimledger.model import CONTROL_KINDS, Member, Proposition, TimelineEntry, TimelineOrigin

__all__ = ["CONTROL_KINDS", "control_timeline"]


def control_timeline(
    propositions: Iterable[Proposition], members_of: Callable[[str], list[Member]]
) -> list[TimelineEntry]:
    """``propositions``: those of one place; ``members_of(pid)`` -> its members.  Sorted by the event date
    (or, when the text gives none, the date it was first claimed)."""
    rows = []
    for p in propositions:
        if p.kind not in CONTROL_KINDS:
            continue
        members = members_of(p.id)
        rows.append(
            TimelineEntry(
                proposition=p.id,
                date=p.date_min or p.first_claimed,
                date_is_claim_date=p.date_min is None,
                kind=p.kind,
                side=p.side,
                place=p.place_name,
                text=p.text,
                status=p.status,
                status_reason=p.status_reason,
                affirmed_by=_origins(m for m in members if m.stance == "affirm"),
                denied_by=_origins(m for m in members if m.stance == "deny"),
                n_origins=p.n_origins,
                n_articles=p.n_articles,
            )
        )
    rows.sort(key=lambda r: (r.date or "9999", r.proposition))
    return rows


def _origins(members: Iterable[Member]) -> list[TimelineOrigin]:
    seen: dict[str, dict] = {}
    for m in members:
        o = seen.setdefault(
            m.origin_key,
            {
                "origin": m.origin_label,
                "type": m.speaker_type,
                "side": m.speaker_side,
                "articles": set(),
                "first_claimed": m.claimed_date,
            },
        )
        o["articles"].add(m.article_id)
        if m.claimed_date and (o["first_claimed"] is None or m.claimed_date < o["first_claimed"]):
            o["first_claimed"] = m.claimed_date
    return [TimelineOrigin(**{**o, "articles": len(o["articles"])}) for o in seen.values()]
