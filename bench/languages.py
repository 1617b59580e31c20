"""Russian and Ukrainian throughput: words per second of the language pack's raw parse (the Doc alone) and of the
whole per-article analysis (every stage) on the same generated news-like texts; rewrites
docs/performance-languages.md.

    .venv/bin/python bench/languages.py [--words 10000] [--no-doc]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DOC = HERE.parent / "docs" / "performance-languages.md"

TEMPLATES = {
    "ru": {
        "speakers": [
            "Министерство обороны России",
            "Генштаб ВСУ",
            "телеграм-канал «Рыбарь»",
            "губернатор области",
            "военный эксперт",
            "официальный представитель Минобороны Игорь Конашенков",
        ],
        "places": ["Покровск", "Северск", "Курахово", "Бахмут", "Торецк", "Часов Яр", "Купянск"],
        "sentences": [
            "{s} заявил, что российские войска освободили {p} после нескольких дней боёв.",
            "По словам {s2}, противник потерял за сутки до {n} военнослужащих в районе населённого пункта {p}.",
            "«Наши подразделения удерживают позиции у {p}», — сообщил {s}.",
            "Как сообщает {s}, {d} ВСУ якобы отступили от окраин {p}.",
            "{s} опроверг эти данные и подчеркнул, что обстрел {p} продолжается.",
        ],
        "dates": ["11 декабря", "вчера", "в четверг", "на прошлой неделе"],
        "genitive": ["Конашенкова", "Генштаба ВСУ", "губернатора", "военного эксперта"],
    },
    "uk": {
        "speakers": [
            "Генеральний штаб ЗСУ",
            "речник ОСУВ «Хортиця» Назар Волошин",
            "DeepState",
            "Донецька ОВА",
            "голова області",
            "Міноборони РФ",
        ],
        "places": ["Покровськ", "Сіверськ", "Курахове", "Бахмут", "Торецьк", "Часів Яр", "Куп'янськ"],
        "sentences": [
            "{s} повідомив, що Сили оборони утримують позиції біля {p} попри постійні атаки.",
            "За словами {s2}, ворог втратив за добу {n} військових у районі {p}.",
            "«Ворог намагався штурмувати наші позиції поблизу {p}», — заявив {s}.",
            "Як повідомляє {s}, {d} окупанти нібито захопили {p}.",
            "{s} спростував цю інформацію та наголосив, що обстріли {p} тривають.",
        ],
        "dates": ["11 грудня", "вчора", "у четвер", "минулого тижня"],
        "genitive": ["Волошина", "Генштабу ЗСУ", "голови області", "аналітиків"],
    },
}


def texts(lang: str, words: int, seed: int = 7) -> list[str]:
    t = TEMPLATES[lang]
    rnd = random.Random(seed)
    out, total = [], 0
    while total < words:
        lines = []
        for _ in range(8):
            line = rnd.choice(t["sentences"]).format(
                s=rnd.choice(t["speakers"]),
                s2=rnd.choice(t["genitive"]),
                p=rnd.choice(t["places"]),
                d=rnd.choice(t["dates"]),
                n=rnd.randint(20, 400),
            )
            lines.append(line[0].upper() + line[1:])
        text = "\n".join(lines)
        out.append(text)
        total += len(text.split())
    return out


def measure(lang: str, words: int) -> dict:
    from claimledger.lang import get_pack
    from claimledger.model import Article
    from claimledger.pipeline import Analyzer

    docs = texts(lang, words)
    n_words = sum(len(t.split()) for t in docs)
    t0 = time.perf_counter()
    nlp = get_pack(lang).load_model()
    load = time.perf_counter() - t0
    nlp(docs[0])  # warm caches (lemmas, morphology)
    raw = _timed(nlp, docs)
    upstream = _natasha_alone(docs) if lang == "ru" else None
    analyzer = Analyzer.load()
    analyzer.analyze(Article(text=docs[0], sha256="", published="2024-12-12", language=lang))
    t0 = time.perf_counter()
    claims = events = 0
    for text in docs:
        ledger = analyzer.analyze(Article(text=text, sha256="", published="2024-12-12", language=lang))
        claims += len(ledger.claims)
        events += len(ledger.events)
    full = time.perf_counter() - t0
    raw = min(raw, _timed(nlp, docs))  # the machine is shared: the better of a run before and one after
    return {
        "lang": lang,
        "articles": len(docs),
        "words": n_words,
        "load_s": load,
        "raw_wps": n_words / raw,
        "upstream_wps": n_words / upstream if upstream else None,
        "analyze_wps": n_words / full,
        "claims": claims,
        "events": events,
    }


def _timed(nlp, docs: list[str]) -> float:
    t0 = time.perf_counter()
    for text in docs:
        nlp(text)
    return time.perf_counter() - t0


def _natasha_alone(docs: list[str]) -> float:
    """natasha's own pipeline (Doc.segment, tag_morph, parse_syntax, tag_ner) on the same texts: the parse the
    Russian pack wraps, without building the spaCy Doc."""
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    seg, morph, syntax, ner = Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    t0 = time.perf_counter()
    for text in docs:
        d = Doc(text)
        d.segment(seg)
        d.tag_morph(morph)
        d.parse_syntax(syntax)
        d.tag_ner(ner)
    return time.perf_counter() - t0


def write_doc(rows: list[dict]) -> None:
    lines = [
        "# Russian and Ukrainian throughput",
        "",
        "Written by `bench/languages.py` (generated news-like texts built from Russian and Ukrainian templates:",
        "ministry statements, source frames, quotations with a dash, Telegram relays; one process, warm caches).",
        "*Raw parse* is the language pack's Doc alone (Russian: natasha segmentation, morphology, UD syntax, NER;",
        "Ukrainian: razdel + pymorphy3 + the clause sketch); *analyze* is every stage of `Analyzer.analyze`",
        "(claims, dates, places, events, framing) on the same texts.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; load average at the"
        f" start {os.getloadavg()[0]:.1f} (the machine is shared: figures scale with the load, compare columns, not runs).",
        "*natasha alone* is natasha's own Doc pipeline on the same texts (what the Russian pack wraps).",
        "",
        "| language | articles | words | model load s | natasha alone words/s | raw parse words/s | analyze words/s"
        " | analyze / raw | claims | events |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['lang']} | {r['articles']} | {r['words']} | {r['load_s']:.2f} | "
            f"{'–' if r['upstream_wps'] is None else format(r['upstream_wps'], ',.0f')} | {r['raw_wps']:,.0f} | "
            f"{r['analyze_wps']:,.0f} | {r['analyze_wps'] / r['raw_wps']:.2f} | {r['claims']} | {r['events']} |"
        )
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=10000, help="words per language (default 10000)")
    ap.add_argument("--no-doc", action="store_true", help="print only; do not rewrite docs/performance-languages.md")
    args = ap.parse_args()
    rows = []
    for lang in ("ru", "uk"):
        r = measure(lang, args.words)
        rows.append(r)
        print(
            f"{lang}: {r['words']} words in {r['articles']} articles; load {r['load_s']:.2f} s; "
            f"raw parse {r['raw_wps']:,.0f} words/s; analyze {r['analyze_wps']:,.0f} words/s "
            f"({r['claims']} claims, {r['events']} events)"
        )
    if not args.no_doc:
        write_doc(rows)
        print(f"wrote {DOC.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
