"""SemEval-2020 Task 11 reader and scorers, on tiny hand-made files with known answers."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.errors import InputError
from claimledger_eval.techniques import merge_spans, read_corpus, si_scores, tc_scores, techniques_command

FIX = Path(__file__).parent / "fixtures" / "ptc"


def test_si_partial_overlap_half():
    r = si_scores({"a": [(5, 15)]}, {"a": [(0, 10)]})
    assert (r.precision, r.recall, r.f1) == (0.5, 0.5, 0.5)


def test_si_two_predictions_inside_one_gold():
    r = si_scores({"a": [(0, 4), (6, 10)]}, {"a": [(0, 10)]})
    assert r.precision == pytest.approx(1.0) and r.recall == pytest.approx(0.8)
    assert r.f1 == pytest.approx(2 * 0.8 / 1.8)


def test_si_overlapping_predictions_are_merged():
    assert merge_spans([(4, 10), (0, 6), (12, 14)]) == [(0, 10), (12, 14)]
    r = si_scores({"a": [(0, 6), (4, 10)]}, {"a": [(0, 10)]})
    assert (r.precision, r.recall) == (1.0, 1.0)


def test_si_micro_over_articles_and_empty_prediction():
    r = si_scores({"a": [(0, 10)]}, {"a": [(0, 10)], "b": [(0, 5)]})
    assert r.precision == 1.0 and r.recall == 0.5
    empty = si_scores({}, {"a": [(0, 10)]})
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_tc_micro_multiset():
    gold = [("a", "Loaded_Language", 0, 5), ("a", "Name_Calling,Labeling", 6, 9), ("a", "Loaded_Language", 6, 9)]
    pred = [("a", "Loaded_Language", 0, 5), ("a", "Loaded_Language", 6, 9), ("a", "Doubt", 6, 9)]
    micro, per = tc_scores(pred, gold)
    assert micro.precision == pytest.approx(2 / 3) and micro.recall == pytest.approx(2 / 3)
    assert per["Loaded_Language"].precision == 1.0 and per["Name_Calling,Labeling"].recall == 0.0
    assert per["Doubt"].precision == 0.0


def test_reader(tmp_path):
    arts = read_corpus(FIX)
    assert [a.id for a in arts] == ["111"]
    a = arts[0]
    assert len(a.labels) == 4
    tech, s, e = a.labels[1]
    assert tech == "Name_Calling,Labeling" and a.text[s:e] == "Kyiv regime"
    bad = tmp_path / "article1.task2-TC.labels"
    bad.write_text("1\tDoubt\t0\n")
    with pytest.raises(InputError):
        read_corpus(tmp_path)


def test_cli_on_fixture(tmp_path):
    out = tmp_path / "scores.json"
    res = CliRunner().invoke(techniques_command, ["--corpus", str(FIX), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "SI (span overlap)" in res.output
    scores = json.loads(out.read_text())
    # Every gold span carries a lexicon cue, so technique classification is exact here.
    assert scores["TC_micro"]["F1"] == 1.0
    assert scores["SI"]["R"] > 0.5 and scores["SI"]["P"] > 0.5
    assert scores["published_best"]["SI_F1"] == 0.5155


def test_cli_missing_corpus(tmp_path):
    res = CliRunner().invoke(techniques_command, ["--corpus", str(tmp_path / "nope")])
    assert res.exit_code != 0
