"""Applying review corrections (``claimledger.link.review``): re-link articles from their stored ledgers, apply
every correction in effect in the order made, recompute the propositions touched with the rules of
``link.status``."""

from __future__ import annotations

import hashlib

from pydantic import TypeAdapter

from claimledger.link.assertions import assertions_from_ledger, side_forces, templates
from claimledger.link.propositions import apply_to_origins, link, pick_proposition
from claimledger.link.repository import LedgerTransaction
from claimledger.link.status import Origin as StatusOrigin
from claimledger.link.status import proposition_status
from claimledger.model import Article, ArticleLedger, Member, Proposition
from claimledger.vocab import CLAIMED_BY_ONE_SIDE, persistent_kinds

# --- applying -------------------------------------------------------------------------------------------------
MACHINE_FIELDS = (
    "stance",
    "speaker_text",
    "speaker_type",
    "speaker_side",
    "origin_key",
    "origin_label",
    "certainty",
    "event_date",
    "claimed_date",
    "published",
    "outlet",
    "outlet_type",
    "outlet_side",
)


def rebuild(tx, article_ids: list[str]) -> None:
    """The articles' assertions back to what the machine made of their stored ledgers (each in the proposition
    the machine put it in: propositions keep their ids), then every correction in effect applied in order, and
    every proposition touched recomputed.  An assertion the ledger no longer has is dropped; a new one is
    linked as at ingest."""
    touched: set[str] = set()
    fresh = []
    tx.reset_claims(article_ids)
    for aid, doc, duplicate_of in tx.ledger_docs(article_ids):
        current = {(m["article_id"], m["event_id"], m["claim_id"]): m for m in tx.members(article_ids=[aid])}
        homes = tx.homes(aid)
        machine = [] if duplicate_of is not None else assertions_from_ledger(_ledger(doc))
        for a in machine:
            key = (a.article_id, a.event_id, a.claim_id)
            m = current.pop(key, None)
            if m is None:
                fresh.append(a)
                continue
            pid = m["proposition_id"]
            if key in homes:
                pid, row = homes[key]
                if tx.get_proposition(pid) is None:
                    tx.insert_proposition(Proposition(**row))
            tx.update_members([key], proposition_id=pid, **{f: getattr(a, f) for f in MACHINE_FIELDS})
            touched |= {m["proposition_id"], pid}
        for key, m in current.items():  # no longer in the ledger
            tx.delete_member(key)
            touched.add(m["proposition_id"])
    for pid in sorted(touched):
        recompute(tx, pid)
    if fresh:
        link(tx, fresh)
        touched |= {m["proposition_id"] for m in tx.members(article_ids=sorted({a.article_id for a in fresh}))}
    touched |= apply_all(tx)
    for pid in sorted(touched):
        recompute(tx, pid)


def _move(tx, members: list[dict], pid: str) -> None:
    """Move members to proposition ``pid``, remembering where the machine had put each."""
    for m in members:
        p = tx.get_proposition(m["proposition_id"])
        if p is not None:
            tx.remember_home((m["article_id"], m["event_id"], m["claim_id"]), p.model_dump())
    tx.update_members([(m["article_id"], m["event_id"], m["claim_id"]) for m in members], proposition_id=pid)


def _ledger(doc: dict) -> ArticleLedger:
    a = {k: v for k, v in doc["article"].items() if k != "id"}
    a.setdefault("text", "")
    body = {k: v for k, v in doc.items() if k != "article"}
    body.setdefault("framing", {"narratives": [], "techniques": []})
    return TypeAdapter(ArticleLedger).validate_python({**body, "article": TypeAdapter(Article).validate_python(a)})


def apply_all(tx) -> set[str]:
    """Apply every correction in effect, in the order made; returns the propositions touched."""
    touched: set[str] = set()
    for c in tx.active_corrections():
        touched |= apply_one(tx, c)
    return touched


def apply_one(tx, c: dict) -> set[str]:
    kind, target, field, scope, value = c["target_kind"], c["target_id"], c["field"], c["scope"], c["value"]
    if kind == "claim":
        article_id, _, claim_id = target.partition("/")
        members = [
            m
            for m in tx.members(article_ids=[article_id], claim_id=claim_id)
            if not scope or m["proposition_id"] == scope
        ]
        if field in ("speaker_type", "speaker_side", "certainty"):
            tx.update_claim(article_id, claim_id, **{field: value})
        if not members:
            return set()
        keys = [(m["article_id"], m["event_id"], m["claim_id"]) for m in members]
        touched = {m["proposition_id"] for m in members}
        if field in ("stance", "speaker_type", "speaker_side", "certainty"):
            tx.update_members(keys, **{field: value})
        elif field == "date":
            tx.update_members(keys, event_date=value)
            touched |= _relocate(tx, members, event_date=value)
        elif field == "place":
            touched |= _relocate(tx, members, place=value)
        return touched
    if kind == "proposition" and field == "merged_into":
        into = _final(tx, value)
        members = tx.members(proposition_id=target)
        if not members or into is None or into == target:
            return set()
        _move(tx, members, into)
        return {target, into}
    if kind == "proposition" and field == "split":
        members = [m for m in tx.members(proposition_id=target) if _selected(m, value["selectors"])]
        p = tx.get_proposition(target)
        if not members or p is None:
            return set()
        new = value["into"]
        if tx.get_proposition(new) is None:
            tx.insert_proposition(p.model_copy(update={"id": new, "status": CLAIMED_BY_ONE_SIDE, "n_articles": 0}))
        _move(tx, members, new)
        return {target, new}
    if kind == "origin_group":
        arts, origins = value.get("articles", []), value.get("origins", [])
        members = [m for m in tx.members(article_ids=arts) + tx.members(origin_keys=origins)]
        members = [m for m in members if _groupable(m, arts, origins)]
        if members:
            keys = sorted({(m["article_id"], m["event_id"], m["claim_id"]) for m in members})
            tx.update_members(keys, origin_key=target, origin_label=value["label"])
        return {m["proposition_id"] for m in members}
    return set()


