"""Geoparsing corpora: readers for GeoWebNews / LGL / TR-News / GeoVirus XML and EUPEG gold files, into
``GeoCorpus`` (documents with gold toponyms: spans, GeoNames ids, coordinates).  Scoring is in ``geoparse``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from claimledger.errors import InputError
from claimledger_eval.common import require_path


@dataclass
class Toponym:
    start: int
    end: int
    surface: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    type: str = ""
    name: str = ""

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class GeoDoc:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


@dataclass
class GeoCorpus:
    name: str  # dataset name as EUPEG spells it: GeoWebNews, LGL, TR-News, GeoVirus, or the file stem
    format: str  # gwn-xml | lgl-xml | geovirus-xml | eupeg
    path: Path
    docs: list[GeoDoc]

    @property
    def n_toponyms(self) -> int:
        return sum(len(d.toponyms) for d in self.docs)


# ------------------------------------------------------------------ readers


def _f(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def _i(x: str | None) -> int | None:
    try:
        return int(x) if x not in (None, "") else None
    except ValueError:
        return None


def _t(el: ET.Element | None, tag: str) -> str | None:
    if el is None:
        return None
    c = el.find(tag)
    return c.text.strip() if c is not None and c.text is not None else None


def _align(text: str, s: int, e: int, surface: str | None) -> tuple[int, int, str]:
    """Return (start, end, surface).  Some corpora have offsets shifted by a character or two (GeoVirus is
    1-based): when the stated surface is not at [s, e) but is within two characters, use where it is."""
    if not surface or text[s:e] == surface:
        return s, e, text[s:e] if not surface else surface
    for shift in (-1, 1, -2, 2):
        if s + shift >= 0 and text[s + shift : e + shift] == surface:
            return s + shift, e + shift, surface
    return s, e, surface


def read_gwn_xml(root: ET.Element, all_with_coords: bool = False) -> list[GeoDoc]:
    """GeoWebNews.  Gold = toponyms with a GeoNames id and coordinates (the 2,401 of EUPEG's gold);
    ``all_with_coords`` also keeps those with coordinates only."""
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for tp in art.iter("toponym"):
            gid = _i(_t(tp, "geonamesID"))
            lat, lon = _f(_t(tp, "latitude")), _f(_t(tp, "longitude"))
            if lat is None or lon is None or (gid is None and not all_with_coords):
                continue
            s, e, surf = _align(text, int(_t(tp, "start")), int(_t(tp, "end")), _t(tp, "extractedName"))
            tops.append(Toponym(s, e, surf, lat, lon, gid, _t(tp, "type") or "", _t(tp, "normalisedName") or ""))
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(art.get("file", str(i)), text, tops))
    return docs


def read_lgl_xml(root: ET.Element) -> list[GeoDoc]:
    """LGL and TR-News: <toponym><start/><end/><phrase/><gaztag geonameid><lat/><lon/>...</gaztag>."""
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for tp in art.iter("toponym"):
            gz = tp.find("gaztag")
            if gz is None:
                continue
            lat, lon = _f(_t(gz, "lat")), _f(_t(gz, "lon"))
            if lat is None or lon is None:
                continue
            s, e, surf = _align(text, int(_t(tp, "start")), int(_t(tp, "end")), _t(tp, "phrase"))
            tops.append(
                Toponym(s, e, surf, lat, lon, _i(gz.get("geonameid")), _t(gz, "fcode") or "", _t(gz, "name") or "")
            )
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(art.get("docid", str(i)), text, tops))
    return docs


def read_geovirus_xml(root: ET.Element) -> list[GeoDoc]:
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops = []
        for loc in art.iter("location"):
            lat, lon = _f(_t(loc, "lat")), _f(_t(loc, "lon"))
            if lat is None or lon is None:
                continue
            s, e, surf = _align(text, int(_t(loc, "start")), int(_t(loc, "end")), _t(loc, "name"))
            tops.append(Toponym(s, e, surf, lat, lon, None, "", _t(loc, "name") or ""))
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(str(i), text, tops))
    return docs


def parse_eupeg_line(line: str) -> list[Toponym]:
    """``name,,surface,,lat,,lon,,start,,end||...`` (EUPEG gold and system-output format)."""
    out = []
    for item in line.rstrip("\n").split("||"):
        if not item.strip():
            continue
        parts = item.split(",,")
        if len(parts) < 6:
            continue
        name, surface = parts[0], parts[1]
        lat, lon, s, e = _f(parts[-4]), _f(parts[-3]), _i(parts[-2]), _i(parts[-1])
        if s is None or e is None:
            continue
        out.append(Toponym(s, e, surface, lat, lon, None, "", name))
    return out


def read_eupeg_lines(path: Path) -> list[list[Toponym]]:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return [parse_eupeg_line(line) for line in fh]


def read_eupeg_gold(path: Path) -> tuple[str, list[GeoDoc]]:
    """EUPEG gold file ``<DS>_gold.txt``; texts are ``../corpora_text/<DS>/<line number>``."""
    name = path.name.split("_gold")[0] if "_gold" in path.name else path.stem
    text_dir = None
    for cand in (path.parent.parent / "corpora_text" / name, path.parent / "corpora_text" / name, path.parent / name):
        if cand.is_dir():
            text_dir = cand
            break
    if text_dir is None:
        raise InputError(f"EUPEG gold file {path} needs its texts in ../corpora_text/{name}/ (not found)")
    docs = []
    for i, tops in enumerate(read_eupeg_lines(path)):
        tf = text_dir / str(i)
        if not tf.exists():
            raise InputError(f"EUPEG text {tf} missing for line {i + 1} of {path}")
        text = tf.read_text(encoding="utf-8", errors="replace")
        if text.endswith("\n"):
            text = text[:-1]
        tops = [t for t in tops if t.has_coords]
        for t in tops:
            t.start, t.end, t.surface = _align(text, t.start, t.end, t.surface)
        tops.sort(key=lambda t: t.start)
        docs.append(GeoDoc(str(i), text, tops))
    return name, docs


_XML_NAMES = {"gwn-xml": "GeoWebNews", "lgl-xml": "LGL", "geovirus-xml": "GeoVirus"}


def detect_format(path: Path) -> str:
    if path.is_dir():
        raise InputError(
            f"{path} is a directory; give the corpus file (GWN.xml, lgl.xml, GeoVirus.xml or <DS>_gold.txt)"
        )
    with open(path, "rb") as fh:
        head = fh.read(200_000).decode("utf-8", errors="replace")
    if head.lstrip().startswith("<"):
        if "<extractedName>" in head or "<geonamesID" in head:
            return "gwn-xml"
        if "<gaztag" in head:
            return "lgl-xml"
        if "<locations" in head or "<location>" in head:
            return "geovirus-xml"
        raise InputError(f"{path}: XML, but not GeoWebNews, LGL/TR-News or GeoVirus")
    first = head.splitlines()[0] if head.strip() else ""
    if ",," in first and re.search(r",,-?\d+(\.\d+)?,,-?\d+(\.\d+)?,,\d+,,\d+", first):
        return "eupeg"
    raise InputError(
        f"{path}: unknown geoparsing corpus format (expected GWN.xml, lgl.xml, GeoVirus.xml or EUPEG gold)"
    )


def read_corpus(path: str | Path, limit: int | None = None) -> GeoCorpus:
    p = require_path(path, "geoparsing corpus")
    fmt = detect_format(p)
    if fmt == "eupeg":
        name, docs = read_eupeg_gold(p)
    else:
        try:
            root = ET.parse(p).getroot()
        except ET.ParseError as exc:
            raise InputError(f"{p}: not well-formed XML ({exc})") from exc
        docs = {"gwn-xml": read_gwn_xml, "lgl-xml": read_lgl_xml, "geovirus-xml": read_geovirus_xml}[fmt](root)
        name = _XML_NAMES[fmt]
        if fmt == "lgl-xml" and "tr" in p.stem.lower():
            name = "TR-News"
    if limit is not None:
        docs = docs[:limit]
    return GeoCorpus(name, fmt, p, docs)
