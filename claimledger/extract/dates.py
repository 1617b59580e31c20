"""Dates: temporal expressions normalised against the publication date (TimeML-style values).

Never invent a year: without a publication date, "December 11" is ``XXXX-12-11`` with precision
"day, year unknown", and relative expressions ("yesterday") stay unresolved.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from claimledger.model import DateValue

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
NUMBERS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
NUMBERS.update({"a": 1, "an": 1, "several": None, "few": None, "a few": None})
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "hour": "H", "minute": "M", "decade": "DE"}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|a few|few)"
_UNIT = r"(?P<unit>day|week|month|year|hour|decade)s?"

PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(p, re.I)) for name, p in [
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("day_month_year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)(?![\d:])"),
    ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)"),
    ("month_year", rf"\b{_MONTH},?\s+{_YEAR}\b"),
    ("season", r"\b(?:(?P<rel>last|this|next|past|coming)\s+)(?P<season>spring|summer|autumn|fall|winter)\b"),
    ("last_month", rf"\b(?:(?:early|late|mid-?)\s*)?(?P<rel>last|next|this)\s+{_MONTH}\b(?!\s+\d)"),
    ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
    ("rel_unit", r"\b(?:(?:early|late)\s+|the\s+)?(?P<rel>last|this|next|previous|coming|past)\s+(?:fiscal\s+)?(?P<unit>week|month|year|weekend)\b"),
    ("earlier_this", r"\b(?:earlier|later)\s+this\s+(?P<unit>week|month|year)\b"),
    ("rel_weekday", rf"\b(?P<rel>last|next|this)\s+{_WEEKDAY}\b"),
    ("weekday", rf"\b{_WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?\b"),
    ("deictic", r"\b(?P<word>yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b"),
    ("present", r"\b(?P<word>now|currently|at present|at the moment|nowadays|these days)\b"),
    # TimeML (TempEval-3) leaves bare "recently", "earlier", "previously", "soon" unannotated; the phrases stay
    ("past_ref", r"(?<=\bin )(?P<word>the past)\b(?!\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|week|month|year|day|decade))"),
    ("future_ref", r"(?<=\bin )(?P<word>the future)\b|\b(?P<word2>in the coming (?:days|weeks|months))\b"),
    ("month_only", rf"\b(?:in|since|until|by|during|early|late|mid-?)\s+{_MONTH}\b(?!\s+\d)"),
    ("duration", rf"\b(?:(?:the\s+)?(?:past|last|next|coming|previous)\s+|(?:almost|nearly|a mere|the)\s+)?{_NUM}[\s-]+{_UNIT}\b(?!\s+ago)(?!-old)"),
    ("year", rf"(?<![\d$£€.,])\b(?:(?:early|late|mid-?)\s*)?{_YEAR}\b(?![\d%])"),
]]


def find_dates(text: str, published: Optional[str], extra_spans: list[tuple[int, int]] = ()) -> list[DateValue]:
    """All temporal expressions in the text, normalised against ``published``.

    Rules first (they know what must stay unknown); then ``extra_spans`` (the NER's DATE entities)
    that no rule matched are given to dateparser, relative to the publication date.
    """
    base = date.fromisoformat(published) if published else None
    taken = [False] * (len(text) + 1)
    found: list[DateValue] = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            if name == "month_day" and m.group("month").lower() == "may" and not re.match(r"\s*\d", text[m.end("month"):]):
                continue
            value, precision = normalise(name, m, base)
            if value is None:
                continue
            if name == "month_only":  # the extent is the month, not its preposition
                s = m.start("month") if not re.match(r"(early|late|mid)", m.group(0), re.I) else s
            for k in range(s, e):
                taken[k] = True
            found.append(DateValue(value=value, precision=precision, text=text[s:e], span=(s, e)))
    if base is not None:
        for s, e in extra_spans:
            if any(taken[s:e]):
                continue
            parsed = _dateparser(text[s:e], base)
            if parsed:
                found.append(DateValue(value=parsed, precision="day", text=text[s:e], span=(s, e)))
    found.sort(key=lambda d: d.span[0])
    return found


def _dateparser(expr: str, base: date) -> Optional[str]:
    import datetime as _dt

    import dateparser

    if not re.search(r"\d|day|week|month|year", expr, re.I):
        return None
    result = dateparser.parse(expr, languages=["en"], settings={
        "RELATIVE_BASE": _dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month", "year"]})
    return result.date().isoformat() if result else None


def normalise(kind: str, m: re.Match, base: Optional[date]) -> tuple[Optional[str], str]:
    g = m.groupdict()
    month = _month(g.get("month"))
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
        rel = g["rel"].lower()
        if rel == "last":
            year = base.year - (1 if month >= base.month else 0)
        elif rel == "next":
            year = base.year + (1 if month <= base.month else 0)
        else:
            year = base.year
        return f"{year}-{month:02d}", "month"
    if kind == "season":
        code = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}[g["season"].lower()]
        if base is None:
            return f"XXXX-{code}", "unknown"
        rel = g["rel"].lower()
        step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        return f"{base.year + step}-{code}", "month"
    if kind == "year":
        return g["year"], "year"
    if kind == "weekday":
        if base is None:
            return "XXXX-XX-XX", "unknown"
        delta = (base.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
        # The publication's own weekday means that very day (not a week earlier).
        part = _PART_OF_DAY.get((g.get("part") or "").lower(), "")
        return (base - timedelta(days=delta)).isoformat() + (f"T{part}" if part else ""), "day"
    if kind == "rel_weekday":
        if base is None:
            return "XXXX-XX-XX", "unknown"
        target = WEEKDAYS[g["weekday"].lower()]
        rel = g["rel"].lower()
        if rel == "next":
            delta = (target - base.weekday()) % 7 or 7
            return (base + timedelta(days=delta)).isoformat(), "day"
        delta = (base.weekday() - target) % 7 or (7 if rel == "last" else 0)
        return (base - timedelta(days=delta)).isoformat(), "day"
    if kind == "deictic":
        word = g["word"].lower()
        if base is None:
            return "XXXX-XX-XX", "unknown"
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return (base + timedelta(days=offset)).isoformat(), "day"
    if kind == "present":
        return "PRESENT_REF", "reference"
    if kind == "past_ref":
        return "PAST_REF", "reference"
    if kind == "future_ref" or g.get("word2"):
        return "FUTURE_REF", "reference"
    if kind in ("rel_unit", "earlier_this"):
        unit = g["unit"].lower()
        rel = (g.get("rel") or "this").lower()
        if unit == "weekend":
            unit = "week"
        if base is None:
            return {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[unit], "unknown"
        step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "year":
            return str(base.year + step), "year"
        if unit == "month":
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
        n = _number(g["num"])
        unit = g["unit"].lower()
        if base is None or n is None:
            return "XXXX-XX-XX", "unknown"
        if unit == "day":
            return (base - timedelta(days=n)).isoformat(), "day"
        if unit == "week":
            iso = (base - timedelta(weeks=n)).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}", "week"
        if unit == "month":
            total = base.year * 12 + base.month - 1 - n
            return f"{total // 12}-{total % 12 + 1:02d}", "month"
        if unit == "year":
            return str(base.year - n), "year"
        return None, ""
    if kind == "duration":
        n = _number(g["num"])
        unit = g["unit"].lower()
        code = UNITS[unit]
        amount = "X" if n is None else str(n)
        if unit in ("hour", "minute"):
            return f"PT{amount}{code}", "duration"
        if unit == "decade":
            return f"P{amount}0Y" if n is not None else "PXDE", "duration"
        return f"P{amount}{code}", "duration"
    return None, ""


_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _month(token: Optional[str]) -> int:
    if token is None:
        return 0
    if token.isdigit():
        return int(token)
    return MONTHS[token.lower().rstrip(".")[:4] if token.lower().startswith("sept") else token.lower().rstrip(".")[:3]]


def _number(token: str) -> Optional[int]:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBERS.get(token)
