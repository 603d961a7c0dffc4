"""What the server-latency benchmarks share: one throwaway database per engine, a table out.

A benchmark module gives `populate(size)` (fills the database after migrate + load_demo),
a base path and a list of query strings; `run(...)` measures them on a throwaway SQLite
database and, when DATABASE_URL names a PostgreSQL server, on a database of its own there
(created, and dropped at the end): never the site's database nor the test database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(
    populate: Callable[[int], None], path: str, queries: list[str], size: int, requests: int
) -> None:
    """In a process whose settings point at the database to measure."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.perf_counter()
    populate(size)
    built = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(HTTP_HOST="localhost")
    client.get(path)  # warm the per-process caches
    print(f"\n{connection.vendor}: {size:,} rows added in {built:.1f} s")
    print("| query | SQL queries | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    for query in queries:
        timings = []
        for _ in range(requests):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(path + query)
                timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, query
        p95 = statistics.quantiles(timings, n=20)[-1]
        label = f"`{query}`" if query else "(none)"
        print(f"| {label} | {len(captured)} | {statistics.median(timings):.0f} | {p95:.0f} |")


def _postgres_url(url: str, database: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{database}"


def _psql(url: str, sql: str) -> None:
    subprocess.run(["psql", _postgres_url(url, "postgres"), "-qc", sql], check=True)


def run(
    script: str,
    populate: Callable[[int], None],
    path: str,
    queries: list[str],
    *,
    default_size: int,
    bench_database: str,
) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=default_size)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(populate, path, queries, args.size, args.requests)
        return

    def child(env: dict) -> None:
        command = [sys.executable, script, "--child", f"--size={args.size}"]
        subprocess.run([*command, f"--requests={args.requests}"], env=env, check=True)

    env = {**os.environ, "VAR_DIR": tempfile.mkdtemp(prefix="bench-")}
    env.pop("DATABASE_URL", None)
    env.pop("ELASTICSEARCH_URL", None)  # listings never search; indexing would only slow
    child(env)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        _psql(url, f"DROP DATABASE IF EXISTS {bench_database}")
        _psql(url, f"CREATE DATABASE {bench_database}")
        try:
            child({**env, "DATABASE_URL": _postgres_url(url, bench_database)})
        finally:
            _psql(url, f"DROP DATABASE IF EXISTS {bench_database}")
