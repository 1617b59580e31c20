"""Linking assertions into propositions: the same kind of event, at the same place, by the same side, within
DATE_WINDOW_DAYS is one proposition.  Each proposition's aggregates (origins, article count, dates) are updated
incrementally and its status is recomputed from its origins.  Statements are per proposition touched, not per
assertion, and each is an indexed lookup, so the cost per article does not grow with the ledger
(see bench/linking.py)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta

from claimledger.link.assertions import Assertion
from claimledger.link.repository import LedgerTransaction
from claimledger.link.status import Origin as StatusOrigin
from claimledger.link.status import proposition_status
from claimledger.model import Member, Origin, Proposition, PropositionDates
from claimledger.vocab import CLAIMED_BY_ONE_SIDE, COUNTED_STANCES, persistent_kinds

DATE_WINDOW_DAYS = 14  # event dates this close (and same place, kind, side) are one proposition

_MEMBER_FIELDS = [f for f in Member.model_fields if f != "proposition_id"]


def link(tx: LedgerTransaction, assertions: list[Assertion]) -> None:
    """Attach each assertion to a proposition found by (kind, place, side) and date proximity, then update
    every proposition touched."""
    by_key: dict[tuple, list[Assertion]] = defaultdict(list)
    for a in assertions:
        by_key[a.key].append(a)
    per_pid: dict[str, list[Assertion]] = defaultdict(list)
    for (kind, place_key, side), group in by_key.items():
        candidates = tx.find_propositions(kind, place_key, side)
        for a in group:
            claimed = None if kind in persistent_kinds() else a.claimed_date
            pid = pick_proposition(candidates, a.event_date, claimed)
            if pid is None:
                pid = proposition_id(a)
                if tx.get_proposition(pid) is None:
                    tx.insert_proposition(
                        Proposition(
                            id=pid,
                            kind=a.kind,
                            place_key=a.place_key,
                            side=a.side,
                            place_name=a.place_name,
                            lat=a.lat,
                            lon=a.lon,
                            text=a.proposition_text(),
                            status=CLAIMED_BY_ONE_SIDE,
                        )
                    )
                candidates.append(PropositionDates(id=pid, date_min=a.event_date, date_max=a.event_date))
            per_pid[pid].append(a)
    for pid, group in per_pid.items():
        _update(tx, pid, group)


def _update(tx: LedgerTransaction, pid: str, group: list[Assertion]) -> None:
    articles = {a.article_id for a in group}
    seen = tx.member_articles(pid, sorted(articles))
    tx.insert_members([Member(proposition_id=pid, **{f: getattr(a, f) for f in _MEMBER_FIELDS}) for a in group])
    origins = {o.origin_key: o for o in tx.origins_of(pid)}
    new_keys, changed = apply_to_origins(origins, pid, group)
    tx.upsert_origins([origins[k] for k in new_keys], [origins[k] for k in changed - new_keys])
    p = tx.get_proposition(pid)
    st = proposition_status(
        p.side,
        [
            StatusOrigin(o.origin_key, o.origin_label, o.speaker_type, o.speaker_side, o.stance)
            for o in origins.values()
        ],
        p.kind,
    )
    dates = [a.event_date for a in group if a.event_date] + [d for d in (p.date_min, p.date_max) if d]
    claimed = [a.claimed_date for a in group if a.claimed_date] + ([p.first_claimed] if p.first_claimed else [])
    tx.update_proposition(
        pid,
        date_min=min(dates, default=None),
        date_max=max(dates, default=None),
        first_claimed=min(claimed, default=None),
        n_articles=p.n_articles + len(articles - seen),
        status=st.status,
        status_reason=st.reason,
        n_origins=st.n_origins,
        n_affirm_origins=st.n_affirm,
        n_deny_origins=st.n_deny,
    )


def apply_to_origins(origins: dict[str, Origin], pid: str, group: list[Assertion]) -> tuple[set[str], set[str]]:
    """Fold assertions into the proposition's origins (in place); each origin keeps its latest word (by claim
    date, then publication date; on the same date a denial wins), the rule of
    ``link.status.origins_from_members``.  Returns the keys added and the keys changed."""
    new, changed = set(), set()
    for a in group:
        when = a.claimed_date or a.published or ""
        o = origins.get(a.origin_key)
        if o is None:
            origins[a.origin_key] = Origin(
                proposition_id=pid,
                origin_key=a.origin_key,
                origin_label=a.origin_label,
                speaker_type=a.speaker_type,
                speaker_side=a.speaker_side,
                stance=a.stance,
                stance_date=when,
                n_members=1,
            )
            new.add(a.origin_key)
            continue
        o.n_members += 1
        # a word that neither affirms nor denies ("declined to comment") never replaces an affirmation or denial
        counts = a.stance in COUNTED_STANCES or o.stance not in COUNTED_STANCES
        if counts and (when, a.stance == "deny") >= (o.stance_date, o.stance == "deny"):
            o.stance, o.stance_date = a.stance, when
        changed.add(a.origin_key)
    return new, changed


def pick_proposition(
    candidates: list[PropositionDates], event_date: str | None, claimed_date: str | None = None
) -> str | None:
    """Same kind/place/side: join the proposition whose date range is within the window of this event date.
    An assertion without an event date joins the proposition whose range is within the window of its claim
    date (a claim made on 7 January is not about a December attack) — callers pass no claim date for lasting
    states (control), where a later claim is about the latest proposition; with neither date, the most recent one."""
    if not candidates:
        return None
    window = timedelta(days=DATE_WINDOW_DAYS)
    if event_date is None:
        if claimed_date is None:
            return max(candidates, key=lambda r: (r.date_max or "", r.id)).id
        d = date.fromisoformat(claimed_date)
        near = [
            r
            for r in candidates
            if r.date_min is not None
            and date.fromisoformat(r.date_min) - window <= d <= date.fromisoformat(r.date_max) + window
        ]
        if near:
            return max(near, key=lambda r: (r.date_max or "", r.id)).id
        return next((r.id for r in candidates if r.date_min is None), None)
    d = date.fromisoformat(event_date)
    best = None
    for r in candidates:
        if r.date_min is None:
            best = best or r.id  # an undated proposition takes the first dated assertion
            continue
        lo, hi = date.fromisoformat(r.date_min) - window, date.fromisoformat(r.date_max) + window
        if lo <= d <= hi:
            return r.id
    return best


def proposition_id(a: Assertion) -> str:
    return "P" + hashlib.sha1(f"{a.kind}|{a.place_key}|{a.side}|{a.event_date or 'undated'}".encode()).hexdigest()[:15]
