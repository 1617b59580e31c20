"""Certainty across the article: contradictions by another party anywhere in the article, denials and hedges
inside the content. Articles written for these tests."""

from tests.conftest import find_claim

RELAY = """Russia claims capture of Kupiansk; Ukraine says it is lying

The Russian Defence Ministry said on Thursday that its forces had taken full control of Kupiansk in the Kharkiv region.

Kupiansk remains under the control of the Armed Forces of Ukraine, Ukraine's Joint Forces Task Force said in a statement on Telegram. "The enemy is simply lying," a spokesman said.

Military analyst Oleksandr Kovalenko said the Russian announcement was unlikely to be accurate.
"""


def test_claim_contradicted_elsewhere_is_disputed(analyze):
    ledger = analyze(RELAY)
    ru = find_claim(ledger, "Russian Defence Ministry")
    assert ru.certainty == "disputed"
    assert ru.disputed_by
    by = {c.id: c for c in ledger.claims}
    assert any(by[d].speaker.side == "UA" for d in ru.disputed_by)
    for d in ru.disputed_by:
        assert ru.id in by[d].disputes


def test_hedge_inside_content(analyze):
    ledger = analyze(RELAY)
    analyst = find_claim(ledger, "Kovalenko")
    assert analyst.certainty == "hedged"


def test_if_confirmed_is_a_hedge(analyze):
    text = (
        "ISW said that, if confirmed, the loss of Siversk would expose the approaches to Sloviansk. "
        "Russian milbloggers claimed that assault groups had reached the town centre."
    )
    ledger = analyze(text)
    assert find_claim(ledger, "ISW").certainty == "hedged"


def test_same_side_does_not_dispute(analyze):
    text = (
        "Russia's Defence Ministry said its troops had captured Dachne. "
        "Denis Pushilin said the reports of Ukrainian counterattacks near Dachne were propaganda."
    )
    ledger = analyze(text)
    assert find_claim(ledger, "Defence Ministry").certainty != "disputed"
