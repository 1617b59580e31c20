"""Fuzz `analyze` and `ingest` end to end (parser, linking, SQLite): exit 0 or 2 (analyze) / 0, 2 or 3 (ingest),
never a traceback or an "internal error"; every record is stored or rejected, and nothing is stored half: the rows
in the ledger are exactly those of the articles reported stored."""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from claimledger.cli.main import main
from tests.fuzz.strategies import dates, hostile_text, json_record, wire_report
from tests.fuzz.totals import count


def check_output(result, allowed: tuple[int, ...]) -> None:
    output = result.output
    tracebacks = int("Traceback" in output or (result.exception is not None and result.exit_code not in allowed))
    internal = int("internal error" in output)
    count(examples=1, tracebacks=tracebacks, internal_errors=internal)
    assert not tracebacks and not internal, output
    assert result.exit_code in allowed, output


def partial_rows(db: Path, expected_articles: int) -> int:
    """Rows that belong to no article reported stored: extra articles, and claims, events, places or copies
    pointing at an article that is not in the ledger."""
    if not db.exists():
        return 0
    with sqlite3.connect(db) as c:
        articles = c.execute("select count(*) from articles").fetchone()[0]
        orphans = 0
        tables = {r[0] for r in c.execute("select name from sqlite_master where type='table'")}
        for table in (
            "claims",
            "events",
            "places",
            "framing_hits",
            "article_bands",
            "article_copies",
            "proposition_members",
        ):
            if table not in tables:
                continue
            cols = {r[1] for r in c.execute(f"pragma table_info({table})")}
            if "article_id" in cols:
                orphans += c.execute(
                    f"select count(*) from {table} where article_id not in (select id from articles)"
                ).fetchone()[0]
    return abs(articles - expected_articles) + orphans


@given(
    text=st.one_of(wire_report(), hostile_text, st.builds(lambda a, b: a + b, wire_report(), hostile_text)),
    title=st.one_of(st.none(), hostile_text),
    outlet=st.one_of(st.none(), hostile_text),
    published=st.one_of(st.none(), dates),
)
def test_analyze(text, title, outlet, published):
    with tempfile.TemporaryDirectory() as tmp:
        path, db = Path(tmp) / "article.txt", Path(tmp) / "ledger.sqlite"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        args = ["analyze", str(path), "--db", str(db), "--format", "json"]
        for option, value in (("--title", title), ("--outlet", outlet), ("--published", published)):
            if value:
                args += [option, value]
        result = CliRunner().invoke(main, args)
        check_output(result, (0, 2))
        if result.exit_code == 0:
            json.loads(result.stdout)
        partial = partial_rows(db, 1 if result.exit_code == 0 else 0)
        count(partial_rows=partial)
        assert partial == 0


@given(lines=st.lists(json_record(), min_size=1, max_size=6), batch_size=st.sampled_from([1, 4, 32]))
def test_ingest_jsonl(lines, batch_size):
    with tempfile.TemporaryDirectory() as tmp:
        src, db, rejects = Path(tmp) / "batch.jsonl", Path(tmp) / "ledger.sqlite", Path(tmp) / "rejects.jsonl"
        src.write_bytes(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
        result = CliRunner().invoke(
            main, ["ingest", str(src), "--db", str(db), "--rejects", str(rejects), "--batch-size", str(batch_size)]
        )
        check_output(result, (0, 2, 3))
        summary = " ".join(result.stderr.split())
        m = re.search(
            r"(\d+) read, (\d+) new, (\d+) already stored, (\d+) duplicates, \d+ records skipped, (\d+) rejected",
            summary,
        )
        assert m, summary
        read, new, already, duplicate, rejected = map(int, m.groups())
        assert read == new + already + duplicate + rejected
        assert rejected == len(rejects.read_text().splitlines())
        assert (result.exit_code == 3) == (rejected > 0 and read > 0)
        partial = partial_rows(db, new + duplicate)
        count(partial_rows=partial)
        assert partial == 0
