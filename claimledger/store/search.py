"""Search text as a user types it, parsed into terms and rendered for each backend by this module alone.

Syntax: words (all must match), ``"a phrase"``, ``A OR B`` (upper-case OR between two terms), ``liberat*`` (a
prefix).  Nothing else is syntax: every other character only separates words, so user input can never reach
FTS5 or ``to_tsquery`` as operators (the query string is built here from the parsed words, each quoted).

A term may be widened by an ``expand`` function given by the caller (the store knows no places): it returns
the other spellings of the term (``claimledger.web.search.place_variants`` gives every spelling and script of
a place: Siversk -> Seversk, Сіверськ, Сіверськом, Северск, Северске …), which are OR-ed with the term.

Queries run on the full-text indexes (migration 0010): FTS5 tables ``claims_fts`` and ``articles_fts`` on SQLite,
whose rowids are the claims' and articles' rowids; on PostgreSQL stored ``search_tsv`` columns
(``to_tsvector('simple', …)``) with GIN indexes.
Terms of punctuation only (``%``, ``_``) are searched as text in the article lists.  The claims list
(``search_claims``) lives here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Integer, Join, and_, bindparam, false, func, literal_column, or_, select, text, tuple_
from sqlalchemy.ext.compiler import compiles

# the characters FTS5's unicode61 tokenizer keeps in a token (letters and digits of every script)
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
MAX_TERMS = 16  # parsed terms (before expansion)
MAX_VARIANTS = 48  # alternatives one term may expand to

Expand = Callable[[tuple[str, ...]], list[tuple[str, ...]]]


@dataclass(frozen=True)
class Term:
    """One word, or a phrase (several words in this order); ``prefix``: the last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False
    raw: str = field(default="", compare=False)  # as typed (plain-text search matches it, _ and % included)

    def text(self) -> str:
        return " ".join(self.words) + ("*" if self.prefix else "")


