"""Why the Ukrainian pack has its own clause sketch: natasha's Russian models vs pymorphy3 + the sketch on
Ukrainian reporting sentences written for this measurement (docs/languages.md).

For each sentence the gold is (reporting verb, its lemma, the head word of the speaker, the head word of the
reported clause); a parse scores a point per sentence for: the verb's lemma, the speaker attached to the verb as
``nsubj``, the reported clause attached to the verb (``ccomp``, or the verb attached to it as ``parataxis``), and
the whole attribution found by the claims stage (speaker and cue).

    .venv/bin/python bench/uk_parser_choice.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOLD = [
    ("Генштаб ЗСУ повідомив, що окупанти відійшли від Сіверська.", "повідомив", "повідомити", "Генштаб", "відійшли"),
    ("Речник угруповання заявив, що ворог втратив два танки.", "заявив", "заявити", "Речник", "втратив"),
    ("Міноборони РФ заявило, що російські війська захопили Курахове.", "заявило", "заявити", "Міноборони", "захопили"),
    ("Голова ОВА наголосив, що евакуація триває.", "наголосив", "наголосити", "Голова", "триває"),
    ("«Ворог штурмує наші позиції», — заявив Волошин.", "заявив", "заявити", "Волошин", "штурмує"),
    ("«Сіверськ під контролем Сил оборони», — сказав речник.", "сказав", "сказати", "речник", "Сіверськ"),
    ("Аналітики зазначили, що фронт стабілізувався.", "зазначили", "зазначити", "Аналітики", "стабілізувався"),
    ("Командир батальйону розповів, що бої тривають щодня.", "розповів", "розповісти", "Командир", "тривають"),
    ("Президент підтвердив, що ситуація складна.", "підтвердив", "підтвердити", "Президент", "складна"),
    ("Журналісти повідомляють, що у місті немає світла.", "повідомляють", "повідомляти", "Журналісти", "немає"),
    ("Генштаб спростував, що ЗСУ залишили місто.", "спростував", "спростувати", "Генштаб", "залишили"),
    ("Очевидці стверджують, що обстріл почався вночі.", "стверджують", "стверджувати", "Очевидці", "почався"),
]


def score_doc(doc, verb_text, lemma, speaker, content, dep) -> tuple[int, int, int]:
    verb = next((t for t in doc if t.text == verb_text), None)
    if verb is None:
        return 0, 0, 0
    lem = int(verb.lemma_ == lemma)
    subj = int(any(c.text == speaker and dep(c) == "nsubj" for c in verb.children))
    comp = int(
        any(c.text == content and dep(c) == "ccomp" for c in verb.children)
        or (verb.head.text == content and dep(verb) == "parataxis")
    )
    return lem, subj, comp


def natasha_docs(texts):
    """natasha's Russian models on Ukrainian text, through the Russian pack's Doc builder."""
    from claimledger.lang import get_pack

    return [get_pack("ru").load_model()(t) for t in texts]


def sketch_docs(texts):
    from claimledger.lang import get_pack

    return [get_pack("uk").load_model()(t) for t in texts]


def attribution_hits(docs, pack_code: str) -> int:
    from claimledger.extract.attribution import AttributionFinder
    from claimledger.lang import get_pack

    finder = AttributionFinder(pack=get_pack(pack_code))
    hits = 0
    for doc, (_text, verb, _lemma, speaker, _content) in zip(docs, GOLD):
        found = finder.find(doc)
        hits += any(
            doc.text[a.cue[0] : a.cue[1]].endswith(verb)
            and a.speaker
            and speaker in doc.text[a.speaker[0] : a.speaker[1]]
            for a in found
        )
    return hits


def main() -> None:
    from claimledger.lang import get_pack

    texts = [g[0] for g in GOLD]
    rows = []
    for name, build, code in (
        ("natasha (its Russian models on Ukrainian text)", natasha_docs, "ru"),
        ("pymorphy3-uk + clause sketch (the uk pack)", sketch_docs, "uk"),
    ):
        t0 = time.perf_counter()
        docs = build(texts)
        secs = time.perf_counter() - t0
        dep = get_pack(code).dep
        totals = [0, 0, 0]
        for doc, (_t, verb, lemma, speaker, content) in zip(docs, GOLD):
            for k, v in enumerate(score_doc(doc, verb, lemma, speaker, content, dep)):
                totals[k] += v
        hits = attribution_hits(docs, "uk")
        rows.append((name, *totals, hits, secs))
    n = len(GOLD)
    print(f"{n} Ukrainian reporting sentences")
    print("| analyser | reporting-verb lemma | speaker = nsubj | content attached | attribution found (uk cues) |")
    print("|---|---|---|---|---|")
    for name, lem, subj, comp, hits, _secs in rows:
        print(f"| {name} | {lem}/{n} | {subj}/{n} | {comp}/{n} | {hits}/{n} |")


if __name__ == "__main__":
    main()
