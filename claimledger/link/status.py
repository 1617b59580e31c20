"""The status of a proposition, from its *origins* (not its articles: copies and relays of one statement are
one origin).  Rules, first that applies:

1. acknowledged_by_opposing_side — for control propositions, an official or combatant of the other warring
   party affirms it (Ukraine's General Staff confirms that Russian forces control a town).  Not for attacks
   and strikes: those are normally reported by the side that was hit, which acknowledges nothing.
2. corroborated_by_independent — an independent origin (monitor, analyst, OSINT group) affirms it.
3. disputed — some origins affirm it and others deny it.
4. denied — origins only deny it.
5. claimed_by_one_side — only one side's origins (or unidentified ones) affirm it.

Only affirmations and denials count: an origin whose word is ``none`` (declined to comment, could not verify) is
recorded and shown but counts for nothing, and a ``none`` never replaces an origin's earlier affirmation or denial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimledger.vocab import CLAIMED_BY_ONE_SIDE, COUNTED_STANCES, PARTIES


@dataclass
class Origin:
    key: str
    label: str
    speaker_type: str
    speaker_side: str
    stance: str  # affirm | deny | none: the origin's latest word (a denial later acknowledged counts as affirm)


@dataclass
class Status:
    status: str
    reason: str
    n_origins: int
    n_affirm: int
    n_deny: int


def proposition_status(actor_side: str, origins: list[Origin], kind: str = "control") -> Status:
    affirm = [o for o in origins if o.stance == "affirm"]
    deny = [o for o in origins if o.stance == "deny"]
    n = (len(origins), len(affirm), len(deny))
    opposing = [
        o
        for o in affirm
        if kind == "control"
        and o.speaker_type in ("official_party", "combatant")
        and o.speaker_side in PARTIES
        and actor_side in PARTIES
        and o.speaker_side != actor_side
    ]
    if opposing:
        return Status(
            "acknowledged_by_opposing_side", f"affirmed by {opposing[0].label} ({opposing[0].speaker_side})", *n
        )
    independent = [o for o in affirm if o.speaker_type == "independent"]
    if independent:
        return Status("corroborated_by_independent", f"affirmed by independent {independent[0].label}", *n)
    if affirm and deny:
        return Status("disputed", f"{len(affirm)} origin(s) affirm, {len(deny)} deny (e.g. {deny[0].label})", *n)
    if deny:
        return Status("denied", f"only denials ({deny[0].label})", *n)
    if not affirm:
        return Status(CLAIMED_BY_ONE_SIDE, "no origin affirms or denies it (only declined or withheld words)", *n)
    sides = sorted({o.speaker_side for o in affirm if o.speaker_side in PARTIES})
    who = sides[0] if len(sides) == 1 else "unidentified sources"
    return Status(CLAIMED_BY_ONE_SIDE, f"affirmed only by {who}; no independent or opposing confirmation", *n)


def origins_from_members(members) -> list[Origin]:
    """Collapse member rows (``Member`` models or dicts) (one per article × claim) to distinct origins; each keeps its latest stance
    (by claim date, then publication date; a tie goes to the denial); a ``none`` replaces only another ``none``."""
    by_key: dict[str, Origin] = {}
    order = sorted(members, key=lambda m: (m.get("claimed_date") or m.get("published") or "", m["stance"] == "deny"))
    for m in order:
        o = by_key.get(m["origin_key"])
        if o is None:
            by_key[m["origin_key"]] = Origin(
                m["origin_key"], m["origin_label"], m["speaker_type"], m["speaker_side"], m["stance"]
            )
        elif m["stance"] in COUNTED_STANCES or o.stance not in COUNTED_STANCES:
            o.stance = m["stance"]
    return list(by_key.values())


def _status_rules() -> dict[str, str]:
    """status -> the rule that produces it, read from this module's docstring (the one place the rules are
    written), so the web page can never drift from the code."""
    rules, current = {}, None
    for line in (__doc__ or "").splitlines():
        m = re.match(r"\s*(\d)\.\s+(\w+)\s+[—-]+\s+(.*)", line)
        if m:
            current = m.group(2)
            rules[current] = f"rule {m.group(1)}: {m.group(3).strip()}"
        elif current and line.startswith("   ") and line.strip():
            rules[current] += " " + line.strip()
        else:
            current = None
    return rules


STATUS_RULES = _status_rules()
