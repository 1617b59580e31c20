"""Hostile input at the ingest boundary (issue 14): unencodable characters, absurd numbers and nesting, dates out of
range, FIFOs and devices, decompression bombs, empty files, passwords in URLs, IPv6 forms of private addresses and
a server that drips its headers.  Nothing here loads the parser."""

from __future__ import annotations

import gzip
import ipaddress
import json
import os
import socket
import threading
import time

import pytest

from claimledger.errors import InputError, mask_url
from claimledger.ingest.article import Metadata, article_from_text, read_path
from claimledger.ingest.readers import CappedStream, read_jsonl
from claimledger.ingest.sources import iter_sources, source_items
from claimledger.ingest.url import address_allowed, fetch
from claimledger.pipeline.prepare import check_limits

REPORT = "Ukraine's General Staff said on Tuesday that its troops repelled fourteen assaults near Pokrovsk."


def items_of(*paths):
    return list(iter_sources([str(p) for p in paths]))


def only(items, attribute):
    return [getattr(i, attribute) for i in items if getattr(i, attribute)]


# --- unencodable characters ------------------------------------------------------------------------------------
@pytest.mark.parametrize("field", ["text", "title", "outlet", "url", "author"])
def test_a_lone_surrogate_is_replaced_and_counted_in_every_field(field):
    meta = Metadata(title="Pokrovsk", outlet="Ukrinform", url="https://ukrinform.net/1", author="Staff")
    text = REPORT
    if field == "text":
        text = REPORT + " \ud800"
    else:
        setattr(meta, field, getattr(meta, field) + "\udc00")
    article = article_from_text(text, meta)
    values = [article.text, article.title, article.outlet, article.url, article.author]
    for value in values:
        value.encode("utf-8")  # never raises: the hash, the insert and the JSON dump all encode
    assert "\ufffd" in (article.text if field == "text" else getattr(article, field))
    assert article.replaced_chars == 1 and len(article.sha256) == 64


def test_a_json_line_with_a_lone_surrogate_is_an_article():
    line = json.dumps({"text": REPORT + " \ud800", "title": "\udfff"})  # JSON escapes: valid JSON, invalid text
    [item] = source_items(read_jsonl_bytes(line))
    assert item.article is not None and item.article.title == "\ufffd"


def read_jsonl_bytes(*lines):
    from io import BytesIO

    return read_jsonl(BytesIO(("\n".join(lines) + "\n").encode()), "in.jsonl")


# --- JSON that the parser itself cannot take -----------------------------------------------------------------
@pytest.mark.parametrize(
    "line,reason",
    [
        ('{"text": "x", "n": ' + "9" * 5000 + "}", "integer string conversion"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "' + REPORT + '", "published": "0001-01-01"}', "outside 1900-01-01"),
        ('{"text": "' + REPORT + '", "published": "9999-12-31"}', "outside 1900-01-01"),
    ],
)
def test_a_json_line_the_reader_cannot_take_is_one_error_and_the_next_line_is_read(line, reason):
    good = json.dumps({"text": REPORT})
    items = list(source_items(read_jsonl_bytes(good, line, good)))
    assert [bool(i.article) for i in items] == [True, False, True]
    assert reason in items[1].error and items[1].error.startswith("in.jsonl:2") and "\n" not in items[1].error


def test_an_rss_pubdate_of_zeros_is_an_unknown_date(tmp_path):
    feed = tmp_path / "front.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Front dispatches</title>'
        "<item><title>Pokrovsk</title><link>https://example.org/p</link>"
        f"<pubDate>0000-00-00</pubDate><description>{REPORT}</description></item>"
        "</channel></rss>"
    )
    [item] = items_of(feed)
    assert item.article is not None and item.article.published is None


