import json
import textwrap
from types import SimpleNamespace as NS

import pytest
from click.testing import CliRunner

from claimledger.cli.eval_cmd import eval_group
from claimledger_eval import report

TEXT = "Kyiv said nothing about Lviv."
LGL = textwrap.dedent(f"""\
    <?xml version="1.0" encoding="utf-8"?>
    <articles><article docid="1"><title>x</title><text>{TEXT}</text><toponyms>
      <toponym><start>0</start><end>4</end><phrase>Kyiv</phrase>
        <gaztag geonameid="703448"><name>Kyiv</name><lat>50.45</lat><lon>30.52</lon></gaztag></toponym>
      <toponym><start>24</start><end>28</end><phrase>Lviv</phrase>
        <gaztag geonameid="702550"><name>Lviv</name><lat>49.84</lat><lon>24.02</lon></gaztag></toponym>
    </toponyms></article></articles>
    """)


class FakeAnalyzer:
    def analyze_text(self, text, published=None):
        s = text.find("Kyiv")
        places = [NS(spans=[(s, s + 4)], lat=50.45, lon=30.52, resolved=True, geonameid=1, kind="x", name="Kyiv")]
        return NS(places=places if s >= 0 else [], claims=[], dates=[])

    def resolve_mentions(self, text, spans):
        return [NS(lat=50.45, lon=30.52, resolved=True) for _ in spans]


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(report, "load_analyzer", lambda: FakeAnalyzer())


@pytest.fixture
def lgl(tmp_path):
    p = tmp_path / "lgl.xml"
    p.write_text(LGL, encoding="utf-8")
    return p


def test_cli_geoparse_table_and_json(fake, lgl, tmp_path):
    out = tmp_path / "r.json"
    r = CliRunner().invoke(eval_group, ["geoparse", "--corpus", str(lgl), "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert "claimledger" in r.output
    data = json.loads(out.read_text())
    assert data["ours"]["P"] == 1.0 and data["ours"]["R"] == 0.5
    r = CliRunner().invoke(eval_group, ["geoparse", "--corpus", str(lgl), "--mode", "oracle"])
    assert r.exit_code == 0, r.output
    assert "Acc@161" in r.output


def test_cli_missing_corpus_is_one_line(tmp_path):
    for cmd in ("geoparse", "attribution", "temporal"):
        r = CliRunner().invoke(eval_group, [cmd, "--corpus", str(tmp_path / "missing")])
        assert r.exit_code != 0
        assert "Traceback" not in r.output
        assert len(r.output.strip().splitlines()) == 1, r.output


def test_markdown_has_tables_sources_date_commit(fake, lgl):
    geo = report.eval_geoparse(lgl, "end-to-end", quiet=True)
    orc = report.eval_geoparse(lgl, "oracle", quiet=True)
    results = {
        "date": "2024-01-01",
        "commit": "abc1234",
        "seconds": 1.0,
        "limit": None,
        "geoparse": {"LGL": {"end-to-end": geo, "oracle": orc}},
        "attribution": {"error": "corpus absent"},
        "temporal": {"error": "corpus absent"},
    }
    md = report.render_markdown(results)
    assert "2024-01-01" in md and "abc1234" in md
    assert "| **claimledger** |" in md
    assert "Mordecai" in md and "Gritta" in md
    assert "Not run: corpus absent" in md


def test_report_main_without_shared(tmp_path, capsys):
    rc = report.main(["--shared", str(tmp_path / "nowhere"), "--out", str(tmp_path / "a.md")])
    assert rc == 2
    assert "not present" in capsys.readouterr().err
    assert not (tmp_path / "a.md").exists()
