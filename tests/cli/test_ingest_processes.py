"""Real processes: two ingests writing one SQLite file at once, and a run killed with SIGKILL then resumed."""

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import FIXTURES

EXE = str(Path(sys.executable).parent / "claimledger")


def corpus(tmp_path, name, n, offset=0):
    """n distinct articles (each a fixture article with its own closing line)."""
    base = (FIXTURES / "avdiivka-claims.txt").read_text()
    path = tmp_path / name
    with open(path, "w") as fh:
        for i in range(offset, offset + n):
            fh.write(
                json.dumps(
                    {
                        "text": base + f"\nThis is dispatch number {i} from the front.",
                        "url": f"https://example.org/dispatch/{i}",
                        "published": "2024-02-16",
                    }
                )
                + "\n"
            )
    return path


def count(db, table="articles"):
    with sqlite3.connect(db) as c:
        return c.execute(f"select count(*) from {table}").fetchone()[0]


def test_two_processes_write_one_sqlite_file(tmp_path):
    db = tmp_path / "ledger.sqlite"
    a, b = corpus(tmp_path, "a.jsonl", 6, 0), corpus(tmp_path, "b.jsonl", 6, 3)  # 3 articles in common
    procs = [
        subprocess.Popen(
            [EXE, "ingest", str(p), "--db", str(db), "--batch-size", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in (a, b)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
    assert count(db) == 9  # the shared three stored once
    with sqlite3.connect(db) as c:
        assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
        members = c.execute(
            "select count(*), count(distinct article_id || event_id || claim_id) from proposition_members"
        ).fetchone()
        assert members[0] == members[1]


def test_killed_run_resumes_without_loss_or_double_counting(tmp_path):
    db = tmp_path / "ledger.sqlite"
    src = corpus(tmp_path, "c.jsonl", 8)
    proc = subprocess.Popen(
        [EXE, "ingest", str(src), "--db", str(db), "--batch-size", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.time() + 300
    while time.time() < deadline:
        if db.exists():
            try:
                if count(db) >= 2:
                    break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = count(db)
    assert 2 <= done_before <= 8
    rerun = subprocess.run([EXE, "ingest", str(src), "--db", str(db)], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = " ".join(rerun.stderr.split())
    m = re.search(r"(\d+) new, (\d+) already stored, (\d+) duplicates", summary)
    # these test articles differ only in one line, so most are (correctly) near-duplicates of the first
    assert m and int(m[1]) + int(m[3]) == 8 - done_before and int(m[2]) == done_before, summary
    assert count(db) == 8
    with sqlite3.connect(db) as c:
        assert c.execute("pragma integrity_check").fetchone()[0] == "ok"
