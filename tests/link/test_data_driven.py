"""Proposition kinds and texts come from the knowledge files, not from code."""

from claimledger.link import assertions
from claimledger.vocab import event_propositions


def test_kinds_and_templates_follow_event_types_yaml(monkeypatch):
    assert assertions.proposition_kinds()["capture"] == "control"
    extra = {**event_propositions(), "blockade": {"kind": "blockade", "template": "{forces} blockade {place}"}}
    monkeypatch.setattr(assertions.vocab, "event_propositions", lambda: extra)
    assert assertions.proposition_kinds()["blockade"] == "blockade"
    assert assertions.templates()["blockade"] == "{forces} blockade {place}"


def test_side_forces_come_from_proposition_text_yaml():
    assert assertions.side_forces() == {
        "RU": "Russian forces",
        "UA": "Ukrainian forces",
        "other": "other forces",
        "unknown": "unidentified forces",
    }
