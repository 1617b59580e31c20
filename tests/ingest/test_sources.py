"""Bulk-ingest readers: folders, JSON Lines, feeds, WARC, and the dispatch between them."""

from __future__ import annotations

import gzip
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.ingest.article import MAX_BYTES
from claimledger.ingest.sources import SourceItem, iter_sources

FIXTURES = Path(__file__).parent / "fixtures"


def run(*paths) -> list[SourceItem]:
    return list(iter_sources([str(p) for p in paths]))


def articles(items):
    return [i.article for i in items if i.article is not None]


def errors(items):
    return [i.error for i in items if i.error is not None]


def test_every_item_has_exactly_one_outcome():
    for item in run(
        FIXTURES / "folder", FIXTURES / "articles.jsonl", FIXTURES / "feed.rss", FIXTURES / "malformed.rss"
    ):
        assert sum(x is not None for x in (item.article, item.error, item.skipped)) == 1, item
        assert item.origin


# --- folders ---------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order():
    items = run(FIXTURES / "folder")
    names = [Path(i.origin).name for i in items]
    # .md and the hidden .drafts folder are not articles; empty.txt is an error, in its sorted place.
    assert names == ["2025-12-11-tass-siversk.txt", "2025-12-12-general-staff.html", "2025-12-18-isw.htm", "empty.txt"]
    tass, staff, isw = articles(items)
    assert "liberation of the town of Seversk" in tass.text
    assert tass.source_path.endswith("2025-12-11-tass-siversk.txt")
    # HTML goes through the article extractor: boilerplate gone, metadata from the page.
    assert "denied on Friday that Russian troops had captured Siversk" in staff.text
    assert "All rights reserved" not in staff.text and "Home" not in staff.text
    assert staff.title == "General Staff: Siversk remains under Ukrainian control"
    assert "ISW assessed" in isw.text
    [error] = errors(items)
    assert "empty.txt" in error and "empty" in error


def test_empty_folder_is_a_warning_item(tmp_path):
    (tmp_path / "notes.md").write_text("no articles here")
    [item] = run(tmp_path)
    assert item.warning and "no .txt, .html or .htm files" in item.warning and "0 read" in item.warning


def test_missing_path_is_an_error_and_the_rest_continue(tmp_path):
    items = run(tmp_path / "nope", FIXTURES / "folder" / "ru" / "2025-12-11-tass-siversk.txt")
    assert items[0].error == f"{tmp_path / 'nope'}: no such file or folder"
    assert items[1].article is not None


# --- JSON Lines ----------------------------------------------------------------


def test_jsonl_good_lines_become_articles_bad_lines_errors():
    items = run(FIXTURES / "articles.jsonl")
    by_line = {int(i.origin.rsplit(":", 1)[1]): i for i in items}
    assert 3 not in by_line  # the blank line is not a record
    assert sorted(by_line) == [1, 2, 4, 5, 6, 7, 8, 9]

    tass = by_line[1].article
    assert tass.text.startswith("Russian forces have captured Siversk")
    assert (tass.url, tass.title, tass.outlet, tass.published, tass.author) == (
        "https://tass.com/politics/1001",
        "Seversk liberated",
        "TASS",
        "2025-12-11",
        "TASS staff",
    )
    assert tass.source_path.endswith("articles.jsonl:1")

    ukrinform = by_line[2].article  # html field, datetime cut to its date
    assert "remains under Ukrainian control" in ukrinform.text and "<p>" not in ukrinform.text
    assert ukrinform.published == "2025-12-12" and ukrinform.outlet == "Ukrinform"

    assert "missing 'text' or 'html'" in by_line[4].error
    assert "'published' is not an ISO date" in by_line[5].error and "12/18/2025" in by_line[5].error
    assert "not valid JSON" in by_line[6].error
    assert "'text' must be a string, not int" in by_line[7].error
    assert "expected a JSON object, got list" in by_line[8].error
    assert by_line[9].article.outlet == "ISW"  # the line after five bad ones is still read
    for line, item in by_line.items():
        if item.error:
            assert item.error.startswith(f"{FIXTURES / 'articles.jsonl'}:{line}: "), item.error
            assert "\n" not in item.error


