"""A heuristic Ukrainian analyser: razdel segmentation, pymorphy3 (``pymorphy3-dicts-uk``) lemmas, POS and case,
and a clause-level dependency sketch built from morphology and punctuation (no offline Ukrainian parser exists;
see docs/languages.md for the choice and its measurements).

The sketch is what the extractors need, in UD labels (then put into the house shape by
``docbuild.to_house_shape``):
  - noun phrases: adjectives (``amod``) and genitive nouns (``nmod``) under their head noun, names in a row
    (``flat``), a quoted name after a noun (``appos``), a preposition under its noun (``case``);
  - clauses split at commas, dashes, colons, quotation marks and subordinators: in each, the first finite verb
    heads; a nominative noun phrase is its ``nsubj`` (after a reporting verb too: "— заявив Трегубов"), an
    accusative one its ``obj``, others ``obl``;
  - "що"/"ніби" clauses are ``ccomp`` of the verb before them (``mark`` on the subordinator); other verb clauses
    are ``conj`` (after і/та/а/але) or ``parataxis`` of the sentence root; verbless ones ``appos``/``dep``.
Entities: capitalised runs, labelled by pymorphy's name tags (Surn/Name/Patr -> PERSON, Abbr/Latin -> ORG, an
abbreviation with a quoted name -> one ORG), GPE after a preposition or a verb, otherwise none.
"""

from __future__ import annotations

from claimledger.lang.docbuild import Tok

