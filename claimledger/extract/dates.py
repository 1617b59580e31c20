"""Dates: temporal expressions normalised against the publication date (TimeML-style values).

Never invent a year: without a publication date, "December 11" is ``XXXX-12-11`` with precision
"day, year unknown", and relative expressions ("yesterday") stay unresolved.

The words and patterns of a language live in its pack (``lang/<code>/dates.yaml``); this module only
normalises what they match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from claimledger.lang import LanguagePack, get_pack
from claimledger.model import DateValue

_ISO = ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"))
_FRAGMENT = re.compile(r"\{([A-Z]+)\}")
_DAY_NUMBER = re.compile(r"\s*\d")
_TIME_UNITS = {"TH": "H", "TM": "M"}  # unit designator -> ISO 8601 designator after "PT"


@dataclass(frozen=True)
class DateWords:
    """A language's temporal words (lower case) and its patterns, compiled once."""

    months: dict
    ambiguous_months: frozenset
    weekdays: dict
    numbers: dict
    units: dict
    seasons: dict
    parts_of_day: dict
    relative: dict
    deictic: dict
    gate: re.Pattern
    patterns: tuple  # ((rule name, compiled pattern), ...), the ISO date rule first


@cache
def _words(pack: LanguagePack) -> DateWords:
    data = pack.words("dates")
    fragments = data["fragments"]

    def expand(pattern: str) -> str:
        return _FRAGMENT.sub(lambda m: fragments[m.group(1)], pattern)

    patterns = (_ISO,) + tuple((name, re.compile(expand(p), re.I)) for name, p in data["patterns"])
    return DateWords(
        months=data["months"],
        ambiguous_months=frozenset(data["ambiguous_months"]),
        weekdays=data["weekdays"],
        numbers=data["numbers"],
        units=data["units"],
        seasons=data["seasons"],
        parts_of_day=data["parts_of_day"],
        relative=data["relative"],
        deictic=data["deictic"],
        gate=re.compile(data["dateparser_gate"], re.I),
        patterns=patterns,
    )


def _pack(pack: LanguagePack | None) -> LanguagePack:
    return pack if pack is not None else get_pack("en")


def find_dates(
    text: str, published: str | None, extra_spans: list[tuple[int, int]] = (), pack: LanguagePack | None = None
) -> list[DateValue]:
    """All temporal expressions in the text, normalised against ``published``.

    Rules first (they know what must stay unknown); then ``extra_spans`` (the NER's DATE entities)
    that no rule matched are given to dateparser, relative to the publication date.
    """
    pack = _pack(pack)
    words = _words(pack)
    base = date.fromisoformat(published) if published else None
    taken = [False] * (len(text) + 1)
    found: list[DateValue] = []
    for name, pattern in words.patterns:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            if (
                name == "month_day"
                and m.group("month").lower() in words.ambiguous_months
                and not _DAY_NUMBER.match(text, m.end("month"))  # from there, without copying the rest
            ):
                continue
            value, precision = normalise(name, m, base, pack)
            if value is None:
                continue
            if name == "month_only" and not m.group("qual"):  # the extent is the month, not its preposition
                s = m.start("month")
            for k in range(s, e):
                taken[k] = True
            found.append(DateValue(value=value, precision=precision, text=text[s:e], span=(s, e)))
    if base is not None:
        for s, e in extra_spans:
            if any(taken[s:e]):
                continue
            parsed = _dateparser(text[s:e], base, pack)
            if parsed:
                found.append(DateValue(value=parsed, precision="day", text=text[s:e], span=(s, e)))
    found.sort(key=lambda d: d.span[0])
    return found