def test_a_text_over_max_chars_is_refused_at_the_boundary():
    from claimledger.limits import MAX_BYTES, MAX_CHARS

    text = (REPORT + " ") * (MAX_CHARS // len(REPORT) + 2)  # over a million characters, under 5 MB
    assert len(text.encode()) <= MAX_BYTES
    article = article_from_text(text)
    with pytest.raises(InputError, match="over 1,000,000 characters are refused"):
        check_limits(article)


# --- bounded reads, non-regular files ------------------------------------------------------------------------
def test_a_device_is_refused_without_reading_it():
    with pytest.raises(InputError, match="is a device, not a regular file"):
        read_path("/dev/zero")


def test_a_fifo_named_like_an_article_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_path(fifo)
    [item] = items_of(fifo)  # given explicitly to ingest: an error item, never a blocked read
    assert "FIFO" in item.error


def test_a_fifo_in_a_folder_is_skipped_with_a_warning_and_the_rest_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text(REPORT.replace("Pokrovsk", "Siversk"))
    items = items_of(tmp_path)
    assert len([i for i in items if i.article]) == 2
    [warning] = only(items, "warning")
    assert "b.txt" in warning and "FIFO" in warning


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its permissions")
def test_an_unreadable_sub_folder_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(REPORT)
    locked.chmod(0)
    try:
        items = items_of(tmp_path)
    finally:
        locked.chmod(0o755)
    assert len([i for i in items if i.article]) == 1
    assert any("cannot read this folder" in w for w in only(items, "warning"))


def test_a_gzip_bomb_of_newlines_is_cut_off(tmp_path):
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b"\n" * (80 * 1024 * 1024), 9))  # about 80 KB on disk
    [item] = items_of(bomb)
    assert item.error and "decompresses to more than" in item.error


def test_the_capped_stream_stops_at_its_limit():
    from io import BytesIO

    records = list(read_jsonl(CappedStream(BytesIO(b'{"text": "a"}\n' * 100), 140, "x.jsonl.gz"), "x.jsonl.gz"))
    assert records[-1].kind == "failed" and "decompresses to more than" in records[-1].data
    assert [r.kind for r in records[:-1]] == ["json"] * 10


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.warc", "blank.jsonl"])
def test_an_empty_file_is_a_warning_with_no_record(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\n \n" if name.startswith("blank") else b"")
    [item] = items_of(path)
    assert item.warning and "0 read" in item.warning and item.article is None and item.error is None


def test_a_truncated_warc_record_is_an_error(tmp_path):
    from tests.ingest.test_sources import write_warc

    whole = tmp_path / "whole.warc"
    write_warc(whole, gzip_records=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[:-200])
    errors = only(items_of(cut), "error")
    assert errors and any("truncated" in e for e in errors)


# --- secrets -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url,shown",
    [
        ("postgresql+psycopg://u:PASS@db.internal:5432/ledger", "postgresql+psycopg://u:***@db.internal:5432/ledger"),
        ("postgresql://u:p@ss:w@host/db", "postgresql://u:***@host/db"),
        ("postgresql://u@host/db?password=PASS&sslmode=require", "postgresql://u@host/db?password=***&sslmode=require"),
        ("sqlite:////var/lib/claimledger/ledger.sqlite", "sqlite:////var/lib/claimledger/ledger.sqlite"),
    ],
)
def test_mask_url_hides_the_password(url, shown):
    assert mask_url(url) == shown and "PASS" not in mask_url(f"cannot open {url}: refused")


# --- the address check ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ip",
    [
        "::127.0.0.1",  # IPv4-compatible
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:0:127.0.0.1",  # IPv4-translated
        "64:ff9b::127.0.0.1",  # NAT64
        "64:ff9b::10.0.0.1",
        "64:ff9b:1::a00:1",  # local-use NAT64
        "2002:c0a8:0101::1",  # 6to4 of 192.168.1.1
        "2002:7f00:1::1",
        "192.0.0.8",
        "192.0.0.170",
        "100.64.0.1",
        "198.18.0.1",
        "198.19.255.255",
        "240.0.0.1",
        "0.1.2.3",
        "255.255.255.255",
        "2001:db8::1",
        "fd00::1",
    ],
)
def test_special_purpose_addresses_are_refused(ip):
    assert not address_allowed(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", ["8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2606:4700:4700::1111"])
def test_public_addresses_in_any_form_are_allowed(ip):
    assert address_allowed(ipaddress.ip_address(ip))


# --- the total fetch deadline -----------------------------------------------------------------------------------
@pytest.fixture
def slow_header_server():
    """A server on 127.0.0.1 that sends its status line and then one header byte every 0.2 s (for 60 s)."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.recv(4096)
                try:
                    conn.sendall(b"HTTP/1.1 200 OK\r\n")
                    for _ in range(300):
                        if stop.is_set():
                            break
                        conn.sendall(b"X")
                        time.sleep(0.2)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stop.set()
    thread.join(timeout=5)
    listener.close()


def test_the_total_deadline_covers_the_headers(slow_header_server):
    # every read gets a byte within the per-read timeout: only a deadline over the whole request stops it
    with pytest.raises(InputError, match="total time limit"):
        fetch(slow_header_server, allow_private=True, connect_timeout=2, read_timeout=5, total_timeout=1)
