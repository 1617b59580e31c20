"""Fuzz the readers of every ingest format (no parser): whatever the bytes, each item is exactly one of an article,
an error, a skipped record or a warning; an error is one line; nothing raises and nothing blocks."""

from __future__ import annotations

import gzip
import tempfile
import traceback
from io import BytesIO
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.ingest.sources import iter_sources
from claimledger.limits import published_range
from tests.fuzz.strategies import any_text, dates, hostile_text, json_record, wire_report
from tests.fuzz.totals import count


def read_all(paths) -> list:
    """Every item of ``paths``; a traceback is counted (and fails the example)."""
    count(examples=1)
    try:
        items = list(iter_sources([str(p) for p in paths]))
    except BaseException:
        count(tracebacks=1)
        raise AssertionError(traceback.format_exc()) from None
    low, high = published_range()
    for item in items:
        kinds = [item.article is not None, bool(item.error), bool(item.skipped), bool(item.warning)]
        assert sum(kinds) == 1, item
        for message in (item.error, item.skipped, item.warning):
            if message:
                assert "\n" not in message and message.strip()
                if "internal error" in message or "cannot be read (" in message:
                    count(internal_errors=1)
        if item.article is not None:
            a = item.article
            for value in (a.text, a.title, a.outlet, a.url, a.author, a.published):
                if value is not None:
                    value.encode("utf-8")  # hashable, insertable, dumpable
            if a.published:
                assert low.isoformat() <= a.published <= high.isoformat()
    return items


@given(lines=st.lists(json_record(), min_size=0, max_size=8), gz=st.booleans())
def test_jsonl(lines, gz):
    data = ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("batch.jsonl.gz" if gz else "batch.jsonl")
        path.write_bytes(gzip.compress(data) if gz else data)
        items = read_all([path])
    if not [line for line in lines if line.strip()]:
        assert [i.warning for i in items if i.warning]


@given(
    data=st.binary(max_size=400),
    suffix=st.sampled_from([".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".txt", ".html", ".xml"]),
)
def test_arbitrary_bytes_in_every_format(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        read_all([path])


@given(
    files=st.lists(
        st.tuples(st.sampled_from([".txt", ".html", ".htm", ".md"]), st.one_of(wire_report(), hostile_text)),
        max_size=5,
    )
)
def test_folder_of_text_and_html(files):
    with tempfile.TemporaryDirectory() as tmp:
        for n, (suffix, text) in enumerate(files):
            body = f"<html><body><article><p>{text}</p></article></body></html>" if "htm" in suffix else text
            (Path(tmp) / f"{n}{suffix}").write_bytes(body.encode("utf-8", "surrogatepass"))
        read_all([tmp])


@given(
    entries=st.lists(st.tuples(hostile_text, dates, st.one_of(wire_report(), hostile_text)), min_size=1, max_size=4),
    atom=st.booleans(),
)
def test_rss_and_atom(entries, atom):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;")

    if atom:
        body = "".join(
            f"<entry><title>{esc(t)}</title><published>{esc(d)}</published><content>{esc(x)}</content></entry>"
            for t, d, x in entries
        )
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Front</title>{body}</feed>'
    else:
        body = "".join(
            f"<item><title>{esc(t)}</title><pubDate>{esc(d)}</pubDate><description>{esc(x)}</description></item>"
            for t, d, x in entries
        )
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Front</title>{body}</channel></rss>'
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("feed.atom" if atom else "feed.rss")
        path.write_bytes(doc.encode("utf-8", "surrogatepass"))
        read_all([path])


@given(
    pages=st.lists(
        st.tuples(
            st.sampled_from(["200 OK", "404 Not Found", "301 Moved Permanently"]),
            st.sampled_from(["text/html", "application/pdf", ""]),
            st.one_of(wire_report(), any_text),
        ),
        max_size=4,
    ),
    gz=st.booleans(),
    cut=st.integers(0, 300),
)
def test_warc(pages, gz, cut):
    out = BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for n, (status, ctype, text) in enumerate(pages):
        html = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>"
        headers = StatusAndHeaders(status, [("Content-Type", ctype)] if ctype else [], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{n}",
                "response",
                payload=BytesIO(html.encode("utf-8", "surrogatepass")),
                http_headers=headers,
            )
        )
    data = out.getvalue()
    data = data[: max(0, len(data) - cut)]  # a record cut short
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("crawl.warc.gz" if gz else "crawl.warc")
        path.write_bytes(data)
        read_all([path])
