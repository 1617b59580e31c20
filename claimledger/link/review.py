"""Review: an analyst's corrections to the machine's ledger, each one an entry in the append-only audit log.

Corrections (``correct_claim``, ``merge``, ``split``, ``group_origins``) are kept in ``review_corrections`` keyed
by stable ids (article id + claim id, proposition id, origin group) and ``revert`` undoes one with a new audit
entry.  Every change is applied the same way (``rebuild``): the articles it touches are re-linked from their
stored ledgers (the machine's analysis, never edited) and then every correction in effect is applied again, in
the order it was made; the propositions touched get their origins and status recomputed with the rules of
``link.status``.  So a correction survives re-linking and re-analysis (``relink`` is the hook for those) and a
revert gives exactly what the machine said, or the correction it had replaced.

- a claim: ``stance`` (toward one proposition), ``speaker_type``, ``speaker_side``, ``certainty`` (the claim
  and its assertions), ``place`` (a place key the ledger knows: the assertions move to that place's
  proposition) and ``date`` (the event date: the assertions move to the proposition of that date);
- ``merge`` P2 into P1 (same kind and side): P2's assertions join P1, P2 is gone;
- ``split`` some assertions (by article, or article/claim) of P into a new proposition;
- ``group_origins``: articles (their outlet-bound origins: own voice, unnamed speakers) and/or origin keys
  counted as one origin — a wire and its copies, a network of rewrite sites.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from claimledger import vocab
from claimledger.errors import InputError
from claimledger.link.repository import LedgerRepository, ReviewTransaction
from claimledger.link.review_apply import _groupable, _selected, rebuild
from claimledger.model import Proposition

# reading only (the audit log, the users): plain queries on the store; every write goes through the repository
# interface (``_transaction``)
from claimledger.store.review import active_audit_ids, audit_entries, member_origin_keys, revert_map, user_exists

CLAIM_FIELDS = ("stance", "speaker_type", "speaker_side", "certainty", "place", "date")
VALUES = {
    "stance": vocab.STANCES,
    "speaker_type": vocab.SPEAKER_TYPES,
    "speaker_side": vocab.SIDES,
    "certainty": vocab.CERTAINTIES,
}
PROPOSITION_ID = re.compile(r"^P[0-9a-f]{15}$")
ARTICLE_ID = re.compile(r"^a_[0-9a-f]{16}$")
CLAIM_ID = re.compile(r"^c[0-9]{1,6}$")
PLACE_KEY = re.compile(r"^(gn:[0-9]{1,9}|kt:UA[0-9]{17}|name:[\w ]{1,80})$")
MAX_REASON = 2000


@contextmanager
def _transaction(store: LedgerRepository) -> Iterator[ReviewTransaction]:
    """One write transaction (all or nothing) for a correction, its audit entry and its effects: the review side
    of the repository's transaction (``link.repository.ReviewTransaction``)."""
    with store.transaction() as tx:
        yield tx.review()


def _check_user(store, user: str) -> None:
    if not user_exists(store, user):
        raise InputError(f"no such user {user!r} (add one with `claimledger users add NAME`)")


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise InputError("a correction needs a reason")
    if len(reason) > MAX_REASON:
        raise InputError(f"the reason is longer than {MAX_REASON} characters")
    return reason


