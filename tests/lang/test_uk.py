"""Ukrainian pack: pymorphy3 morphology and the clause sketch as a spaCy Doc, Ukrainian cues, dates, events
(articles written for these tests)."""

import pytest

from tests.lang.conftest import claim_by

# General Staff statement relayed by Ukrinform
UKRINFORM = """Генштаб ЗСУ: окупанти відійшли від Сіверська

Генеральний штаб ЗСУ повідомив, що Сили оборони утримують позиції в Сіверську.
«Ворог намагався штурмувати наші позиції біля Білогорівки, але був відкинутий», — заявив речник ОСУВ «Хортиця» Назар Волошин.
За словами Волошина, 11 грудня російські підрозділи відступили на схід.
Міноборони РФ напередодні заявило про взяття Сіверська, проте Генштаб спростував цю інформацію.
"""

# a DeepState relay by a news site
DEEPSTATE = """Як повідомляє DeepState, окупанти нібито захопили Курахове.
Аналітики проєкту зазначили, що ворог просунувся в районі Торецька.
У четвер російські війська обстріляли Покровськ, повідомила Донецька ОВА.
"""


@pytest.fixture(scope="module")
def ukrinform(analyze_lang):
    return analyze_lang(UKRINFORM, "uk", "2024-12-12")


@pytest.fixture(scope="module")
def deepstate(analyze_lang):
    return analyze_lang(DEEPSTATE, "uk", "2024-12-13")


def test_the_ukrainian_doc_is_a_spacy_doc_with_ud_and_lemmas():
    from spacy.tokens import Doc

    from claimledger.lang import get_pack

    pack = get_pack("uk")
    text = "Генштаб заявив, що ЗСУ звільнили Кліщіївку.\n\nДругий абзац."
    doc = pack.load_model()(text)
    assert isinstance(doc, Doc) and doc.text == text
    verb = next(t for t in doc if t.text == "заявив")
    assert verb.lemma_ == "заявити" and pack.dep(verb) == "root"
    assert {pack.dep(c) for c in verb.children} >= {"nsubj", "ccomp"}
    freed = next(t for t in doc if t.text == "звільнили")
    assert freed.lemma_ == "звільнити" and {pack.dep(c) for c in freed.children} >= {"nsubj", "obj"}
    assert [s.text.strip() for s in doc.sents][-1] == "Другий абзац."


def test_general_staff_statement(ukrinform):
    staff = claim_by(ukrinform, "Генеральний штаб ЗСУ")
    assert (staff.speaker.side, staff.speaker.type, staff.speaker.canonical) == (
        "UA",
        "official_party",
        "General Staff of Ukraine",
    )
    assert staff.cue.text == "повідомив" and staff.content.text == "Сили оборони утримують позиції в Сіверську"

    spokesman = claim_by(ukrinform, "Волошин")
    assert spokesman.speaker.text == "речник ОСУВ «Хортиця» Назар Волошин"
    assert spokesman.speaker.canonical == "Nazar Voloshyn" and spokesman.cue.text == "заявив"
    assert spokesman.content.text.startswith("Ворог намагався штурмувати наші позиції")

    source = next(c for c in ukrinform.claims if c.pattern == "according")
    assert source.cue.text == "За словами" and source.speaker.text == "Волошина"
    assert source.content.text == "11 грудня російські підрозділи відступили на схід"

    russian = claim_by(ukrinform, "Міноборони РФ")
    assert russian.speaker.side == "RU" and russian.content.text == "взяття Сіверська"
    denial = next(c for c in ukrinform.claims if c.cue.text == "спростував")
    assert denial.certainty == "denied" and denial.speaker.side == "UA"


def test_headline_label_and_dates(ukrinform):
    headline = ukrinform.claims[0]
    assert headline.speaker.text == "Генштаб ЗСУ" and headline.content.text == "окупанти відійшли від Сіверська"
    assert [(d.text, d.value) for d in ukrinform.dates] == [("11 грудня", "2024-12-11"), ("напередодні", "2024-12-11")]
    withdrawal = next(e for e in ukrinform.events if e.type == "withdrawal")
    assert withdrawal.actor.side == "RU"  # "окупанти" are the Russian forces
    place = next(p for p in ukrinform.places if p.id == withdrawal.place)
    assert ukrinform.article.text[slice(*place.spans[0])] == "Сіверська"
    assert place.name == "Siversk"  # the inflected form resolves (claimledger.geo.aliases)
    assert not any(p.name == "Khortytsia" for p in ukrinform.places)  # ОСУВ «Хортиця» is a group of forces


def test_deepstate_relay(deepstate):
    ds = claim_by(deepstate, "DeepState")
    assert ds.speaker.canonical == "DeepState" and ds.speaker.side == "UA"
    assert ds.cue.text == "повідомляє" and ds.content.text == "окупанти нібито захопили Курахове"
    assert ds.certainty == "hedged"  # нібито
    capture = next(e for e in deepstate.events if e.type == "capture")
    place = next(p for p in deepstate.places if p.id == capture.place)
    assert capture.actor.side == "RU" and place.name.startswith("Kurakhov")
    strike = next(e for e in deepstate.events if e.type == "strike")
    place = next(p for p in deepstate.places if p.id == strike.place)
    assert place.name == "Pokrovsk" and strike.actor.side == "RU"
    assert strike.date is not None and strike.date.value == "2024-12-12"  # у четвер, published on a Friday
    ova = claim_by(deepstate, "Донецька ОВА")
    assert ova.speaker.side == "UA" and ova.cue.text == "повідомила"


@pytest.mark.parametrize(
    "text,published,value",
    [
        ("Бої тривали 11 грудня.", "2024-12-12", "2024-12-11"),
        ("Бої тривали 11 грудня.", None, "XXXX-12-11"),  # no publication date: no invented year
        ("Вчора ворог відступив.", "2024-12-12", "2024-12-11"),
        ("Напередодні ворог відступив.", "2024-12-12", "2024-12-11"),
        ("Штурм почався минулого тижня.", "2024-12-12", "2024-W49"),
        ("Це сталося 5 травня 2023 року.", "2024-12-12", "2023-05-05"),
        ("Удар завдали в четвер.", "2024-12-12", "2024-12-12"),
    ],
)
def test_ukrainian_dates(text, published, value):
    from claimledger.extract.dates import find_dates
    from claimledger.lang import get_pack

    found = find_dates(text, published, pack=get_pack("uk"))
    assert [d.value for d in found] == [value]
