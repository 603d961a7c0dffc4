"""Server latency of the expert directory with 10,000 members, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/directory.py [--size 10000] [--requests 50]
With DATABASE_URL set to a PostgreSQL server it also measures there (see bench/harness.py).
Prints, per filter combination: SQL queries, p50 and p95 in milliseconds, over N requests
made with Django's test client as a signed-out visitor (the whole stack, no network).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import run

QUERIES = [
    "",
    "?q=government",
    "?country=KE",
    "?action_line=7&region=1",
    "?language=ar&open_to=mentoring&sort=experience",
    "?q=data&country=JO&language=en&action_line=3&action_line=7",
    "?page=200",
]
COUNTRIES = ["JO", "KE", "IT", "BR", "IN", "FR", "EG", "PH", "EE", "CL"]
HEADLINES = [
    "Open government data lead",
    "E-participation researcher",
    "Digital identity architect",
    "Public sector innovation adviser",
]


def populate(size: int) -> None:
    """Members and public profiles in bulk, tagged in a repeating pattern.

    Every profile has an action line, a theme and a language: with no themes at all, the
    theme facet's count takes PostgreSQL another plan, many times slower (docs/benchmarks.md).
    """
    from community.models import ActionLine, Region, Theme
    from members.models import ExpertProfile, Language, User, Visibility

    lines = list(ActionLine.objects.all())
    themes = list(Theme.objects.all())
    regions = list(Region.objects.all())
    languages = list(Language.objects.filter(code__in=["en", "ar", "fr", "es"]))
    users = User.objects.bulk_create(
        User(email=f"bench{n}@example.org", first_name=f"Bench{n}") for n in range(size)
    )
    profiles = ExpertProfile.objects.bulk_create(
        ExpertProfile(
            user=user,
            display_name=f"Bench Expert {n}",
            headline=HEADLINES[n % 4],
            biography="Works on digital government and data.",
            country=COUNTRIES[n % 10],
            region=regions[n % len(regions)],
            years_of_experience=n % 30,
            open_to_mentoring=n % 2 == 0,
            visibility=Visibility.PUBLIC,
        )
        for n, user in enumerate(users)
    )
    ExpertProfile.action_lines.through.objects.bulk_create(
        ExpertProfile.action_lines.through(expertprofile=p, actionline=lines[n % len(lines)])
        for n, p in enumerate(profiles)
    )
    ExpertProfile.themes.through.objects.bulk_create(
        ExpertProfile.themes.through(expertprofile=p, theme=themes[n % len(themes)])
        for n, p in enumerate(profiles)
    )
    ExpertProfile.languages.through.objects.bulk_create(
        ExpertProfile.languages.through(expertprofile=p, language=languages[n % len(languages)])
        for n, p in enumerate(profiles)
    )


if __name__ == "__main__":
    run(
        __file__,
        populate,
        "/experts/",
        QUERIES,
        default_size=10_000,
        bench_database="community_bench_directory",
    )
