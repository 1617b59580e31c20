from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger_eval import attribution as a

TEXT = 'Officials said the town was taken. "It is ours," a fighter claimed, but locals disputed it.'
#        0         1         2         3         4         5         6         7         8         9
#        0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890


def span(sub, start=0):
    s = TEXT.index(sub, start)
    return s, s + len(sub)


def ann_line(tid, label, sub):
    s, e = span(sub)
    return f"{tid}\t{label} {s} {e}\t{sub}"


ANN = "\n".join(
    [
        ann_line("T1", "Source", "Officials"),
        ann_line("T2", "Cue", "said"),
        ann_line("T3", "Content", "the town was taken"),
        ann_line("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        ann_line("T5", "Source", "a fighter"),
        ann_line("T6", "Cue", "claimed"),
        ann_line("T7", "Content", '"It is ours,"'),
        ann_line("T8", "Attribution", "claimed"),
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        "",
    ]
)


def frag(sub):
    return (span(sub),)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc_one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_one_ab12.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_reader_builds_relations(corpus):
    docs = a.read_corpus(corpus)
    assert len(docs) == 1 and docs[0].id == "doc_one"
    ann = docs[0].annotations[0]
    assert ann.annotator == "ab12"
    assert len(ann.relations) == 2
    r = ann.relations[0]
    assert r.source == frag("Officials") and r.cue == frag("said") and r.content == frag("the town was taken")


def test_discontinuous_and_sourceless_relations():
    text = "He said it was over, adding that talks failed."
    ann = (
        "T1\tCue 3 7\tsaid\nT2\tContent 8 19;32 45\tit was over talks failed\nT3\tAttribution-no-source 3 7\tsaid\n"
        "E1\tAttribution-no-source:T3 Content:T2 Cue:T1\n"
    )
    rels = a.parse_ann(ann, text)
    assert rels[0].source is None
    assert rels[0].content == ((8, 19), (33, 45))  # edge whitespace trimmed


def test_perfect_prediction_scores_one(corpus):
    docs = a.read_corpus(corpus)
    res, _ = a.score_documents(docs, [docs[0].annotations[0].relations])
    for k, v in res.metrics.items():
        assert v.f1 == pytest.approx(1.0), k


def test_known_answer_partial(corpus):
    docs = a.read_corpus(corpus)
    pred = [
        # right source and cue, content one word short: exact wrong, overlap 3 of 4 tokens
        a.Relation(cue=frag("said"), source=frag("Officials"), content=frag("the town was")),
        # a spurious relation
        a.Relation(cue=frag("disputed"), source=frag("locals"), content=frag("it.")),
    ]
    res, details = a.score_documents(docs, [pred])
    m = res.metrics
    assert m["cue_exact"].precision == pytest.approx(0.5) and m["cue_exact"].recall == pytest.approx(0.5)
    assert m["content_exact"].tp_pred == 0
    # content tokens: gold "the town was taken" (4) + '" It is ours , "' (6) = 10; found 3
    assert m["content_overlap"].recall == pytest.approx(3 / 10)
    # predicted content tokens: 3 + "it ." (2) = 5; 3 inside gold
    assert m["content_overlap"].precision == pytest.approx(3 / 5)
    assert m["relation_exact"].tp_gold == 0
    assert m["relation_overlap"].tp_gold == 1 and m["relation_overlap"].recall == pytest.approx(0.5)
    kinds = {d["kind"] for d in details}
    assert {"content_boundary", "missed", "spurious"} <= kinds


def test_several_annotators_are_averaged(corpus):
    # a second annotator who marked only the first relation
    first_only = ANN.split("T5")[0]
    (corpus / "attributions" / "doc_one_cd34.ann").write_text(first_only, encoding="utf-8")
    docs = a.read_corpus(corpus)
    assert len(docs[0].annotations) == 2
    pred = [a.Relation(cue=frag("said"), source=frag("Officials"), content=frag("the town was taken"))]
    res, _ = a.score_documents(docs, [pred])
    cue = res.metrics["cue_exact"]
    # annotator 1: R = 1/2, annotator 2: R = 1/1 -> averaged counts: tp 1, gold (2 + 1) / 2 = 1.5
    assert cue.recall == pytest.approx(1 / 1.5)
    assert cue.precision == pytest.approx(1.0)
    assert res.as_dict()["multi_annotated_docs"] == 1


def test_claims_to_relations_trims_and_skips_empty():
    from types import SimpleNamespace as NS

    claims = [
        NS(
            speaker=NS(span=span("Officials")),
            cue=NS(span=(span("said")[0], span("said")[1] + 1)),
            content=NS(span=span("the town was taken")),
        ),
        NS(speaker=NS(span=None), cue=NS(span=None), content=NS(span=None)),
    ]
    rels = a.claims_to_relations(TEXT, claims)
    assert len(rels) == 1
    assert rels[0].cue == frag("said")  # trailing space trimmed


def test_not_a_polnear_folder(tmp_path):
    with pytest.raises(InputError, match="PolNeAR"):
        a.read_corpus(tmp_path)
