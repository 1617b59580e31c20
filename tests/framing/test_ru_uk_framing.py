"""Framing in Russian and Ukrainian: the article language's catalogues (same narrative ids as English)."""

import pytest

from claimledger.framing import FramingDetector
from claimledger.framing.narratives import Catalogue
from claimledger.lang import get_pack


@pytest.fixture(scope="module", params=["ru", "uk"])
def det(request):
    return FramingDetector.load(use_encoder=False, pack=get_pack(request.param))


def narr(det, text):
    return {(h.narrative, h.voice) for h in det.detect(text).narratives}


def test_catalogues_share_the_english_ids():
    en = {n.id for n in Catalogue.load("en").narratives}
    for lang in ("ru", "uk"):
        cat = Catalogue.load(lang)
        assert cat.language == lang and {n.id for n in cat.narratives} == en


def test_detector_picks_the_article_language(det):
    assert det.narratives.cat.language == det.techniques.language


RU = get_pack("ru")
UK = get_pack("uk")


def test_ru_narratives_fire_on_the_narrative():
    d = FramingDetector.load(use_encoder=False, pack=RU)
    text = (
        "Конфликт стал прямым следствием госпереворота в Киеве, организованного Западом.\n"
        "Киевский режим гонит мобилизованных на убой и использует их как пушечное мясо."
    )
    ids = {n for n, _ in narr(d, text)}
    assert {"maidan_coup", "cannon_fodder"} <= ids


def test_ru_neutral_mentions_do_not_fire():
    d = FramingDetector.load(use_encoder=False, pack=RU)
    text = (
        "На площади Майдан в Киеве в субботу прошёл концерт.\n"
        "Генсек НАТО прибыл в Брюссель на встречу министров обороны.\n"
        "Беженцы из Харькова получили временное жильё в Польше."
    )
    assert narr(d, text) == set()


def test_ru_attributed_voice():
    d = FramingDetector.load(use_encoder=False, pack=RU)
    hits = narr(d, "Песков заявил, что Россия открыта к переговорам с Киевом.")
    assert ("russia_seeks_peace", "attributed") in hits


def test_uk_narratives_and_neutral_text():
    d = FramingDetector.load(use_encoder=False, pack=UK)
    text = (
        "Росія - держава-терорист, яка щодня б'є по містах.\n"
        "Командири окупантів кидають на забій навіть поранених: це гарматне м'ясо для Кремля."
    )
    ids = {n for n, _ in narr(d, text)}
    assert {"russia_terrorist_state", "cannon_fodder"} <= ids
    neutral = "Сили оборони утримують позиції біля Сіверська, повідомили в Генштабі. У Києві відкрили школу."
    assert narr(d, neutral) == set()


def test_uk_techniques_use_ukrainian_cues():
    d = FramingDetector.load(use_encoder=False, pack=UK)
    techs = {h.technique for h in d.detect("Рашисти знову обстріляли Херсон. Слава Україні!").techniques}
    assert {"Name_Calling,Labeling", "Flag-Waving"} <= techs
    assert d.detect("Уряд ухвалив постанову про ремонт доріг у Житомирі.").techniques == []
