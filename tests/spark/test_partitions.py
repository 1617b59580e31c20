"""The per-partition steps of the Spark job, without a Spark session: the readers and the prepare stage are those of
a local ingest, and a bad record is an error row, never an exception."""

from __future__ import annotations

import json
from io import BytesIO

from claimledger.ingest import readers
from claimledger.ingest.readers import Record, read_warc
from claimledger.ingest.sources import source_items
from claimledger.spark.partitions import first_sighting, prepare_partition
from tests.ingest.test_sources import write_warc

ENGLISH = (
    '{"text": "Russian forces have captured Siversk, the Russian Defence Ministry said on Thursday, '
    'December 11.", "url": "https://tass.com/politics/1001"}'
)
UNSUPPORTED = "Das russische Verteidigungsministerium erklärte, seine Truppen hätten die Ortschaft Kurachowe im Gebiet Donezk eingenommen."  # German: no language pack


def prepared(items):
    out = list(prepare_partition(items))
    articles = [v for _, v in out if v[0] == "A"]
    errors = [v[1] for _, v in out if v[0] == "E"]
    return articles, errors


def test_prepare_reads_lines_rows_and_read_failures():
    items = [
        (0, Record("a.jsonl@0", 0, "json", ENGLISH)),
        (0, Record("a.jsonl@200", 200, "json", "")),  # blank: no record
        (0, Record("a.jsonl@201", 201, "json", "{bad")),
        (0, Record("a.jsonl@206", 206, "json", json.dumps({"text": UNSUPPORTED}))),
        (1, Record("b.parquet#7", 7, "row", {"title": "no body"})),
        (2, Record("missing.jsonl", 0, "failed", "missing.jsonl: no such file or folder")),
    ]
    articles, errors = prepared(items)
    [(_, order, origin, article, copies)] = articles
    assert order == (0, 0) and origin == "a.jsonl@0" and copies == []
    assert (article.outlet, article.outlet_type, article.language) == ("TASS", "state-controlled", "en")
    assert [(e["origin"], e["input"], e["input_index"], e["input_offset"], e["kind"], e["stage"]) for e in errors] == [
        ("a.jsonl@201", "a.jsonl", 0, 201, "failed", "prepare"),
        ("a.jsonl@206", "a.jsonl", 0, 206, "failed", "prepare"),
        ("b.parquet#7", "b.parquet", 1, 7, "failed", "prepare"),
        ("missing.jsonl", "missing.jsonl", 2, 0, "failed", "read"),
    ]
    assert "not valid JSON" in errors[0]["message"] and "in German" in errors[1]["message"]
    assert errors[2]["message"] == "b.parquet#7: missing 'text' or 'html'"


def test_prepare_of_a_warc_gives_the_messages_of_a_local_ingest(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    articles, errors = prepared((3, r) for r in read_warc(BytesIO(data), str(path), size=len(data)))
    local = list(source_items(read_warc(BytesIO(data), str(path))))
    assert [a[3].url for a in articles] == [i.article.url for i in local if i.article]
    assert sorted(e["message"] for e in errors) == sorted(i.error or i.skipped for i in local if not i.article)
    assert sorted(e["kind"] for e in errors) == ["failed", "skipped", "skipped", "skipped"]
    assert {e["input"] for e in errors} == {str(path)}


def test_an_unexpected_exception_is_an_error_row(monkeypatch):
    def boom(record):
        raise RuntimeError("bug")

    monkeypatch.setattr(readers, "to_article", boom)
    _, [error] = prepared([(0, Record("a.jsonl@0", 0, "json", ENGLISH))])
    assert error["message"] == "a.jsonl@0: internal error: RuntimeError: bug" and error["stage"] == "prepare"


def test_first_sighting_keeps_the_first_and_records_the_others_as_copies():
    items = [
        (0, Record(f"a.jsonl@{n}", n, "json", ENGLISH.replace("tass.com", host)))
        for n, host in ((30, "tass.ru"), (0, "tass.com"), (10, "ria.ru"))
    ]
    articles, _ = prepared(items)
    merged = first_sighting(first_sighting(articles[0], articles[1]), articles[2])
    assert merged[1] == (0, 0) and merged[2] == "a.jsonl@0"
    assert [(c["origin"], c["_order"]) for c in merged[4]] == [("a.jsonl@10", [0, 10]), ("a.jsonl@30", [0, 30])]


def test_the_hostile_records_of_issue_14_are_error_rows_or_cleaned_articles():
    import json

    good = json.loads(ENGLISH)
    bad = {
        "surrogate": json.dumps({**good, "title": "\ud800", "text": good["text"] + " \udfff"}),
        "bigint": '{"text": "x", "n": ' + "9" * 5000 + "}",
        "deep": "[" * 100_000 + "]" * 100_000,
        "early": json.dumps({**good, "published": "0001-01-01"}),
        "late": json.dumps({**good, "published": "9999-12-31"}),
    }
    items = [(0, Record(f"a.jsonl@{n}", n, "json", line)) for n, line in enumerate(bad.values())]
    articles, errors = prepared(items)
    [(_, _, origin, article, _)] = articles
    assert origin == "a.jsonl@0" and article.title == "\ufffd" and article.text.endswith("\ufffd")
    assert [e["origin"] for e in errors] == ["a.jsonl@1", "a.jsonl@2", "a.jsonl@3", "a.jsonl@4"]
    assert all(e["stage"] == "prepare" and "internal error" not in e["message"] for e in errors)
