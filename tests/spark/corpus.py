"""A small mixed corpus built from the project's fixture articles: JSON Lines, a WARC written with warcio (HTML
pages, plus records a reader must skip), and Parquet; with the equivalent inputs for a local `ingest`."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from pathlib import Path

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
LEDGER = FIXTURES / "ledger"

JSONL_ROWS = [  # (fixture, url, published)
    ("kurakhove-1-tass.txt", "https://tass.com/defense/kurakhove-1", "2025-01-06"),
    ("kurakhove-2-copy.txt", "https://www.rt.com/russia/kurakhove-copy", "2025-01-06"),
    ("kurakhove-3-denial.txt", "https://www.ukrinform.net/rubric-ato/kurakhove-3", "2025-01-07"),
    ("kurakhove-4-isw.txt", "https://www.understandingwar.org/kurakhove-4", "2025-01-13"),
    ("kurakhove-5-acknowledged.txt", "https://kyivindependent.com/kurakhove-5", "2025-01-20"),
]
UNSUPPORTED = "Das russische Verteidigungsministerium erklärte, seine Truppen hätten die Ortschaft Kurachowe im Gebiet Donezk eingenommen."  # German: no language pack


def _text(name: str) -> str:
    return (LEDGER / name).read_text(encoding="utf-8")


def page(title: str, text: str, published: str) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<meta property='article:published_time' content='{published}T09:00:00Z'></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>\n{paragraphs}\n</article>"
        f"<footer>© News site</footer></body></html>"
    ).encode()


def write_jsonl(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for name, url, published in JSONL_ROWS:
            fh.write(json.dumps({"text": _text(name), "url": url, "published": published}) + "\n")
        fh.write("{not json\n")
        fh.write("\n")
        # the TASS text again under another URL: one article, a second sighting recorded as a copy
        fh.write(
            json.dumps(
                {
                    "text": _text("kurakhove-1-tass.txt"),
                    "url": "https://tass.ru/armiya/kurakhove",
                    "published": "2025-01-06",
                }
            )
            + "\n"
        )
        fh.write(
            json.dumps({"text": UNSUPPORTED, "url": "https://www.dw.com/kurakhove", "published": "2025-01-06"}) + "\n"
        )
        fh.write(json.dumps({"title": "no body", "url": "https://example.org/empty"}) + "\n")


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimledger tests"}))

        def response(uri: str, status: str, ctype: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))

        response(
            "https://www.ukrinform.net/rubric-ato/siversk",
            "200 OK",
            "text/html; charset=utf-8",
            page("General Staff: Siversk holds", _text("siversk-denial.txt"), "2025-12-12"),
        )
        writer.write_record(
            writer.create_warc_record(
                "https://www.ukrinform.net/logo.png", "request", payload=io.BytesIO(b"GET /logo.png HTTP/1.1\r\n\r\n")
            )
        )
        response("https://www.ukrinform.net/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
        response(
            "https://www.ukrinform.net/missing", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"
        )
        response(
            "https://www.reuters.com/world/europe/klishchiivka",
            "200 OK",
            "text/html",
            page(
                "Russia claims Klishchiivka",
                (FIXTURES / "avdiivka-claims.txt").read_text(encoding="utf-8"),
                "2024-02-16",
            ),
        )


PARQUET_ROWS = [
    {
        "text": (ROOT / "examples" / "kupiansk-report.txt").read_text(encoding="utf-8"),
        "title": "Kupiansk report",
        "url": "https://www.reuters.com/world/europe/kupiansk",
        "published": dt.date(2025, 11, 27),
    },
    # the Ukrinform denial again, from another file and URL: a copy
    {
        "text": _text("kurakhove-3-denial.txt"),
        "title": None,
        "url": "https://www.ukrinform.ua/kurakhove-3",
        "published": dt.date(2025, 1, 7),
    },
]


def write_parquet(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(
        pa.Table.from_pylist(
            PARQUET_ROWS,
            schema=pa.schema(
                [("text", pa.string()), ("title", pa.string()), ("url", pa.string()), ("published", pa.date32())]
            ),
        ),
        path,
    )


def write_parquet_as_jsonl(path: Path) -> None:
    """The same rows as JSON Lines, for the local ingest (which reads no Parquet)."""
    with open(path, "w", encoding="utf-8") as fh:
        for row in PARQUET_ROWS:
            fh.write(
                json.dumps(
                    {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items() if v is not None}
                )
                + "\n"
            )


def build(tmp: Path) -> tuple[list[str], list[str]]:
    """(inputs for the Spark job, the equivalent inputs for a local ingest), in the same order."""
    src = tmp / "corpus"
    src.mkdir()
    write_jsonl(src / "a.jsonl")
    write_warc(src / "b.warc.gz")
    write_parquet(src / "c.parquet")
    write_parquet_as_jsonl(tmp / "c.jsonl")
    missing = str(src / "missing.jsonl")
    spark_inputs = [str(src / "a.jsonl"), str(src / "b.warc.gz"), str(src / "c.parquet"), missing]
    local_inputs = [str(src / "a.jsonl"), str(src / "b.warc.gz"), str(tmp / "c.jsonl"), missing]
    return spark_inputs, local_inputs
