"""A made-up corpus for the search benchmark: many documents of every kind, every facet
populated, a share of them for members or a private group only.

Titles and texts draw words from the community's vocabulary and from common English,
French and Arabic words with a skewed (Zipf-like) frequency, so that some words are in
most documents and others in a handful, as in real text. Seeded: the same corpus each run.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from .audience import MEMBERS, PUBLIC, Audience, group
from .kinds import Kind
from .sources import Record


def vocabulary(text: str) -> list[str]:
    return text.split()


DOMAIN = vocabulary(
    """
    government digital services public administration citizens open data portal
    interoperability registry identity e-participation transparency accountability
    institutions capacity building knowledge sharing cybersecurity privacy protection
    broadband connectivity divide inclusion procurement partnership cooperation
    regional national municipal strategy policy framework standards platform cloud
    records archives health education agriculture employment environment science
    innovation assessment indicators survey readiness maturity leadership training
    workshop forum summit report toolkit guide dataset case study practice outcome
    """
)
COMMON = vocabulary(
    """
    the of and to in for on with by from this that which its their how what new more
    about between across through within where when results lessons experience review
    approach model design delivery support network community local global countries
    people team project programme year years first second work working group
    """
)
FRENCH = vocabulary(
    """
    gouvernement numérique services publics administration citoyens données ouvertes
    coopération régionale stratégie nationale participation transparence
    """
)
ARABIC = vocabulary(
    """
    الحكومة الإلكترونية الخدمات العامة البيانات المفتوحة التعاون الإقليمي المواطنين
    """
)
RARE = [f"rareterm{n}" for n in range(500)]

KINDS = [
    (Kind.RESOURCE, 40),
    (Kind.EVENT, 10),
    (Kind.PARTNER, 2),
    (Kind.EXPERT, 15),
    (Kind.THREAD, 13),
    (Kind.POST, 20),
]
THEMES = [f"theme-{n}" for n in range(12)]
REGIONS = [f"region-{n}" for n in range(6)]
COUNTRIES = vocabulary(
    """
    JO BH IT CH KE BR IN FR EG MA TN SN GH NG ZA US CA MX AR CL PE CO ID PH VN TH MY PK
    BD LK
    """
)
LANGUAGES = ["en", "en", "en", "fr", "ar", "es"]
PARTNERS = [f"partner-{n}" for n in range(50)]
GROUPS = 5


def _words(rng: random.Random, count: int, language: str) -> list[str]:
    pool = DOMAIN + COMMON
    if language == "fr":
        pool = pool + FRENCH * 3
    elif language == "ar":
        pool = pool + ARABIC * 4
    words = []
    for _ in range(count):
        # Zipf-like: low indexes (the first words of the pool) come up far more often.
        index = min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1)
        words.append(pool[index] if rng.random() < 0.6 else rng.choice(pool))
    if rng.random() < 0.05:
        words[rng.randrange(len(words))] = rng.choice(RARE)
    return words


def _audience(rng: random.Random, kind: str, category: int) -> Audience:
    share = rng.random()
    if kind in {Kind.THREAD, Kind.POST}:
        if share < 0.8:
            return Audience(PUBLIC, category)
        if share < 0.9:
            return Audience(MEMBERS, category)
        return Audience(group(1 + category % GROUPS), category)
    if kind == Kind.EXPERT and share < 0.3:
        return Audience(MEMBERS)
    return Audience(PUBLIC)


def corpus(size: int, seed: int = 7) -> Iterator[Record]:
    rng = random.Random(seed)
    kinds = [kind for kind, weight in KINDS for _ in range(weight)]
    for n in range(1, size + 1):
        kind = rng.choice(kinds)
        language = rng.choice(LANGUAGES)
        title = " ".join(_words(rng, rng.randint(4, 11), language)).capitalize()
        body = " ".join(_words(rng, rng.randint(80, 400), language))
        date = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9500))
        facets = {
            "line": sorted({f"C{rng.randint(1, 11)}" for _ in range(rng.randint(1, 3))}),
            "theme": sorted(set(rng.sample(THEMES, rng.randint(0, 2)))),
            "sdg": sorted({str(rng.choice([16, 16, 17, 9, 4, 5, 11]))}),
            "region": [rng.choice(REGIONS)],
            "country": sorted(set(rng.sample(COUNTRIES, rng.randint(1, 2)))),
            "language": [language],
            "partner": [rng.choice(PARTNERS)] if kind != Kind.THREAD else [],
            "year": [str(date.year)],
        }
        yield Record(
            kind=kind,
            object_id=n,
            title=title,
            body=body,
            summary=" ".join(body.split()[:30]),
            url=f"/benchmark/{kind}/{n}/",
            audience=_audience(rng, kind, category=n % 40),
            date=date,
            language=language,
            facets=facets,
        )
