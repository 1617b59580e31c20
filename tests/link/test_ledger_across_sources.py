"""Hand-written multi-source article sets: the proposition's status and the timeline change as each article
arrives; copies and relays count once."""

import json

import pytest
from click.testing import CliRunner

from claimledger.cli.main import main
from tests.conftest import FIXTURES, SHARED

LEDGER = FIXTURES / "ledger"
KURAKHOVE = [  # (file, url, published)
    ("kurakhove-1-tass.txt", "https://tass.com/defense/kurakhove-1", "2025-01-06"),
    ("kurakhove-2-copy.txt", "https://www.rt.com/russia/kurakhove-copy", "2025-01-06"),
    ("kurakhove-3-denial.txt", "https://www.ukrinform.net/rubric-ato/kurakhove-3", "2025-01-07"),
    ("kurakhove-4-isw.txt", "https://www.understandingwar.org/kurakhove-4", "2025-01-13"),
    ("kurakhove-5-acknowledged.txt", "https://kyivindependent.com/kurakhove-5", "2025-01-20"),
]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as fh:
        for name, url, published in rows:
            fh.write(
                json.dumps({"text": (LEDGER / name).read_text(encoding="utf-8"), "url": url, "published": published})
                + "\n"
            )


def cli(*args):
    result = CliRunner().invoke(main, list(args))
    return result


def kurakhove_control(db):
    out = cli("propositions", "--db", str(db), "--place", "Kurakhove", "--format", "json")
    assert out.exit_code == 0, out.output
    rows = [r for r in json.loads(out.stdout) if r["kind"] == "control" and r["side"] == "RU"]
    assert len(rows) == 1, rows
    return rows[0]


def test_status_changes_as_each_article_arrives(tmp_path, db_url):
    db = db_url
    expected = [
        "claimed_by_one_side",
        "claimed_by_one_side",
        "disputed",
        "corroborated_by_independent",
        "acknowledged_by_opposing_side",
    ]
    for i, (row, status) in enumerate(zip(KURAKHOVE, expected)):
        src = tmp_path / f"batch{i}.jsonl"
        write_jsonl(src, [row])
        result = cli("ingest", str(src), "--db", str(db))
        assert result.exit_code == 0, result.output
        p = kurakhove_control(db)
        assert p["status"] == status, (row[0], p["status"], p["status_reason"])
        if i == 1:  # the syndicated copy is recorded as a duplicate and not counted
            assert "1 duplicates" in result.stderr
            assert p["n_articles"] == 1 and p["n_origins"] == 1
    p = kurakhove_control(db)
    assert p["n_articles"] == 4  # the copy is not counted
    origins = {m["origin_label"] for m in p["members"]}
    assert "Russian Ministry of Defence" in origins and "General Staff of Ukraine" in origins
    deny = [m for m in p["members"] if m["stance"] == "deny"]
    assert deny and deny[0]["speaker_side"] == "UA"
    # three dates kept apart: the event, the claim, the publication
    tass = [m for m in p["members"] if m["outlet"] == "TASS"][0]
    assert (tass["event_date"], tass["published"]) == ("2025-01-05", "2025-01-06")


def test_rerun_is_idempotent_and_timeline(tmp_path, db_url):
    db = db_url
    src = tmp_path / "all.jsonl"
    write_jsonl(src, KURAKHOVE)
    first = cli("ingest", str(src), "--db", str(db))
    assert first.exit_code == 0, first.output
    before = kurakhove_control(db)
    second = cli("ingest", str(src), "--db", str(db))
    assert "0 new, 5 already stored" in second.stderr
    assert kurakhove_control(db)["n_articles"] == before["n_articles"]
    tl = cli("timeline", "Kurakhove", "--db", str(db), "--format", "json")
    rows = json.loads(tl.stdout)["timeline"]
    assert rows[0]["date"] == "2025-01-05" and rows[0]["side"] == "RU"
    assert rows[0]["status"] == "acknowledged_by_opposing_side"
    text = cli("timeline", "Kurakhove", "--db", str(db)).stdout
    assert "Control timeline: Kurakhove" in text and "acknowledged" in text and "2025-01-05" in text


