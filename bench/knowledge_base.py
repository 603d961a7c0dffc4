"""Server latency of the knowledge base with 10,000 resources, on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/knowledge_base.py [--resources 10000] [--requests 50]
Always measures a throwaway SQLite database. With DATABASE_URL set to a PostgreSQL server it
also measures a database of its own, `community_bench` on that server (created, and dropped
at the end): never the site's database nor the test database.
Prints, per filter combination: SQL queries, p50 and p95 in milliseconds, over N requests
made with Django's test client (the whole Django and Wagtail stack, no network).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATABASE = "community_bench"

COMBINATIONS = [
    "",
    "?type=report",
    "?line=C7",
    "?line=C7&country=JO",
    "?type=report&type=dataset&region=arab-states&language=ar",
    "?theme=capacity-building&sdg=16.6&year=2010&year=2011",
    "?publisher=government-of-italy&type=case-study&line=C1&line=C7",
    "?page=250",
]


def measure(resources: int, requests: int) -> None:
    """In a process whose settings point at the database to measure."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from community.models import ResourceIndexPage
    from tests.bulk import bulk_resources

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.perf_counter()
    bulk_resources(ResourceIndexPage.objects.get(), resources)
    built = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(HTTP_HOST="localhost")
    client.get("/knowledge-base/")  # warm caches
    print(f"\n{connection.vendor}: {resources:,} resources added in {built:.1f} s")
    print("| filters | queries | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    for query in COMBINATIONS:
        timings = []
        for _ in range(requests):
            connection.queries_log.clear()  # the log keeps 9,000 queries at most
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get("/knowledge-base/" + query)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, query
        p95 = statistics.quantiles(timings, n=20)[-1]
        label = f"`{query}`" if query else "(none)"
        print(f"| {label} | {len(queries)} | {statistics.median(timings):.0f} | {p95:.0f} |")


def run_child(env: dict, resources: int, requests: int) -> None:
    command = [sys.executable, __file__, "--child", f"--resources={resources}"]
    subprocess.run([*command, f"--requests={requests}"], env=env, check=True)


def postgres_url(url: str, database: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{database}"


def psql(url: str, sql: str) -> None:
    subprocess.run(["psql", postgres_url(url, "postgres"), "-qc", sql], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.resources, args.requests)
        return

    env = {**os.environ, "VAR_DIR": tempfile.mkdtemp(prefix="bench-kb-")}
    env.pop("DATABASE_URL", None)
    env.pop("ELASTICSEARCH_URL", None)  # the listing never searches; indexing would only slow
    run_child(env, args.resources, args.requests)

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        psql(url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        psql(url, f"CREATE DATABASE {BENCH_DATABASE}")
        try:
            env = {**env, "DATABASE_URL": postgres_url(url, BENCH_DATABASE)}
            run_child(env, args.resources, args.requests)
        finally:
            psql(url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")


if __name__ == "__main__":
    main()
