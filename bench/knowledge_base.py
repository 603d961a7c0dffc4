"""Server latency of the knowledge base with 10,000 resources, on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/knowledge_base.py [--size 10000] [--requests 50]
With DATABASE_URL set to a PostgreSQL server it also measures there (see bench/harness.py).
Prints, per filter combination: SQL queries, p50 and p95 in milliseconds, over N requests
made with Django's test client as a signed-out visitor (the whole Django and Wagtail stack,
no network).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import run

QUERIES = [
    "",
    "?type=report",
    "?line=C7",
    "?line=C7&country=JO",
    "?type=report&type=dataset&region=arab-states&language=ar",
    "?theme=capacity-building&sdg=16.6&year=2010&year=2011",
    "?publisher=government-of-italy&type=case-study&line=C1&line=C7",
    "?page=250",
]


def populate(size: int) -> None:
    """Published resources in bulk, tagged in a repeating pattern (tests/bulk.py)."""
    from community.models import ResourceIndexPage
    from tests.bulk import bulk_resources

    bulk_resources(ResourceIndexPage.objects.get(), size)


if __name__ == "__main__":
    run(
        __file__,
        populate,
        "/knowledge-base/",
        QUERIES,
        default_size=10_000,
        bench_database="community_bench",
    )
