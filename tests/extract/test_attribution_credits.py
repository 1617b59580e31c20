"""Bylines and photo captions are never speakers (issue 11, item 2); a statement released as a document speaks
for its sender; stance, naming and communication verbs beyond "say".  Articles written for these tests."""

from tests.conftest import find_claim

WIRE = """Russia says it captured Kupiansk; Ukraine denies

By Olena Harmash and Tom Balmforth

KYIV, Nov 20 (Reuters) - Russia's Defence Ministry said on Thursday its forces had captured the town of \
Kupiansk in Kharkiv region after weeks of street fighting.

FILE PHOTO: Ukrainian servicemen ride an armoured vehicle near the front line town of Kupiansk, Ukraine, \
November 3, 2025. REUTERS/Stringer

Ukraine's General Staff denied the claim, saying its troops still held positions in the north of the town.

Photo: General Staff of the Armed Forces of Ukraine

Reporting by Olena Harmash and Tom Balmforth; Editing by Mark Heinrich
"""

STATE_MEDIA = """By Ivan Petrov

Pro-Russian forces are tightening the ring around Siversk (Photo: Ministry of Defence press service), \
the Defence Ministry said in a statement on Telegram.

Credit: Russian Defence Ministry press service via AP
"""


def test_bylines_and_captions_are_never_speakers(analyze):
    for text in (WIRE, STATE_MEDIA):
        ledger = analyze(text)
        speakers = [c.speaker.text for c in ledger.claims]
        assert speakers, "no claim found"
        for bad in ("By ", "FILE PHOTO", "Photo", "Credit", "Reporting by", "Editing by", "Harmash", "Petrov"):
            assert not any(bad in s for s in speakers), (bad, speakers)
    ledger = analyze(WIRE)
    assert find_claim(ledger, "Defence Ministry").speaker.side == "RU"
    assert find_claim(ledger, "General Staff").speaker.side == "UA"
    assert not any(c.content.text.startswith("Ukrainian servicemen ride") for c in ledger.claims)
    ledger = analyze(STATE_MEDIA)
    c = find_claim(ledger, "Defence Ministry")
    assert "tightening the ring" in c.content.text


def test_a_released_statement_speaks_for_its_sender(analyze):
    text = (
        "The Ukrainian General Staff issued a statement saying its units had repelled 14 assaults "
        "near Pokrovsk. The Russian Defence Ministry released a video that shows its troops raising a flag "
        "over a building in Myrnohrad."
    )
    ledger = analyze(text)
    ua = find_claim(ledger, "General Staff")
    assert ua.speaker.side == "UA"
    assert ua.cue.text.startswith("issued a statement") and ua.cue.text.endswith("saying")
    assert ua.content.text.startswith("its units had repelled 14 assaults")
    ru = find_claim(ledger, "Defence Ministry")
    assert ru.cue.text.startswith("released a video") and ru.content.text.startswith("its troops raising a flag")
    assert not any(c.speaker.text.lower() in ("that", "which") for c in ledger.claims)
    assert len([c for c in ledger.claims if "Defence Ministry" in c.speaker.text]) == 1  # not "released" too


def test_stance_and_naming_verbs(analyze):
    text = (
        "Zelensky thanked the soldiers of the 3rd Assault Brigade for holding Kupiansk. "
        "Kyiv labelled the referendum a sham. "
        "Western analysts see the offensive as a bid to reach the Donetsk oblast border before winter. "
        "Residents saw smoke over the railway station."
    )
    ledger = analyze(text)
    assert "for holding Kupiansk" in find_claim(ledger, "Zelensky").content.text
    assert find_claim(ledger, "Kyiv").content.text.endswith("a sham")
    assert "as a bid to reach" in find_claim(ledger, "Western analysts").content.text
    # perception is no statement: "saw smoke" is what residents saw, not what they said
    assert not any(c.speaker.text == "Residents" for c in ledger.claims)
