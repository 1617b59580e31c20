"""The Spark job in local[2] (launched with the real spark-submit, as docs/scale.md says) on a small corpus of
JSON Lines, WARC and Parquet: its output equals a local `ingest` of the same articles, and `load` of that output
gives the same ledger (propositions, timeline) as `ingest`."""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli.main import main
from tests.spark.corpus import ROOT, build

pytestmark = pytest.mark.usefixtures("require_spark")

BIN = Path(sys.executable).parent
VOLATILE = {"analyzed_at", "seen_at", "source_path", "origin"}  # timestamps, and where the text was read from
SKIP_TABLES = {"alembic_version"}


def spark_env():
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    env.pop("SPARK_HOME", None)
    return env


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("spark")
    spark_inputs, local_inputs = build(tmp)
    return tmp, spark_inputs, local_inputs


@pytest.fixture(scope="module")
def job(corpus):
    """spark-submit --master local[2] claimledger/spark/job.py --input … --output …"""
    tmp, spark_inputs, _ = corpus
    out = tmp / "parquet"
    cmd = [
        str(BIN / "spark-submit"),
        "--master",
        "local[2]",
        "--conf",
        "spark.ui.enabled=false",
        str(ROOT / "claimledger" / "spark" / "job.py"),
        "--output",
        str(out),
        "--partitions",
        "4",
    ]
    for path in spark_inputs:
        cmd += ["--input", path]
    started = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=spark_env(), timeout=1200, cwd=tmp)
    seconds = time.time() - started
    assert proc.returncode == 3, proc.stderr[-5000:]  # 3: completed, some items rejected (they are meant to)
    summary = (
        json.loads(proc.stdout[proc.stdout.index("{") :])
        if "{" in proc.stdout
        else pytest.fail(proc.stdout[-3000:] + proc.stderr[-3000:])
    )
    print(f"\nspark-submit local[2]: {seconds:.1f} s wall, job {summary['seconds']} s, summary {summary}")
    return out, summary


@pytest.fixture(scope="module")
def local(corpus):
    """`claimledger ingest` of the same articles into SQLite."""
    tmp, _, local_inputs = corpus
    db = tmp / "local.sqlite"
    result = CliRunner().invoke(main, ["ingest", *local_inputs, "--db", str(db)])
    assert result.exit_code == 3, result.output  # completed, with the same failing items rejected
    return db, result.stderr


def parquet_rows(out, table):
    import pyarrow.dataset as ds

    return ds.dataset(str(out / table), format="parquet", partitioning="hive").to_table().to_pylist()


def db_rows(db, sql):
    with sqlite3.connect(db) as c:
        c.row_factory = sqlite3.Row
        return [dict(r) for r in c.execute(sql)]


def dump(db) -> dict:
    """Every table of a ledger database, without timestamps and origins, as sorted rows."""
    out = {}
    with sqlite3.connect(db) as c:
        tables = [
            t
            for (t,) in c.execute("select name from sqlite_master where type='table'")
            if t not in SKIP_TABLES and not t.startswith("claims_fts")
        ]
        for t in tables:
            cols = [x[1] for x in c.execute(f"pragma table_info({t})") if x[1] not in VOLATILE]
            out[t] = sorted(repr(r) for r in c.execute(f"select {', '.join(cols)} from {t}"))
        out["claims_fts"] = sorted(repr(r) for r in c.execute("select content, article_id, claim_id from claims_fts"))
    return out


def test_job_summary_and_layout(job):
    out, summary = job
    assert summary["inputs"] == 4
    assert summary["articles"] == 8  # 5 Kurakhove + Siversk and Klishchiivka pages + Kupiansk
    assert summary["copies"] == 2  # the TASS text under a second URL, the Ukrinform text in the Parquet file
    assert summary["skipped"] == 2  # the PNG and the 404 in the WARC
    assert summary["failed"] == 4  # bad JSON, German text (no language pack), no body, missing input
    # the Analyzer is loaded once per Python worker (two in local[2]), not once per partition or article
    assert 1 <= summary["analyzer_loads"] <= 2 < summary["partitions"]
    assert summary["worker_peak_rss_mb"] > 200
    months = sorted(p.name for p in (out / "articles").iterdir() if p.is_dir())
    assert months == [
        "published_month=2024-02",
        "published_month=2025-01",
        "published_month=2025-11",
        "published_month=2025-12",
    ]
    for table in ("articles", "claims", "events", "places", "framing", "errors"):
        assert (out / table / "_SUCCESS").exists()
    assert summary["rows"]["framing"] >= 1


def test_articles_equal_local_ingest(job, local):
    out, _ = job
    db, _ = local
    spark = {r["article_id"]: r for r in parquet_rows(out, "articles")}
    stored = {r["id"]: r for r in db_rows(db, "select id, ledger_json, published from articles")}
    assert set(spark) == set(stored)
    for article_id, row in spark.items():
        assert json.loads(row["ledger_json"]) == json.loads(stored[article_id]["ledger_json"]), article_id
        assert row["published_month"] == stored[article_id]["published"][:7]
        assert row["pipeline_version"] and row["analyzed_at"]