# --- corrections ----------------------------------------------------------------------------------------------
def correct_claim(
    store,
    user: str,
    article_id: str,
    claim_id: str,
    field: str,
    value: str,
    reason: str,
    proposition: str | None = None,
) -> dict:
    """Correct one field of a claim; returns the audit entry.  ``proposition``: which of the claim's propositions
    (needed for ``stance`` when the claim belongs to several; ``place`` / ``date`` then move only that one)."""
    _check_user(store, user)
    reason = _reason(reason)
    if field not in CLAIM_FIELDS:
        raise InputError(f"cannot correct {field!r} (one of {', '.join(CLAIM_FIELDS)})")
    if not ARTICLE_ID.match(article_id or "") or not CLAIM_ID.match(claim_id or ""):
        raise InputError("an article id is a_ + 16 hex digits and a claim id c + a number")
    with _transaction(store) as tx:
        claim = tx.claim_row(article_id, claim_id)
        if claim is None:
            raise InputError(f"no claim {claim_id} in article {article_id}")
        members = tx.members(article_ids=[article_id], claim_id=claim_id)
        pids = sorted({m["proposition_id"] for m in members})
        scope = ""
        if proposition:
            if proposition not in pids:
                raise InputError(f"claim {claim_id} of {article_id} is not linked to proposition {proposition}")
            scope = proposition
        if field in ("stance", "place", "date") and not members:
            raise InputError(f"claim {claim_id} of {article_id} is not linked to any proposition")
        if field == "stance" and not scope:
            if len(pids) != 1:
                raise InputError(f"claim {claim_id} bears on {len(pids)} propositions: say which ({', '.join(pids)})")
            scope = pids[0]
        scoped = [m for m in members if not scope or m["proposition_id"] == scope]
        value = _claim_value(tx, field, value)
        before = _claim_before(tx, field, claim, scoped)
        if before == value:
            raise InputError(f"{field} is already {value!r}")
        target = f"{article_id}/{claim_id}"
        prev = tx.correction("claim", target, field, scope)
        aid = tx.insert_audit(
            user_name=user,
            action="correct",
            target_kind="claim",
            target_id=target,
            field=field,
            scope=scope,
            before=before,
            after=value,
            reason=reason,
            article_id=article_id,
            proposition_id=scope or (pids[0] if len(pids) == 1 else None),
            replaces=prev["audit_id"] if prev else None,
        )
        tx.put_correction("claim", target, field, scope, value, aid)
        rebuild(tx, [article_id])
        return tx.audit_entry(aid)


def _claim_value(tx, field: str, value):
    value = (value or "").strip()
    if field in VALUES:
        if value not in VALUES[field]:
            raise InputError(f"{field} must be one of {', '.join(VALUES[field])}, not {value!r}")
        return value
    if field == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            raise InputError(f"date must be a real date as YYYY-MM-DD, not {value!r}") from None
        return value
    if value.isdigit():
        value = f"gn:{value}"
    if not PLACE_KEY.match(value):
        raise InputError(f"place must be a place key (gn:<GeoNames id>, kt:<KATOTTG>, name:<name>), not {value!r}")
    info = tx.place_info(value)
    if info is None:
        raise InputError(f"the ledger knows no place {value}")
    return info


def _claim_before(tx, field: str, claim: dict, members: list[dict]):
    if field in ("speaker_type", "speaker_side", "certainty"):
        return claim[field]
    if field == "stance":
        return members[0]["stance"]
    if field == "date":
        return members[0]["event_date"]
    p = tx.get_proposition(members[0]["proposition_id"])
    return {"place_key": p.place_key, "name": p.place_name, "lat": p.lat, "lon": p.lon}


def merge(store, user: str, into: str, other: str, reason: str) -> dict:
    """Merge proposition ``other`` into ``into`` (same kind and side)."""
    _check_user(store, user)
    reason = _reason(reason)
    with _transaction(store) as tx:
        keep, gone = _proposition(tx, into), _proposition(tx, other)
        if keep.id == gone.id:
            raise InputError("cannot merge a proposition into itself")
        if (keep.kind, keep.side) != (gone.kind, gone.side):
            raise InputError(f"{gone.id} ({gone.kind}, {gone.side}) and {keep.id} ({keep.kind}, {keep.side}) differ")
        articles = tx.article_ids_in([keep.id, gone.id])
        prev = tx.correction("proposition", gone.id, "merged_into", "")
        aid = tx.insert_audit(
            user_name=user,
            action="merge",
            target_kind="proposition",
            target_id=gone.id,
            field="merged_into",
            before={"id": gone.id, "text": gone.text, "status": gone.status},
            after={"id": keep.id, "text": keep.text},
            reason=reason,
            proposition_id=keep.id,
            scope=gone.id,
            replaces=prev["audit_id"] if prev else None,
        )
        tx.put_correction("proposition", gone.id, "merged_into", "", keep.id, aid)
        rebuild(tx, sorted(articles))
        return tx.audit_entry(aid)


