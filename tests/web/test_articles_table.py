"""The articles table like the other tables: sortable by its column headers, filterable (words with place
variants, outlet, outlet type and side, language, publication days), with CSV and JSON downloads of exactly the
rows shown (same filters, sort and page) — over the fixture ledger (TASS, RT, Ukrinform, ISW, the Kyiv
Independent, a Kupiansk report and a hostile article)."""

from __future__ import annotations

import csv
import io
import re


def _shown(html: str) -> list[str]:
    """The article ids of the table rows, in order."""
    return re.findall(r'<a class="article-link" href="/articles/(a_[0-9a-f]{16})"', html)


def test_downloads_equal_the_table_shown(client):
    for q in ({}, {"sort": "title"}, {"sort": "-published", "since": "2025-01-07"}, {"sort": "-n_claims"}):
        page = client.get("/articles", params=q)
        assert page.status_code == 200
        shown = _shown(page.text)
        assert shown, q
        as_json = client.get("/articles.json", params=q)
        assert as_json.status_code == 200 and 'filename="articles.json"' in as_json.headers["content-disposition"]
        items = as_json.json()["items"]
        assert [r["id"] for r in items] == shown
        as_csv = client.get("/articles.csv", params=q)
        assert as_csv.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(as_csv.text)))
        assert [r["id"] for r in rows] == shown
        assert list(rows[0]) == list(items[0])  # the same columns
        assert [r["n_claims"] for r in rows] == [str(r["n_claims"]) for r in items]


def test_sorting_by_column(client):
    titles = [r["title"] for r in client.get("/articles.json", params={"sort": "title"}).json()["items"]]
    assert titles == sorted(titles) and len(titles) == 7  # the RT copy is a duplicate: not listed
    desc = [r["title"] for r in client.get("/articles.json", params={"sort": "-title"}).json()["items"]]
    assert desc == sorted(titles, reverse=True)
    days = [r["published"] for r in client.get("/articles.json", params={"sort": "published"}).json()["items"]]
    assert days == sorted(days) and days[0] == "2025-01-06"
    default = [r["published"] for r in client.get("/articles.json").json()["items"]]
    assert default == sorted(days, reverse=True)  # newest first when unsorted
    counts = [r["n_claims"] for r in client.get("/articles.json", params={"sort": "-n_claims"}).json()["items"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    html = client.get("/articles", params={"sort": "title", "outlet_type": "state-controlled"}).text
    assert "sort=-title" in html  # the header link now sorts the other way ...
    assert "outlet_type=state-controlled&amp;sort=-title" in html  # ... keeping the filters
    assert 'href="/articles.csv?sort=title&amp;outlet_type=state-controlled"' in html
    assert client.get("/articles", params={"sort": "x;drop"}).status_code == 400
    assert client.get("/articles.json", params={"sort": "text"}).json()["items"]  # not a column: default order


def test_filters(client):
    def ids(**q):
        return {r["id"]: r for r in client.get("/articles.json", params=q).json()["items"]}

    everything = ids()
    state = ids(outlet_type="state-controlled")
    assert state and all(r["outlet_type"] == "state-controlled" for r in state.values())
    assert len(state) < len(everything)
    ru = ids(outlet_side="RU")
    assert ru and all(r["outlet_side"] == "RU" for r in ru.values())
    assert {r["outlet"] for r in ids(outlet="ukrin").values()} == {"Ukrinform"}
    assert ids(outlet="%") == {}  # a piece of a name, not a pattern
    assert all(r["language"] == "en" for r in ids(language="en").values())
    window = ids(since="2025-01-07", until="2025-01-20")
    assert window and all("2025-01-07" <= r["published"] <= "2025-01-20" for r in window.values())
    # words, with every spelling and script of a place: the Russian spelling finds the English article
    found = ids(q="Северск")
    assert "Siversk: General Staff denies capture" in [r["title"] for r in found.values()]
    assert all("Siversk" in r["title"] for r in found.values())  # and the hostile article titled Siversk
    html = client.get("/articles", params={"q": "Северск"}).text
    assert "Siversk: General Staff denies capture" in html and "Searched:" in html
    assert client.get("/articles", params={"outlet_type": "tabloid"}).status_code == 400
    assert client.get("/articles.json", params={"language": "xx"}).status_code == 400
    assert client.get("/articles.xml").status_code in (400, 404)