_POS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "ADJ",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "ADVB": "ADV",
    "NPRO": "PRON",
    "PRED": "ADV",
    "PREP": "ADP",
    "PRCL": "PART",
    "INTJ": "INTJ",
}
_CASES = {"nomn": "Nom", "gent": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins", "loct": "Loc", "voct": "Voc"}
BOUNDARY = frozenset(',;:—–-«»"“”()')
OPEN_QUOTES = frozenset('«“"')
NAME_TAGS = ("Surn", "Name", "Patr")


class Morph:
    def __init__(self):
        import pymorphy3

        self.m = pymorphy3.MorphAnalyzer(lang="uk")
        self._cache: dict = {}

    def parses(self, word: str):
        got = self._cache.get(word)
        if got is None:
            got = self.m.parse(word)
            if len(self._cache) < 200_000:
                self._cache[word] = got
        return got


def analyse_tokens(morph: Morph, toks: list[Tok], lo: int, hi: int) -> None:
    """Choose a parse per token (lemma, POS, features)."""
    for i in range(lo, hi):
        t = toks[i]
        w = t.text
        if not any(ch.isalnum() for ch in w):
            t.pos, t.lemma = "PUNCT", w
            continue
        if w.isdigit():
            t.pos, t.lemma = "NUM", w
            continue
        initial = i == lo or (
            toks[i - 1].text in OPEN_QUOTES | {"—", "–", "-"} and (i - 1 == lo or not toks[i - 2].text[:1].isalnum())
        )
        parses = morph.parses(w)
        p = parses[0]
        nxt = toks[i + 1].text if i + 1 < hi else ""
        prep = next((q for q in parses if q.tag.POS == "PREP"), None)
        conj = next((q for q in parses if q.tag.POS == "CONJ"), None)
        if prep is not None and (nxt[:1].isdigit() or _nominal_word(morph, nxt)):
            p = prep
        elif conj is not None and p.tag.POS == "NOUN":  # "як", "що": the conjunction, not the noun
            p = conj
        elif w[:1].isupper() and nxt[:1].isupper() and any(q.tag.POS == "ADJF" for q in parses):
            p = next(q for q in parses if q.tag.POS == "ADJF")  # "Донецька ОВА", "Генеральний штаб"
        elif w[:1].isupper() and not initial:
            named = next((q for q in parses if any(g in q.tag.grammemes for g in NAME_TAGS)), None)
            noun = next((q for q in parses if q.tag.POS == "NOUN"), None)
            p = named or noun or p
        elif w[:1].isupper():
            named = next((q for q in parses if any(g in q.tag.grammemes for g in NAME_TAGS)), None)
            p = named or p
        p = _agreeing(p, parses, toks[i - 1] if i > lo else None, clause_start=initial or toks[i - 1].text in ",;:")
        tag = p.tag
        grams = tag.grammemes
        pos = _POS.get(tag.POS or "", "X")
        if tag.POS == "CONJ":
            pos = "SCONJ" if "subord" in grams else "CCONJ"
        if "UNKN" in grams and len(w) > 1 and w.isupper():
            pos = "PROPN"
        if "LATN" in grams or (tag.POS == "NOUN" and (w[:1].isupper() and (not initial or _name_like(grams)))):
            pos = "PROPN" if (w[:1].isupper() or "LATN" in grams) else pos
        feats = {}
        if tag.case in _CASES:
            feats["Case"] = _CASES[tag.case]
        if tag.number:
            feats["Number"] = tag.number
        if tag.POS in ("GRND",):
            feats["VerbForm"] = "Conv"
        if tag.POS in ("INFN",):
            feats["VerbForm"] = "Inf"
        if tag.POS in ("PRTF", "PRTS"):
            feats["VerbForm"] = "Part"
        if "anim" in grams:
            feats["Animacy"] = "Anim"
        if any(g in grams for g in NAME_TAGS):
            feats["NameType"] = next(g for g in NAME_TAGS if g in grams)
        if "Abbr" in grams or "LATN" in grams or (len(w) > 1 and w.isupper()):
            feats["Abbr"] = "Yes"
        t.pos, t.morph = pos, feats
        t.lemma = p.normal_form if "LATN" not in grams else w.lower()
        t.tag = str(tag).split()[0].split(",")[0]
        t._cases = {q.tag.case for q in parses if q.tag.POS == p.tag.POS}  # type: ignore[attr-defined]


def _agreeing(p, parses, before: Tok | None, clause_start: bool):
    """A noun after an adjective takes the adjective's case ("російські війська": nominative plural, not the
    genitive singular); a noun opening a clause prefers its nominative reading, animate first ("Аналітики
    проєкту зазначили")."""
    if p.tag.POS != "NOUN" or len(parses) < 2:
        return p
    top = parses[0].score
    same = [q for q in parses if q.tag.POS == "NOUN" and q.score >= 0.5 * top]
    case = before.morph.get("Case") if before is not None and before.pos == "ADJ" else None
    if case:
        want = next((k for k, v in _CASES.items() if v == case), None)
        for q in same:
            if q.tag.case == want and (before.morph.get("Number") in (None, q.tag.number)):
                return q
        return p
    if clause_start and p.tag.case != "nomn":
        nominative = [q for q in same if q.tag.case == "nomn"]
        nominative.sort(key=lambda q: "anim" not in q.tag.grammemes)
        if nominative:
            return nominative[0]
    return p


def _nominal_word(morph: Morph, word: str) -> bool:
    if not word[:1].isalpha():
        return False
    if word[:1].isupper():
        return True
    return morph.parses(word)[0].tag.POS in ("NOUN", "ADJF", "NPRO", "NUMR", "PRTF")


def _name_like(grams) -> bool:
    return any(g in grams for g in (*NAME_TAGS, "Geox", "Abbr", "Orgn"))


def _is_nominal(t: Tok) -> bool:
    return t.pos in ("NOUN", "PROPN", "PRON", "NUM")


def parse_sentence(
    toks: list[Tok],
    lo: int,
    hi: int,
    reporting: frozenset,
    complementizers: frozenset,
    openers: frozenset = frozenset(),
) -> None:
    """Heads and dependency labels for the tokens [lo, hi) (UD shape: prepositions under their nouns)."""
    segments = _segments(toks, lo, hi, complementizers)
    heads = []
    for s, e in segments:
        heads.append(_clause(toks, s, e, reporting))
    root = next((h for h in heads if h is not None and toks[h].pos == "VERB"), None)
    if root is None:
        root = next((h for h in heads if h is not None), lo)
    toks[root].head, toks[root].dep = root, "root"
    prev_verb = root if root < (segments[0][1] if segments else hi) else None
    first_word = next((k for k in range(lo, hi) if toks[k].pos != "PUNCT"), lo)
    report_opener = toks[first_word].text.lower() in openers and toks[root].lemma in reporting
    if report_opener:  # "Як повідомляє X, Y": Y is the reporting verb's complement
        toks[first_word].head, toks[first_word].dep = root, "mark"
    for n, ((s, e), h) in enumerate(zip(segments, heads)):
        if h is None or h == root:
            if h is not None and toks[h].pos == "VERB":
                prev_verb = h
            continue
        first = next((k for k in range(s, e) if toks[k].pos != "PUNCT"), s)
        word = toks[first].text.lower()
        if word in complementizers and prev_verb is not None:
            toks[first].head, toks[first].dep = h, "mark"
            toks[h].head, toks[h].dep = prev_verb, "ccomp"
        elif report_opener and toks[h].pos == "VERB":
            toks[h].head, toks[h].dep = root, "ccomp"
            report_opener = False
        elif toks[h].pos == "VERB":
            cc = toks[first].pos == "CCONJ"
            if cc:
                toks[first].head, toks[first].dep = h, "cc"
            if word == "як" and toks[first].head == h:
                toks[first].dep = "mark"
            toks[h].head, toks[h].dep = root, "conj" if cc else "parataxis"
        else:
            before = heads[n - 1] if n > 0 else None
            nominal_before = before is not None and _is_nominal(toks[before]) and s - segments[n - 1][1] <= 1
            toks[h].head, toks[h].dep = (before, "appos") if nominal_before else (root, "dep")
        if toks[h].pos == "VERB":
            prev_verb = h
    for i in range(lo, hi):  # punctuation outside every clause: to the root
        if not (lo <= toks[i].head < hi):
            toks[i].head, toks[i].dep = root, "punct" if toks[i].pos == "PUNCT" else "dep"


def _segments(toks: list[Tok], lo: int, hi: int, complementizers: frozenset) -> list[tuple[int, int]]:
    out, start, skip = [], lo, -1
    for i in range(lo, hi):
        t = toks[i]
        cut = t.text in BOUNDARY and not (t.text == "-" and t.start > 0 and i > lo and toks[i - 1].end == t.start)
        if t.text.lower() in complementizers and i > start:
            out.append((start, i))
            start = i
        elif cut:
            if i == skip:
                continue
            close = _quoted_name(toks, i, hi) if t.text in OPEN_QUOTES else None
            if close is not None:
                skip = close
                continue
            if i > start:
                out.append((start, i))
            start = i
    if start < hi:
        out.append((start, hi))
    return [seg for seg in out if any(toks[k].pos != "PUNCT" for k in range(*seg))] or [(lo, hi)]


def _quoted_name(toks: list[Tok], i: int, hi: int) -> int | None:
    """«Хортиця», «Рибар»: a short quoted name (one to three capitalised words) stays in its noun phrase; the
    index of its closing quote."""
    k = i + 1
    while k < hi and toks[k].text not in '»”"' and k - i <= 3:
        k += 1
    if k < hi and toks[k].text in '»”"' and k - i <= 3 and toks[i + 1].text[:1].isupper():
        return k
    return None


def _clause(toks: list[Tok], s: int, e: int, reporting: frozenset) -> int | None:
    """Attach the tokens of one clause; return its head."""
    idx = [k for k in range(s, e) if toks[k].pos != "PUNCT"]
    if not idx:
        return None
    phrases = _noun_phrases(toks, idx)
    verbs = [k for k in idx if toks[k].pos == "VERB" and toks[k].morph.get("VerbForm") not in ("Inf", "Conv")]
    verb = verbs[0] if verbs else None
    in_phrase = {k for ph in phrases for k in ph["tokens"]}
    head = verb if verb is not None else (phrases[0]["head"] if phrases else idx[0])
    subject = None
    for ph in phrases:
        h = ph["head"]
        if h == head:
            continue
        toks[h].head = head
        if ph["prep"] is not None:
            toks[h].dep = "obl" if verb is not None else "nmod"
            continue
        cases = getattr(toks[h], "_cases", set())
        case = toks[h].morph.get("Case")
        if verb is None:
            toks[h].dep = "nmod" if case == "Gen" else "appos"
            continue
        nominative = case == "Nom" or toks[h].morph.get("Abbr") == "Yes"
        if subject is None and nominative and h < verb:
            subject, toks[h].dep = h, "nsubj"
        elif (
            subject is None
            and h > verb
            and nominative
            and (toks[verb].lemma in reporting or toks[h].morph.get("Animacy") == "Anim" or "accs" not in cases)
        ):
            subject, toks[h].dep = h, "nsubj"
        elif case in ("Acc", "Nom") and not any(toks[k].dep == "obj" and toks[k].head == verb for k in idx):
            toks[h].dep = "obj"
        else:
            toks[h].dep = "obl"
    for k in idx:
        if k in in_phrase or k == head:
            continue
        t = toks[k]
        t.head = head
        if t.pos == "VERB" and t.morph.get("VerbForm") == "Inf":
            t.dep = "xcomp"
        elif t.pos == "VERB":
            t.dep = "conj"
        elif t.pos in ("ADV", "PART"):
            t.dep = "advmod"
        elif t.pos == "CCONJ":
            t.dep = "cc"
        elif t.pos == "SCONJ":
            t.dep = "mark"
        else:
            t.dep = "dep"
    for k in range(s, e):
        if toks[k].pos == "PUNCT":
            toks[k].head, toks[k].dep = head, "punct"
    return head


def _noun_phrases(toks: list[Tok], idx: list[int]) -> list[dict]:
    """Runs of [preposition] modifiers* noun (genitive nouns | names | quoted name)*."""
    out = []
    pos_of = {k: toks[k].pos for k in idx}
    n = 0
    while n < len(idx):
        k = idx[n]
        prep = k if pos_of[k] == "ADP" else None
        m = n + 1 if prep is not None else n
        mods = []
        while m < len(idx) and (
            (pos_of[idx[m]] in ("ADJ", "NUM", "DET") and not _is_nominal(toks[idx[m]]))
            or (pos_of[idx[m]] == "PRON" and m + 1 < len(idx) and pos_of[idx[m + 1]] in ("NOUN", "ADJ", "PROPN"))
        ):
            mods.append(idx[m])
            m += 1
        if m < len(idx) and _is_nominal(toks[idx[m]]):
            head = idx[m]
            members = [head, *mods]
            for a in mods:
                toks[a].head, toks[a].dep = head, {"ADJ": "amod", "PRON": "det"}.get(toks[a].pos, "nummod")
            if prep is not None:
                toks[prep].head, toks[prep].dep = head, "case"
                members.append(prep)
            last = head
            m += 1
            while m < len(idx) and m - 1 < len(idx):
                t = toks[idx[m]]
                if t.pos == "PROPN" and toks[last].pos == "PROPN" and idx[m - 1] == last:
                    t.head, t.dep = last, "flat"
                elif t.pos == "PROPN" and toks[head].pos == "NOUN":  # "речник ОСУВ «Хортиця» Назар Волошин"
                    t.head, t.dep = head, "appos" if t.morph.get("Abbr") != "Yes" else "nmod"
                elif _is_nominal(t) and t.morph.get("Case") == "Gen" and t.pos != "PRON":
                    t.head, t.dep = last, "nmod"
                elif t.pos == "PROPN" and t.morph.get("Abbr") == "Yes":
                    t.head, t.dep = last, "nmod"
                elif (
                    t.pos == "ADJ"
                    and t.morph.get("Case") == "Gen"
                    and m + 1 < len(idx)
                    and toks[idx[m + 1]].morph.get("Case") == "Gen"
                ):
                    t.head, t.dep = idx[m + 1], "amod"
                    members.append(idx[m])
                    m += 1
                    continue
                else:
                    break
                members.append(idx[m])
                last = idx[m]
                m += 1
            out.append({"head": head, "prep": prep, "tokens": members})
            n = m
        else:
            n += 1
    return out


def entities(toks: list[Tok], sentences: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    out = []
    for lo, hi in sentences:
        i = lo
        while i < hi:
            t = toks[i]
            if t.pos == "PROPN" or (t.text[:1].isupper() and t.pos == "NOUN" and i > lo):
                j = i + 1
                while j < hi and toks[j].pos == "PROPN" and toks[j].start - toks[j - 1].end <= 1:
                    j += 1
                close = _quoted_name(toks, j, hi) if j < hi and toks[j].text in OPEN_QUOTES else None
                if close is not None and toks[j - 1].morph.get("Abbr") == "Yes":
                    j = close + 1  # "ОСУВ «Хортиця»": the group of forces is one name, not the island
                label = _label(toks[i:j], toks[i - 1] if i > lo else None)
                if label:
                    out.append((i, j, label))
                i = j
            else:
                i += 1
    return out


def _label(run: list[Tok], before: Tok | None) -> str | None:
    """PERSON for names, ORG for abbreviations; other capitalised words are places after a preposition or a
    verb ("біля Білогорівки", "звільнили Кліщіївку"), otherwise no entity ("Сили оборони" is no place; the
    resolver still looks up capitalised words after its own locative words)."""
    if any(t.morph.get("NameType") for t in run):
        return "PERSON"
    if any(t.morph.get("Abbr") == "Yes" or t.text.isupper() for t in run):
        return "ORG"
    return "GPE" if before is not None and before.pos in ("ADP", "VERB") else None
