"""Building a spaCy ``Doc`` from another analyser's tokens (the Russian and Ukrainian packs), so the extractors,
written against the spaCy Token API, run unchanged.

The house's dependency scheme is the one the English pack exposes through ``pack.dep``: Universal Dependencies
labels, but an adposition *heads* its noun (``case:prep`` on the preposition, attached where the noun phrase
attaches; ``obl:pobj`` on the noun under it), as in ClearNLP.  Parsers that follow UD to the letter (natasha) hang
the preposition under its noun with ``case``; ``to_house_shape`` turns that round.  A multi-word source frame of
the pack's ``reporting_cues.yaml`` ("по словам X", "за даними X") becomes a chain like "according to X": each
frame word under the one before, the source (the frame noun's genitive dependent) as ``obl:pobj`` of the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "X"})


@dataclass
class Tok:
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    head: int  # index within the document (its own index for a sentence root)
    dep: str
    morph: dict = field(default_factory=dict)
    tag: str = ""


def to_house_shape(
    toks: list[Tok],
    sentences: list[tuple[int, int]],
    source_frames: list[list[str]],
    reporting: frozenset = frozenset(),
) -> None:
    """UD adpositions -> the house shape (see the module docstring).  ``sentences``: token ranges [lo, hi).

    A reporting verb (a lemma of ``reporting``) hung as ``parataxis`` under the sentence root it reports
    ("Y, — заявил X", "Как сообщает X, Y") becomes the root, the reported clause its ``ccomp``: the shape the
    English parser gives "Y, the ministry said"."""
    for lo, hi in sentences:
        _reporting_parataxis(toks, lo, hi, reporting)
        _leading_punctuation(toks, lo, hi)
        for i in range(lo, hi):
            t = toks[i]
            if t.dep != "case" or t.head == i:
                continue
            h = toks[t.head]
            if h.pos not in NOMINAL or t.head < i:
                continue
            if h.head == t.head:  # the noun was the root: the preposition heads the sentence now
                t.head, t.dep = i, "root"
            else:
                t.head, t.dep = h.head, "case:prep"
            h.head, h.dep = i, "obl:pobj"
        _source_frames(toks, lo, hi, source_frames)


def _leading_punctuation(toks: list[Tok], lo: int, hi: int) -> None:
    """The comma opening a clause (", что ...") belongs to the clause before it, as in English parses: otherwise
    the reported clause would start with punctuation and a gap (the complementizer is left out of the content)."""
    for i in range(lo, hi):
        t = toks[i]
        h = t.head
        if t.pos != "PUNCT" or h == i or h < i or toks[h].head == h:
            continue
        if any(toks[j].head == h and j != i for j in range(lo, i)):
            continue  # not the leftmost dependent
        if toks[h].dep in ("ccomp", "advcl", "parataxis", "conj", "acl", "acl:relcl", "xcomp"):
            t.head = toks[h].head


def _reporting_parataxis(toks: list[Tok], lo: int, hi: int, reporting: frozenset) -> None:
    for i in range(lo, hi):
        t = toks[i]
        if t.dep != "parataxis" or t.lemma not in reporting or t.pos not in ("VERB", "AUX"):
            continue
        h = t.head
        if toks[h].head != h or toks[h].pos not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
            continue
        if any(toks[j].head == i and toks[j].dep == "ccomp" for j in range(lo, hi)):
            continue  # the verb has content of its own
        t.head, t.dep = i, "root"
        toks[h].head, toks[h].dep = i, "ccomp"
        for j in range(lo, hi):  # punctuation between the clauses goes with the cue
            if toks[j].head == h and toks[j].pos == "PUNCT" and min(i, h) < j < max(i, h):
                toks[j].head = i
        return


def _source_frames(toks: list[Tok], lo: int, hi: int, frames: list[list[str]]) -> None:
    for frame in frames:
        n = len(frame)
        if n < 2:
            continue
        for i in range(lo, hi - n + 1):
            if [toks[i + k].text.lower() for k in range(n)] != frame:
                continue
            last = i + n - 1
            outer_head = toks[i].head if toks[i].head not in range(i, i + n) else None
            if outer_head is None:
                continue
            source = next((j for j in range(last + 1, hi) if toks[j].head == last and toks[j].pos in NOMINAL), None)
            for k in range(1, n):
                toks[i + k].head, toks[i + k].dep = i + k - 1, "case:prep"
            toks[i].head = outer_head
            toks[i].dep = "case:prep" if outer_head != i else "root"
            if source is not None:
                toks[source].dep = "obl:pobj"


def fix_roots(toks: list[Tok], lo: int, hi: int) -> None:
    """Exactly one root per sentence and no cycles (spaCy derives sentence starts from the tree)."""
    roots = [i for i in range(lo, hi) if toks[i].head == i]
    if not roots:
        root = next((i for i in range(lo, hi) if toks[i].pos in ("VERB", "AUX")), lo)
        toks[root].head, toks[root].dep = root, "root"
        roots = [root]
    root = roots[0]
    for r in roots[1:]:
        toks[r].head, toks[r].dep = root, "parataxis" if toks[r].pos in ("VERB", "AUX") else "dep"
    for i in range(lo, hi):
        if not (lo <= toks[i].head < hi):
            toks[i].head, toks[i].dep = root, "dep"
        seen, j = set(), i
        while toks[j].head != j:  # break cycles by attaching to the root
            if j in seen:
                toks[j].head, toks[j].dep = root, "dep"
                break
            seen.add(j)
            j = toks[j].head
    toks[root].dep = "root"


def make_doc(vocab, text: str, toks: list[Tok], sentences: list[tuple[int, int]], ents: list[tuple[int, int, str]]):
    """A spaCy ``Doc`` whose text is exactly ``text``: whitespace other than one space between tokens becomes
    whitespace tokens (attached to the token before them, as spaCy's own models do).  ``ents``: token ranges."""
    from spacy.tokens import Doc

    words, spaces, heads, deps, lemmas, pos, tags, morphs, iob = [], [], [], [], [], [], [], [], []
    index: dict[int, int] = {}  # our token -> doc token

    def add(word, lemma, p, tag, morph, head_ref, dep, ent):
        words.append(word)
        spaces.append(False)
        lemmas.append(lemma)
        pos.append(p)
        tags.append(tag)
        morphs.append(morph)
        heads.append(head_ref)
        deps.append(dep)
        iob.append(ent)

    ent_tag: dict[int, str] = {}
    for s, e, label in ents:
        for k in range(s, e):
            ent_tag[k] = ("B-" if k == s else "I-") + label
    pos_at = 0
    for k, t in enumerate(toks):
        gap = text[pos_at : t.start]
        _whitespace(gap, words, spaces, add)
        index[k] = len(words)
        morph = "|".join(f"{a}={v}" for a, v in sorted(t.morph.items()))
        add(t.text, t.lemma, t.pos, t.tag or t.pos, morph, ("tok", t.head), t.dep, ent_tag.get(k, "O"))
        pos_at = t.end
    _whitespace(text[pos_at:], words, spaces, add)
    resolved = []
    for n, h in enumerate(heads):
        if h[0] == "tok":
            resolved.append(index[h[1]])
        else:
            resolved.append(_previous_token(n, heads))
    for n, h in enumerate(heads):
        if h[0] != "tok" and resolved[n] == n:  # whitespace before the first token: attach forward
            resolved[n] = next((m for m in range(n + 1, len(heads)) if heads[m][0] == "tok"), n)
    if not words:
        return Doc(vocab, words=[], spaces=[])
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        heads=resolved,
        deps=deps,
        lemmas=lemmas,
        pos=pos,
        tags=tags,
        morphs=morphs,
        ents=iob,
    )


def _whitespace(gap: str, words: list, spaces: list, add) -> None:
    if not gap:
        return
    if gap.startswith(" ") and words:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        add(gap, gap, "SPACE", "_SP", "", ("ws", None), "dep", "O")


def _previous_token(n: int, heads: list) -> int:
    m = n - 1
    while m >= 0 and heads[m][0] != "tok":
        m -= 1
    return m if m >= 0 else n


def line_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the text's non-empty lines: a line break ends a sentence (headlines, paragraphs)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out