def test_queries_and_exports(tmp_path, db_url):
    db = db_url
    src = tmp_path / "all.jsonl"
    write_jsonl(src, KURAKHOVE)
    assert cli("ingest", str(src), "--db", str(db)).exit_code == 0
    denied = json.loads(cli("claims", "--db", str(db), "--certainty", "denied", "--format", "json").stdout)
    assert denied and all(c["certainty"] == "denied" for c in denied)
    ru = json.loads(cli("claims", "--db", str(db), "--side", "RU", "--format", "json").stdout)
    assert ru and all(c["speaker_side"] == "RU" for c in ru)
    found = json.loads(cli("claims", "--db", str(db), "--search", "centre of the town", "--format", "json").stdout)
    assert found and {c["outlet"] for c in found} == {"Institute for the Study of War"}
    assert json.loads(cli("claims", "--db", str(db), "--search", "zeppelin", "--format", "json").stdout) == []
    in_status = json.loads(
        cli("claims", "--db", str(db), "--status", "acknowledged_by_opposing_side", "--format", "json").stdout
    )
    assert in_status
    at_place = json.loads(cli("claims", "--db", str(db), "--place", "Kurakhove", "--format", "json").stdout)
    assert at_place and len(at_place) <= len(json.loads(cli("claims", "--db", str(db), "--format", "json").stdout))
    since = json.loads(cli("claims", "--db", str(db), "--since", "2025-01-13", "--format", "json").stdout)
    assert since and all(c["published"] >= "2025-01-13" for c in since)
    assert cli("claims", "--db", str(db), "--since", "13/01/2025").exit_code != 0

    geo = tmp_path / "out.geojson"
    assert cli("export", "--db", str(db), "--format", "geojson", "-o", str(geo)).exit_code == 0
    fc = json.loads(geo.read_text())
    feature = next(f for f in fc["features"] if f["properties"]["place"] == "Kurakhove")
    assert feature["geometry"]["type"] == "Point" and feature["properties"]["propositions"]
    csv_out = cli("export", "--db", str(db), "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("article_id,claim_id") and len(csv_out) > 5
    lines = cli("export", "--db", str(db), "--format", "jsonl").stdout.splitlines()
    articles = [x for x in lines if "article" in json.loads(x)]
    assert len(articles) == 4  # the duplicate copy is not exported as an article of its own
    review = json.loads(cli("export", "--db", str(db), "--format", "claimreview").stdout)
    assert review[0]["@type"] == "ClaimReview" and review[0]["claimReviewed"]


def test_failures_are_reported_and_the_rest_continues(tmp_path, db_url):
    db = db_url
    src = tmp_path / "mixed.jsonl"
    write_jsonl(src, KURAKHOVE[:1])
    with open(src, "a") as fh:
        fh.write('{"url": "https://example.org/no-text"}\n')
        fh.write("not json\n")
        fh.write(json.dumps({"text": "12 345 — 678 / 90"}) + "\n")  # no words: no language to tell
    result = cli("ingest", str(src), "--db", str(db))
    assert result.exit_code == 3  # completed, with rejected records
    assert "1 new" in result.stderr and "completed with 3 rejected" in result.stderr
    assert "Traceback" not in result.output


SEED = SHARED / "seed" / "siversk-report.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present")
def test_seed_with_counter_report(tmp_path, db_url):
    db = db_url
    src = tmp_path / "siversk.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(
            json.dumps(
                {
                    "text": SEED.read_text(encoding="utf-8"),
                    "url": "https://example.org/siversk-report",
                    "published": "2025-12-12",
                }
            )
            + "\n"
        )
        fh.write(
            json.dumps(
                {
                    "text": (LEDGER / "siversk-denial.txt").read_text(),
                    "published": "2025-12-13",
                    "url": "https://www.ukrinform.net/rubric-ato/siversk",
                }
            )
            + "\n"
        )
    assert cli("ingest", str(src), "--db", str(db)).exit_code == 0
    rows = json.loads(cli("timeline", "Siversk", "--db", str(db), "--format", "json").stdout)["timeline"]
    control = [r for r in rows if r["side"] == "RU"]
    assert control and control[0]["status"] == "disputed"
    assert control[0]["affirmed_by"] and control[0]["denied_by"]
    assert control[0]["date"] == "2025-12-11"


def test_compare_control_with_a_reference_table(tmp_path, db_url):
    db = db_url
    src = tmp_path / "all.jsonl"
    write_jsonl(src, KURAKHOVE)
    assert cli("ingest", str(src), "--db", str(db)).exit_code == 0
    ref = tmp_path / "reference.csv"
    ref.write_text(
        '"Name","Population","Held by","source","As of","More information","sourceLink","update","Lat","Lon"\n'
        '"Kurakhove","18220","Russia","","20 Jan 2025","","","","47.98","37.28"\n'
        '"Pokrovsk","60127","Ukraine","","20 Jan 2025","","","","48.28","37.18"\n'
    )
    out = json.loads(cli("compare-control", str(ref), "--db", str(db), "--format", "json").stdout)
    assert out["reference_rows"] == 2 and out["compared"] == 1 and out["agree"] == 1
    assert out["rows"][0]["settlement"] == "Kurakhove" and out["rows"][0]["ledger"] == "RU"
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    result = cli("compare-control", str(bad), "--db", str(db))
    assert result.exit_code != 0 and "not a control table" in result.stderr


def test_parquet_export_loads_back(tmp_path):
    pytest.importorskip("pyarrow")
    db = "sqlite:///" + str(tmp_path / "a.sqlite")
    src = tmp_path / "all.jsonl"
    write_jsonl(src, KURAKHOVE)
    assert cli("ingest", str(src), "--db", db).exit_code == 0
    out = tmp_path / "parquet"
    result = cli("export", "--db", db, "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "articles").is_dir() and (out / "claims").is_dir()
    assert cli("export", "--db", db, "--format", "parquet", "-o", str(out)).exit_code != 0  # never overwrites
    db2 = "sqlite:///" + str(tmp_path / "b.sqlite")
    loaded = cli("load", str(out), "--db", db2)
    assert loaded.exit_code == 0, loaded.output
    a = json.loads(cli("propositions", "--db", db, "--format", "json").stdout)
    b = json.loads(cli("propositions", "--db", db2, "--format", "json").stdout)
    assert [(p["text"], p["status"], p["n_articles"]) for p in a] == [
        (p["text"], p["status"], p["n_articles"]) for p in b
    ]


def test_two_workers_build_the_same_ledger(tmp_path):
    src = tmp_path / "all.jsonl"
    write_jsonl(src, KURAKHOVE)
    results = []
    for jobs in ("1", "2"):
        db = "sqlite:///" + str(tmp_path / f"j{jobs}.sqlite")
        out = cli("ingest", str(src), "--db", db, "--jobs", jobs, "--batch-size", "1")
        assert out.exit_code == 0, out.output
        results.append(json.loads(cli("propositions", "--db", db, "--format", "json").stdout))
    strip = lambda rows: [{k: v for k, v in r.items() if k != "members"} for r in rows]  # noqa: E731
    assert strip(results[0]) == strip(results[1])
