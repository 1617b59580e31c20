"""Server-side rendering helpers that need no HTML: the article text cut into segments at every span boundary
(each segment carries what covers it; the template escapes each piece), and the geometry of the control
timeline chart (the template draws it as SVG)."""

from __future__ import annotations

from datetime import date

from claimledger.model import TimelineEntry

# one symbol per speaker type (the marker in front of a claim); colour comes from the side (CSS)
TYPE_SYMBOLS = {
    "official_party": "◆",
    "combatant": "▲",
    "local_source": "●",
    "independent": "■",
    "journalist": "✎",
    "anonymous": "?",
}
STATUS_LABELS = {
    "acknowledged_by_opposing_side": "acknowledged by opposing side",
    "corroborated_by_independent": "corroborated by independent source",
    "disputed": "disputed",
    "denied": "denied",
    "claimed_by_one_side": "claimed by one side",
}


# human labels of vocabulary values (tables show the label, with the raw value in a tooltip; the API stays raw)
LABELS = {
    **STATUS_LABELS,
    "claimed_by_one_side": "claimed by one side",
    "UA": "Ukraine",
    "RU": "Russia",
    "other": "other",
    "unknown": "unknown",
    "official_party": "official (party to the war)",
    "combatant": "combatant",
    "local_source": "local source",
    "independent": "independent",
    "journalist": "journalist",
    "anonymous": "anonymous",
    "asserted": "asserted",
    "reported": "reported",
    "hedged": "hedged",
    "unverified": "unverified",
    "affirm": "affirms",
    "deny": "denies",
    "none": "no stance",
    "control": "control",
    "withdrawal": "withdrawal",
    "repelled": "attack repelled",
}


def label(value) -> str:
    """The human label of a vocabulary value (unknown values: underscores as spaces)."""
    if value is None:
        return ""
    value = str(value)
    return LABELS.get(value, value.replace("_", " "))


def _span(value) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return value[0], value[1]
    return None


def article_segments(doc: dict) -> list[dict]:
    """Cut ``doc['article']['text']`` at every span boundary.  Each segment: ``text`` (plain, to be escaped),
    ``claim`` (the innermost claim whose content covers it), ``claims`` (all of them), ``certainty`` (of the
    innermost), ``speaker``/``cue`` (claim ids whose speaker/cue covers it), ``place`` (place id and key),
    ``markers`` (claims that start here: a marker is drawn before the segment)."""
    text = doc["article"]["text"]
    n = len(text)
    claims = {c["id"]: c for c in doc.get("claims", [])}
    places = {p["id"]: p for p in doc.get("places", [])}
    anns: list[tuple[int, int, str, str]] = []
    starts: dict[int, list[str]] = {}
    for cid, c in claims.items():
        first = None
        for part in ("content", "speaker", "cue"):
            sp = _span((c.get(part) or {}).get("span"))
            if sp and 0 <= sp[0] < sp[1] <= n:
                anns.append((sp[0], sp[1], part, cid))
                first = sp[0] if first is None else min(first, sp[0])
        if first is not None:
            starts.setdefault(first, []).append(cid)
    for pid, p in places.items():
        for sp in p.get("spans") or []:
            sp = _span(sp)
            if sp and 0 <= sp[0] < sp[1] <= n:
                anns.append((sp[0], sp[1], "place", pid))
    bounds = sorted({0, n} | {a[0] for a in anns} | {a[1] for a in anns} | set(starts))
    segments = []
    for a, b in zip(bounds, bounds[1:]):
        cover = [x for x in anns if x[0] <= a and x[1] >= b]
        contents = sorted((x for x in cover if x[2] == "content"), key=lambda x: (x[1] - x[0], x[3]))
        place = next((x[3] for x in cover if x[2] == "place"), None)
        inner = contents[0][3] if contents else None
        segments.append(
            {
                "text": text[a:b],
                "start": a,
                "end": b,
                "claim": inner,
                "claims": [x[3] for x in contents],
                "certainty": claims[inner]["certainty"] if inner else None,
                "speaker": [x[3] for x in cover if x[2] == "speaker"],
                "cue": [x[3] for x in cover if x[2] == "cue"],
                "place": place,
                "place_key": place_key_of(places[place]) if place else None,
                "markers": [marker(claims[c]) for c in sorted(starts.get(a, []), key=_claim_order)],
            }
        )
    return segments


