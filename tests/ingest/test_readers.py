"""The readers shared by a local ingest and the Spark job: bytes or streams in, records out, one Article each."""

from __future__ import annotations

import datetime as dt
import gzip
from io import BytesIO
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.ingest.article import MAX_BYTES
from claimledger.ingest.readers import (
    Record,
    article_from_json_line,
    format_of,
    read_feed,
    read_jsonl,
    read_warc,
    record_from_row,
    to_article,
)
from claimledger.ingest.sources import iter_sources, source_items
from tests.ingest.test_sources import write_warc

FIXTURES = Path(__file__).parent / "fixtures"
LINE = '{"text": "Russian forces have captured Siversk, the ministry said on Thursday.", "url": "https://tass.com/1"}'


def test_read_jsonl_yields_one_json_record_per_line():
    data = (LINE + "\n\n" + "x" * (MAX_BYTES + 10) + "\n{bad\n").encode()
    records = list(read_jsonl(BytesIO(data), "in.jsonl"))
    # a blank line is no record (but still counts for the line numbers)
    assert [(r.origin, r.offset, r.kind) for r in records] == [
        ("in.jsonl:1", 1, "json"),
        ("in.jsonl:3", 3, "json"),
        ("in.jsonl:4", 4, "json"),
    ]
    assert records[1].data is None  # cut by the reader: longer than MAX_BYTES


def test_read_jsonl_ends_a_corrupt_gz_with_one_failed_record():
    data = gzip.compress((LINE + "\n").encode() * 200)
    records = list(read_jsonl(gzip.GzipFile(fileobj=BytesIO(data[: len(data) // 2])), "in.jsonl.gz"))
    assert records[-1].kind == "failed" and records[-1].origin == "in.jsonl.gz"
    assert "corrupt or truncated" in records[-1].data


def test_a_json_line_reads_the_same_as_bytes_or_str():
    as_bytes, as_str = article_from_json_line(LINE.encode() + b"\n", "o"), article_from_json_line(LINE, "o")
    assert as_bytes == as_str and as_str.url == "https://tass.com/1"
    assert article_from_json_line(b"  \n", "o") is None and article_from_json_line("", "o") is None


@pytest.mark.parametrize(
    "line,message",
    [
        (None, "o: line longer than 5 MB; skipped"),
        ("x" * (MAX_BYTES + 1), "o: line longer than 5 MB; skipped"),  # a str line (split by Hadoop) is measured
        ("{bad", "o: not valid JSON"),
        (b"\xff\xfe{}", "o: not valid JSON"),
        ('["a"]', "o: expected a JSON object, got list"),
        ('{"title": "t"}', "o: missing 'text' or 'html'"),
    ],
)
def test_a_bad_json_line_is_an_input_error(line, message):
    with pytest.raises(InputError) as err:
        article_from_json_line(line, "o")
    assert str(err.value).startswith(message)


def test_a_table_row_is_the_json_record_it_stands_for():
    row = {
        "text": "Russian forces have captured Siversk, the ministry said.",
        "published": dt.date(2025, 1, 7),
        "title": None,
    }
    record = record_from_row(row)
    assert record == {**row, "published": "2025-01-07"}
    article = to_article(Record("f.parquet#0", 0, "row", record))
    assert article.published == "2025-01-07" and article.source_path == "f.parquet#0"
    assert record_from_row({"published": dt.datetime(2025, 1, 7, 9, 30)}) == {"published": "2025-01-07T09:30:00"}


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc_of_bytes_equals_the_local_file_reader(tmp_path, gz):
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip_records=gz)
    data = path.read_bytes()
    records = list(read_warc(BytesIO(data), str(path), size=len(data)))
    assert [r.kind for r in records] == ["html", "skipped", "skipped", "skipped", "html"]
    assert all(r.origin == f"{path}@{r.offset}" for r in records)
    assert records[0].url == "https://tass.com/defense/3001"
    assert list(source_items(records)) == list(iter_sources([str(path)]))
    cut = data[: len(data) - 200]
    assert list(source_items(read_warc(BytesIO(cut), str(path)))) == list(
        source_items(read_warc(BytesIO(cut), str(path), size=len(cut)))
    )
    assert list(read_warc(BytesIO(cut), "x"))[-1].kind == "failed"


def test_read_warc_of_what_is_not_a_warc_is_one_failed_record():
    [record] = read_warc(BytesIO(b"this is not a web archive\n" * 10), "junk.warc")
    assert record.kind == "failed" and record.origin == "junk.warc" and "not a WARC file" in record.data


def test_a_page_that_is_no_article_names_its_url():
    record = Record("c.warc@0", 0, "html", b"<html><body><script>1</script></body></html>", "https://x.org/a")
    with pytest.raises(InputError, match=r"no article text .*\(https://x.org/a\)$"):
        to_article(record)


def test_read_feed_yields_entries_and_failures():
    records = list(read_feed((FIXTURES / "feed.rss").read_bytes(), "feed.rss"))
    assert [(r.origin, r.kind) for r in records] == [
        ("feed.rss#1", "entry"),
        ("feed.rss#2", "entry"),
        ("feed.rss#3", "entry"),
    ]
    assert to_article(records[0]).outlet == "TASS"
    with pytest.raises(InputError, match="no content or summary"):
        to_article(records[2])
    [failed] = read_feed((FIXTURES / "malformed.rss").read_bytes(), "m.rss")
    assert failed.kind == "failed" and "malformed feed" in failed.data


def test_source_items_turn_records_into_items():
    records = [
        Record("a", 0, "failed", "a: broken"),
        Record("b", 0, "skipped", "b: not HTML"),
        Record("c:1", 1, "json", b"\n"),
        Record("c:2", 2, "json", b"{bad"),
        Record("c:3", 3, "json", LINE),
    ]
    items = list(source_items(records))
    assert [(i.origin, bool(i.error), bool(i.skipped), bool(i.article)) for i in items] == [
        ("a", True, False, False),
        ("b", False, True, False),
        ("c:2", True, False, False),
        ("c:3", False, False, True),
    ]
    with pytest.raises(ValueError):
        to_article(records[0])


def test_format_of():
    assert [format_of(n) for n in ("a.JSONL.gz", "b.ndjson", "c.warc.gz", "d.parquet", "e.rss", "f.txt")] == [
        "jsonl",
        "jsonl",
        "warc",
        "parquet",
        "feed",
        None,
    ]