def test_jsonl_gz_reads_the_same_as_plain(tmp_path):
    gz = tmp_path / "articles.jsonl.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "articles.jsonl").read_bytes()))
    plain = run(FIXTURES / "articles.jsonl")
    packed = run(gz)
    assert [a.sha256 for a in articles(packed)] == [a.sha256 for a in articles(plain)]
    assert len(errors(packed)) == len(errors(plain)) == 5


def test_truncated_jsonl_gz_keeps_what_came_before(tmp_path):
    lines = b"".join(
        b'{"text": "Shelling was reported near Siversk on day %d of the month."}\n' % n for n in range(1, 2001)
    )
    data = gzip.compress(lines)
    gz = tmp_path / "cut.jsonl.gz"
    gz.write_bytes(data[: len(data) // 2])
    items = run(gz)
    assert len(articles(items)) > 0
    assert items[-1].error and "corrupt or truncated" in items[-1].error


def test_jsonl_line_over_the_size_limit_is_refused_and_reading_goes_on(tmp_path):
    huge = b'{"text": "' + b"a" * (MAX_BYTES + 10) + b'"}\n'
    path = tmp_path / "big.jsonl"
    path.write_bytes(huge + b'{"text": "Russian troops entered Siversk, the ministry said."}\n')
    first, second = run(path)
    assert first.error and "longer than" in first.error and first.origin.endswith(":1")
    assert second.article is not None and second.origin.endswith(":2")


# --- feeds -------------------------------------------------------------------


def test_rss_entries_become_articles_with_entry_metadata():
    items = run(FIXTURES / "feed.rss")
    first, second = articles(items)
    # content:encoded (the full text) wins over the teaser in <description>.
    assert "completed the liberation of Seversk" in first.text and "operation took several weeks" in first.text
    assert (first.url, first.title, first.outlet, first.published) == (
        "https://tass.com/defense/2001",
        "Russian forces liberate Seversk",
        "TASS",
        "2025-12-11",
    )
    assert "<p>" not in second.text and "lost up to 200 servicemen" in second.text
    assert second.published == "2025-12-12"
    [error] = errors(items)
    assert "#3" in error and "no content or summary" in error


def test_atom_published_date_is_never_taken_from_updated():
    denial, update = articles(run(FIXTURES / "feed.atom"))
    assert denial.outlet == "The Kyiv Independent"
    assert denial.published == "2025-12-12" and denial.author == "Olena Kovalenko"
    assert denial.url == "https://kyivindependent.com/ukraine-denies-fall-of-siversk/"
    assert update.published is None  # only <updated>: when it changed, not when it was published
    assert update.text.startswith("Ukrainian forces still hold positions")


def test_malformed_feed_is_one_error_item():
    [item] = run(FIXTURES / "malformed.rss")
    assert item.error and "malformed feed" in item.error and "\n" not in item.error


def test_feed_without_feed_extension_is_recognised(tmp_path):
    path = tmp_path / "tass-feed"
    shutil.copy(FIXTURES / "feed.rss", path)
    assert len(articles(run(path))) == 2


def test_xml_that_is_not_a_feed_is_an_error(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><settlements><town>Siversk</town></settlements>')
    [item] = run(path)
    assert item.error and "not an RSS or Atom feed" in item.error


# --- WARC --------------------------------------------------------------------

PAGE = b"""<html><head><title>Seversk liberated</title>
<meta property="article:published_time" content="2025-12-11T10:00:00+03:00"></head>
<body><article><p>MOSCOW, December 11. Russian forces have completed the liberation of Seversk,
the Russian Defence Ministry said on Thursday.</p><p>The ministry said Ukrainian units retreated
towards Sloviansk.</p></article></body></html>"""


def write_warc(path: Path, gzip_records: bool = True) -> None:
    """A small crawl like CC-NEWS: warcinfo, request/response pairs, and non-HTML responses."""
    records = [
        ("https://tass.com/defense/3001", "200 OK", "text/html; charset=utf-8", PAGE),
        ("https://tass.com/img/map.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n not really"),
        ("https://tass.com/old", "301 Moved Permanently", "text/html", b""),
        ("https://tass.com/api/news.json", "200 OK", "application/json", b'{"a": 1}'),
        (
            "https://tass.com/empty",
            "200 OK",
            "text/html",
            b"<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>",
        ),
    ]
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip_records)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        for uri, status, ctype, body in records:
            writer.write_record(writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers))


@pytest.mark.parametrize("name,gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_html_responses_become_articles_other_records_are_skipped(tmp_path, name, gz):
    path = tmp_path / name
    write_warc(path, gzip_records=gz)
    items = run(path)
    assert len(items) == 5  # one per response record; warcinfo and requests are not items
    [article] = articles(items)
    assert article.url == "https://tass.com/defense/3001"
    assert "completed the liberation of Seversk" in article.text
    assert article.title == "Seversk liberated" and article.published == "2025-12-11"
    skipped = [i.skipped for i in items if i.skipped]
    assert len(skipped) == 3
    assert any("not HTML (image/png)" in s for s in skipped)
    assert any("not HTML (application/json)" in s for s in skipped)
    assert any("HTTP 301" in s for s in skipped)
    [error] = errors(items)
    assert "https://tass.com/empty" in error and "no article text" in error


def test_warc_origin_offset_finds_the_record_again(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    for item in run(path):
        offset = int(item.origin.rsplit("@", 1)[1])
        with open(path, "rb") as f:
            f.seek(offset)
            record = next(iter(ArchiveIterator(f)))
            assert record.rec_type == "response"
            if item.article:
                assert record.rec_headers.get_header("WARC-Target-URI") == item.article.url


def test_file_that_is_not_a_warc_is_one_error(tmp_path):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"this is not a web archive\n" * 10)
    [item] = run(path)
    assert item.error and "not a WARC file" in item.error


# --- dispatch across sources -------------------------------------------------


def test_mixed_sources_in_one_run_keep_going_past_failures(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    items = run(
        FIXTURES / "malformed.rss", tmp_path / "missing.jsonl", FIXTURES / "folder" / "ru", warc, FIXTURES / "feed.atom"
    )
    assert [bool(i.error) for i in items[:2]] == [True, True]
    assert len(articles(items)) == 1 + 1 + 2
    assert len({a.sha256 for a in articles(items)}) == 4


def test_single_file_that_is_binary_is_an_error(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50)
    [item] = run(path)
    assert item.error and "binary" in item.error


def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # the last record is cut in the middle
    items = run(cut)
    assert len(articles(items)) == 1
    assert items[-1].error and "truncated or corrupt after offset" in items[-1].error
    assert items[-1].origin.startswith(str(cut))


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_truncated_uncompressed_warc_is_reported(tmp_path, keep):
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip_records=False)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * keep)])
    items = run(cut)
    assert len(articles(items)) == 1
    assert items[-1].error and ("truncated" in items[-1].error or "corrupt after offset" in items[-1].error)


def test_oversized_warc_page_is_refused_not_truncated(tmp_path):
    path = tmp_path / "big.warc"
    body = b"<html><body><article><p>" + b"Siversk. " * (MAX_BYTES // 9 + 10) + b"</p></article></body></html>"
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://ria.ru/big", "response", payload=BytesIO(body), http_headers=headers)
        )
    [item] = run(path)
    assert item.error and "MB" in item.error and "https://ria.ru/big" in item.error
