"""Site search on a made-up corpus: rebuild throughput and query latency, on every engine.

Run: .venv/bin/python bench/search.py [--documents 100000] [--repeat 20] [--naive]
With the project's services (`eval "$(bash scripts/services.sh env)"` first) it also
measures PostgreSQL (DATABASE_URL) and Elasticsearch (ELASTICSEARCH_URL).

Each engine is measured by `manage.py search_benchmark` (search/management/commands/
search_benchmark.py) in a process of its own, on places of its own, created and removed
by it: a temporary SQLite file; a database `search_benchmark_<pid>` on the PostgreSQL
server; an alias and index `<prefix>-search-benchmark-<pid>` on Elasticsearch. Never the
site's data. The corpus (search/benchmark_corpus.py) is the same, seeded, every run.

1. SQLite: the database index written (documents/s) and the database backend's latency.
2. PostgreSQL, when DATABASE_URL names one: the same there; then, when ELASTICSEARCH_URL
   is set, a rebuild of a new Elasticsearch index from that database index (the path of
   `search_index rebuild`) and the Elasticsearch backend's latency. Without PostgreSQL,
   Elasticsearch is measured in the SQLite run.

`--naive` also times the database query without its bounds (every match ranked, every facet
counted over every match; search/benchmark_naive.py), `--naive-repeat` times per query.
Before and after, it prints the machine: cores, memory and load average.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def machine() -> str:
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if "MemTotal" in line
    )
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return f"{os.cpu_count()} cores, {int(memory) / 2**20:.1f} GiB, load average {load}"


def run(label: str, env: dict, arguments: list[str]) -> None:
    print(f"\n## {label} ({machine()})", flush=True)
    command = [sys.executable, str(ROOT / "manage.py"), "search_benchmark", *arguments]
    subprocess.run(command, env=env, cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--naive", action="store_true")
    parser.add_argument("--naive-repeat", type=int, default=5)
    args = parser.parse_args()
    arguments = [f"--documents={args.documents}", f"--repeat={args.repeat}"]
    if args.naive:
        arguments += ["--naive", f"--naive-repeat={args.naive_repeat}"]

    database_url = os.environ.get("DATABASE_URL", "")
    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    postgres = database_url.startswith(("postgres://", "postgresql://"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "VAR_DIR": tempfile.mkdtemp(prefix="bench-search-"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("ELASTICSEARCH_URL", None)
    sqlite = dict(env)
    if elasticsearch_url and not postgres:
        sqlite["ELASTICSEARCH_URL"] = elasticsearch_url
    run(
        "SQLite" + (" and Elasticsearch" if elasticsearch_url and not postgres else ""),
        sqlite,
        arguments,
    )
    if postgres:
        server = {**env, "DATABASE_URL": database_url}
        if elasticsearch_url:
            server["ELASTICSEARCH_URL"] = elasticsearch_url
        run("PostgreSQL" + (" and Elasticsearch" if elasticsearch_url else ""), server, arguments)
    print(f"\nAfter: {machine()}")


if __name__ == "__main__":
    main()
