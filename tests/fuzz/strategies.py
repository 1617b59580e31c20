"""Hypothesis strategies for hostile articles and records (issue 14), shared by the fuzz tests."""

from __future__ import annotations

import json

from hypothesis import strategies as st

TOWNS = ["Pokrovsk", "Kupiansk", "Siversk", "Chasiv Yar", "Toretsk", "Vuhledar", "Lyman", "Huliaipole"]

# Text that any source may carry: every code point, lone surrogates included, control characters, bidi overrides.
any_text = st.text(st.characters(codec=None, categories=None), max_size=80)
surrogate = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
hostile_text = st.one_of(
    any_text,
    st.builds(lambda a, s, b: a + s + b, any_text, surrogate, any_text),
    st.sampled_from(["", " ", "\x00", "\u202e", "\ufeff", "\r\n", "\u0000" * 5]),
)
dates = st.one_of(
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "0000-00-00",
            "1899-12-31",
            "1900-01-01",
            "2024-02-30",
            "2025-11-20",
            "2025-11-20T10:00:00Z",
            "-1-11-30",
            "",
        ]
    ),
    any_text,
)


@st.composite
def wire_report(draw) -> str:
    """A short line of wire copy (short: the parser runs on every example)."""
    town = draw(st.sampled_from(TOWNS))
    n = draw(st.integers(1, 60))
    speaker = draw(st.sampled_from(["Ukraine's General Staff", "Russia's Defence Ministry", "The regional governor"]))
    return f"{speaker} said that {n} assaults near {town} were repelled on Tuesday."


@st.composite
def json_record(draw) -> str:
    """One JSON Lines line: a good article, one with hostile fields, or something the reader must refuse."""
    kind = draw(st.sampled_from(["good", "fields", "deep", "bigint", "not-object", "bytes", "wrong-types"]))
    if kind == "good":
        return json.dumps({"text": draw(wire_report()), "published": "2025-11-20"})
    if kind == "fields":
        record = {"text": draw(wire_report()) + draw(hostile_text)}
        for key in ("title", "outlet", "url", "author", "published"):
            if draw(st.booleans()):
                record[key] = draw(dates if key == "published" else hostile_text)
        return json.dumps(record)
    if kind == "deep":
        depth = draw(st.sampled_from([10, 1000, 100_000]))
        return "[" * depth + "]" * depth
    if kind == "bigint":
        return '{"text": "x", "n": ' + "9" * draw(st.sampled_from([10, 4301, 5000])) + "}"
    if kind == "not-object":
        return json.dumps(draw(st.one_of(st.integers(), any_text, st.lists(st.integers(), max_size=3))))
    if kind == "wrong-types":
        return json.dumps({"text": draw(st.one_of(st.integers(), st.none(), st.lists(st.integers(), max_size=2)))})
    return draw(st.binary(max_size=60)).decode("latin-1")