def _dateparser(expr: str, base: date, pack: LanguagePack | None = None) -> str | None:
    import datetime as _dt

    import dateparser

    pack = _pack(pack)
    if not _words(pack).gate.search(expr):
        return None
    result = dateparser.parse(
        expr,
        languages=[pack.code],
        settings={
            "RELATIVE_BASE": _dt.datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    return result.date().isoformat() if result else None


def normalise(kind: str, m: re.Match, base: date | None, pack: LanguagePack | None = None) -> tuple[str | None, str]:
    words = _words(_pack(pack))
    g = m.groupdict()
    month = _month(g.get("month"), words)
    if kind == "iso":
        return f"{g['year']}-{g['month']}-{g['day']}", "day"
    if kind in ("month_day_year", "day_month_year"):
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None, ""
        return f"{g['year']}-{month:02d}-{day:02d}", "day"
    if kind in ("month_day", "day_month"):
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None, ""
        if base is None:
            return f"XXXX-{month:02d}-{day:02d}", "day, year unknown"
        year = base.year
        # News looks back: a day more than a month after publication belongs to the previous year.
        try:
            if date(year, month, day) > base + timedelta(days=31):
                year -= 1
            date(year, month, day)
        except ValueError:
            return None, ""
        return f"{year}-{month:02d}-{day:02d}", "day"
    if kind == "month_year":
        return f"{g['year']}-{month:02d}", "month"
    if kind == "month_only":
        if base is None:
            return f"XXXX-{month:02d}", "month, year unknown"
        # News looks back, but not far ahead: a month up to two months after publication is this year's
        # ("in May" of a March article, as TimeML reads it); a later one ("in August" in March) last year's.
        year = base.year - (1 if month > base.month + 2 else 0)
        return f"{year}-{month:02d}", "month"
    if kind == "last_month":
        if base is None:
            return f"XXXX-{month:02d}", "month, year unknown"
        step = _step(g["rel"], words)
        if step < 0:
            year = base.year - (1 if month >= base.month else 0)
        elif step > 0:
            year = base.year + (1 if month <= base.month else 0)
        else:
            year = base.year
        return f"{year}-{month:02d}", "month"
    if kind == "season":
        code = words.seasons[g["season"].lower()]
        if base is None:
            return f"XXXX-{code}", "unknown"
        return f"{base.year + _step(g['rel'], words)}-{code}", "month"
    if kind == "year":
        return g["year"], "year"
    if kind == "weekday":
        if base is None:
            return "XXXX-XX-XX", "unknown"
        delta = (base.weekday() - words.weekdays[g["weekday"].lower()]) % 7
        # The publication's own weekday means that very day (not a week earlier).
        part = words.parts_of_day.get((g.get("part") or "").lower(), "")
        return (base - timedelta(days=delta)).isoformat() + (f"T{part}" if part else ""), "day"
    if kind == "rel_weekday":
        if base is None:
            return "XXXX-XX-XX", "unknown"
        target = words.weekdays[g["weekday"].lower()]
        step = _step(g["rel"], words)
        if step > 0:
            delta = (target - base.weekday()) % 7 or 7
            return (base + timedelta(days=delta)).isoformat(), "day"
        delta = (base.weekday() - target) % 7 or (7 if step < 0 else 0)
        return (base - timedelta(days=delta)).isoformat(), "day"
    if kind == "deictic":
        if base is None:
            return "XXXX-XX-XX", "unknown"
        offset = words.deictic.get(g["word"].lower(), 0)
        return (base + timedelta(days=offset)).isoformat(), "day"
    if kind == "present":
        return "PRESENT_REF", "reference"
    if kind == "past_ref":
        return "PAST_REF", "reference"
    if kind == "future_ref" or g.get("word2"):
        return "FUTURE_REF", "reference"
    if kind in ("rel_unit", "earlier_this"):
        unit = words.units[g["unit"].lower()]
        step = _step(g.get("rel"), words)
        if unit == "WE":  # a weekend is in its week
            unit = "W"
        if base is None:
            return {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[unit], "unknown"
        if unit == "Y":
            return str(base.year + step), "year"
        if unit == "M":
            y, mth = base.year, base.month + step
            if mth == 0:
                y, mth = y - 1, 12
            elif mth == 13:
                y, mth = y + 1, 1
            return f"{y}-{mth:02d}", "month"
        d = base + timedelta(weeks=step)
        iso = d.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}", "week"
    if kind == "ago":
        n = _number(g["num"], words)
        unit = words.units[g["unit"].lower()]
        if base is None or n is None:
            return "XXXX-XX-XX", "unknown"
        if unit == "D":
            return (base - timedelta(days=n)).isoformat(), "day"
        if unit == "W":
            iso = (base - timedelta(weeks=n)).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}", "week"
        if unit == "M":
            total = base.year * 12 + base.month - 1 - n
            return f"{total // 12}-{total % 12 + 1:02d}", "month"
        if unit == "Y":
            return str(base.year - n), "year"
        return None, ""
    if kind == "duration":
        n = _number(g["num"], words)
        unit = words.units[g["unit"].lower()]
        amount = "X" if n is None else str(n)
        if unit in _TIME_UNITS:
            return f"PT{amount}{_TIME_UNITS[unit]}", "duration"
        if unit == "DE":
            return f"P{amount}0Y" if n is not None else "PXDE", "duration"
        return f"P{amount}{unit}", "duration"
    return None, ""


def _step(rel: str | None, words: DateWords) -> int:
    """-1 for a past reference ("last"), +1 for a future one ("next"), 0 for the present ("this", none)."""
    return words.relative.get((rel or "").lower(), 0)


def _month(token: str | None, words: DateWords | None = None) -> int:
    if token is None:
        return 0
    if token.isdigit():
        return int(token)
    months = (words or _words(get_pack("en"))).months
    key = token.lower().rstrip(".")
    while key and key not in months:  # a variant the pattern allows ("Sepember"): its longest known prefix
        key = key[:-1]
    return months[key]


def _number(token: str, words: DateWords | None = None) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return (words or _words(get_pack("en"))).numbers.get(token)
