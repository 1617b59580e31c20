"""Attribution coverage and precision: colon quotes, multi-sentence quotes, claims inside claims, passive
back-references, assess/outline/reaffirm/mark, report + noun, restatements, nested and non-speech verbs,
"has yet to comment". Articles written for these tests."""

from tests.conftest import find_claim


def test_colon_and_multi_sentence_quote(analyze):
    text = (
        "Ukraine's 93rd Brigade said in a Telegram post: \"The enemy tried to storm our positions near Siversk. "
        'All attacks were repelled. We destroyed two tanks."'
    )
    ledger = analyze(text)
    c = find_claim(ledger, "93rd Brigade")
    assert "All attacks were repelled" in c.content.text
    assert "two tanks" in c.content.text


def test_claim_inside_a_claim(analyze):
    text = (
        "The General Staff of Ukraine dismissed statements by the Russian Defence Ministry that Russian troops "
        "had captured Kurakhove."
    )
    ledger = analyze(text)
    inner = [c for c in ledger.claims if c.pattern == "nominal"]
    assert inner, [c.pattern for c in ledger.claims]
    assert inner[0].speaker.side == "RU"
    assert inner[0].content.text.startswith("Russian troops had captured Kurakhove")


def test_passive_back_reference(analyze):
    text = (
        "Russian forces struck an energy facility in Dnipropetrovsk region overnight. "
        "This was reported by the regional governor Serhiy Lysak."
    )
    ledger = analyze(text)
    c = find_claim(ledger, "Lysak")
    assert c.pattern == "back_reference"
    assert c.content.text.startswith("Russian forces struck")


def test_assess_outline_reaffirm_mark_and_report_object(analyze):
    text = (
        "ISW assessed that Russian forces will likely continue attacks near Pokrovsk. "
        "The Russian Defence Ministry marked Andriivka as captured on its map. "
        "Zelensky reaffirmed that Ukraine would not cede territory. "
        "Ukraine's General Staff reported 160 combat engagements along the front on Monday."
    )
    ledger = analyze(text)
    assert find_claim(ledger, "ISW").cue.text.startswith("assessed")
    assert "Andriivka" in find_claim(ledger, "Defence Ministry").content.text
    assert find_claim(ledger, "Zelensky").cue.text == "reaffirmed"
    assert "160 combat engagements" in find_claim(ledger, "General Staff").content.text


def test_restatement_is_one_claim(analyze):
    text = (
        "Russia's Defence Ministry says troops captured the village of Novopavlivka in Donetsk region\n\n"
        "Russia's Defence Ministry said on Friday that its troops captured the village of Novopavlivka in "
        "Donetsk region after weeks of fighting."
    )
    ledger = analyze(text)
    ministry = [c for c in ledger.claims if "Defence Ministry" in c.speaker.text]
    assert len(ministry) == 1
    assert len(ministry[0].evidence) == 1


def test_non_speech_senses_and_no_comment(analyze):
    text = (
        "Russian troops maintain a presence on the southern outskirts, and the town boasts a large railway hub. "
        "Ukraine's General Staff has yet to comment on the Russian claim."
    )
    ledger = analyze(text)
    cues = [c.cue.text for c in ledger.claims]
    assert "maintain" not in cues and "boasts" not in cues
    for c in ledger.claims:
        if "General Staff" in c.speaker.text:
            assert c.asserts is False


def test_speech_verb_nested_in_quote(analyze):
    text = (
        '"They keep shelling what he describes as a liberated city, and people are dying every day," '
        "a resident of Kostiantynivka told Reuters."
    )
    ledger = analyze(text)
    assert all("describes" not in c.cue.text for c in ledger.claims)
    assert find_claim(ledger, "resident").speaker.type == "local_source"
