"""Issue 14 at the command line: one bad record never stops `ingest` (exit 3, the record in --rejects, the other 99
stored), bad `analyze` input is exit 2 without reading or blocking, and a database password is never printed."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from click.testing import CliRunner

from claimledger.cli.main import main

TOWNS = ["Pokrovsk", "Kupiansk", "Siversk", "Chasiv Yar", "Toretsk", "Vuhledar", "Lyman", "Kostiantynivka"]
UNITS = ["brigade", "battalion", "regiment", "assault group", "drone unit"]


def report(i: int) -> dict:
    """A short, distinct wire-copy line (short texts keep 100 analyses cheap)."""
    town, unit = TOWNS[i % len(TOWNS)], UNITS[i % len(UNITS)]
    return {
        "text": f"Ukraine's General Staff said on day {i} that a {unit} repelled {i + 3} assaults near {town}.",
        "url": f"https://example.org/front/{i}",
        "published": "2025-11-20",
    }


GOOD = json.dumps(report(0))
BAD_RECORDS = {
    "surrogate-text": json.dumps({**report(9000), "text": report(9000)["text"] + " \ud800"}),
    "surrogate-title": json.dumps({**report(9001), "title": "\udc00"}),
    "surrogate-outlet": json.dumps({**report(9002), "outlet": "Ukr\ud800inform"}),
    "surrogate-url": json.dumps({**report(9003), "url": "https://example.org/\udfff"}),
    "surrogate-author": json.dumps({**report(9004), "author": "\ud800"}),
    "huge-integer": '{"text": "Shelling near Kherson.", "n": ' + "7" * 5000 + "}",
    "deep-nesting": "[" * 100_000 + "]" * 100_000,
    "published-0001": json.dumps({**report(9005), "published": "0001-01-01"}),
    "published-9999": json.dumps({**report(9006), "published": "9999-12-31"}),
}
# Unencodable characters are replaced, not refused: those records are stored; the others are rejected.
STORED_ANYWAY = {k for k in BAD_RECORDS if k.startswith("surrogate")}


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def count(db, table="articles"):
    with sqlite3.connect(db) as c:
        return c.execute(f"select count(*) from {table}").fetchone()[0]


@pytest.mark.parametrize("kind", sorted(BAD_RECORDS))
def test_a_bad_record_in_the_middle_of_100_never_stops_the_batch(tmp_path, kind):
    lines = [json.dumps(report(i)) for i in range(99)]
    lines.insert(50, BAD_RECORDS[kind])
    src, db, rejects = tmp_path / "batch.jsonl", tmp_path / "ledger.sqlite", tmp_path / "rejects.jsonl"
    src.write_text("\n".join(lines) + "\n")
    result = run("ingest", src, "--db", db, "--rejects", rejects, "--batch-size", 32)
    assert "internal error" not in result.output and "Traceback" not in result.output
    reject_rows = [json.loads(line) for line in rejects.read_text().splitlines()]
    if kind in STORED_ANYWAY:
        assert result.exit_code == 0, result.output
        assert count(db) == 100 and reject_rows == []
        assert "unencodable characters replaced" in result.stderr
    else:
        assert result.exit_code == 3, result.output
        assert count(db) == 99  # the other 99 are stored
        [row] = reject_rows
        assert row["origin"] == f"{src}:51" and row["source"] == str(src) and row["reason"]
        assert "completed with 1 rejected" in result.stderr and f"{src}:51" in result.stderr
        if len(BAD_RECORDS[kind]) < 64 * 1024:
            assert row["record"] == BAD_RECORDS[kind]


def test_analyze_refuses_a_publication_date_out_of_range(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(report(1)["text"])
    for date in ("0001-01-01", "9999-12-31"):
        result = run("analyze", text, "--published", date, "--no-db")
        assert result.exit_code == 2 and "outside 1900-01-01" in result.stderr


def test_analyze_takes_an_undecodable_title(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(report(2)["text"])
    # what Python makes of the byte 0xff on a UTF-8 command line (surrogateescape)
    result = run("analyze", text, "--title", "\udcff", "--db", tmp_path / "l.sqlite", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["title"] == "\ufffd"


def test_analyze_refuses_devices_fifos_and_oversized_stdin(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    for path, message in (("/dev/zero", "is a device"), (fifo, "FIFO")):
        result = run("analyze", path, "--no-db")
        assert result.exit_code == 2 and message in result.stderr
    result = run("analyze", "-", "--no-db", input=b"a" * (5 * 1024 * 1024 + 10))
    assert result.exit_code == 2 and "more than 5 MB" in result.stderr


def test_analyze_refuses_a_text_over_a_million_characters(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text((report(3)["text"] + "\n") * 12_000)  # about 1.1 million characters, under 5 MB
    result = run("analyze", big, "--no-db")
    assert result.exit_code == 2 and "characters are refused" in result.stderr


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_a_database_password_is_never_printed(tmp_path, command):
    text = tmp_path / "a.txt"
    text.write_text(report(4)["text"])
    url = "postgresql+psycopg://ledger:S3CRETPASS@127.0.0.1:9/ledger"  # nothing listens on port 9
    result = run(command, text, "--db", url)
    assert result.exit_code != 0
    assert "S3CRETPASS" not in result.stdout and "S3CRETPASS" not in result.stderr
    assert "ledger:***@127.0.0.1" in result.stderr


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.warc"])
def test_an_empty_input_is_a_warning_and_a_non_zero_exit(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    result = run("ingest", tmp_path / name, "--db", tmp_path / "l.sqlite")
    assert result.exit_code == 2
    assert "0 read" in result.stderr and "nothing could be read" in result.stderr


def test_a_fifo_in_a_folder_is_skipped_and_the_articles_are_stored(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(report(5)["text"])
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_text(report(6)["text"])
    db = tmp_path / "l.sqlite"
    result = run("ingest", folder, "--db", db)
    assert result.exit_code == 0, result.output
    assert count(db) == 2 and "b.txt" in result.stderr and "1 warnings" in result.stderr


def test_an_article_whose_analysis_fails_is_rejected_and_its_batch_is_stored(tmp_path):
    """A stage that fails on one article (an unknown bug, registered like any stage) fails that article only."""
    from claimledger.batch import run_ingest
    from claimledger.pipeline import Analyzer
    from claimledger.pipeline.stages import DEFAULT_STAGES, STAGE_FACTORIES, register_stage
    from claimledger.pipeline.stages import _Stage as StageImpl
    from claimledger.store import LedgerStore

    @register_stage("fails_on_day_13")
    def failing(_res):
        def run(state):
            if "on day 13 " in state.article.text:
                raise ValueError("a bug met on day 13")

        return StageImpl("fails_on_day_13", ("claims",), (), run)

    try:
        analyzer = Analyzer.load(stage_names=(*DEFAULT_STAGES, "fails_on_day_13"))
        src, rejects = tmp_path / "batch.jsonl", tmp_path / "rejects.jsonl"
        src.write_text("".join(json.dumps(report(i)) + "\n" for i in range(20)))
        store = LedgerStore("sqlite:///" + str(tmp_path / "l.sqlite"))
        summary = run_ingest([str(src)], store, batch_size=8, analyzer=analyzer, rejects=str(rejects))
    finally:
        STAGE_FACTORIES.pop("fails_on_day_13", None)
    assert summary.new + summary.duplicate == 19 and summary.rejected == 1
    [row] = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert row["origin"] == f"{src}:14" and row["stage"] == "analyze" and "a bug met on day 13" in row["reason"]
    assert count(tmp_path / "l.sqlite") == 19


def test_the_rejects_file_is_one_line_per_record_whatever_the_record_holds(tmp_path):
    # found by the fuzz suite: a raw U+0085 (NEL) or U+2028 in a rejected record split its line in the rejects file
    src = tmp_path / "batch.jsonl"
    src.write_bytes("\u0085\n\u2028 x\n".encode())
    rejects = tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(
        main, ["ingest", str(src), "--db", str(tmp_path / "l.sqlite"), "--rejects", str(rejects)]
    )
    assert result.exit_code == 3, result.output  # completed, every record rejected
    lines = rejects.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and [json.loads(x)["record"] for x in lines] == ["\u0085", "\u2028 x"]
