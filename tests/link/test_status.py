"""The proposition status rule, on origins written by hand."""

import pytest

from claimledger.link.status import Origin, origins_from_members, proposition_status


def o(key, typ, side, stance="affirm"):
    return Origin(key, key, typ, side, stance)


@pytest.mark.parametrize(
    "origins, status",
    [
        ([o("mod", "official_party", "RU")], "claimed_by_one_side"),
        ([o("mod", "official_party", "RU"), o("gs", "official_party", "UA", "deny")], "disputed"),
        ([o("gs", "official_party", "UA", "deny")], "denied"),
        (
            [
                o("mod", "official_party", "RU"),
                o("gs", "official_party", "UA", "deny"),
                o("isw", "independent", "other"),
            ],
            "corroborated_by_independent",
        ),
        ([o("mod", "official_party", "RU"), o("gs", "official_party", "UA")], "acknowledged_by_opposing_side"),
        ([o("local", "local_source", "unknown")], "claimed_by_one_side"),
    ],
)
def test_status_rule(origins, status):
    assert proposition_status("RU", origins).status == status


def test_counts_and_copies_collapse():
    members = [
        {
            "origin_key": "actor:mod",
            "origin_label": "MoD",
            "speaker_type": "official_party",
            "speaker_side": "RU",
            "stance": "affirm",
        },
        {
            "origin_key": "actor:mod",
            "origin_label": "MoD",
            "speaker_type": "official_party",
            "speaker_side": "RU",
            "stance": "affirm",
        },
        {
            "origin_key": "actor:gs",
            "origin_label": "GS",
            "speaker_type": "official_party",
            "speaker_side": "UA",
            "stance": "deny",
        },
    ]
    origins = origins_from_members(members)
    assert len(origins) == 2
    st = proposition_status("RU", origins)
    assert (st.status, st.n_origins, st.n_affirm, st.n_deny) == ("disputed", 2, 1, 1)


def test_a_strike_reported_by_its_target_is_not_an_acknowledgement():
    origins = [o("gov", "official_party", "UA")]
    assert proposition_status("RU", origins, kind="strike").status == "claimed_by_one_side"
    assert proposition_status("RU", origins, kind="control").status == "acknowledged_by_opposing_side"