@dataclass
class SearchQuery:
    """AND of groups, each an OR of terms (a term and its variants, or terms joined by OR)."""

    text: str
    groups: list[list[Term]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def fulltext_empty(self) -> bool:
        """Nothing a full-text index could find (punctuation only)."""
        return not any(t.words for g in self.groups for t in g)

    def variants(self) -> list[str]:
        """Every term searched, as text (shown to the user: "searched Siversk OR Seversk OR Сіверськ …")."""
        return [t.text() or t.raw for g in self.groups for t in g]


def parse(text: str, expand: Expand | None = None) -> SearchQuery:
    text = "".join(ch for ch in text if ch >= " ")[:1000]
    items: list[tuple[str, Term] | str] = []  # terms (with how they were typed) and "OR"
    for m in _TOKEN.finditer(text):
        if m.group(1) is not None:
            words = tuple(w.lower() for w in _WORD.findall(m.group(1)))
            if words:
                items.append(("phrase", Term(words, raw=" ".join(m.group(1).lower().split()))))
            continue
        tok = m.group(2)
        if tok == "OR":
            items.append("OR")
            continue
        words = tuple(w.lower() for w in _WORD.findall(tok))
        if not words:  # punctuation only (%, _): nothing for full-text search, text for plain-text search
            items.append(("raw", Term((), raw=tok.lower())))
            continue
        prefix = tok.rstrip('"').endswith("*") and len(words[-1]) >= 2
        raw = tok.lower().strip('"').rstrip("*") if not prefix else ""
        items.append(("word" if len(words) == 1 and not prefix else "phrase", Term(words, prefix, raw)))
    groups: list[list[tuple[str, Term]]] = []
    join = False
    for it in items:
        if it == "OR":
            join = bool(groups)
            continue
        if join:
            groups[-1].append(it)
        else:
            groups.append([it])
        join = False
    groups = groups[:MAX_TERMS]
    q = SearchQuery(text)
    i = 0
    while i < len(groups):
        g = groups[i]
        # two plain words that name one place together (Velyka Novosilka): one term, expanded
        if expand and len(g) == 1 and g[0][0] == "word" and i + 1 < len(groups):
            nxt = groups[i + 1]
            if len(nxt) == 1 and nxt[0][0] == "word":
                pair = g[0][1].words + nxt[0][1].words
                variants = expand(pair)
                if variants:
                    q.groups.append(_widen([Term(pair)], variants))
                    i += 2
                    continue
        terms = [t for _, t in g]
        if expand:
            for kind, t in g:
                if kind in ("word", "phrase") and not t.prefix:
                    terms = _widen(terms, expand(t.words))
        q.groups.append(terms)
        i += 1
    return q


def _widen(terms: list[Term], variants: list[tuple[str, ...]]) -> list[Term]:
    out = list(terms)
    for v in variants[:MAX_VARIANTS]:
        words = tuple(w.lower() for part in v for w in _WORD.findall(part))
        if words and Term(words) not in out:
            out.append(Term(words))
    return out


def as_query(search: str | SearchQuery) -> SearchQuery:
    return search if isinstance(search, SearchQuery) else parse(search)


def _worded(q: SearchQuery) -> list[list[Term]]:
    """The groups for full-text search: terms of punctuation only dropped (the tokenizers drop it too)."""
    return [g for g in ([t for t in g if t.words] for g in q.groups) if g]


# --- rendering ----------------------------------------------------------------------------------------------
def fts5(q: SearchQuery) -> str:
    """An FTS5 MATCH expression: every word double-quoted (words hold letters and digits only)."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + (" *" if t.prefix else "")

    return " AND ".join("(" + " OR ".join(term(t) for t in g) + ")" for g in _worded(q))


def tsquery(q: SearchQuery) -> str:
    """A PostgreSQL ``to_tsquery('simple', …)`` expression: lexemes quoted, phrases with <->, prefixes :*."""

    def term(t: Term) -> str:
        parts = [f"'{w}'" for w in t.words]
        if t.prefix:
            parts[-1] += ":*"
        return "(" + " <-> ".join(parts) + ")"

    return " & ".join("(" + " | ".join(term(t) for t in g) + ")" for g in _worded(q))


def like_condition(q: SearchQuery, *columns):
    """The query over plain text columns (substring match, case-insensitive also for non-ASCII letters, which
    SQLite's lower() leaves alone: lower, Capitalised and UPPER forms are tried on the column as stored)."""
    if q.empty:
        return false()
    groups = []
    for g in q.groups:
        alts = []
        for t in g:
            needle = t.raw or " ".join(t.words)
            for col in columns:
                col = func.coalesce(col, "")
                alts.append(func.lower(col).contains(needle, autoescape=True))
                if not needle.isascii():
                    for form in {needle.capitalize(), needle.upper(), needle.title()}:
                        alts.append(col.contains(form, autoescape=True))
        groups.append(or_(*alts))
    return and_(*groups)


# --- conditions on the full-text indexes (migrations 0002, 0010) ------------------------------------------


def fts_hits(q: SearchQuery, table: str, is_sqlite: bool, probe: bool = False):
    """SQL condition on ``claims`` or ``articles``: the row matches ``q`` in the full-text index (SQLite: the
    FTS5 table ``<table>_fts``, whose rowids are the table's; PostgreSQL: the ``search_tsv`` column).  Terms of
    punctuation only are left out (see ``fts_or_text`` for them).  ``probe`` (SQLite): the matches are only
    looked up for rows read in another order (``+rowid``: the planner may not start from them)."""
    if is_sqlite:
        sub = (
            text(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :q")
            .bindparams(bindparam("q", fts5(q), unique=True))
            .columns(rowid=Integer)
        )
        return literal_column(("+" if probe else "") + f"{table}.rowid").in_(sub)
    # PostgreSQL: the stored tsvector column (GIN-indexed, cheap to check row by row)
    return text(f"{table}.search_tsv @@ to_tsquery('simple', :q)").bindparams(bindparam("q", tsquery(q), unique=True))


def fts_count(conn, q: SearchQuery, table: str, cap: int) -> int | None:
    """How many rows of ``table`` the full-text index alone matches, up to ``cap`` + 1 (SQLite, where it reads
    only the index; None on PostgreSQL)."""
    if conn.dialect.name != "sqlite":
        return None
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH :q LIMIT :n)"
    return conn.execute(text(sql), {"q": fts5(q), "n": cap + 1}).scalar_one()


def fts_or_text(q: SearchQuery, table: str, is_sqlite: bool, *columns):
    """``q`` over ``table``: worded terms through the full-text index, terms of punctuation only (``%``, ``_``)
    as text in ``columns`` (substring, like ``like_condition``)."""
    if q.empty:
        return false()
    worded = [g for g in q.groups if all(t.words for t in g)]
    conds = [fts_hits(SearchQuery(q.text, worded), table, is_sqlite)] if worded else []
    for g in q.groups:
        if all(t.words for t in g):
            continue
        words = [t for t in g if t.words]
        alts = [like_condition(SearchQuery(q.text, [[t for t in g if not t.words]]), *columns)]
        if words:
            alts.append(fts_hits(SearchQuery(q.text, [words]), table, is_sqlite))
        conds.append(or_(*alts))
    return and_(*conds)


# --- the claims list ----------------------------------------------------------------------------------------
SCAN_ABOVE = 2000  # full-text matches above which a claims page walks the articles in date order (SQLite)


class CrossJoin(Join):
    """``left CROSS JOIN right ON …``: on SQLite the left table is then the outer loop (the planner keeps the
    order), so a page of claims ordered by publication date reads the articles in that order and stops early."""

    inherit_cache = True


@compiles(CrossJoin)
def _cross_join(element, compiler, **kw):
    kw["asfrom"] = True
    return (
        element.left._compiler_dispatch(compiler, **kw)
        + " CROSS JOIN "
        + element.right._compiler_dispatch(compiler, **kw)
        + " ON "
        + element.onclause._compiler_dispatch(compiler, **kw)
    )


def search_claims(
    store,
    search: str | SearchQuery | None = None,
    side: str | None = None,
    speaker: str | None = None,
    speaker_type: str | None = None,
    certainty: str | None = None,
    status: str | None = None,
    place_key: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article_id: str | None = None,
    limit: int = 25,
    offset: int = 0,
    sort: str | None = None,
    as_of: str | None = None,
    propositions: list[str] | None = None,
) -> tuple[list[dict], int]:
    """Claims with their article, filters combined with AND, newest articles first; returns (page, total).
    ``search``: text (``store.search`` syntax) or a parsed :class:`SearchQuery` (with place variants).
    ``sort``: one of ``queries.CLAIM_SORTS``, ``-`` in front for descending.  ``place_key`` keeps claims about
    that place: the claim lists one of its article's places with that key, or the claim belongs to a
    proposition about it.  ``as_of``: only the claims of articles known by that day
    (``queries.article_known_by``).  ``propositions``: only claims that are members of these (``status`` then
    is not used: the caller chose them by their status as of a day)."""
    from claimledger.store import schema
    from claimledger.store.queries import CLAIM_SORTS, _count, _rows, article_known_by

    C, A, M, P = schema.claims, schema.articles, schema.proposition_members, schema.propositions
    parsed = as_query(search) if search else None
    if parsed is not None and parsed.fulltext_empty:
        return [], 0
    # SQLite, a very common term: walk the articles newest first (the published index) and probe their claims,
    # which stops once the page is full, instead of sorting every match
    scan = False
    if parsed is not None and store.is_sqlite and not sort and not place_key:
        with store.read_engine.connect() as conn:
            scan = fts_count(conn, parsed, "claims", SCAN_ABOVE) > SCAN_ABOVE
    joined = CrossJoin(A, C, C.c.article_id == A.c.id) if scan else C.join(A, A.c.id == C.c.article_id)
    q = (
        select(
            C.c.article_id,
            C.c.claim_id,
            C.c.speaker_text,
            C.c.speaker_type,
            C.c.speaker_side,
            C.c.cue_text,
            C.c.content_text,
            C.c.certainty,
            A.c.title,
            A.c.outlet,
            A.c.published,
            A.c.url,
        )
        .select_from(joined)
        .where(A.c.duplicate_of.is_(None))
    )
    if article_id:
        q = q.where(C.c.article_id == article_id)
    if side:
        q = q.where(C.c.speaker_side == side)
    if speaker:
        q = q.where(func.lower(C.c.speaker_text).contains(speaker.lower(), autoescape=True))
    if speaker_type:
        q = q.where(C.c.speaker_type == speaker_type)
    if certainty:
        q = q.where(C.c.certainty == certainty)
    if since:
        q = q.where(A.c.published >= since)
    if until:
        q = q.where(A.c.published <= until)
    if as_of:
        q = q.where(article_known_by(as_of))
    if propositions is not None:
        if not propositions:
            return [], 0
        sub = select(M.c.article_id, M.c.claim_id).where(M.c.proposition_id.in_(propositions))
        q = q.where(tuple_(C.c.article_id, C.c.claim_id).in_(sub))
    elif status:
        sub = select(M.c.article_id, M.c.claim_id).join(P, P.c.id == M.c.proposition_id).where(P.c.status == status)
        q = q.where(tuple_(C.c.article_id, C.c.claim_id).in_(sub))
    if parsed is not None:
        q = q.where(fts_hits(parsed, "claims", store.is_sqlite, probe=scan))
    # newest first, undated last (the natural DESC order on SQLite, so the published index serves it)
    order = (A.c.published.desc().nulls_last(), C.c.article_id, func.length(C.c.claim_id), C.c.claim_id)
    name = (sort or "").lstrip("-")
    if name in CLAIM_SORTS:
        col = (A if name in ("published", "outlet") else C).c[name]
        order = (col.is_(None), col.desc() if sort.startswith("-") else col.asc(), *order)
    if place_key:
        q = q.where(_about_place(store, place_key))
    total = _count(store, q)
    return _rows(store, q.order_by(*order).limit(limit).offset(offset)), total


def _about_place(store, place_key: str):
    """SQL condition on ``claims``: the claim is about the place — a member of one of its propositions, or a
    claim whose ``about_places`` name one of its article's mentions of the place (the claim JSON is read only
    for the claims of articles that mention the place and are not already members)."""
    import json

    from claimledger.store import schema

    C, M, P, PL = schema.claims, schema.proposition_members, schema.propositions, schema.places
    key = tuple_(C.c.article_id, C.c.claim_id)
    member = (
        select(M.c.article_id, M.c.claim_id)
        .join(P, P.c.id == M.c.proposition_id)
        .where(P.c.place_key == place_key, M.c.claim_id != "")
    )
    if place_key.startswith("gn:") and place_key[3:].isdigit():
        cond = PL.c.geonameid == int(place_key[3:])
    else:
        name = place_key.split(":", 1)[-1]
        cond = and_(PL.c.geonameid.is_(None), or_(func.lower(PL.c.name) == name, func.lower(PL.c.mention) == name))
    extra: list[tuple[str, str]] = []
    with store.read_engine.connect() as conn:
        mentions = {tuple(r) for r in conn.execute(select(PL.c.article_id, PL.c.place_id).where(cond))}
        if mentions:
            others = select(C.c.article_id, C.c.claim_id, C.c.claim_json).where(
                C.c.article_id.in_(select(PL.c.article_id).where(cond)), key.not_in(member)
            )
            for a, c, doc in conn.execute(others):
                if any((a, p) in mentions for p in json.loads(doc).get("about_places") or []):
                    extra.append((a, c))
    return or_(key.in_(member), key.in_(extra)) if extra else key.in_(member)


# --- the places table ---------------------------------------------------------------------------------------
PLACE_SORTS = ("name", "n_propositions", "n_articles", "latest")


def list_places(
    store, search: str | None = None, sort: str | None = None, limit: int = 25, offset: int = 0
) -> tuple[list[dict], int]:
    """Places with propositions: name, number of propositions and articles, latest event date, and (for the
    page) the oblast / region and kind as geoparsed, and the latest control proposition's status."""
    from claimledger.store import schema
    from claimledger.store.queries import _count, _latest_control, _rows

    P, PL = schema.propositions, schema.places
    latest = func.max(func.coalesce(P.c.date_min, P.c.first_claimed)).label("latest")
    q = select(
        P.c.place_key,
        func.max(P.c.place_name).label("name"),
        func.count().label("n_propositions"),
        func.sum(P.c.n_articles).label("n_articles"),
        latest,
    ).group_by(P.c.place_key)
    if search:
        q = q.having(func.lower(func.max(P.c.place_name)).contains(search.lower(), autoescape=True))
    total = _count(store, q)
    cols = {"name": func.max(P.c.place_name), "n_propositions": func.count(), "n_articles": func.sum(P.c.n_articles)}
    cols["latest"] = latest
    name = (sort or "").lstrip("-")
    order = (func.count().desc(), P.c.place_key)
    if name in cols:
        col = cols[name]
        order = (col.is_(None), col.desc() if sort.startswith("-") else col.asc(), P.c.place_key)
    rows = _rows(store, q.order_by(*order).limit(limit).offset(offset))
    control = _latest_control(store, [r["place_key"] for r in rows])
    gids = [int(r["place_key"][3:]) for r in rows if r["place_key"].startswith("gn:") and r["place_key"][3:].isdigit()]
    geo = {}
    if gids:
        for g in _rows(
            store,
            select(PL.c.geonameid, func.max(PL.c.admin1).label("admin1"), func.max(PL.c.kind).label("kind"))
            .where(PL.c.geonameid.in_(gids))
            .group_by(PL.c.geonameid),
        ):
            geo[f"gn:{g['geonameid']}"] = g
    for r in rows:
        g = geo.get(r["place_key"], {})
        r["kind"], r["oblast"] = g.get("kind"), g.get("admin1")
        lc = control.get(r["place_key"]) or {}
        r["latest_status"], r["latest_side"], r["latest_proposition"] = (
            lc.get("status"),
            lc.get("side"),
            lc.get("proposition"),
        )
    return rows, total


__all__ = [
    "Term", "SearchQuery", "parse", "as_query", "fts5", "tsquery", "like_condition", "fts_hits", "fts_count",
    "fts_or_text", "CrossJoin", "SCAN_ABOVE", "Expand", "list_places", "search_claims",
]  # fmt: skip
