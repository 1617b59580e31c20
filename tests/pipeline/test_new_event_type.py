"""Adding an event type is a data change: a toy type declared only in knowledge files (no code) is extracted,
linked into a proposition with its own kind and text, and filterable in the API.

The knowledge files are given through ``$CLAIMLEDGER_KNOWLEDGE_DIR`` (local replacements of the shipped files) in a
fresh process, since knowledge is loaded once per process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "claimledger"

TEXT = (
    "Russian forces have blockaded the town of Siversk, the Russian Defence Ministry said on Tuesday.\n"
    "Ukraine's General Staff did not comment.\n"
)

SCRIPT = r"""
import json, sys
from fastapi.testclient import TestClient
from claimledger.link import save_ledgers
from claimledger.model import Article
from claimledger.pipeline import Analyzer, prepare
from claimledger.store import LedgerStore
from claimledger.web.app import create_app

text, db = sys.argv[1], sys.argv[2]
article = prepare(Article(text=text, sha256="b" * 64, published="2025-12-09", outlet="TASS"))
ledger = Analyzer.load(with_framing=False).analyze(article)
store = LedgerStore("sqlite:///" + db)
save_ledgers(store, [ledger])
client = TestClient(create_app(store))
out = {"events": [e.type for e in ledger.events],
       "api": client.get("/api/propositions", params={"kind": "blockade"}).json(),
       "api_status": client.get("/api/propositions", params={"kind": "blockade"}).status_code}
print(json.dumps(out))
"""


def _knowledge_dir(tmp_path: Path) -> Path:
    types = yaml.safe_load((PKG / "data" / "event_types.yaml").read_text(encoding="utf-8"))
    types["types"]["blockade"] = {
        "description": "A settlement is said to be cut off.",
        "proposition": {"kind": "blockade", "template": "{forces} blockaded {place}"},
    }
    triggers = yaml.safe_load((PKG / "lang" / "en" / "event_triggers.yaml").read_text(encoding="utf-8"))
    triggers["types"]["blockade"] = {"verbs": ["blockade", "besiege"], "nouns": ["blockade", "siege"], "phrases": []}
    (tmp_path / "data").mkdir(parents=True)
    (tmp_path / "lang" / "en").mkdir(parents=True)
    (tmp_path / "data" / "event_types.yaml").write_text(yaml.safe_dump(types), encoding="utf-8")
    (tmp_path / "lang" / "en" / "event_triggers.yaml").write_text(yaml.safe_dump(triggers), encoding="utf-8")
    return tmp_path


def _run(tmp_path, knowledge_dir=None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CLAIMLEDGER_KNOWLEDGE_DIR"}
    if knowledge_dir:
        env["CLAIMLEDGER_KNOWLEDGE_DIR"] = str(knowledge_dir)
    db = tmp_path / ("with.sqlite" if knowledge_dir else "without.sqlite")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, TEXT, str(db)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_toy_event_type_from_data_files_alone_is_extracted_linked_and_filterable(tmp_path):
    out = _run(tmp_path, _knowledge_dir(tmp_path / "knowledge"))
    assert "blockade" in out["events"]
    assert out["api_status"] == 200
    items = out["api"]["items"]
    assert [p["kind"] for p in items] == ["blockade"]
    assert items[0]["text"] == "Russian forces blockaded Siversk"
    assert items[0]["status"] == "claimed_by_one_side"


def test_without_the_data_files_the_type_does_not_exist(tmp_path):
    out = _run(tmp_path)
    assert "blockade" not in out["events"]
    assert out["api_status"] == 422  # not a known kind
