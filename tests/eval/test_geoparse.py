import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from claimledger.errors import InputError
from claimledger_eval import geoparse as g

TEXT0 = "Fighting near Siversk and Bakhmut. Siversk was shelled."
TEXT1 = "Kyiv said nothing."

GWN = textwrap.dedent(f"""\
    <?xml version="1.0" ?>
    <articles>
      <article file="7"><title>t</title><link>l</link><text>{TEXT0}</text><toponyms>
        <toponym><extractedName>Siversk</extractedName><normalisedName>Siversk</normalisedName><type>Literal</type>
          <start>14</start><end>21</end><geonamesID>694216</geonamesID><latitude>48.87</latitude><longitude>38.10</longitude></toponym>
        <toponym><extractedName>Bakhmut</extractedName><normalisedName>Bakhmut</normalisedName><type>Literal</type>
          <start>26</start><end>33</end><geonamesID>709161</geonamesID><latitude>48.60</latitude><longitude>38.00</longitude></toponym>
        <toponym><extractedName>Siversk</extractedName><normalisedName>Siversk</normalisedName><type>Literal</type>
          <start>35</start><end>42</end><geonamesID>694216</geonamesID><latitude>48.87</latitude><longitude>38.10</longitude></toponym>
        <toponym><extractedName>near</extractedName><type>Literal_Expression</type><start>9</start><end>13</end></toponym>
      </toponyms></article>
      <article file="8"><title>t</title><link>l</link><text>{TEXT1}</text><toponyms>
        <toponym><extractedName>Kyiv</extractedName><type>Metonymic</type><start>0</start><end>4</end>
          <geonamesID>703448</geonamesID><latitude>50.45</latitude><longitude>30.52</longitude></toponym>
      </toponyms></article>
    </articles>
    """)

LGL = textwrap.dedent(f"""\
    <?xml version="1.0" encoding="utf-8"?>
    <articles>
      <article docid="1"><title>x</title><text><![CDATA[{TEXT1}]]></text>
        <toponyms count="1"><toponym><start>0</start><end>4</end><phrase>Kyiv</phrase>
          <gaztag geonameid="703448"><name>Kyiv</name><fclass>P</fclass><fcode>PPLC</fcode><lat>50.45</lat><lon>30.52</lon></gaztag>
        </toponym></toponyms></article>
    </articles>
    """)

# GeoVirus offsets are 1-based in the real corpus: the reader must realign them.
GEOVIRUS = textwrap.dedent(f"""\
    <articles><article><source>https://en.wikinews.org/wiki/X</source><text>{TEXT1}</text><locations>
      <location><name>Kyiv</name><start>1</start><end>5</end><lat>50.45</lat><lon>30.52</lon><page>p</page></location>
    </locations></article></articles>
    """)


@pytest.fixture
def gwn(tmp_path: Path) -> Path:
    p = tmp_path / "GWN.xml"
    p.write_text(GWN, encoding="utf-8")
    return p


def test_read_gwn_keeps_only_geonames_toponyms(gwn):
    c = g.read_corpus(gwn)
    assert c.format == "gwn-xml" and c.name == "GeoWebNews"
    assert [len(d.toponyms) for d in c.docs] == [3, 1]
    assert c.docs[0].toponyms[0].surface == "Siversk" and c.docs[0].toponyms[0].geonameid == 694216
    assert c.docs[0].id == "7"


def test_read_lgl_and_geovirus(tmp_path):
    p = tmp_path / "lgl.xml"
    p.write_text(LGL, encoding="utf-8")
    c = g.read_corpus(p)
    assert c.format == "lgl-xml" and c.docs[0].toponyms[0].geonameid == 703448
    q = tmp_path / "GeoVirus.xml"
    q.write_text(GEOVIRUS, encoding="utf-8")
    c = g.read_corpus(q)
    assert c.format == "geovirus-xml"
    t = c.docs[0].toponyms[0]
    assert (t.start, t.end, t.surface) == (0, 4, "Kyiv")


