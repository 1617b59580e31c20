"""Scorers of the Russian / Ukrainian evaluations (issue 12), on hand-made items with known answers."""

import json

import pytest

from claimledger.errors import InputError
from claimledger_eval import narratives_semeval as ns
from claimledger_eval import opinionne, techniques_unlp


def test_opinionne_tokens_and_holder_overlap_as_the_task_scorer():
    text = "Глава ведомства Иван Петров заявил, что город удержан."
    toks = opinionne.tk(text)
    gold = {1: [opinionne.token_idxs(["16:27"], toks)]}  # "Иван Петров"
    assert gold[1][0] == frozenset({2, 3})
    half = {1: [opinionne.token_idxs(["0:27"], toks)]}  # four tokens, two of them the gold holder
    r = opinionne.source_f1(gold, half)
    assert r["P"] == pytest.approx(0.5) and r["R"] == pytest.approx(1.0)  # weight: overlap / the side scored
    exact = opinionne.source_f1(gold, {1: [frozenset({2, 3})]})
    assert exact["F1"] == pytest.approx(1.0)
    miss = opinionne.source_f1(gold, {1: [frozenset({7})]})
    assert miss["F1"] == pytest.approx(0.0, abs=1e-9)
    with pytest.raises(InputError):
        opinionne.source_f1(gold, {})


def test_opinionne_partial_overlap_is_weighted():
    gold = {1: [frozenset({0, 1})]}
    pred = {1: [frozenset({1, 2, 3, 4})]}
    r = opinionne.source_f1(gold, pred)
    assert r["P"] == pytest.approx(0.25) and r["R"] == pytest.approx(0.5)
    assert opinionne.source_f1(gold, pred, weighted=False)["F1"] == pytest.approx(1.0)


def test_opinionne_reader_separates_author_and_null(tmp_path):
    p = tmp_path / "train.jsonl"
    rows = [
        {
            "sent_id": 0,
            "text": "Министр заявил о победе.",
            "opinions": [
                {
                    "Source": [["Министр"], ["0:7"]],
                    "Target": [[""], ["0:0"]],
                    "Polar_expression": [[""], ["0:0"]],
                    "Polarity": "POS",
                },
                {
                    "Source": [["AUTHOR"], ["NULL"]],
                    "Target": [[""], ["0:0"]],
                    "Polar_expression": [[""], ["0:0"]],
                    "Polarity": "NEG",
                },
            ],
        },
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    (s,) = opinionne.read_corpus(p)
    assert s.sources == ["0:7"] and s.n_author == 1
    res = opinionne.score([s], {0: ["0:7"]})
    assert res["weighted"]["F1"] == pytest.approx(1.0)


def test_samples_f1_as_the_official_scorer():
    classes = ["A", "B", "Other"]
    mean, sd = ns.samples_f1([["A", "B"], ["Other"], ["A"]], [["A"], ["Other"], ["B", "Z"]], classes)
    # per article: 2/3, 1, 0 (Z is outside the taxonomy and ignored)
    assert mean == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert sd > 0
    assert ns.samples_f1([["Z"]], [["Z"]], classes)[0] == 0.0  # both empty over the classes: zero_division=0


def test_narratives_corpus_layout_and_ru_catalogue(tmp_path):
    docs = tmp_path / "RU" / "raw-documents"
    docs.mkdir(parents=True)
    (docs / "RU_1.txt").write_text("Все началось с госпереворота на Майдане в 2014 году.", encoding="utf-8")
    (docs / "RU_2.txt").write_text("В Белгороде прошел футбольный матч.", encoding="utf-8")
    label = "URW: Blaming the war on others rather than the invader"
    (tmp_path / "RU" / ns.ANNOTATIONS).write_text(
        f"RU_1.txt\t{label}\t{label}: The West are the aggressors\nRU_2.txt\tOther\tOther\n", encoding="utf-8"
    )
    res = ns.evaluate(tmp_path / "RU")
    assert res["language"] == "ru" and res["docs"] == 2
    assert res["predictions"][0]["narratives"] == ["maidan_coup"]
    assert res["predictions"][1]["pred_coarse"] == ["Other"]
    assert res["F1_coarse"] > 0.5
    with pytest.raises(InputError):
        ns.read_corpus(tmp_path)


def test_unlp_macro_and_char_f1():
    mf, per = techniques_unlp.macro_f1([{"fud"}, {"cliche"}], [{"fud"}, set()], labels=("fud", "cliche"))
    assert per == {"fud": 1.0, "cliche": 0.0} and mf == 0.5
    r = techniques_unlp.char_f1([[(0, 10)]], [[(5, 15)]])
    assert (r["P"], r["R"], r["F1"]) == (0.5, 0.5, 0.5)


def test_unlp_uses_the_post_language_catalogue(tmp_path):
    p = tmp_path / "posts.jsonl"
    rows = [
        {
            "id": "1",
            "lang": "uk",
            "text": "Рашисти знову обстріляли місто. Слава Україні!",
            "techniques": ["loaded_language"],
            "spans": [[0, 7]],
        },
        {
            "id": "2",
            "lang": "ru",
            "text": "Киевский режим снова обстрелял город.",
            "techniques": ["loaded_language"],
            "spans": [[0, 14]],
        },
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    res = techniques_unlp.evaluate(p)
    assert res["per_technique_F1"]["loaded_language"] == 1.0
    assert res["span"]["R"] == 1.0
