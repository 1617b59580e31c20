"""The Ukrainian -> Russian bridge (claimledger/lang/uk/bridge.py, data bridge.yaml): cognates found through the
Russian dictionary, false friends through the word list, text projected for the sentence encoder, and the
language pack's generic hook."""

import pytest

from claimledger.lang import get_pack
from claimledger.lang.uk.bridge import load_bridge


@pytest.fixture(scope="module")
def bridge():
    return load_bridge()


@pytest.mark.parametrize(
    ("uk", "ru"),
    [
        ("військо", "войско"),  # і -> о
        ("російський", "российский"),  # і -> и, ськ -> ск
        ("обстріл", "обстрел"),  # і -> е
        ("хімічний", "химический"),  # -ічний -> -ический
        ("розстріляти", "расстрелять"),  # роз- -> рас-, -ти -> -ть
        ("штурмувати", "штурмовать"),  # -ува- -> -ова-
        ("контролювати", "контролировать"),  # -юва- -> -ирова-
        ("окупант", "оккупант"),  # a doubled consonant
    ],
)
def test_cognates_reach_russian_lemmas(bridge, uk, ru):
    assert bridge.lemma(uk) == ru


def test_false_friends_and_non_cognates_come_from_the_word_list(bridge):
    assert bridge.lemma("місто") == "город"  # not "место"
    assert bridge.lemma("час") == "время"  # not "час" (hour)
    assert bridge.lemma("звільнити") == "освободить"


def test_candidates_are_only_words_the_russian_dictionary_knows(bridge):
    found = bridge.candidates("жителі")
    assert found and all(bridge.dst.word_is_known(form) for form, _ in found)


def test_an_unknown_word_stays_as_it_is(bridge):
    assert bridge.lemma("ґжґжґ") == "ґжґжґ"
    assert bridge.text("Вугледар") == "Вугледар"


def test_text_keeps_numbers_punctuation_and_case(bridge):
    out = bridge.text("Українські сили вночі збили 18 дронів над Одеською областю.")
    assert out.startswith("Украинские силы ночью сбили 18 ")
    assert out.endswith(".")
    assert bridge.text("ЗСУ звільнили Куп'янськ, — заявив речник.") == "ВСУ освободили Купянск, — заявил представитель."


def test_inflection_follows_the_ukrainian_form(bridge):
    out = bridge.text("Росіяни використовували лікарню як командний пункт.")
    assert "использовали больницу" in out and "командный пункт" in out


def test_pack_hook_bridges_ukrainian_and_leaves_other_packs_alone():
    language, text = get_pack("uk").bridge("Греблю підірвали зсередини.")
    assert language == "ru" and text == "Плотину взорвали изнутри."
    assert get_pack("uk").bridge_lemmas(["гребля", "обстріл"]) == ("ru", ["плотина", "обстрел"])
    assert get_pack("en").bridge("The dam was blown up.") == ("en", "The dam was blown up.")
    assert get_pack("ru").bridge_lemmas(["плотина"]) == ("ru", ["плотина"])


def test_ukrainian_signatures_carry_russian_lemmas_and_match_russian_without_the_encoder():
    from claimledger.link.statement_match import THRESHOLD, signatures, similarity

    (uk,) = signatures(["Російські війська застосували хімічну зброю під Авдіївкою."], "uk")
    (ru,) = signatures(["Российские войска применили химическое оружие под Авдеевкой."], "ru")
    (other,) = signatures(["ЗСУ відбили під Авдіївкою 12 атак російської піхоти."], "uk")
    assert uk.language == "uk" and uk.lemma_language == "ru"
    assert {"войско", "оружие", "химический"} <= set(uk.lemmas)
    assert similarity(uk, ru) >= THRESHOLD
    assert similarity(uk, other) < THRESHOLD and similarity(ru, other) < THRESHOLD
