"""A reporter's comment hung on a claim ("..., a claim that Ukraine's General Staff did not confirm") is not part
of what the speaker said: it is cut from the content, it names the other side without making it the actor, and
it marks the claim unverified with its evidence."""

TEXT = (
    "Russia's Defence Ministry said its forces had captured the village of Andriivka in the Donetsk region, a claim "
    "that Ukraine's General Staff did not confirm. The governor of Donetsk Oblast, Vadym Filashkin, said two "
    "civilians were wounded in shelling of Druzhkivka overnight."
)


def test_the_comment_is_not_content_and_not_the_actor(analyzer):
    ledger = analyzer.analyze_text(TEXT, published="2025-08-15")
    mod = next(c for c in ledger.claims if "Defence Ministry" in c.speaker.text)
    assert mod.content.text.endswith("in the Donetsk region")
    assert mod.certainty == "unverified"
    assert [TEXT[s:e] for s, e in mod.certainty_evidence] == ["did not confirm"]
    capture = next(e for e in ledger.events if e.type == "capture")
    assert capture.actor.side == "RU" and capture.status == "claimed_by_one_side"


def test_a_content_without_comment_is_kept_whole(analyzer):
    text = "Russia's Defence Ministry said its forces had captured the village of Andriivka, west of Bakhmut."
    ledger = analyzer.analyze_text(text, published="2025-08-15")
    assert ledger.claims[0].content.text == "its forces had captured the village of Andriivka, west of Bakhmut"
    assert ledger.claims[0].certainty == "reported"


def test_a_town_tagged_as_a_nationality_after_in_is_a_place(analyzer):
    ledger = analyzer.analyze_text(
        "Ukraine hit a power substation in Belgorod with drones overnight. Russia's Southern group of forces said "
        "it had repelled four attacks.",
        published="2025-09-17",
    )
    names = {p.name for p in ledger.places}
    assert "Belgorod" in names  # the small model tags this "Belgorod" NORP
    assert not any(p.mention == "Southern" for p in ledger.places)  # a NORP without "in" stays no place