def split(store, user: str, proposition: str, selectors: list[str], reason: str) -> dict:
    """Move the assertions of ``proposition`` selected by ``selectors`` (ARTICLE_ID or ARTICLE_ID/CLAIM_ID; own
    voice: ARTICLE_ID/-) into a new proposition about the same place, kind and side."""
    _check_user(store, user)
    reason = _reason(reason)
    sel = sorted({s.strip() for s in selectors if s.strip()})
    if not sel:
        raise InputError("say which assertions to split off (ARTICLE_ID or ARTICLE_ID/CLAIM_ID)")
    for s in sel:
        a, _, c = s.partition("/")
        if not ARTICLE_ID.match(a) or (c and c != "-" and not CLAIM_ID.match(c)):
            raise InputError(f"not an assertion selector: {s!r} (ARTICLE_ID or ARTICLE_ID/CLAIM_ID)")
    with _transaction(store) as tx:
        p = _proposition(tx, proposition)
        members = tx.members(proposition_id=p.id)
        chosen = [m for m in members if _selected(m, sel)]
        if not chosen:
            raise InputError(f"no assertion of {p.id} matches {', '.join(sel)}")
        if len(chosen) == len(members):
            raise InputError("that would move every assertion: nothing left to split from")
        new_id = "P" + hashlib.sha1(f"split|{p.id}|{'|'.join(sel)}".encode()).hexdigest()[:15]
        aid = tx.insert_audit(
            user_name=user,
            action="split",
            target_kind="proposition",
            target_id=p.id,
            field="split",
            scope=new_id,
            before={"id": p.id, "status": p.status, "members": len(members)},
            after={"id": new_id, "selectors": sel, "members": len(chosen)},
            reason=reason,
            proposition_id=p.id,
        )
        tx.put_correction("proposition", p.id, "split", new_id, {"into": new_id, "selectors": sel}, aid)
        rebuild(tx, sorted({m["article_id"] for m in members}))
        return tx.audit_entry(aid)


def group_origins(store, user: str, label: str, reason: str, articles: list[str] = (), origins: list[str] = ()) -> dict:
    """Count the outlet-bound origins of ``articles`` and the origins ``origins`` as one origin, ``label``."""
    _check_user(store, user)
    reason = _reason(reason)
    label = " ".join((label or "").split())[:200]
    slug = re.sub(r"[^\w]+", "-", label.lower()).strip("-")[:80]
    if not slug:
        raise InputError("an origin group needs a name")
    articles = sorted({a.strip() for a in articles if a.strip()})
    origins = sorted({o.strip() for o in origins if o.strip()})
    if len(articles) + len(origins) < 2:
        raise InputError("an origin group needs at least two articles or origins")
    if any(not ARTICLE_ID.match(a) for a in articles):
        raise InputError("an article id is a_ + 16 hex digits")
    key = f"group:{slug}"
    with _transaction(store) as tx:
        members = tx.members(article_ids=articles) + tx.members(origin_keys=origins)
        if not any(_groupable(m, articles, origins) for m in members):
            raise InputError("none of those articles or origins has an assertion to group")
        before = sorted({m["origin_label"] for m in members if _groupable(m, articles, origins)})
        prev = tx.correction("origin_group", key, "members", "")
        aid = tx.insert_audit(
            user_name=user,
            action="group",
            target_kind="origin_group",
            target_id=key,
            field="members",
            before={"origins": before},
            after={"label": label, "articles": articles, "origins": origins},
            reason=reason,
            article_id=articles[0] if len(articles) == 1 else None,
            replaces=prev["audit_id"] if prev else None,
        )
        tx.put_correction(
            "origin_group", key, "members", "", {"label": label, "articles": articles, "origins": origins}, aid
        )
        rebuild(tx, sorted({m["article_id"] for m in members}))
        return tx.audit_entry(aid)


