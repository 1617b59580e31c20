"""A proposition's status through time: as of a date, and the history of its changes.

The rule (docs/ledger.md, "Status as of a date"): a claim counts from the day it became known — its article's
publication date, or, for an article without one, the day the article was first stored (``stored``: the UTC day
of ``articles.analyzed_at``).  The status as of a day is the status (``link.status.proposition_status``) of the
origins (``link.status.origins_from_members``) of the members known by that day; the stored status is the status
as of now.  Within those members each origin still counts with its latest word by claim date, as always.

Members are ``Member`` models or dicts (a dict may carry ``stored`` and ``title``, as the store's
``proposition_detail`` rows do).
"""

from __future__ import annotations

from collections.abc import Iterable

from claimledger.link.status import Status, origins_from_members, proposition_status
from claimledger.model.ledger import StatusChange


def known_date(m) -> tuple[str | None, str]:
    """(the day the member's claim became known, "published" | "stored")."""
    if m.get("published"):
        return m["published"], "published"
    return m.get("stored"), "stored"


def known_by(members: Iterable, as_of: str) -> list:
    """The members known by ``as_of`` (YYYY-MM-DD, inclusive).  A member with no date at all is never known by a
    past date."""
    return [m for m in members if (known_date(m)[0] or "9999-99-99") <= as_of]


def status_as_of(members: Iterable, side: str, kind: str, as_of: str) -> Status | None:
    """The status from the members known by ``as_of``; None when none was known yet."""
    known = known_by(members, as_of)
    if not known:
        return None
    return proposition_status(side, origins_from_members(known), kind)


def _claim_key(m) -> tuple[str, bool]:
    """The order ``origins_from_members`` gives an origin's words: claim date (else publication date), a denial
    after an affirmation of the same day."""
    return (m.get("claimed_date") or m.get("published") or "", m["stance"] == "deny")


def status_history(members: Iterable, side: str, kind: str = "control") -> list[StatusChange]:
    """Each change of status as the claims became known (in the order of ``known_date``; on one day, by claim
    date, affirmations before denials): the first claim and every claim after which the status differs.  The
    last entry's status is the status as of now; the status as of a day is that of the last entry on or before
    it.  Only an origin's earliest and latest word matter to ``origins_from_members``, so it is called on those
    alone, and only when a member changes one of them: linear in the number of members."""
    order = sorted(
        members,
        key=lambda m: (
            known_date(m)[0] or "9999-99-99",
            *_claim_key(m),
            m["article_id"],
            m["claim_id"],
        ),
    )
    ends: dict[str, list] = {}  # origin key -> [earliest member, latest member] by claim key
    out: list[StatusChange] = []
    current: str | None = None
    for m in order:
        key = m["origin_key"]
        pair = ends.get(key)
        if pair is None:
            ends[key] = [m, m]
            changed = True
        else:
            changed = False
            if _claim_key(m) < _claim_key(pair[0]):
                changed = _describes(m) != _describes(pair[0])
                pair[0] = m
            if _claim_key(m) >= _claim_key(pair[1]):
                changed = changed or m["stance"] != pair[1]["stance"]
                pair[1] = m
        if not changed:
            continue
        st = proposition_status(side, origins_from_members([x for p in ends.values() for x in p]), kind)
        if st.status == current:
            continue
        day, source = known_date(m)
        out.append(
            StatusChange(
                date=day,
                date_source=source,
                status=st.status,
                previous=current,
                reason=st.reason,
                article_id=m["article_id"],
                claim_id=m["claim_id"],
                speaker=m.get("speaker_text") or m["origin_label"],
                origin=m["origin_label"],
                speaker_type=m["speaker_type"],
                speaker_side=m["speaker_side"],
                stance=m["stance"],
                outlet=m.get("outlet"),
                title=m.get("title"),
                n_origins=st.n_origins,
                n_affirm_origins=st.n_affirm,
                n_deny_origins=st.n_deny,
            )
        )
        current = st.status
    return out


def _describes(m) -> tuple:
    return (m["origin_label"], m["speaker_type"], m["speaker_side"])
