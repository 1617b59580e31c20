"""Layering and the typed models: the store imports no upper layer; the contract schema is generated from the
models and equals the schema file and docs/output.md; migration 0006 rewrites the old status spelling."""

import ast
import json
from pathlib import Path

import claimledger

PKG = Path(claimledger.__file__).parent
UPPER = ("link", "export", "extract", "web", "cli", "spark", "pipeline", "batch")


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_store_imports_no_upper_layer():
    bad = [
        (p.name, m)
        for p in (PKG / "store").rglob("*.py")
        for m in _imports(p)
        if any(m == f"claimledger.{u}" or m.startswith(f"claimledger.{u}.") for u in UPPER)
    ]
    assert bad == []


def test_export_depends_only_on_store_and_model():
    ok = (
        "claimledger.store",
        "claimledger.model",
        "claimledger.model",
        "claimledger.vocab",
        "claimledger.errors",
        "claimledger.export",
    )
    bad = [
        (p.name, m)
        for p in (PKG / "export").glob("*.py")
        for m in _imports(p)
        if m.startswith("claimledger.") and not m.startswith(ok)
    ]
    assert bad == []


def test_schema_is_generated_from_the_models():
    from claimledger.model.contract import DOC_PATH, SCHEMA_PATH, documented_schema, json_schema

    generated = json_schema()
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == generated, "run python -m claimledger.model.contract"
    assert documented_schema(DOC_PATH.read_text(encoding="utf-8")) == generated, (
        "run python -m claimledger.model.contract"
    )


def test_contract_of_a_built_ledger_validates_and_keeps_numbers():
    from claimledger.export.json_contract import validate
    from claimledger.model import Article, ArticleLedger, Framing, TechniqueHit

    led = ArticleLedger(
        article=Article(text="x y", sha256="0" * 64, pipeline_version="9.9", knowledge={"data/a.yaml": "abc"}),
        framing=Framing(techniques=[TechniqueHit("loaded_language", (0, 1), "x", 1)]),
    )
    doc = led.to_contract()
    validate(doc)
    assert doc["framing"]["techniques"][0]["score"] == 1 and isinstance(doc["framing"]["techniques"][0]["score"], int)
    assert doc["article"]["pipeline_version"] == "9.9" and doc["article"]["knowledge"] == {"data/a.yaml": "abc"}
    assert "text" not in led.to_contract(include_text=False)["article"]


def test_migration_0006_rewrites_the_old_status(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from claimledger.store import LedgerStore
    from claimledger.store.repository import MIGRATIONS

    store = LedgerStore(f"sqlite:///{tmp_path / 'l.sqlite'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store._write() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
        conn.execute(
            text(
                "INSERT INTO propositions (id, kind, place_key, side, place_name, text, status, status_reason, "
                "n_articles, n_origins, n_affirm_origins, n_deny_origins) VALUES ('P1', 'control', 'gn:1', 'RU', "
                "'X', 'x', 'claimed_by_one_party', '', 0, 0, 0, 0)"
            )
        )
    store = LedgerStore(f"sqlite:///{tmp_path / 'l.sqlite'}")  # migrates to head on open
    assert [p.status for p in store.propositions()] == ["claimed_by_one_side"]
