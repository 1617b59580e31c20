"""A batch mixing English, Russian and Ukrainian articles (and one German one, refused) ingests completely."""

import json

from claimledger.batch import run_ingest
from claimledger.store.repository import LedgerStore

ARTICLES = [
    {
        "url": "https://example.org/en/siversk",
        "published": "2024-12-12",
        "text": "Russia's Defence Ministry said on Thursday that its forces had captured Siversk in Donetsk region. "
        "Ukraine's General Staff denied the claim, saying its troops continued to hold positions in the town.",
    },
    {
        "url": "https://example.org/ru/seversk",
        "published": "2024-12-12",
        "text": "Министерство обороны России заявило, что российские войска освободили Покровск. "
        "По словам Конашенкова, противник понёс большие потери под Покровском.",
    },
    {
        "url": "https://example.org/uk/siversk",
        "published": "2024-12-12",
        "text": "Генеральний штаб ЗСУ повідомив, що Сили оборони утримують позиції в Покровську. "
        "Як повідомляє DeepState, окупанти нібито захопили Курахове.",
    },
    {
        "url": "https://example.org/de/bericht",
        "published": "2024-12-12",
        "text": "Das russische Verteidigungsministerium erklärte am Donnerstag, seine Truppen hätten die Stadt eingenommen.",
    },
]


def test_mixed_batch_ingests_every_supported_language(tmp_path, analyzer):
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    store = LedgerStore("sqlite:///" + str(tmp_path / "ledger.sqlite"))
    summary = run_ingest([str(src)], store, analyzer=analyzer)
    assert summary.read == 4 and summary.new == 3
    assert len(summary.failed) == 1
    origin, reason = summary.failed[0]
    assert "the article is in de" in reason or "German" in reason
    assert "only" in reason  # the one-line refusal names what is analysed


def test_language_detection_keeps_en_ru_uk_apart_and_names_others():
    from claimledger.nlp.language import detect_language

    assert detect_language("Kyiv denied the report.") == "en"
    assert detect_language("Противник отступил.") == "ru"
    assert detect_language("Ворог відступив.") == "uk"
    assert detect_language("Сили оборони утримують позиції біля Сіверська, заявив речник угруповання.") == "uk"
    assert detect_language("ВСУ якобы оставили Покровск, утверждает телеграм-канал «Рыбарь».") == "ru"
    assert detect_language("Rosyjskie wojska zajęły miasto, podało w czwartek ministerstwo obrony w Moskwie.") == "pl"
    assert detect_language("Расійскія войскі захапілі горад, паведаміла ў чацвер міністэрства абароны.") == "be"
