"""Build ``claimledger/data/ua_renamed.json``: Ukrainian settlements with their pre-renaming names.

Source: ``ua-osm-names-of-places.xlsx`` (public GitHub repository gontsa/ua-osm-names-of-places; data
© OpenStreetMap contributors, ODbL 1.0).  The derived table stays under the ODbL with that attribution (see
``NOTICE``).  Only the columns the alias index needs are kept: KATOTTG code, current Ukrainian name,
old names (``old_name:uk`` and ``old_name``, split on ";"), population and oblast.

    .venv/bin/python scripts/build_renamed_places.py [../shared/geo/ua-osm-names-of-places.xlsx]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "geo" / "ua-osm-names-of-places.xlsx"
OUT = ROOT / "claimledger" / "data" / "ua_renamed.json"


def build(source: Path) -> dict:
    import openpyxl

    wb = openpyxl.load_workbook(source, read_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = list(next(rows))
    col = {
        name: header.index(name)
        for name in ("katotth", "name:uk", "name", "population", "old_name", "old_name:uk", "region")
    }
    out: dict[str, list] = {}
    for r in rows:
        code = r[col["katotth"]]
        name = r[col["name:uk"]] or r[col["name"]]
        if not code or not name:
            continue
        olds: list[str] = []
        for field in ("old_name:uk", "old_name"):
            for old in str(r[col[field]] or "").split(";"):
                old = old.strip()
                if old and old != name and old not in olds and len(old) > 2:
                    olds.append(old)
        if not olds:
            continue
        try:
            pop = int(str(r[col["population"]] or "0").replace(" ", ""))
        except ValueError:
            pop = 0
        prev = out.get(code)
        if prev:  # the same settlement twice (several OSM objects): merge its old names
            prev[2].extend(o for o in olds if o not in prev[2])
            continue
        out[code] = [code, name, olds, pop, r[col["region"]] or ""]
    return {
        "source": "ua-osm-names-of-places (github.com/gontsa/ua-osm-names-of-places)",
        "licence": "ODbL 1.0; data © OpenStreetMap contributors",
        "columns": ["katottg", "name_uk", "old_names", "population", "oblast"],
        "rows": sorted(out.values()),
    }


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    if not source.is_file():
        print(f"error: {source}: no such file", file=sys.stderr)
        return 2
    table = build(source)
    OUT.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(table['rows'])} renamed settlements")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