def _final(tx, pid: str) -> str | None:
    """Where a proposition's assertions are now: itself, or the proposition it was merged into (followed)."""
    seen = set()
    while pid not in seen:
        seen.add(pid)
        c = tx.correction("proposition", pid, "merged_into", "")
        if c is None:
            return pid if tx.get_proposition(pid) is not None else None
        pid = c["value"]
    return None


def _selected(m: dict, selectors: list[str]) -> bool:
    for s in selectors:
        a, _, c = s.partition("/")
        if m["article_id"] == a and (not c or m["claim_id"] == ("" if c == "-" else c)):
            return True
    return False


def _groupable(m: dict, articles: list[str], origins: list[str]) -> bool:
    """A member joins a group by its origin key, or as an outlet-bound origin (own voice, an unnamed speaker) of
    one of its articles: a named actor quoted by a wire and its copies is one origin already."""
    if m["origin_key"] in origins:
        return True
    return m["article_id"] in articles and m["origin_key"].startswith(("outlet:", "speaker:", "group:"))


def _relocate(tx, members: list[dict], place: dict | None = None, event_date: str | None = None) -> set[str]:
    """Move members to the proposition of their (corrected) place or event date, by the linking rules."""
    touched = set()
    for m in members:
        p = tx.get_proposition(m["proposition_id"])
        key = place["place_key"] if place else p.place_key
        day = event_date or m["event_date"]
        candidates = tx.find_propositions(p.kind, key, p.side)
        claimed = None if p.kind in persistent_kinds() else m["claimed_date"]
        pid = pick_proposition(candidates, day, claimed)
        if pid is None:
            pid = "P" + hashlib.sha1(f"{p.kind}|{key}|{p.side}|{day or 'undated'}".encode()).hexdigest()[:15]
            if tx.get_proposition(pid) is None:
                name = place["name"] if place else p.place_name
                forces = side_forces().get(p.side, p.side)
                tx.insert_proposition(
                    Proposition(
                        id=pid,
                        kind=p.kind,
                        place_key=key,
                        side=p.side,
                        place_name=name,
                        lat=place["lat"] if place else p.lat,
                        lon=place["lon"] if place else p.lon,
                        text=templates()[p.kind].format(forces=forces, place=name),
                        status=CLAIMED_BY_ONE_SIDE,
                    )
                )
        if pid != p.id:
            _move(tx, [m], pid)
            touched |= {p.id, pid}
    return touched


def recompute(tx, pid: str) -> None:
    """A proposition's origins, dates, counts and status from its members (deleted when it has none)."""
    members = [Member(**m) for m in tx.members(proposition_id=pid)]
    p = tx.get_proposition(pid)
    if p is None:
        return
    if not members:
        tx.delete_proposition(pid)
        return
    members.sort(key=lambda m: (m.claimed_date or m.published or "", m.stance == "deny", m.article_id, m.claim_id))
    origins: dict = {}
    apply_to_origins(origins, pid, members)
    tx.replace_origins(pid, [o.model_dump() for o in origins.values()])
    st = proposition_status(
        p.side,
        [
            StatusOrigin(o.origin_key, o.origin_label, o.speaker_type, o.speaker_side, o.stance)
            for o in origins.values()
        ],
        p.kind,
    )
    events = [m.event_date for m in members if m.event_date]
    claimed = [m.claimed_date for m in members if m.claimed_date]
    tx.update_proposition(
        pid,
        date_min=min(events, default=None),
        date_max=max(events, default=None),
        first_claimed=min(claimed, default=None),
        n_articles=len({m.article_id for m in members}),
        status=st.status,
        status_reason=st.reason,
        n_origins=st.n_origins,
        n_affirm_origins=st.n_affirm,
        n_deny_origins=st.n_deny,
    )


def after_save(tx: LedgerTransaction, article_ids: list[str]) -> None:
    """The hook for saving: once articles are saved and linked (in the same transaction ``tx``, a
    ``StoreTransaction``), apply the corrections in effect to them too — a merged-away proposition stays merged
    when a new article asserts it again, an origin group takes in a grouped origin's new claims, and an article
    stored again after re-analysis gets its claims' corrections back.  Nothing to do (one query) when no
    correction is in effect."""
    rtx = tx.review()
    if article_ids and rtx.active_corrections():
        rebuild(rtx, sorted(set(article_ids)))