def test_item_tables_equal_local_ingest(job, local):
    out, _ = job
    db, _ = local
    claims = {(r["article_id"], r["claim_id"]): r for r in parquet_rows(out, "claims")}
    stored = {
        (r["article_id"], r["claim_id"]): json.loads(r["claim_json"]) for r in db_rows(db, "select * from claims")
    }
    assert set(claims) == set(stored) and claims
    for key, c in stored.items():
        row = claims[key]
        assert (
            row["speaker_text"],
            row["speaker_type"],
            row["speaker_side"],
            row["cue_text"],
            row["content_text"],
            row["certainty"],
            row["pattern"],
        ) == (
            c["speaker"]["text"],
            c["speaker"]["type"],
            c["speaker"]["side"],
            c["cue"]["text"],
            c["content"]["text"],
            c["certainty"],
            c["pattern"],
        )
        assert [row["content_start"], row["content_end"]] == c["content"]["span"]
        assert [row["sentence_start"], row["sentence_end"]] == c["sentence"]
        assert row["about_places"] == c["about_places"] and row["certainty_evidence"] == c["certainty_evidence"]

    events = {(r["article_id"], r["event_id"]): r for r in parquet_rows(out, "events")}
    stored = {
        (r["article_id"], r["event_id"]): json.loads(r["event_json"]) for r in db_rows(db, "select * from events")
    }
    assert set(events) == set(stored) and events
    for key, e in stored.items():
        row = events[key]
        assert (row["type"], row["actor_side"], row["place_id"], row["status"], row["claims"], row["denied_by"]) == (
            e["type"],
            e["actor"]["side"],
            e["place"],
            e["status"],
            e["claims"],
            e["denied_by"],
        )
        assert row["date_value"] == (e["date"] or {}).get("value")
        assert [row["trigger_start"], row["trigger_end"]] == e["trigger"]["span"]

    places = {(r["article_id"], r["place_id"]): r for r in parquet_rows(out, "places")}
    stored = {(r["article_id"], r["place_id"]): r for r in db_rows(db, "select * from places")}
    assert set(places) == set(stored) and places
    for key, p in stored.items():
        row = places[key]
        assert (
            row["mention"],
            row["geonameid"],
            row["name"],
            row["kind"],
            row["lat"],
            row["lon"],
            bool(row["resolved"]),
        ) == (p["mention"], p["geonameid"], p["name"], p["kind"], p["lat"], p["lon"], bool(p["resolved"]))
        assert row["spans"] == json.loads(p["spans_json"])

    framing = parquet_rows(out, "framing")
    ledgers = [json.loads(r["ledger_json"]) for r in db_rows(db, "select ledger_json from articles")]
    expected = sorted(
        (d["article"]["id"], n["narrative"], n["span"][0]) for d in ledgers for n in d["framing"]["narratives"]
    )
    assert sorted((r["article_id"], r["name"], r["start"]) for r in framing if r["kind"] == "narrative") == expected
    assert sum(len(d["framing"]["techniques"]) for d in ledgers) == sum(r["kind"] == "technique" for r in framing)


def test_errors_match_local_ingest(job, local):
    out, summary = job
    _, stderr = local
    assert f"{summary['skipped']} records skipped, {summary['failed']} rejected" in stderr
    errors = parquet_rows(out, "errors")
    failed = sorted(e["message"] for e in errors if e["kind"] == "failed")
    assert any("not valid JSON" in m for m in failed)
    assert any("in German" in m for m in failed)
    assert any("missing 'text' or 'html'" in m for m in failed)
    assert any("missing.jsonl" in m and "no such file" in m for m in failed)
    skipped = sorted(e["message"] for e in errors if e["kind"] == "skipped")
    assert any("image/png" in m for m in skipped) and any("HTTP 404" in m for m in skipped)
    assert all(e["origin"] and e["stage"] in ("read", "prepare", "analyze") for e in errors)


def cli(*args):
    return CliRunner().invoke(main, list(args))


def test_load_equals_ingest_and_is_idempotent(job, local, tmp_path):
    from claimledger.cli.spark_cmds import load

    out, summary = job
    local_db, _ = local
    db = tmp_path / "loaded.sqlite"
    first = CliRunner().invoke(load, [str(out), "--db", str(db), "--batch-size", "3"])
    assert first.exit_code == 0, first.output
    assert "8 articles read, 7 new, 0 already stored, 1 duplicates, 2 copies recorded" in first.stderr
    assert dump(db) == dump(local_db)
    for place in ("Kurakhove", "Siversk", "Klishchiivka", "Petropavlivka"):
        for args in (
            ["propositions", "--place", place, "--format", "json"],
            ["timeline", place, "--format", "json"],
            ["timeline", place],
        ):
            loaded, ingested = cli(*args, "--db", str(db)), cli(*args, "--db", str(local_db))
            assert loaded.exit_code == ingested.exit_code == 0, loaded.output
            assert loaded.stdout == ingested.stdout, (place, args)
    kurakhove = json.loads(cli("propositions", "--place", "Kurakhove", "--format", "json", "--db", str(db)).stdout)
    assert any(p["status"] == "acknowledged_by_opposing_side" for p in kurakhove)
    exported = tmp_path / "loaded.geojson"
    assert cli("export", "--format", "geojson", "-o", str(exported), "--db", str(db)).exit_code == 0
    before = dump(db)
    again = CliRunner().invoke(load, [str(out), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "0 new, 8 already stored" in again.stderr
    assert dump(db) == before
