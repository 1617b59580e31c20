"""`claimledger spark` on inputs that all fail (so no model is loaded: quick), `load` of that output, and
pyspark staying out of the default import path."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from claimledger.cli.spark_cmds import load, spark


def test_spark_modules_do_not_import_pyspark():
    code = (
        "import sys, claimledger.cli.main, claimledger.cli.spark_cmds, claimledger.spark.job, claimledger.spark.load, "
        "claimledger.export.from_json; assert 'pyspark' not in sys.modules, 'pyspark imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.usefixtures("require_spark")
def test_spark_command_reports_every_bad_input(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "notes.txt").write_text("not an input the job reads")
    (tmp_path / "broken.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>")
    pq.write_table(pa.table({"headline": ["no text column"]}), tmp_path / "headlines.parquet")
    out = tmp_path / "out"
    args = [
        "--input",
        str(tmp_path / "nothing-here.jsonl"),
        "--input",
        str(tmp_path / "notes.txt"),
        "--input",
        str(tmp_path / "broken.warc"),
        "--input",
        str(tmp_path / "headlines.parquet"),
        "--output",
        str(out),
        "--master",
        "local[2]",
    ]
    result = CliRunner().invoke(spark, args)
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"] == 0 and summary["failed"] == 4 and summary["analyzer_loads"] == 0
    assert "failed items are listed in" in result.stderr

    import pyarrow.dataset as ds

    errors = ds.dataset(str(out / "errors"), format="parquet").to_table().to_pylist()
    messages = " | ".join(e["message"] for e in errors)
    assert "no such file or folder" in messages and "not a supported input" in messages
    assert "no 'text' or 'html' column" in messages and "broken.warc" in messages
    # an empty table still carries its columns
    articles = ds.dataset(str(out / "articles"), format="parquet").to_table()
    assert articles.num_rows == 0 and "ledger_json" in articles.column_names

    again = CliRunner().invoke(spark, args)  # the output exists: refused without --overwrite
    assert again.exit_code != 0 and "--overwrite" in str(again.exception)
    assert CliRunner().invoke(spark, args + ["--overwrite"]).exit_code == 3

    loaded = CliRunner().invoke(load, [str(out), "--db", str(tmp_path / "l.sqlite")])
    assert loaded.exit_code == 0, loaded.output
    assert "0 articles read" in loaded.stderr and "4 failed" in loaded.stderr


def test_load_refuses_what_is_not_a_job_output(tmp_path):
    pytest.importorskip("pyarrow")
    result = CliRunner().invoke(load, [str(tmp_path), "--db", str(tmp_path / "l.sqlite")])
    assert result.exit_code != 0
    assert "no 'errors' table" in str(result.exception) or "no 'articles' table" in str(result.exception)
