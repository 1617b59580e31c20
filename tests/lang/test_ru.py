"""Russian pack: natasha's parse as a spaCy Doc, Russian cues, dates, events (articles written for these tests)."""

import pytest

from tests.lang.conftest import claim_by

# TASS-style Ministry of Defence report
TASS = """Минобороны России заявило об освобождении Северска

МОСКВА, 12 декабря. /ТАСС/. Российские войска освободили населенный пункт Северск в Донецкой Народной Республике, сообщило Министерство обороны России в четверг.
«Подразделения группировки войск "Юг" в результате активных наступательных действий полностью освободили Северск», — заявил официальный представитель Минобороны Игорь Конашенков.
По словам Конашенкова, противник потерял за сутки до 300 военнослужащих.
Генштаб ВСУ опроверг эти данные и заявил, что украинские подразделения удерживают позиции в городе.
"""

# RIA relay of a Telegram channel
RIA = """Как сообщает телеграм-канал «Рыбарь», 11 декабря российские штурмовые группы вошли в Покровск с востока.
Вчера ВСУ якобы оставили Покровск, утверждает канал.
Военный эксперт Андрей Марочко сказал, что противник перебрасывает резервы к Мирнограду.
"""


@pytest.fixture(scope="module")
def tass(analyze_lang):
    return analyze_lang(TASS, "ru", "2024-12-12")


@pytest.fixture(scope="module")
def ria(analyze_lang):
    return analyze_lang(RIA, "ru", "2024-12-12")


def test_the_russian_doc_is_a_spacy_doc_with_ud_and_lemmas():
    from spacy.tokens import Doc

    from claimledger.lang import get_pack

    pack = get_pack("ru")
    text = "Министерство обороны России заявило, что войска освободили Северск.\n\nВторой абзац."
    doc = pack.load_model()(text)
    assert isinstance(doc, Doc) and doc.text == text
    verb = next(t for t in doc if t.text == "заявило")
    assert verb.lemma_ == "заявить" and pack.dep(verb) == "root"
    assert {pack.dep(c) for c in verb.children} >= {"nsubj", "ccomp"}
    assert [s.text.strip() for s in doc.sents][-1] == "Второй абзац."
    assert any(e.label_ == "ORG" for e in doc.ents)


def test_mod_report_claims(tass):
    ministry = claim_by(tass, "Министерство обороны России")
    assert (ministry.speaker.side, ministry.speaker.type) == ("RU", "official_party")
    assert ministry.cue.text == "сообщило"
    assert ministry.content.text.startswith("Российские войска освободили населенный пункт Северск")
    assert "сообщило" not in ministry.content.text

    spokesman = claim_by(tass, "Конашенков")
    assert spokesman.speaker.canonical == "Igor Konashenkov"
    assert spokesman.pattern == "quote" and spokesman.content.text.startswith("Подразделения группировки")

    source = next(c for c in tass.claims if c.pattern == "according")
    assert source.cue.text == "По словам" and source.speaker.text == "Конашенкова"
    assert source.content.text == "противник потерял за сутки до 300 военнослужащих"

    denial = claim_by(tass, "Генштаб ВСУ")
    assert (denial.speaker.side, denial.certainty) == ("UA", "denied")
    assert denial.speaker.canonical == "General Staff of Ukraine"


def test_mod_report_event_and_date(tass):
    capture = next(e for e in tass.events if e.type == "capture")  # "об освобождении" + "освободили": one event
    assert capture.actor.side == "RU" and len(capture.claims) >= 2
    place = next(p for p in tass.places if p.id == capture.place)
    assert any(tass.article.text[s:e] == "Северск" for s, e in place.spans)
    assert (place.name, place.country) == ("Siversk", "UA")  # the Donetsk-oblast town, not Seversk in Tomsk
    thursday = next(d for d in tass.dates if d.text == "в четверг")
    assert thursday.value == "2024-12-12"  # the publication's own weekday is that very day


def test_telegram_relay(ria):
    rybar = claim_by(ria, "Рыбарь")
    assert rybar.cue.text == "сообщает"
    assert rybar.speaker.type == "journalist" and rybar.speaker.canonical == "Rybar"
    assert rybar.content.text.startswith("11 декабря российские штурмовые группы вошли в Покровск")
    hedged = next(c for c in ria.claims if c.cue.text == "утверждает")
    assert hedged.certainty == "hedged"  # якобы
    assert "оставили Покровск" in hedged.content.text
    expert = claim_by(ria, "эксперт")
    assert expert.cue.text == "сказал" and expert.content.text.startswith("противник перебрасывает")
    withdrawal = next(e for e in ria.events if e.type == "withdrawal")
    assert withdrawal.actor.side == "UA" and withdrawal.date.value == "2024-12-11"
    place = next(p for p in ria.places if p.id == withdrawal.place)
    assert place.name == "Pokrovsk" and place.country == "UA"


@pytest.mark.parametrize(
    "text,published,value",
    [
        ("Бои шли 11 декабря.", "2024-12-12", "2024-12-11"),
        ("Бои шли 11 декабря.", None, "XXXX-12-11"),  # no publication date: no invented year
        ("Бои шли 28 декабря.", "2025-01-03", "2024-12-28"),
        ("Вчера противник отступил.", "2024-12-12", "2024-12-11"),
        ("Накануне противник отступил.", "2024-12-12", "2024-12-11"),
        ("Штурм начался на прошлой неделе.", "2024-12-12", "2024-W49"),
        ("Это случилось 5 мая 2023 года.", "2024-12-12", "2023-05-05"),
    ],
)
def test_russian_dates(text, published, value):
    from claimledger.extract.dates import find_dates
    from claimledger.lang import get_pack

    found = find_dates(text, published, pack=get_pack("ru"))
    assert [d.value for d in found] == [value]
