"""What the server-latency benchmarks share: one throwaway database per engine, a table out.

A benchmark module gives `populate(size)` (fills the database after migrate + load_demo),
a base path and a list of query strings; `run(...)` measures them on a throwaway SQLite
database and, when DATABASE_URL names a PostgreSQL server, on a database of its own there
(created, and dropped at the end): never the site's database nor the test database.

For more than signed-out GETs of one page (signed-in clients, POSTs, several pages), a module
passes `cases=`: a function of what `populate` returned, giving a list of `Case`s. Each case
is requested once untimed; then the cases are timed in turn, `--requests` rounds of one
request each; then each is requested once more untimed with Django's query log on, to
count its SQL queries and weigh its HTML. Its table also gives the median CPU time of the
benchmark process. Query strings (`queries=`) are timed one after the other. Before timing,
the process freezes what it has loaded out of the garbage collector, as the site's entry
points do (community/startup.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Case:
    """One row of a table: `request(n)` makes the n-th request (n = 0 is the untimed warm-up)
    with a client of its own and returns the response; `before(n)`, if given, runs untimed
    just before it (to reset what the request changes). The response must have `status`."""

    label: str
    request: Callable[[int], Any]
    before: Callable[[int], None] | None = None
    status: int = 200


def _rounds(cases: list[Case], requests: int) -> list[tuple[list[float], list[float]]]:
    """Wall and CPU timings in ms of each case, requested in turn `requests` times.

    The cases take turns (one request of each, then the next round) so that a slower spell
    of the machine, which can last tens of seconds here, falls on all of them alike instead
    of on whichever case it happens to meet; a server serves such a mix too.
    CPU time is this process's (Django's side, and SQLite's, which runs in it; not the
    PostgreSQL server's): other work on the machine inflates it less than the wall time."""
    timed: list[tuple[list[float], list[float]]] = [([], []) for _ in cases]
    for n in range(1, requests + 1):
        for case, (timings, cpu) in zip(cases, timed, strict=True):
            if case.before is not None:
                case.before(n)
            start, start_cpu = time.perf_counter(), time.process_time()
            response = case.request(n)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == case.status, (case.label, response.status_code)
    return timed


def _counted(case: Case, n: int, connection) -> tuple[int, Any]:
    """The SQL queries of the case's n-th request, made untimed, and its response.

    Counted apart from the timings: Django's query log (what CaptureQueriesContext turns
    on, and what counts BEGIN and COMMIT as the tests do) formats every statement with its
    parameters, time a server process never spends."""
    from django.test.utils import CaptureQueriesContext

    if case.before is not None:
        case.before(n)
    connection.queries_log.clear()  # the log keeps 9,000 queries at most
    with CaptureQueriesContext(connection) as captured:
        response = case.request(n)
    assert response.status_code == case.status, (case.label, response.status_code)
    return len(captured), response


def _percentiles(timings: list[float]) -> str:
    p95 = statistics.quantiles(timings, n=20)[-1]
    return f"{statistics.median(timings):.0f} | {p95:.0f}"


def measure(
    populate: Callable[[int], Any],
    path: str,
    queries: Sequence[str],
    size: int,
    requests: int,
    cases: Callable[[Any], list[Case]] | None = None,
) -> None:
    """In a process whose settings point at the database to measure."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.perf_counter()
    populated = populate(size)
    built = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # What a server process does once loaded (community/asgi.py): the full collections
    # of the garbage collector would otherwise walk the whole site, 160 ms, mid-request.
    from community.startup import freeze_loaded_objects

    freeze_loaded_objects()
    print(f"\n{connection.vendor}: {size:,} rows added in {built:.1f} s")
    if cases is not None:
        print("| request | SQL queries | p50 ms | p95 ms | CPU p50 ms | HTML bytes |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        measured = cases(populated)
        for case in measured:
            if case.before is not None:
                case.before(0)
            case.request(0)  # warm the per-process caches
        timed = _rounds(measured, requests)
        for case, (timings, cpu) in zip(measured, timed, strict=True):
            count, response = _counted(case, requests + 1, connection)
            size_bytes = f"{len(response.content):,}" if response.status_code == 200 else "–"
            row = f"{count} | {_percentiles(timings)} | {statistics.median(cpu):.0f}"
            print(f"| {case.label} | {row} | {size_bytes} |")
        return
    client = Client(HTTP_HOST="localhost")
    client.get(path)  # warm the per-process caches
    print("| query | SQL queries | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    for query in queries:
        label = f"`{query}`" if query else "(none)"
        case = Case(label, lambda n, query=query: client.get(path + query))
        [(timings, _)] = _rounds([case], requests)
        count, _ = _counted(case, requests + 1, connection)
        print(f"| {label} | {count} | {_percentiles(timings)} |")


def _postgres_url(url: str, database: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{database}"


def _psql(url: str, sql: str) -> None:
    subprocess.run(["psql", _postgres_url(url, "postgres"), "-qc", sql], check=True)


def run(
    script: str,
    populate: Callable[[int], Any],
    path: str = "",
    queries: Sequence[str] = (),
    *,
    default_size: int,
    bench_database: str,
    cases: Callable[[Any], list[Case]] | None = None,
) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=default_size)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(populate, path, queries, args.size, args.requests, cases)
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
