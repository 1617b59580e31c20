"""Generate realistic war-report articles for the benchmark (deterministic by seed).

Each article is 300-700 words of front-line reporting: claims by speakers of every type and side
(ministries, general staffs, named officials, commanders, war bloggers, OSINT groups, analysts,
residents, journalists), reporting verbs and phrases, captures / attacks / withdrawals / repelled
assaults / strikes at front-line towns that exist in GeoNames, absolute and relative dates, denials,
hedges, quotes and background paragraphs.  The templates and vocabulary are written for this project.

    python bench/generate.py --n 1000 --seed 7 --out /tmp/corpus.jsonl   # JSON Lines: text, published, outlet, title, url

The same (n, seed) always gives the same articles; article i does not depend on n.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator

# ---------------------------------------------------------------- vocabulary

TOWNS = {  # front-line settlements present in GeoNames (population >= 500), with their oblast
    "Siversk": "Donetsk",
    "Bakhmut": "Donetsk",
    "Pokrovsk": "Donetsk",
    "Kupiansk": "Kharkiv",
    "Chasiv Yar": "Donetsk",
    "Kostiantynivka": "Donetsk",
    "Myrnohrad": "Donetsk",
    "Toretsk": "Donetsk",
    "Avdiivka": "Donetsk",
    "Vuhledar": "Donetsk",
    "Kurakhove": "Donetsk",
    "Lyman": "Donetsk",
    "Kramatorsk": "Donetsk",
    "Sloviansk": "Donetsk",
    "Druzhkivka": "Donetsk",
    "Selydove": "Donetsk",
    "Vovchansk": "Kharkiv",
    "Huliaipole": "Zaporizhzhia",
    "Orikhiv": "Zaporizhzhia",
    "Robotyne": "Zaporizhzhia",
    "Kreminna": "Luhansk",
    "Svatove": "Luhansk",
    "Marinka": "Donetsk",
    "Dobropillia": "Donetsk",
    "Kherson": "Kherson",
    "Zaporizhzhia": "Zaporizhzhia",
    "Kharkiv": "Kharkiv",
    "Balakliia": "Kharkiv",
    "Izium": "Kharkiv",
    "Velyka Novosilka": "Donetsk",
}
STRIKE_CITIES = [
    "Kyiv",
    "Odesa",
    "Dnipro",
    "Lviv",
    "Kharkiv",
    "Zaporizhzhia",
    "Sumy",
    "Mykolaiv",
    "Kryvyi Rih",
    "Poltava",
    "Chernihiv",
    "Belgorod",
    "Kursk",
    "Bryansk",
    "Novorossiysk",
    "Sevastopol",
]
RIVERS = ["Oskil", "Siverskyi Donets", "Dnipro", "Vovcha", "Kazennyi Torets", "Bakhmutka"]
OBLAST_FORMS = ["{o} oblast", "the {o} region", "{o} province"]

# speakers: (phrase, side) — the phrase is used as a grammatical subject
SPEAKERS = {
    "RU_official": [
        "Russia's Defence Ministry",
        "the Russian Defence Ministry",
        "Kremlin spokesman Dmitry Peskov",
        "Defence Ministry spokesman Igor Konashenkov",
        "Foreign Ministry spokeswoman Maria Zakharova",
        "the Russian-installed head of occupied Donetsk Denis Pushilin",
        "the Kremlin",
        "Russia's General Staff",
        "Valery Gerasimov",
        "Russian Defence Minister Andrei Belousov",
    ],
    "UA_official": [
        "Ukraine's General Staff",
        "President Volodymyr Zelensky",
        "Commander-in-Chief Oleksandr Syrskyi",
        "Ukrainian forces spokesman Viktor Trehubov",
        "Donetsk governor Vadym Filashkin",
        "Kharkiv governor Oleh Syniehubov",
        "Ukraine's military intelligence chief Kyrylo Budanov",
        "the Ukrainian Defence Ministry",
        "Foreign Minister Andrii Sybiha",
        "Ukraine's air force",
    ],
    "RU_combatant": [
        "a Russian war blogger",
        "the pro-Kremlin Telegram channel Rybar",
        "a commander of the Vostok battalion",
        "Russian military bloggers",
        "a Russian soldier interviewed by state television",
    ],
    "UA_combatant": [
        "a Ukrainian drone operator",
        "the commander of a Ukrainian assault brigade",
        "a spokesman for the 3rd Assault Brigade",
        "Ukrainian soldiers on the front",
        "the Khortytsia group of forces",
    ],
    "independent": [
        "the Institute for the Study of War",
        "analysts at the ISW",
        "the Ukrainian monitoring group DeepState",
        "UN monitors",
        "the UN human rights monitoring mission",
        "OSINT researchers",
        "Western officials",
        "a senior NATO official",
        "military analysts",
        "the International Atomic Energy Agency",
    ],
    "local": [
        "local residents",
        "a local official",
        "one resident who fled the town",
        "volunteers evacuating civilians",
        "the town's mayor",
        "a doctor at the local hospital",
    ],
    "journalist": [
        "Russian state media",
        "the state news agency RIA Novosti",
        "Ukrainian media",
        "a Reuters correspondent",
        "TASS",
        "Ukrainska Pravda",
        "reporters in the area",
    ],
}
SAY_VERBS = [
    "said",
    "said",
    "said",
    "said",
    "claimed",
    "claimed",
    "reported",
    "stated",
    "announced",
    "told reporters",
    "said in a statement",
    "wrote on Telegram",
    "insisted",
    "asserted",
    "confirmed",
    "alleged",
    "added",
    "noted",
    "maintained",
]
HEDGE_VERBS = ["suggested", "indicated", "appeared to show", "hinted"]
DENY_VERBS = ["denied", "rejected claims", "dismissed reports"]
UNIT_RU = [
    "Russian forces",
    "Russian troops",
    "units of the Russian army",
    "Russian assault groups",
    "the 8th Combined Arms Army",
    "Russian airborne units",
    "Wagner fighters",
]
UNIT_UA = [
    "Ukrainian forces",
    "Ukrainian troops",
    "the 93rd Mechanised Brigade",
    "Ukrainian defenders",
    "units of the Armed Forces of Ukraine",
    "the 47th Brigade",
    "Ukrainian marines",
]
WEAPONS = [
    "drones",
    "ballistic missiles",
    "cruise missiles",
    "glide bombs",
    "Shahed drones",
    "artillery",
    "HIMARS rockets",
    "long-range drones",
    "Iskander missiles",
    "rocket launchers",
]
TARGETS = [
    "an energy facility",
    "a residential building",
    "a fuel depot",
    "an ammunition depot",
    "a railway station",
    "a power substation",
    "a command post",
    "an oil refinery",
    "a military airfield",
    "port infrastructure",
]
OUTLETS = [
    "Kyiv Independent",
    "Reuters",
    "TASS",
    "RIA Novosti",
    "Ukrainska Pravda",
    "BBC News",
    "Meduza",
    "Associated Press",
    "Al Jazeera",
    "The Guardian",
    "Novaya Gazeta Europe",
    "Interfax",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# ---------------------------------------------------------------- sentence templates

CAPTURE = [
    "{S} {say} that {ru} had captured {town} after weeks of heavy fighting.",
    "{S} {say} that {ru} had taken full control of {town} on {date}.",
    "{ru} have liberated the settlement of {town}, {s} {say}, adding that the offensive was continuing.",
    "{S} {say} {town} had fallen to {ru} {when}.",
    "{ru} raised a flag over the centre of {town} {when}, {s} {say}.",
    "{S} {say} that {ua} had recaptured several positions on the outskirts of {town}.",
    "According to {s}, {ru} captured {town} {when}.",
    "Citing sources in the military, {s} reported that {ru} had seized the railway station in {town}.",
]
ATTACK = [
    "{S} {say} that {ru} launched a new assault on {town} {when}, using armoured vehicles and motorcycles.",
    "Fighting continued on the approaches to {town}, where {ru} attacked {n} times over the past day, {s} {say}.",
    "{ru} shelled {town} and nearby villages {when}, killing {k} civilians and wounding {m}, {s} {say}.",
    "{S} {say} {ru} were advancing towards {town} from the south and east.",
    "{ua} attacked Russian positions near {town} {when}, {s} {say}.",
]
WITHDRAW = [
    "{S} {say} that {ua} had withdrawn from {town} to avoid encirclement.",
    "{ua} pulled back to more favourable positions west of {town}, {s} {say}.",
    "{S} {say} the decision to withdraw from {town} was taken to save soldiers' lives.",
    "{ru} retreated from positions north of {town} after heavy losses, {s} {say}.",
]
REPELLED = [
    "{S} {say} that {ua} repelled {n} assaults near {town} over the past day.",
    "{ua} repelled an attack on {town} {when} and destroyed {k} armoured vehicles, {s} {say}.",
    "All attacks on {town} were repelled, {s} {say}, adding that the enemy had suffered heavy losses.",
    "{S} {say} {ru} fought off a Ukrainian counter-attack south of {town}.",
]
STRIKE = [
    "Russia struck {city} overnight with {n} {weapon}, hitting {target}, {s} {say}.",
    "{S} {say} that a missile strike on {city} {when} damaged {target} and killed {k} people.",
    "Ukraine hit {target} in {city} with {weapon} {when}, {s} {say}.",
    "{S} {say} air defences shot down {n} of {m} {weapon} launched at {city} overnight.",
    "An attack on {city} {when} left {k} people dead and {m} injured, {s} {say}.",
]
DENIAL = [
    "{S} {deny} that {town} had fallen, saying {ua} were still holding positions in the town.",
    '{S} {deny} that {ru} had entered {town}, calling the reports "pure propaganda".',
    "The claim was denied by {s}, which said fighting for {town} was still under way.",
    "{S} said the reports about the capture of {town} were false.",
    "{S} {deny} that its forces had shelled {town}.",
]
HEDGED = [
    "{S} {hedge} that {ru} {hedge2} advanced in {town}, but said the situation remained unclear.",
    "Geolocated footage published {when} {hedge} that {ru} {hedge2} reached the centre of {town}.",
    "{S} {say} that {ru} {hedge2} entered the eastern districts of {town}, though this could not be confirmed.",
    "It was not immediately possible to verify the claims about {town}.",
    "This claim could not be independently verified.",
    "Neither side's account of the fighting in {town} could be independently confirmed.",
]
QUOTE = [
    '"Our positions near {town} are holding, and the enemy has suffered heavy losses," {s} {say}.',
    '"The situation around {town} is difficult but under control," {s} {say}.',
    '"We are advancing slowly, house by house," {s} {say}, describing the fighting in {town}.',
    '"There is nothing left of {town}; every building has been destroyed," {s} {say}.',
    '"The enemy is throwing everything it has at {town}," {s} told reporters on {weekday}.',
]
BACKGROUND = [
    "{town}, which had a pre-war population of about {pop},000, lies in {oblast} near the {river} river.",
    "The town has been a key target of Russia's offensive since the spring, and most of its residents have fled.",
    "Control of {town} would give Moscow a foothold for an advance on {town2}, a larger city about {km} kilometres to the west.",
    "Russia launched its full-scale invasion of Ukraine in February 2022 and occupies about a fifth of the country.",
    "Peace talks brokered by the United States have stalled, with both sides accusing each other of prolonging the war.",
    "The front line has moved only a few kilometres in the past months despite intense fighting and heavy losses.",
    "Kyiv has repeatedly asked its Western allies for more air defence systems to protect cities and energy infrastructure.",
    "Russian state media have presented the advance as the liberation of {oblast} from what they call a neo-Nazi regime.",
    "The Kremlin has said its goals in what it calls a special military operation remain unchanged.",
    "Humanitarian groups said about {k},000 people remain in {town} without electricity, water or heating.",
    "Ukrainian officials have ordered the mandatory evacuation of families with children from {town} and surrounding villages.",
    "Military analysts said {ru} have been using small infantry groups and drones to infiltrate Ukrainian lines around {town}.",
    "The {river} river has become a natural defensive line for Ukrainian troops in the area.",
    "Moscow claims to have annexed four Ukrainian regions, a move rejected by most of the United Nations General Assembly.",
]
HEADLINES = [
    "Russia claims capture of {town}; Kyiv denies",
    "Heavy fighting near {town} as Russia presses offensive",
    "Ukraine says it repelled assaults near {town}",
    "Missile strike on {city} kills {k}",
    "Ukrainian troops withdraw from positions near {town}",
    "Battle for {town}: what we know",
]


def _date_phrase(r: random.Random, published: dt.date) -> str:
    d = published - dt.timedelta(days=r.randint(0, 10))
    return r.choice(
        [
            f"{d:%B} {d.day}",
            f"{d.day} {d:%B}",
            f"{d:%B} {d.day}, {d.year}",
            "yesterday",
            "on Monday",
            "last week",
            f"on {WEEKDAYS[d.weekday()]}",
            "earlier this month",
            "two days ago",
            "on Sunday night",
            f"{d.isoformat()}",
        ]
    )


def _absolute_date(r: random.Random, published: dt.date) -> str:
    d = published - dt.timedelta(days=r.randint(0, 10))
    return r.choice([f"{d:%B} {d.day}", f"{d.day} {d:%B}", f"{d:%B} {d.day}, {d.year}"])


def _when(r: random.Random, published: dt.date) -> str:
    p = _date_phrase(r, published)
    return "on " + p if p[0].isdigit() or p.split()[0] in _MONTHS else p


_MONTHS = {dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)}


def _speaker(r: random.Random, want: str | None = None) -> str:
    kind = want or r.choices(list(SPEAKERS), weights=[5, 5, 2, 2, 3, 2, 2])[0]
    return r.choice(SPEAKERS[kind])


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _fill(r: random.Random, template: str, published: dt.date, town: str, side_hint: str | None = None) -> str:
    s = _speaker(r, side_hint)
    towns = list(TOWNS)
    oblast = TOWNS.get(town, "Donetsk")
    values = {
        "s": s,
        "S": _cap(s),
        "say": r.choice(SAY_VERBS),
        "deny": r.choice(DENY_VERBS),
        "hedge": r.choice(HEDGE_VERBS),
        "hedge2": r.choice(["may have", "appear to have", "are likely to have", "probably"]),
        "ru": r.choice(UNIT_RU),
        "ua": r.choice(UNIT_UA),
        "town": town,
        "town2": r.choice([t for t in towns if t != town]),
        "city": r.choice(STRIKE_CITIES),
        "weapon": r.choice(WEAPONS),
        "target": r.choice(TARGETS),
        "date": _absolute_date(r, published),
        "when": _when(r, published),
        "weekday": r.choice(WEEKDAYS),
        "n": r.randint(2, 60),
        "k": r.randint(1, 40),
        "m": r.randint(41, 120),
        "pop": r.randint(5, 90),
        "km": r.randint(8, 45),
        "river": r.choice(RIVERS),
        "oblast": r.choice(OBLAST_FORMS).format(o=oblast),
    }
    out = template.format(**values)
    # "Ru-forces ... , X said" templates can start lower-case after substitution
    return _cap(out)


def _paragraph(r: random.Random, published: dt.date, focus: str) -> str:
    kind = r.choices(
        ["capture", "attack", "withdraw", "repelled", "strike", "denial", "hedged", "quote", "background"],
        weights=[3, 4, 2, 3, 3, 2, 2, 2, 4],
    )[0]
    pools = {
        "capture": CAPTURE,
        "attack": ATTACK,
        "withdraw": WITHDRAW,
        "repelled": REPELLED,
        "strike": STRIKE,
        "denial": DENIAL,
        "hedged": HEDGED,
        "quote": QUOTE,
        "background": BACKGROUND,
    }
    side = {"capture": "RU_official", "denial": "UA_official", "repelled": "UA_official", "hedged": "independent"}.get(
        kind
    )
    town = focus if r.random() < 0.6 else r.choice(list(TOWNS))
    n = r.randint(1, 3)
    sents = [
        _fill(r, r.choice(pools[kind]), published, town, side if i == 0 and r.random() < 0.7 else None)
        for i in range(n)
    ]
    if r.random() < 0.35:
        sents.append(_fill(r, r.choice(BACKGROUND + HEDGED[3:]), published, town))
    return " ".join(sents)


def generate_article(seed: int, i: int) -> dict:
    """Article ``i`` of the corpus ``seed``: a dict with text, published, outlet, title, url."""
    r = random.Random(f"{seed}:{i}")
    published = dt.date(2024, 1, 1) + dt.timedelta(days=r.randint(0, 700))
    focus = r.choice(list(TOWNS))
    target_words = r.randint(300, 700)
    title = _fill(r, r.choice(HEADLINES), published, focus)
    paras, words = [], 0
    # lede: a claim about the focus town, usually followed by the other side's answer
    lede = _fill(r, r.choice(CAPTURE + ATTACK + REPELLED), published, focus)
    paras.append(lede)
    words += len(lede.split())
    while words < target_words:
        p = _paragraph(r, published, focus)
        if words + len(p.split()) > 700:
            break
        paras.append(p)
        words += len(p.split())
    outlet = r.choice(OUTLETS)
    return {
        "text": "\n\n".join(paras) + "\n",
        "published": published.isoformat(),
        "outlet": outlet,
        "title": title,
        "url": f"https://news.example/{outlet.lower().replace(' ', '-')}/{seed}/{i}",
    }


def generate(n: int, seed: int = 7) -> Iterator[dict]:
    for i in range(n):
        yield generate_article(seed, i)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--n", type=int, default=1000, help="number of articles (default 1000; the benchmark sizes are 1000 and 10000)"
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="-", help="JSON Lines file (default: stdout)")
    args = ap.parse_args(argv)
    fh = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for art in generate(args.n, args.seed):
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
