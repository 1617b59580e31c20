"""`claimledger serve --workers 2`: two real server processes share the port, each built from the settings the
command hands them; a commit by another process (a CLI ingest) reaches the answers of every worker (their response
caches are keyed by the ledger's data version)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.web.conftest import free_port

ARTICLE = (
    "KYIV, Dec 3 (Wire) - Ukraine's General Staff said on Wednesday that its forces had repelled eleven assaults "
    "near Huliaipole overnight.\n\nRussia's Defence Ministry said its troops had taken control of the village of "
    "Zelenyi Hai, a claim that could not be independently verified.\n"
)


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(x) for x in (task / "children").read_text().split()]
    return out


def test_two_workers_serve_one_ledger_and_see_other_processes_commits(ledger_db, tmp_path):
    db = tmp_path / "ledger.sqlite"
    with sqlite3.connect(ledger_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    port = free_port()
    exe = str(Path(sys.executable).parent / "claimledger")
    server = subprocess.Popen(
        [exe, "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                before = _get(base + "/api/articles?limit=1")["total"]
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        while len(_children(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _children(server.pid)
        assert len(workers) >= 2, workers  # the supervisor and its worker processes
        for _ in range(8):  # warm both workers' caches
            assert _get(base + "/api/articles?limit=1")["total"] == before
        src = tmp_path / "wire.jsonl"
        record = {"text": ARTICLE, "published": "2025-12-03", "url": "https://wire.example/zelenyi-hai"}
        src.write_text(json.dumps(record) + "\n", encoding="utf-8")
        done = subprocess.run([exe, "ingest", str(src), "--db", str(db)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        totals = {_get(base + "/api/articles?limit=1")["total"] for _ in range(12)}
        assert totals == {before + 1}
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert "2 worker processes" in server.stderr.read()
