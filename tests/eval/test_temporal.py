from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from claimledger.errors import InputError
from claimledger_eval import temporal as t

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST_1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TITLE>x</TITLE>
<TEXT>
Troops <EVENT eid="e1">entered</EVENT> the town on <TIMEX3 tid="t1" type="DATE" value="2013-03-19">Tuesday</TIMEX3> &amp; left <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> later, <TIMEX3 tid="t3" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tml_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_reader_offsets_and_dct(tml_dir):
    docs = t.read_corpus(tml_dir)
    d = docs[0]
    assert d.id == "TEST_1" and d.dct == "2013-03-22"
    assert [x.text for x in d.timexes] == ["Tuesday", "three days", "now"]
    for x in d.timexes:
        assert d.text[x.start : x.end] == x.text
    assert "&" in d.text and "<" not in d.text


def test_known_answer(tml_dir):
    d = t.read_corpus(tml_dir)[0]

    def at(sub, value):
        s = d.text.index(sub)
        return t.Timex(s, s + len(sub), sub, value)

    preds = [
        at("on Tuesday", "2013-03-19"),  # relaxed match only, value right
        at("three days", "P2D"),  # strict match, value wrong
        at("the town", "XXXX"),  # spurious
    ]
    res, details = t.score_documents([d], [preds])
    o = res.as_dict()
    assert o["strict"]["P"] == pytest.approx(1 / 3, abs=1e-3) and o["strict"]["R"] == pytest.approx(1 / 3, abs=1e-3)
    assert o["relaxed"]["P"] == pytest.approx(2 / 3, abs=1e-3) and o["relaxed"]["R"] == pytest.approx(2 / 3, abs=1e-3)
    assert o["value_accuracy"] == pytest.approx(0.5)
    assert o["value_F1"] == pytest.approx(0.5 * (2 / 3), abs=1e-3)
    assert {x["kind"] for x in details} == {"missed", "value", "extent", "spurious"}


def test_run_passes_dct_as_published(tml_dir):
    docs = t.read_corpus(tml_dir)
    seen = {}

    class Fake:
        def analyze_text(self, text, published=None):
            seen["published"] = published
            s = text.index("Tuesday")
            return NS(dates=[NS(span=(s, s + 7), value="2013-03-19", text="Tuesday"), NS(span=None, value="x")])

    res, _ = t.run(Fake(), docs)
    assert seen["published"] == "2013-03-22"
    assert res.strict.tp_gold == 1 and res.value_correct == 1


def test_no_tml_files(tmp_path):
    with pytest.raises(InputError, match="no .tml"):
        t.read_corpus(tmp_path)
