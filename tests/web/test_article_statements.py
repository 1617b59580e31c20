"""Every claim in the article view links to its statement's page (issue 15), over a ledger of two articles that
repeat one claim (tests/store/test_statement_links.py): both articles' pages link that claim to the same
statement, whose page lists both; a claim of one article only links to a statement of its own."""

from __future__ import annotations

import re

import pytest

from tests.store.test_statement_links import build


@pytest.fixture(scope="module")
def two(tmp_path_factory, analyzer):
    from fastapi.testclient import TestClient

    from claimledger.web import create_app

    store, ids = build("sqlite:///" + str(tmp_path_factory.mktemp("st") / "ledger.sqlite"), analyzer)
    with TestClient(create_app(store)) as client:
        yield client, ids


def _panel_links(html: str) -> dict[str, str]:
    """claim id -> the statement its panel links to."""
    out = {}
    for cid, body in re.findall(r'<section class="claim-detail" id="claim-(c\d+)"(.*?)</section>', html, re.S):
        m = re.search(r'class="statement-link" href="/statements/(st_[0-9a-f]{16})"', body)
        if m:
            out[cid] = m.group(1)
    return out


def test_each_claim_links_to_its_statement(two):
    client, (reuters, kyiv) = two
    pages = [client.get(f"/articles/{a}") for a in (reuters, kyiv)]
    assert all(p.status_code == 200 for p in pages)
    links = [_panel_links(p.text) for p in pages]
    ledgers = [client.get(f"/api/articles/{a}").json()["ledger"]["claims"] for a in (reuters, kyiv)]
    mod = [next(c["id"] for c in claims if "Defence Ministry" in c["speaker"]["text"]) for claims in ledgers]
    # every claim of both articles links to a statement; the repeated one to the same statement from both
    assert set(links[0]) == {c["id"] for c in ledgers[0]} and set(links[1]) == {c["id"] for c in ledgers[1]}
    shared = links[0][mod[0]]
    assert links[1][mod[1]] == shared
    assert "in 2 articles from 1 origin" in pages[0].text
    others = [s for i in (0, 1) for c, s in links[i].items() if c != mod[i]]
    assert others and shared not in others and len(set(others)) == len(others)
    # the claims table links too
    assert pages[1].text.count(f'href="/statements/{shared}"') == 2
    # the statement page reached from the link lists both articles
    st = client.get(f"/statements/{shared}")
    assert st.status_code == 200
    assert f"/articles/{reuters}" in st.text and f"/articles/{kyiv}" in st.text


def test_a_claim_without_statement_shows_a_dash(client, hostile_id):
    # the shared fixture ledger is saved without the prepare step's language: no statements, no links
    html = client.get(f"/articles/{hostile_id}").text
    assert "/statements/" not in html and "<dt>statement</dt>" in html
