"""Read views that need the linking rules on top of the store's queries: a place's control timeline and a
proposition with the rule behind its status and its origins (for the CLI, the API and the web pages).

Every view takes ``as_of`` (YYYY-MM-DD or None): the ledger as it stood on that day — only the claims known by
then (``claimledger.link.history``: published by then, or stored by then when undated) count, and the statuses
are computed from them with the rules of ``link.status``.  None is now: the stored statuses."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from claimledger.link.history import known_by, status_history
from claimledger.link.status import STATUS_RULES, origins_from_members, proposition_status
from claimledger.link.timeline import control_timeline
from claimledger.model import CONTROL_KINDS, Proposition, TimelineEntry
from claimledger.model.ledger import StatusChange

AS_OF_CANDIDATES = 100_000  # a status filter as of a day computes the status of at most this many propositions


def place_timeline(store, place_key: str, limit: int = 2000, as_of: str | None = None) -> list[TimelineEntry]:
    return places_timeline(store, [place_key], limit, as_of)


def places_timeline(store, place_keys: list[str], limit: int = 2000, as_of: str | None = None) -> list[TimelineEntry]:
    from claimledger.store.queries import members_by_proposition

    props = [p for p in store.propositions(place_keys=place_keys, limit=limit, as_of=as_of) if p.kind in CONTROL_KINDS]
    if as_of:
        props = [Proposition(**d) for d in as_of_rows(store, props, as_of)]
    # the members of every control proposition in one query, only the columns the timeline reads
    members = members_by_proposition(store, [p.id for p in props], as_of, TIMELINE_COLUMNS)
    return control_timeline(props, lambda pid: [SimpleNamespace(**m) for m in members.get(pid, [])])


TIMELINE_COLUMNS = (
    "article_id",
    "stance",
    "origin_key",
    "origin_label",
    "speaker_type",
    "speaker_side",
    "claimed_date",
)


def as_of_rows(
    store, rows: list, as_of: str, settled: set[str] | None = None, statuses: dict | None = None
) -> list[dict]:
    """``rows`` (propositions: models or dicts) as they stood on ``as_of``: status, reason, origin and article
    counts and dates from the members known by then, ``as_of`` added; those with no member by then dropped.
    A proposition whose members were all published by then keeps its stored values (the status rules give
    the same); the others take two grouped, indexed queries over their members known by then.  ``settled``:
    the ids among ``rows`` known to be so (else looked up); ``statuses``: statuses as of the day already
    computed (``statuses_as_of``)."""
    rows = [r.model_dump() if hasattr(r, "model_dump") else dict(r) for r in rows]
    if settled is None:
        last = store.last_published([r["id"] for r in rows])
        settled = {pid for pid, (day, undated) in last.items() if not undated and day and day <= as_of}
    ids = [r["id"] for r in rows if r["id"] not in settled]
    aggs = store.member_aggregates(ids, as_of)
    statuses = dict(statuses or {})
    todo = [i for i in ids if i not in statuses]
    statuses.update(statuses_as_of(store, todo, {r["id"]: r for r in rows}, as_of) if todo else {})
    out = []
    for d in rows:
        if d["id"] in settled:  # every member published by then: as it stands now
            out.append({**d, "as_of": as_of})
            continue
        agg = aggs.get(d["id"])
        if agg is None:
            continue
        st = statuses[d["id"]]
        d.update(
            {k: v for k, v in agg.items() if k != "proposition_id"},
            status=st.status,
            status_reason=st.reason,
            n_origins=st.n_origins,
            n_affirm_origins=st.n_affirm,
            n_deny_origins=st.n_deny,
            as_of=as_of,
        )
        out.append(d)
    return out


def statuses_as_of(store, ids: list[str], props: dict[str, dict], as_of: str) -> dict:
    """proposition id -> its ``Status`` as of the day (from its members known by then: one grouped query for
    all, the ends of each origin's words); ``props`` gives each one's side and kind."""
    ends: dict[str, list[dict]] = defaultdict(list)
    for e in store.member_ends(ids, as_of):
        ends[e["proposition_id"]] += [{**e, "claimed_date": e["first"]}, {**e, "claimed_date": e["last"]}]
    return {
        pid: proposition_status(props[pid]["side"], origins_from_members(ends[pid]), props[pid]["kind"])
        for pid in ids
        if ends.get(pid)
    }


def ids_with_status(
    store, status: str, as_of: str, place_key: str | None = None, kind: str | None = None, side: str | None = None
) -> list[tuple[str, object]]:
    """The propositions whose status as of ``as_of`` is ``status``, in the default order of the list, each with
    its computed ``Status`` (None when settled by then: every member published, so its stored status, found in
    SQL, is its status then); the others' statuses computed from their members known by then."""
    from claimledger.store import queries

    cands = queries.propositions_as_of(store, as_of, status, place_key, kind, side, AS_OF_CANDIDATES)
    open_ids = [c["id"] for c in cands if not c["settled"]]
    st = statuses_as_of(store, open_ids, {r["id"]: r for r in queries.propositions_by_id(store, open_ids)}, as_of)
    return [
        (c["id"], st.get(c["id"])) for c in cands if c["settled"] or (c["id"] in st and st[c["id"]].status == status)
    ]


def list_propositions(
    store,
    place_key: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    side: str | None = None,
    limit: int = 25,
    offset: int = 0,
    as_of: str | None = None,
) -> tuple[list[dict], int]:
    """``store.queries.list_propositions``, as of a day when ``as_of`` is given (the status filter then applies
    to the status as of that day)."""
    from claimledger.store import queries

    if not as_of:
        return queries.list_propositions(store, place_key, status, kind, side, limit, offset)
    if not status:
        rows, total = queries.list_propositions(store, place_key, None, kind, side, limit, offset, as_of=as_of)
        return as_of_rows(store, rows, as_of), total
    # the status as of the day is computed only where it may differ from the stored one, and the rows (counts,
    # dates as of the day) only for the page shown
    hits = ids_with_status(store, status, as_of, place_key, kind, side)
    page = hits[offset : offset + limit]
    rows = queries.propositions_by_id(store, [pid for pid, _ in page])
    settled = {pid for pid, st in page if st is None}
    computed = {pid: st for pid, st in page if st is not None}
    return as_of_rows(store, rows, as_of, settled, computed), len(hits)


def map_places(store, limit: int = 5000, as_of: str | None = None) -> list[dict]:
    """``store.queries.map_places``; as of a day, each place's latest control proposition carries its status
    (and date) as of that day."""
    from claimledger.store import queries

    places = queries.map_places(store, limit, as_of=as_of)
    if not as_of:
        return places
    latest = [p["latest_control"] for p in places if p.get("latest_control")]
    then = {r["id"]: r for r in as_of_rows(store, [{**c, "id": c["proposition"]} for c in latest], as_of)}
    for c in latest:
        r = then.get(c["proposition"])
        if r is not None:
            c.update(status=r["status"], date=r.get("date_min") or r.get("first_claimed") or c["date"])
    return places


def proposition_detail(store, proposition_id: str, as_of: str | None = None) -> dict | None:
    """``store.queries.proposition_detail`` with its members split by stance, the status rule that produced its
    status, its distinct origins with the stance each counts with (its latest word), as the status rules see
    them, and its ``history`` (``link.history.status_history``).  ``as_of``: as it stood on that day (None when
    no claim of it was known yet)."""
    from claimledger.store.queries import proposition_detail as _detail

    prop = _detail(store, proposition_id)
    if prop is None:
        return None
    members = prop.pop("members")
    history = status_history(members, prop["side"], prop["kind"])
    if as_of:
        members = known_by(members, as_of)
        if not members:
            return None
        st = proposition_status(prop["side"], origins_from_members(members), prop["kind"])
        events = [m["event_date"] for m in members if m["event_date"]]
        claimed = [m["claimed_date"] for m in members if m["claimed_date"]]
        prop.update(
            status=st.status,
            status_reason=st.reason,
            n_origins=st.n_origins,
            n_affirm_origins=st.n_affirm,
            n_deny_origins=st.n_deny,
            n_articles=len({m["article_id"] for m in members}),
            date_min=min(events, default=None),
            date_max=max(events, default=None),
            first_claimed=min(claimed, default=None),
            as_of=as_of,
        )
        history = [h for h in history if h.date and h.date <= as_of]
    prop["affirm"] = [m for m in members if m["stance"] == "affirm"]
    prop["deny"] = [m for m in members if m["stance"] == "deny"]
    prop["no_stance"] = [m for m in members if m["stance"] not in ("affirm", "deny")]  # declined, could not verify
    prop["status_rule"] = STATUS_RULES.get(prop["status"], "")
    prop["origins"] = [
        {"origin": o.label, "type": o.speaker_type, "side": o.speaker_side, "stance": o.stance}
        for o in origins_from_members(members)
    ]
    prop["history"] = [h.model_dump() for h in history]
    return prop


def proposition_history(store, proposition_id: str, as_of: str | None = None) -> list[StatusChange]:
    """The status history of one proposition (up to ``as_of``)."""
    p = proposition_detail(store, proposition_id, as_of)
    return [StatusChange(**h) for h in p["history"]] if p else []


def place_keys(store, name: str) -> list[str]:
    """Place keys a user's place name means — the one entry point for the CLI and the API's ``place`` filters:
    a key as it is (gn:…, kt:…, name:…), a GeoNames id, the ledger's own names, else every spelling and script
    of the gazetteer's alias index (Северск, Сіверськом, Seversk → gn:694403), the places of the ledger first;
    keys with no propositions are kept, so a caller can say "nothing about that place yet" rather than "no
    such place"."""
    import re

    name = name.strip()
    if re.fullmatch(r"gn:\d{1,12}|kt:UA\d{17}|name:.+", name):
        return [name]
    keys = list(store.find_places(name))
    if keys:
        return keys
    cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in name)
    keys = alias_keys(name, ("uk", "ru") if cyrillic else ("en",))
    if len(keys) > 1:  # the places the ledger holds propositions about first
        known = {k for k in keys if store.propositions(place_keys=[k], limit=1)}
        keys.sort(key=lambda k: k not in known)
    return keys


def alias_keys(name: str, languages: tuple[str, ...] = ("en",), limit: int = 20) -> list[str]:
    """The place keys (``gn:…``, else ``kt:…``) of the theatre settlements ``name`` may be, from the gazetteer's
    alias index; ``languages`` pick the morphology for inflected Cyrillic forms."""
    from claimledger.geo.aliases import lookup

    out = []
    for lang in languages:
        for c in lookup(name.strip(), lang)[:limit]:
            if c.geonameid is not None:
                out.append(f"gn:{c.geonameid}")
            elif c.katottg:
                out.append(f"kt:{c.katottg}")
    return list(dict.fromkeys(out))
