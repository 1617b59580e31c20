"""Statements across sources (issue 15): the claims, across articles and languages, that assert the same content,
traced to their first origin, with their carriers and how their certainty drifted on the way.

At save time each claim of an article (and each sentence the article states in its own voice) gets a signature
(``statement_match``); candidates come from the indexed keys of stored members, the best match at or above the
threshold is joined, else a claim founds a new statement (a sentence in the own voice only ever joins one: an
outlet's own sentence is a carrier, never an origin).  A claim that only relays another ("according to a video
released by the Ministry") is not a member itself: it is the relay chain (``via``) of the claim it carries.

Per statement (``summarise``): the **origin** is the earliest attributed member's speaker; **independent**
origins are later members whose speaker is a known actor (``canonical``) other than the origin, naming no relay,
in an article that is not a copy; the **drift** is each carrier's certainty level in date order (unverified 0,
hedged 1, reported 2, fact in the outlet's own voice 3); a statement is **laundered** when a carrier's level rises
above the origin's before any independent origin has appeared."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import date, timedelta

from claimledger.errors import ClaimledgerError
from claimledger.link.assertions import origin_of, place_key
from claimledger.link.statement_match import THRESHOLD, Signature, get_encoder, index_keys, signatures, similarity
from claimledger.model import ArticleLedger, Claim

log = logging.getLogger(__name__)

LEVELS = {"unverified": 0, "disputed": 0, "denied": 0, "hedged": 1, "reported": 2, "asserted": 2}
FACT = 3
LEVEL_NAMES = ("unverified", "hedged", "reported", "fact")
UNDATED = "0000-00-00"
WINDOW_DAYS = 30  # a member joins statements with members seen within this many days of its article (sliding)
MIN_LEMMAS = 3  # shorter contents ("the account", "help") say too little to be matched


def _carried(claims: list[Claim]) -> tuple[dict[str, list[str]], set[str]]:
    """(claim id -> the speakers of the claims that only relay it (whose content holds its cue), the relaying
    claims)."""
    via: dict[str, list[str]] = {}
    relays: set[str] = set()
    for outer in claims:
        if not outer.content.span:
            continue
        lo, hi = outer.content.span
        for inner in claims:
            if inner.id != outer.id and inner.cue.span and lo <= inner.cue.span[0] < hi:
                via.setdefault(inner.id, []).append(outer.speaker.text)
                relays.add(outer.id)
    return via, relays


def _items(ledger: ArticleLedger) -> list[dict]:
    """What of one article may join a statement: its asserting claims (relays left out) and its sentences in the
    own voice (no claim in them)."""
    a = ledger.article
    claims = [c for c in ledger.claims if c.asserts and c.content.text]
    via, relays = _carried(claims)
    places = {p.id: p for p in ledger.places}
    context = _context_places(ledger)

    def keys(pids):  # a country named in a claim is mostly its actor ("Ukraine hit ..."), not where it happened
        chosen = [places[p] for p in pids if places[p].kind != "country"]
        return [place_key(p.geonameid, p.name or p.mention, p.katottg) for p in chosen]

    items = []
    for c in claims:
        if c.id in relays and c.id not in via:
            continue
        okey, olabel = origin_of(c, a.outlet, a.id)
        items.append(
            dict(
                claim_id=c.id,
                voice="attributed",
                text=c.content.text,
                places=keys(c.about_places or context(*c.sentence)),
                speaker_text=c.speaker.text,
                speaker_type=c.speaker.type,
                speaker_side=c.speaker.side,
                canonical=c.speaker.canonical,
                origin_key=okey,
                origin_label=olabel,
                via=via.get(c.id, []),
                certainty=c.certainty,
            )
        )
    taken = [c.sentence for c in ledger.claims]
    okey, olabel = origin_of(None, a.outlet, a.id)
    for n, (s, e) in enumerate(ledger.sentences):
        if any(s < te and ts < e for ts, te in taken):
            continue
        pids = context(s, e)
        items.append(
            dict(
                claim_id=f"s{n + 1}",
                voice="own",
                text=a.text[s:e].strip(),
                places=keys(pids),
                speaker_text=a.outlet or "",
                speaker_type="journalist",
                speaker_side=a.outlet_side or "unknown",
                canonical=None,
                origin_key=okey,
                origin_label=olabel,
                via=[],
                certainty="asserted",
            )
        )
    return items


def _context_places(ledger: ArticleLedger):
    """``(start, end) -> place ids`` that a claim (or sentence) in that span is about when its content names none:
    the places of its sentence, else the settlement the article names most.  "The situation remained unclear"
    from Pokrovsk is not the same statement as from Kupiansk, and only the context says which it is."""
    counted = [(len(p.spans), p.id) for p in ledger.places if p.kind == "settlement" and p.resolved]
    main = [max(counted)[1]] if counted else []

    def places(start: int, end: int) -> list[str]:
        inside = [p.id for p in ledger.places if any(start <= ps < end for ps, _ in p.spans)]
        return inside or main

    return places


def link_statements(tx, ledger: ArticleLedger, duplicate_of: str | None = None, encoder=None) -> list[str]:
    """Match one saved article's claims to statements (joining or founding them) and update each statement
    touched; returns their ids."""
    stx = tx.statements()
    a = ledger.article
    if not a.language:
        return []
    items = _items(ledger)
    if not items:
        return []
    encoder = encoder if encoder is not None else get_encoder()
    try:
        sigs = _signatures(items, ledger, encoder)
    except ClaimledgerError as exc:  # no model for the language here: the article is saved, unmatched
        log.warning("statements: %s not matched (%s)", a.id, exc)
        return []
    seen = a.published or UNDATED
    touched: list[str] = []
    founded: dict[str, dict] = {}  # statements this article founds: sid -> their first member's item
    pending: list[tuple[dict, list[str], str]] = []  # inserted together (the candidates skip this article anyway)
    for item, sig in zip(items, sigs):
        if len(sig.lemmas) < MIN_LEMMAS:
            continue
        keys = index_keys(sig)
        best, best_sid = _best_statement(sig, stx.candidates(keys, until=_shift(seen, WINDOW_DAYS)), a.id, seen)
        if best >= THRESHOLD:
            sid = best_sid
        elif item["voice"] == "attributed" and duplicate_of is None:
            sid = "st_" + hashlib.sha1(f"{a.id}:{item['claim_id']}".encode()).hexdigest()[:16]
            best = 1.0
            founded[sid] = item
        else:
            continue
        pending.append((_member_row(sid, item, ledger, sig, best, duplicate_of), keys, seen))
        if sid not in touched:
            touched.append(sid)
    stx.insert_members(pending)
    # a statement founded here has exactly its first member (no other claim of the same article can join it)
    props = stx.propositions_of(a.id) if founded else {}
    first = {row["statement_id"]: row for row, _, _ in pending if row["statement_id"] in founded}
    stx.insert_statements(
        [
            {**_new_statement(sid, item, a, props.get(item["claim_id"])), **summarise([first[sid]])}
            for sid, item in founded.items()
        ]
    )
    for sid in touched:
        if sid not in founded:
            stx.update_statement(sid, **summarise(stx.members_of(sid)))
    return touched


def conflicts(a: Signature, b: Signature) -> bool:
    """Two claims that cannot assert the same content, however alike their words: both name resolved places and
    none is shared (or, in one language, places resolved or not, none shared), or both carry numbers and neither's are among the other's ("58 of 49 drones" is not "9 of 58
    rocket launchers"; "58 drones" may relay "58 of 70 drones")."""
    pa = {p for p in a.places if not p.startswith("name:")}
    pb = {p for p in b.places if not p.startswith("name:")}
    if pa and pb and not pa & pb:
        return True
    if a.language == b.language and a.places and b.places and not set(a.places) & set(b.places):
        return True  # an unresolved name is comparable within one language: "Sumy" is not Kursk
    na, nb = set(a.numbers), set(b.numbers)
    return bool(na and nb and not (na <= nb or nb <= na))


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:  # no (or no full) publication date: no window
        return "9999-99-99" if days > 0 else "0000-00-00"


def _best_statement(
    sig: Signature, candidates: list[dict], article_id: str, seen: str | None = None
) -> tuple[float, str | None]:
    """The statement whose stored members match ``sig`` best -- among statements none of whose candidate members
    conflicts with it.  A statement is joined only if it agrees with every member the index returned, not with
    one: one member at a time, "shot down 58 of 49 drones over Kyiv" would chain to "... over Dnipro".  Members
    seen more than ``WINDOW_DAYS`` before or after ``seen`` neither match nor block: "fought off a counter-attack
    south of Huliaipole" a year later is another fight."""
    scores: dict[str, float] = {}
    blocked: set[str] = set()
    lo, hi = (_shift(seen, -WINDOW_DAYS), _shift(seen, WINDOW_DAYS)) if seen else ("", "9999-99-99")
    for cand in candidates:
        when = cand.get("seen") or UNDATED
        if cand["article_id"] == article_id or (when != UNDATED and not lo <= when <= hi):
            continue  # an undated member (no publication date) is in every window
        sid, other = cand["statement_id"], Signature.from_json(cand["signature_json"])
        if conflicts(sig, other):
            blocked.add(sid)
        elif sid not in blocked:
            scores[sid] = max(scores.get(sid, 0.0), similarity(sig, other))
    best, best_sid = 0.0, None
    for sid, score in scores.items():
        if sid not in blocked and score > best:
            best, best_sid = score, sid
    return best, best_sid


def _signatures(items: list[dict], ledger: ArticleLedger, encoder) -> list[Signature]:
    """Signatures from the terms the pipeline took from the article's parse (a ledger read back from JSON has none:
    its texts are parsed here)."""
    texts = [i["text"] for i in items]
    terms = [ledger.terms.get(i["claim_id"]) for i in items]
    places, speakers = [i["places"] for i in items], [i["canonical"] for i in items]
    return signatures(texts, ledger.article.language, places, speakers, encoder=encoder, terms=terms)


def _new_statement(sid: str, item: dict, a, proposition_id: str | None) -> dict:
    return dict(
        id=sid,
        text=item["text"],
        language=a.language,
        proposition_id=proposition_id,
        first_seen=a.published,
        origin_key=item["origin_key"],
        origin_label=item["origin_label"],
        origin_type=item["speaker_type"],
        origin_side=item["speaker_side"],
        origin_article_id=a.id,
        n_articles=1,
        n_origins=1,
        laundered=False,
        drift_json="[]",
    )


def _member_row(sid, item, ledger, sig, score, duplicate_of) -> dict:
    a = ledger.article
    return dict(
        article_id=a.id,
        claim_id=item["claim_id"],
        statement_id=sid,
        voice=item["voice"],
        text=item["text"],
        language=a.language,
        speaker_text=item["speaker_text"],
        speaker_type=item["speaker_type"],
        speaker_side=item["speaker_side"],
        origin_key=item["origin_key"],
        origin_label=item["origin_label"],
        via_json=json.dumps(item["via"], ensure_ascii=False),
        certainty=item["certainty"],
        score=round(score, 3),
        published=a.published,
        claimed_date=a.published,
        outlet=a.outlet,
        outlet_type=a.outlet_type,
        outlet_side=a.outlet_side,
        duplicate_of=duplicate_of,
        signature_json=sig.to_json(),
    )


def level(member: dict) -> int:
    """The member's certainty level: 3 when the outlet states it in its own voice."""
    return FACT if member["voice"] == "own" else LEVELS.get(member["certainty"], 2)


def _order(m: dict) -> tuple:
    return (m.get("published") or "9999-99-99", m.get("claimed_date") or "", 0 if m["voice"] == "attributed" else 1)


def _canonical(m: dict) -> str | None:
    key = m.get("origin_key") or ""
    return key if key.startswith("actor:") else None


def summarise(members: list[dict]) -> dict:
    """Origin, first seen, counts, drift and the laundering flag of one statement from its members."""
    members = sorted(members, key=_order)
    originals = [m for m in members if not m.get("duplicate_of")]
    attributed = [m for m in originals if m["voice"] == "attributed"]
    first = (attributed or originals or members)[0]
    independent: dict[str, str] = {}
    for m in attributed:
        key = _canonical(m)
        if m is first or key is None or key == first["origin_key"] or json.loads(m.get("via_json") or "[]"):
            continue
        independent.setdefault(key, m.get("published") or "9999-99-99")
    base = level(first)
    laundered = False
    for m in originals:
        if _order(m) <= _order(first) or level(m) <= base:
            continue
        day = m.get("published") or "9999-99-99"
        if not any(d <= day for d in independent.values()):
            laundered = True
            break
    drift = [
        {"published": m.get("published"), "outlet": m.get("outlet"), "level": LEVEL_NAMES[level(m)]} for m in originals
    ]
    return dict(
        text=first["text"],
        language=first.get("language"),
        first_seen=first.get("published"),
        origin_key=first["origin_key"],
        origin_label=first["origin_label"],
        origin_type=first["speaker_type"],
        origin_side=first["speaker_side"],
        origin_article_id=first["article_id"],
        n_articles=len({m["article_id"] for m in originals}),
        n_origins=1 + len(independent),
        laundered=laundered,
        drift_json=json.dumps(drift, ensure_ascii=False),
    )
