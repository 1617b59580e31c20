"""`claimledger analyze` end to end: JSON contract, text report, bad input, idempotent storage."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli.main import main
from claimledger.export.json_contract import validate
from tests.conftest import FIXTURES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kupiansk-report.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_json_output_follows_the_schema(tmp_path):
    db = tmp_path / "ledger.sqlite"
    result = run("analyze", str(EXAMPLE), "--published", "2025-11-27", "--format", "json", "--db", str(db))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    validate(doc)
    text = doc["article"]["text"]
    for c in doc["claims"]:
        assert text[slice(*c["content"]["span"])] == c["content"]["text"]
    assert any(e["type"] == "capture" for e in doc["events"])


def test_text_report_and_idempotent_store(tmp_path):
    db = tmp_path / "ledger.sqlite"
    first = run("analyze", str(FIXTURES / "avdiivka-claims.txt"), "--published", "2024-02-16", "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "Claims" in first.stdout and "Konashenkov" in first.stdout
    assert "stored 1 new" in first.stderr
    second = run("analyze", str(FIXTURES / "avdiivka-claims.txt"), "--published", "2024-02-16", "--db", str(db))
    assert "stored 0 new, 1 already" in second.stderr


def test_stdin(tmp_path):
    result = run(
        "analyze",
        "-",
        "--no-db",
        "--format",
        "json",
        input="Russian forces captured Vuhledar, the Russian Defence Ministry said on Wednesday.",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"][0]["speaker"]["side"] == "RU"


def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "nothing.html").write_text("<html><head><title>x</title></head><body><nav>Menu</nav></body></html>")
    (tmp_path / "german.txt").write_text(
        "Russische Truppen haben nach Angaben des Verteidigungsministeriums in Moskau die Stadt Siwersk eingenommen. "
        "Die ukrainische Seite bestreitet das.",
        encoding="utf-8",
    )
    (tmp_path / "huge.txt").write_bytes(b"word " * (10 * 1024 * 1024))
    (tmp_path / "latin1.txt").write_bytes(b"\xff\xfe\xfa\x00\x81\x8d\x8f\x90\x9d" * 10)
    return {
        "empty": ["empty"],
        "binary": ["binary"],
        "nothing": ["no article text"],
        "german": ["German", "only English, Russian, Ukrainian"],
        "huge": ["MB"],
        "latin1": [""],
        "missing": ["no such file"],
    }


@pytest.mark.parametrize("name", ["empty", "binary", "nothing", "german", "huge", "latin1", "missing"])
def test_bad_input_is_one_clear_line_and_writes_nothing(tmp_path, name):
    expected = bad_inputs(tmp_path)[name]
    path = {
        "empty": "empty.txt",
        "binary": "binary.bin",
        "nothing": "nothing.html",
        "german": "german.txt",
        "huge": "huge.txt",
        "latin1": "latin1.txt",
        "missing": "does-not-exist.txt",
    }[name]
    db = tmp_path / "ledger.sqlite"
    result = run("analyze", str(tmp_path / path), "--db", str(db))
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimledger: error:"), result.stderr
    assert "Traceback" not in result.output
    for word in expected:
        assert word in lines[0]
    assert not db.exists()


def test_one_bad_file_among_good_ones_writes_nothing(tmp_path):
    db = tmp_path / "ledger.sqlite"
    (tmp_path / "empty.txt").write_text("")
    result = run("analyze", str(EXAMPLE), str(tmp_path / "empty.txt"), "--db", str(db))
    assert result.exit_code != 0
    assert not db.exists()


def test_bad_published_date(tmp_path):
    result = run("analyze", str(EXAMPLE), "--published", "12/11/2025", "--no-db")
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.stderr


def test_installed_console_script(tmp_path):
    """The real entry point, in a fresh process, as a user runs it."""
    exe = Path(sys.executable).parent / "claimledger"
    env = dict(os.environ, CLAIMLEDGER_DB=str(tmp_path / "l.sqlite"))
    proc = subprocess.run(
        [str(exe), "analyze", str(EXAMPLE), "--format", "json"], capture_output=True, text=True, env=env, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["article"]["published"] is None
    assert (tmp_path / "l.sqlite").exists()
