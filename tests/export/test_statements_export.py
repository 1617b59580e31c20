"""Exports include the statements across sources: JSON Lines (``{"statement": …}`` lines in the ledger export,
and the ``statements`` format alone), a statements CSV (one row per member), Parquet tables; and the CLI offers
the ``audit`` format — on both backends, on the ledger of ``tests/link/test_statement_views.py``."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from claimledger.cli.main import main
from claimledger.export.formats import EXPORTERS, export_jsonl, export_parquet
from claimledger.export.statements import CSV_FIELDS
from tests.link.test_statement_views import SHELLING, SUPPORT, build_statement_ledger


@pytest.fixture
def ledger(db_url):
    return build_statement_ledger(db_url)


def _run(ledger, fmt: str) -> str:
    out = CliRunner().invoke(main, ["export", "--db", ledger.url, "--format", fmt])
    assert out.exit_code == 0, out.output
    return out.output


def test_jsonl_carries_statements_with_members(ledger):
    buf = io.StringIO()
    n = export_jsonl(ledger, buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len([x for x in lines if "article" in x]) == 5
    statements = [x["statement"] for x in lines if "statement" in x]
    assert [s["id"] for s in statements] == [SUPPORT, SHELLING]  # oldest first seen first
    support = statements[0]
    assert support["laundered"] and support["origin"]["speaker"] == "Alexei Voronov"
    assert support["origin"]["article_url"] == "https://mil.ru/news/siversk-video"
    assert [m["published"] for m in support["members"]] == ["2023-01-10", "2023-01-12", "2023-01-13"]
    assert support["members"][1]["via"] == ["the Defence Ministry"] and support["members"][2]["voice"] == "own"


def test_statements_formats_on_the_cli(ledger):
    alone = [json.loads(x) for x in _run(ledger, "statements").splitlines()]
    assert [s["id"] for s in alone] == [SUPPORT, SHELLING] and len(alone[1]["members"]) == 2
    rows = list(csv.DictReader(io.StringIO(_run(ledger, "statements-csv"))))
    assert list(rows[0]) == CSV_FIELDS and len(rows) == 5
    assert [r["statement_id"] for r in rows] == [SUPPORT] * 3 + [SHELLING] * 2
    assert rows[0]["laundered"] == "True" and rows[0]["drift"] == "reported > reported > fact"
    assert rows[1]["via"] == "the Defence Ministry" and rows[3]["member_text"] == "ВСУ обстреляли центр Горловки"
    assert _run(ledger, "audit") == ""  # no correction yet: an empty log, not an error
    assert set(EXPORTERS) >= {"audit", "statements", "statements-csv"}


def test_parquet_has_statement_tables(ledger, tmp_path):
    import pyarrow.dataset as ds

    export_parquet(ledger, str(tmp_path))
    statements = ds.dataset(tmp_path / "statements", format="parquet", partitioning="hive").to_table().to_pylist()
    members = ds.dataset(tmp_path / "statement_members", format="parquet", partitioning="hive").to_table()
    assert sorted(s["statement_id"] for s in statements) == sorted([SUPPORT, SHELLING])
    support = next(s for s in statements if s["statement_id"] == SUPPORT)
    assert support["laundered"] and [d["level"] for d in json.loads(support["drift"])] == [
        "reported",
        "reported",
        "fact",
    ]
    assert members.num_rows == 5 and sorted(set(members.column("statement_id").to_pylist())) == sorted(
        [SUPPORT, SHELLING]
    )
    assert (tmp_path / "statements" / "_SUCCESS").exists() and (tmp_path / "statement_members" / "_SUCCESS").exists()
