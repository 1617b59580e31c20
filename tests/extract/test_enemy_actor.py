""" "The enemy" is a side only from where the speaker stands: in a Ukrainian bulletin it is Russia's forces, in a
Russian ministry's statement Ukraine's (never the speaker's own side, which is what a sideless actor defaults to)."""

import json

from click.testing import CliRunner

from claimledger.cli.main import main


def _events(analyzer, text):
    return [(e.type, e.actor.side) for e in analyzer.analyze_text(text, published="2025-12-11").events]


def test_the_enemy_of_a_ukrainian_bulletin_is_russia(analyzer):
    text = (
        "Ukraine's General Staff said the enemy attacked Ukrainian positions near Pokrovsk 12 times over the past "
        "day. The occupiers tried to advance towards Kostiantynivka, Ukraine's 93rd Brigade said."
    )
    assert _events(analyzer, text) == [("attack", "RU"), ("attempt", "RU")]


def test_the_enemy_of_a_russian_statement_is_ukraine(analyzer):
    assert _events(analyzer, "Russia's Defence Ministry said the enemy had withdrawn from Kupiansk.") == [
        ("withdrawal", "UA")
    ]


def test_a_named_side_still_wins_and_no_speaker_leaves_the_enemy_unknown(analyzer):
    assert _events(analyzer, "Russian forces captured Siversk, the Russian Defence Ministry said.") == [
        ("capture", "RU")
    ]
    assert _events(analyzer, "The enemy attacked positions near Pokrovsk overnight.") in ([], [("attack", "unknown")])


def test_russian_enemy_word(tmp_path):
    src = tmp_path / "mod.txt"
    src.write_text("Министерство обороны России сообщило, что противник отступил из Купянска.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["analyze", str(src), "--published", "2025-12-11", "--no-db", "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    doc = doc[0] if isinstance(doc, list) else doc
    assert [(e["type"], e["actor"]["side"]) for e in doc["events"]] == [("withdrawal", "UA")]


def test_the_enemy_in_an_outlets_own_voice_is_the_other_side_of_the_outlet():
    from claimledger.extract.event_actors import enemy_of

    assert enemy_of([], "", own_side="UA") == "RU"  # a General Staff bulletin's own "the enemy attacked"
    assert enemy_of([], "", own_side="RU") == "UA"  # state media's own voice
    assert enemy_of([], "", own_side="other") == "unknown"
    assert enemy_of([], "loss", own_side="UA") == "UA"  # "the enemy lost X": taken by our side


def test_a_ukrainian_outlets_bulletin(analyzer):
    from claimledger.model import Article

    text = "In the Kupiansk direction, the enemy attacked eight times near Kupiansk and Petropavlivka overnight."
    import hashlib

    article = Article(
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        published="2025-10-21",
        language="en",
        outlet="General Staff of the Armed Forces of Ukraine",
        outlet_side="UA",
    )
    events = analyzer.analyze(article).events
    assert events and {e.actor.side for e in events if e.type == "attack"} == {"RU"}