def revert(store, user: str, audit_id: int, reason: str) -> dict:
    """Undo the correction of audit entry ``audit_id`` (with a new entry): back to the correction it had
    replaced, or to what the machine said."""
    _check_user(store, user)
    reason = _reason(reason)
    with _transaction(store) as tx:
        e = tx.audit_entry(audit_id)
        if e is None:
            raise InputError(f"no audit entry {audit_id}")
        if e["action"] == "revert":
            raise InputError(f"entry {audit_id} is itself a revert: make the correction again instead")
        key = (e["target_kind"], e["target_id"], e["field"], e["scope"] if e["action"] in ("correct", "split") else "")
        cur = tx.correction(*key)
        if cur is None or cur["audit_id"] != audit_id:
            raise InputError(f"audit entry {audit_id} is not in effect (already reverted, or replaced by a later one)")
        articles = _affected(tx, e, cur["value"])
        prev = tx.audit_entry(e["replaces"]) if e["replaces"] else None
        if prev is not None:
            tx.put_correction(*key, prev["after"]["id"] if e["action"] == "merge" else prev["after"], prev["id"])
        else:
            tx.delete_correction(*key)
        aid = tx.insert_audit(
            user_name=user,
            action="revert",
            target_kind=e["target_kind"],
            target_id=e["target_id"],
            field=e["field"],
            scope=e["scope"],
            before=e["after"],
            after=prev["after"] if prev else e["before"],
            reason=reason,
            article_id=e["article_id"],
            proposition_id=e["proposition_id"],
            reverts=audit_id,
        )
        rebuild(tx, sorted(articles))
        return tx.audit_entry(aid)


def _affected(tx, e: dict, value) -> set[str]:
    if e["target_kind"] == "claim":
        return {e["article_id"]}
    if e["target_kind"] == "origin_group":
        ms = tx.members(origin_keys=[e["target_id"]]) + tx.members(article_ids=value.get("articles", []))
        return {m["article_id"] for m in ms}
    pids = [e["target_id"], e["scope"], e["proposition_id"]]
    return tx.article_ids_in([p for p in pids if p])


def relink(store, article_ids: list[str]) -> None:
    """Re-link these articles from their stored ledgers and re-apply every correction in effect: the hook for
    re-analysis (after an article's ledger is replaced) and for re-linking."""
    with _transaction(store) as tx:
        rebuild(tx, sorted(set(article_ids)))


def _proposition(tx, pid: str) -> Proposition:
    if not PROPOSITION_ID.match(pid or ""):
        raise InputError(f"not a proposition id: {pid!r} (P + 15 hex digits)")
    p = tx.get_proposition(pid)
    if p is None:
        raise InputError(f"no proposition {pid}")
    return p


# --- reading --------------------------------------------------------------------------------------------------
def _annotate(store, entries: list[dict]) -> list[dict]:
    active, reverted = active_audit_ids(store), revert_map(store)
    for e in entries:
        e["in_effect"] = e["id"] in active
        e["reverted_by"] = reverted.get(e["id"])
    return entries


def audit_log(store, limit: int = 500, offset: int = 0) -> list[dict]:
    """Every audit entry, newest first, each with ``in_effect`` and ``reverted_by``."""
    return _annotate(store, audit_entries(store, limit=limit, offset=offset))


def article_audit(store, article_id: str) -> list[dict]:
    """The entries about an article's claims and origin groups it is in."""
    groups = [
        e["target_id"]
        for e in audit_entries(store, group_keys=None, limit=10_000)
        if e["target_kind"] == "origin_group" and article_id in (e["after"] or {}).get("articles", [])
    ]
    return _annotate(store, audit_entries(store, article_id=article_id, group_keys=groups))


def proposition_audit(store, proposition_id: str) -> list[dict]:
    """The entries about a proposition: stances toward it, merges, splits, the origin groups among its
    origins and corrections of its claims."""
    groups = [k for k in member_origin_keys(store, proposition_id) if k.startswith("group:")]
    return _annotate(store, audit_entries(store, proposition_id=proposition_id, group_keys=groups))
