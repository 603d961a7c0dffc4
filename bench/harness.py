"""What the server-latency benchmarks share: one throwaway database per engine, a table out.

A benchmark module gives `populate(size)` (fills the database after migrate + load_demo),
a base path and a list of query strings; `run(...)` measures them on a throwaway SQLite
database and, when DATABASE_URL names a PostgreSQL server, on a database of its own there
(created, and dropped at the end): never the site's database nor the test database.

For more than signed-out GETs of one page (signed-in clients, POSTs, several pages), a module
passes `cases=`: a function of what `populate` returned, giving a list of `Case`s. Each case
is requested once untimed; then the cases are timed in turn, rounds of one request each;
then each is requested once more untimed with Django's query log on, to count its SQL
queries and weigh its HTML. Its table also gives the median CPU time of the benchmark
process. Query strings (`queries=`) are timed one after the other. Before timing, the
process freezes what it has loaded out of the garbage collector, as the site's entry points
do (community/startup.py).

The engines take turns (`--turns`, 2 by default): SQLite then PostgreSQL, then PostgreSQL
then SQLite, each turn a fresh process and database timing its share of the `--requests`.
This machine runs slower after a minute or two of work; measured one after the other, the
second engine met the slower machine every time, and the merged turns give both the same.
"""

from __future__ import annotations

import argparse
import json
import math
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
    out: str,
    cases: Callable[[Any], list[Case]] | None = None,
) -> None:
    """In a process whose settings point at the database to measure; the timings, counts
    and sizes of each row go to the JSON file `out`, for the parent to merge and print."""
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
    rows = []
    if cases is not None:
        measured = cases(populated)
        for case in measured:
            if case.before is not None:
                case.before(0)
            case.request(0)  # warm the per-process caches
        timed = _rounds(measured, requests)
        for case, (timings, cpu) in zip(measured, timed, strict=True):
            count, response = _counted(case, requests + 1, connection)
            size_bytes = len(response.content) if response.status_code == 200 else None
            rows.append(_row(case.label, timings, cpu, count, size_bytes))
    else:
        client = Client(HTTP_HOST="localhost")
        client.get(path)  # warm the per-process caches
        for query in queries:
            label = f"`{query}`" if query else "(none)"
            case = Case(label, lambda n, query=query: client.get(path + query))
            [(timings, cpu)] = _rounds([case], requests)
            count, _ = _counted(case, requests + 1, connection)
            rows.append(_row(label, timings, cpu, count, None))
    result = {"vendor": connection.vendor, "built": built, "cases": cases is not None}
    Path(out).write_text(json.dumps({**result, "rows": rows}))


def _row(label: str, timings: list[float], cpu: list[float], count: int, size) -> dict:
    return {"label": label, "wall": timings, "cpu": cpu, "queries": count, "bytes": size}


def _merged(turns: list[dict]) -> dict:
    """One engine's turns as one: the timings of each row put together, the counts and
    sizes of the last turn (each turn's are the same but for a digit of a date)."""
    rows = [dict(row) for row in turns[-1]["rows"]]
    for row in rows:
        row["wall"], row["cpu"] = [], []
    for turn in turns:
        for row, timed in zip(rows, turn["rows"], strict=True):
            assert row["label"] == timed["label"], (row["label"], timed["label"])
            row["wall"] += timed["wall"]
            row["cpu"] += timed["cpu"]
    built = ", ".join(f"{turn['built']:.1f}" for turn in turns)
    return {**turns[-1], "rows": rows, "built": built}


def _print_table(engine: dict, size: int) -> None:
    print(f"\n{engine['vendor']}: {size:,} rows added in {engine['built']} s")
    if engine["cases"]:
        print("| request | SQL queries | p50 ms | p95 ms | CPU p50 ms | HTML bytes |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    else:
        print("| query | SQL queries | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    for row in engine["rows"]:
        cells = f"{row['label']} | {row['queries']} | {_percentiles(row['wall'])}"
        if engine["cases"]:
            size_bytes = f"{row['bytes']:,}" if row["bytes"] is not None else "–"
            cells += f" | {statistics.median(row['cpu']):.0f} | {size_bytes}"
        print(f"| {cells} |")


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
    parser.add_argument(
        "--turns", type=int, default=2, help="processes per engine, the engines alternating"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(populate, path, queries, args.size, args.requests, args.out, cases)
        return

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    base_env = {**os.environ}
    base_env.pop("DATABASE_URL", None)
    base_env.pop("ELASTICSEARCH_URL", None)  # listings never search; indexing would only slow
    url = os.environ.get("DATABASE_URL", "")
    engines = ["sqlite"]
    if url.startswith(("postgres://", "postgresql://")):
        engines.append("postgresql")
    per_turn = math.ceil(args.requests / args.turns)
    results: dict[str, list[dict]] = {engine: [] for engine in engines}

    def child(engine: str, turn: int) -> None:
        out = work / f"{engine}-{turn}.json"
        var = work / f"var-{engine}-{turn}"
        var.mkdir()
        env = {**base_env, "VAR_DIR": str(var)}
        if engine == "postgresql":
            _psql(url, f"DROP DATABASE IF EXISTS {bench_database}")
            _psql(url, f"CREATE DATABASE {bench_database}")
            env["DATABASE_URL"] = _postgres_url(url, bench_database)
        command = [sys.executable, script, "--child", f"--size={args.size}"]
        try:
            subprocess.run(
                [*command, f"--requests={per_turn}", f"--out={out}"], env=env, check=True
            )
        finally:
            if engine == "postgresql":
                _psql(url, f"DROP DATABASE IF EXISTS {bench_database}")
        results[engine].append(json.loads(out.read_text()))

    for turn in range(args.turns):
        for engine in engines if turn % 2 == 0 else reversed(engines):
            child(engine, turn)
    print(f"{per_turn * args.turns} requests a row in {args.turns} turns of {per_turn}")
    for engine in engines:
        _print_table(_merged(results[engine]), args.size)