def test_read_eupeg_gold_with_texts(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (tmp_path / "corpora_text" / "Mini").mkdir(parents=True)
    (tmp_path / "corpora_text" / "Mini" / "0").write_text(TEXT1 + "\n", encoding="utf-8")
    (gold / "Mini_gold.txt").write_text("Kyiv,,Kyiv,,50.45,,30.52,,0,,4||\n", encoding="utf-8")
    c = g.read_corpus(gold / "Mini_gold.txt")
    assert c.format == "eupeg" and c.name == "Mini"
    assert c.docs[0].text == TEXT1
    assert c.docs[0].toponyms[0].lat == 50.45


def test_unknown_and_missing_corpus_give_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        g.read_corpus(tmp_path / "nope.xml")
    bad = tmp_path / "x.txt"
    bad.write_text("hello world\n")
    with pytest.raises(InputError, match="unknown"):
        g.read_corpus(bad)


def test_parse_eupeg_line_handles_missing_coords():
    tops = g.parse_eupeg_line("No Gaz,,Added,,,,,,10,,15||A,,B,,1.0,,2.0,,0,,1||")
    assert len(tops) == 2
    assert not tops[0].has_coords and tops[1].has_coords


def T(s, e, surface, lat=None, lon=None):
    return g.Toponym(s, e, surface, lat, lon)


def test_end_to_end_scoring_known_answer(gwn):
    c = g.read_corpus(gwn)
    preds = [
        [
            T(14, 21, "Siversk", 48.87, 38.10),  # exact: error 0
            T(27, 33, "akhmut", 48.6, 38.0),  # surface differs -> no match (FN + FP)
            T(36, 43, "Siversk", 48.87 + 2.0, 38.10),  # midpoint within 10, same string -> match, ~222 km off
            T(0, 8, "Fighting", 1.0, 1.0),  # false positive
        ],
        [T(0, 4, "kyiv", 50.45, 30.52), T(5, 9, "said", None, None)],  # case-insensitive; coord-less pred dropped
    ]
    res, details = g.score_end_to_end(c.docs, preds)
    d = res.as_dict()
    assert (d["tp"], d["n_pred"], d["n_gold"]) == (3, 5, 4)
    assert d["P"] == pytest.approx(0.6) and d["R"] == pytest.approx(0.75)
    assert d["n_unresolved"] == 1
    assert d["acc161"] == pytest.approx(2 / 3, abs=1e-4)
    assert d["median_km"] == 0.0
    assert d["mean_km"] == pytest.approx(222.4 / 3, abs=1.0)  # one error of ~222 km (2 degrees) over three
    kinds = sorted(x["kind"] for x in details)
    assert kinds == ["far", "fn", "fp", "fp"]


def test_midpoint_tolerance_is_ten_characters():
    gold = [T(100, 107, "Siversk", 1, 1)]
    assert g.match_toponyms(gold, [T(110, 117, "Siversk")]) == [(0, 0)]  # midpoints 10 apart
    assert g.match_toponyms(gold, [T(111, 118, "Siversk")]) == []  # 11 apart


def test_matching_is_one_to_one():
    gold = [T(0, 7, "Siversk", 1, 1)]
    pairs = g.match_toponyms(gold, [T(0, 7, "Siversk"), T(1, 8, "Siversk")])
    assert pairs == [(0, 0)]


def test_oracle_scoring_counts_unresolved_as_max_error(gwn):
    c = g.read_corpus(gwn)
    preds = [[(48.87, 38.10), None, (48.87, 38.10)], [(50.45, 30.52)]]
    res, _ = g.score_oracle(c.docs, preds)
    d = res.as_dict()
    assert d["n_gold"] == 4 and d["n_unresolved"] == 1
    assert d["acc161"] == pytest.approx(0.75)
    assert d["mean_km"] == pytest.approx(20039 / 4, abs=0.5)


def test_peers_are_scored_with_same_code(tmp_path):
    root = tmp_path / "geoparsing"
    (root / "gritta_corpora").mkdir(parents=True)
    (root / "eupeg" / "geoparser_output").mkdir(parents=True)
    (root / "eupeg" / "corpora_text" / "LGL").mkdir(parents=True)
    (root / "eupeg" / "corpora_text" / "LGL" / "0").write_text(TEXT1 + "\n")
    (root / "gritta_corpora" / "lgl.xml").write_text(LGL, encoding="utf-8")
    (root / "eupeg" / "geoparser_output" / "LGL_Foo.txt").write_text("Kyiv,,Kyiv,,50.45,,30.52,,0,,4||\n")
    c = g.read_corpus(root / "gritta_corpora" / "lgl.xml")
    peers = g.score_peers(c, g.find_peer_dir(c.path))
    assert [p.system for p in peers] == ["Foo"]
    assert peers[0].as_dict()["F1"] == 1.0


def test_run_with_fake_analyzer(gwn):
    """The pipeline adapter: Place objects with several spans, unresolved places, oracle order."""
    c = g.read_corpus(gwn)

    class FakeAnalyzer:
        def analyze_text(self, text, published=None):
            places = []
            if "Siversk" in text:
                places.append(
                    SimpleNamespace(
                        mention="Siversk",
                        spans=[(14, 21), (35, 42)],
                        lat=48.87,
                        lon=38.10,
                        resolved=True,
                        geonameid=694216,
                        kind="settlement",
                        name="Siversk",
                    )
                )
            return SimpleNamespace(places=places)

        def resolve_mentions(self, text, spans):
            return [SimpleNamespace(lat=48.87, lon=38.10, resolved=text[s:e] == "Siversk") for s, e in spans]

    res, _ = g.run_end_to_end(FakeAnalyzer(), c)
    d = res.as_dict()
    assert (d["tp"], d["n_pred"], d["n_gold"]) == (2, 2, 4)
    assert d["P"] == 1.0 and d["R"] == 0.5
    res, _ = g.run_oracle(FakeAnalyzer(), c)
    d = res.as_dict()
    assert d["n_unresolved"] == 2 and d["acc161"] == 0.5