def _claim_order(cid: str):
    return (len(cid), cid)


def marker(claim: dict) -> dict:
    sp = claim.get("speaker") or {}
    t, side = sp.get("type") or "anonymous", sp.get("side") or "unknown"
    return {
        "claim": claim["id"],
        "symbol": TYPE_SYMBOLS.get(t, "?"),
        "type": t,
        "side": side,
        "title": f"{claim['id']}: {sp.get('text') or '(no speaker)'} — {t}, {side}, {claim.get('certainty')}",
    }


def place_key_of(place: dict) -> str | None:
    """The ledger's key for a place of an article (as the propositions use it)."""
    from claimledger.link.assertions import place_key

    name = place.get("name") or place.get("mention") or ""
    if not place.get("geonameid") and not place.get("katottg") and not name:
        return None
    return place_key(place.get("geonameid"), name, place.get("katottg"))


# --- the control timeline chart -------------------------------------------------------------------------------
LANES = ("RU", "UA", "other", "unknown")


def timeline_chart(rows: list[TimelineEntry], width: int = 860) -> dict | None:
    """Geometry for the control timeline: one lane per side that is claimed to hold (or to have left) the place,
    one mark per proposition at its date (hollow when only the claim date is known), a bar above for affirming
    origins and below for denying ones.  None when there is nothing dated to draw."""
    dated = [r for r in rows if r.date]
    if not dated:
        return None
    days = [date.fromisoformat(r.date) for r in dated]
    pad = max(2, (max(days) - min(days)).days // 20)  # room either side, so marks never sit on the frame
    lo, hi = date.fromordinal(min(days).toordinal() - pad), date.fromordinal(max(days).toordinal() + pad)
    span = (hi - lo).days
    left, right, lane_h, top = 90, 50, 70, 30
    lanes = [s for s in LANES if any(r.side == s for r in dated)]
    height = top + lane_h * len(lanes) + 40
    plot_w = width - left - right

    def x_of(d: date) -> float:
        return round(left + plot_w * ((d - lo).days / span if span else 0.5), 1)

    marks = []
    for r, d in zip(dated, days):
        y = top + lane_h * lanes.index(r.side) + lane_h / 2
        n_aff, n_den = len(r.affirmed_by), len(r.denied_by)
        who_aff = ", ".join(o.origin for o in r.affirmed_by) or "—"
        who_den = ", ".join(o.origin for o in r.denied_by) or "—"
        marks.append(
            {
                "x": x_of(d),
                "y": y,
                "kind": r.kind,
                "status": r.status,
                "hollow": r.date_is_claim_date,
                "proposition": r.proposition,
                "date": r.date,
                "aff_h": min(6 * n_aff, lane_h / 2 - 8),
                "den_h": min(6 * n_den, lane_h / 2 - 8),
                "title": (
                    f"{r.date}{' (claimed)' if r.date_is_claim_date else ''}: {r.text} — "
                    f"{STATUS_LABELS.get(r.status, r.status)}; affirmed by {who_aff}; denied by {who_den}"
                ),
            }
        )
    ticks = []
    n_ticks = min(6, span + 1)
    for i in range(n_ticks):
        d = date.fromordinal(lo.toordinal() + round(span * i / max(n_ticks - 1, 1)))
        ticks.append({"x": x_of(d), "label": d.isoformat()})
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "axis_y": top + lane_h * len(lanes) + 5,
        "lanes": [
            {"side": s, "y": top + lane_h * i + lane_h / 2, "y0": top + lane_h * i, "h": lane_h}
            for i, s in enumerate(lanes)
        ],
        "marks": marks,
        "ticks": ticks,
    }
