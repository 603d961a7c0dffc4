"""`manage.py search_benchmark`: index throughput and query latency on a made-up corpus.

Runs on a throwaway database of its own (a temporary SQLite file, or a database created on
the PostgreSQL server DATABASE_URL names, dropped at the end) and, with ELASTICSEARCH_URL,
an alias of its own: never the site's data. Run it once per engine:

    .venv/bin/python manage.py search_benchmark                      # SQLite
    DATABASE_URL=postgres://... manage.py search_benchmark           # PostgreSQL
    ELASTICSEARCH_URL=http://... manage.py search_benchmark          # and Elasticsearch

It prints a Markdown table: documents per second written to the database index and into a
new Elasticsearch index (the rebuild's path), and p50/p95/p99 latency of a mix of queries,
each returning a page of hits with snippets and the counts of every facet. Each row also
says what the timed call returned: the total ("1,000+" when capped), how many facets have
counts, and how many of the page's hits have a snippet. `--naive` also times the database
query without its bounds (search/benchmark_naive.py), `--naive-repeat` times per query.

Before the timings the heap the process holds then (Django, Wagtail and the site's modules,
most of it) is frozen out of the garbage collector, as a server should do once it has
started (see docs/benchmarks.md): otherwise every full collection walks it, about 140 ms
on the benchmark machine, and lands in whichever search is running. `--no-freeze` measures
without, and each table says how many full collections ran while its queries did.
"""

from __future__ import annotations

import gc
import importlib
import os
import tempfile
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from search import backends
from search.audience import MEMBERS, PUBLIC, Reader, group
from search.backends import database_backend
from search.benchmark_corpus import corpus
from search.benchmark_naive import NaiveDatabaseBackend
from search.indexing import entries_in_batches
from search.kinds import Kind
from search.models import EntryFacet, PendingUpdate, SearchEntry
from search.query import DATE, SearchQuery
from search.text import clean_query

BATCH = 1000
WARM_UP = 3  # untimed runs of each query first: caches and the database's plans
VISITOR = Reader.anonymous()
MEMBER = Reader(levels=(PUBLIC, MEMBERS, group(1)))


@dataclass
class Case:
    label: str
    text: str = ""
    filters: dict | None = None
    sort: str = "relevance"
    reader: Reader = VISITOR

    def query(self) -> SearchQuery:
        return SearchQuery(
            typed=self.text, text=clean_query(self.text), filters=self.filters or {}, sort=self.sort
        )


CASES = [
    Case("one word, common", "government"),
    Case("one word, rare", "rareterm17"),
    Case("two words", "open data"),
    Case("three words", "digital public services"),
    Case("common word, filtered", "government", {"kind": ["resource"], "line": ["C7"]}),
    Case("filters only, by date", "", {"line": ["C7"], "country": ["KE"]}, DATE),
    Case("member, two words", "capacity building", reader=MEMBER),
    Case("French", "gouvernement numérique"),
    Case("Arabic", "الحكومة"),
    Case("misspelt (spelling)", "govrenment"),
]


class FullCollections:
    """The durations of the garbage collector's full collections while it listens (ms)."""

    def __init__(self) -> None:
        self.durations: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.durations.append((time.perf_counter() - self._started) * 1000)

    def stop(self) -> None:
        gc.callbacks.remove(self._callback)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Command(BaseCommand):
    help = "Index throughput and query latency of the site search on a made-up corpus."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=20, help="Timed runs of each query.")
        parser.add_argument(
            "--naive", action="store_true", help="Also time the database query unbounded."
        )
        parser.add_argument("--naive-repeat", type=int, default=5)
        parser.add_argument(
            "--no-freeze",
            action="store_true",
            help="Leave the process's heap to the garbage collector's full collections.",
        )

    def handle(
        self,
        *args,
        documents: int,
        repeat: int,
        naive: bool,
        naive_repeat: int,
        no_freeze: bool,
        **options,
    ) -> None:
        self.freeze = not no_freeze
        original = dict(connection.settings_dict)
        cleanup = self._throwaway_database()
        remote = None
        try:
            self._create_tables()
            rows = [("Database index write", *self._write_database(documents))]
            if settings.ELASTICSEARCH_URL:
                remote = self._elasticsearch()
                rows.append(
                    ("Elasticsearch rebuild (new index, alias swap)", *self._rebuild(remote))
                )
            self.stdout.write(f"\n{documents:,} documents on {connection.vendor}\n")
            self.stdout.write("| Index | documents | seconds | documents/s |")
            self.stdout.write("| --- | ---: | ---: | ---: |")
            for label, count, seconds in rows:
                self.stdout.write(
                    f"| {label} | {count:,} | {seconds:.1f} | {count / seconds:,.0f} |"
                )
            for backend in [database_backend(), *([remote] if remote else [])]:
                self._latencies(backend, repeat)
            if naive:
                self._latencies(NaiveDatabaseBackend(), naive_repeat)
        finally:
            try:
                if remote is not None:
                    self._drop_elasticsearch(remote)
            finally:  # the database goes even when Elasticsearch does not answer
                backends.reset()
                cleanup(original)

    # The throwaway places --------------------------------------------------------------

    def _throwaway_database(self):
        if connection.vendor == "sqlite":
            handle, path = tempfile.mkstemp(suffix=".sqlite3", prefix="search-benchmark-")
            os.close(handle)
            connection.close()
            connection.settings_dict["NAME"] = path

            def cleanup(original):
                connection.close()
                connection.settings_dict.update(original)
                os.unlink(path)

            return cleanup
        name = f"search_benchmark_{os.getpid()}"
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        connection.settings_dict["NAME"] = name

        def cleanup(original):
            connection.close()
            connection.settings_dict.update(original)
            with connection.creation._nodb_cursor() as cursor:
                # FORCE: the connection pool keeps connections to it open (closing one
                # hands it back to the pool).
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return cleanup

    def _create_tables(self) -> None:
        with connection.schema_editor() as editor:
            for model in [SearchEntry, EntryFacet, PendingUpdate]:
                editor.create_model(model)
        # What the migrations add besides the models (search/migrations/0002 to 0006).
        steps = [
            ("0002_fulltext", "create"),
            ("0003_title_prefixes", "create"),
            ("0004_postgres_words_on_the_entry", "forwards"),
            ("0005_sqlite_facet_words", "create"),
            ("0006_sqlite_facets_beside_the_words", "forwards"),
        ]
        for name, function in steps:
            migration = importlib.import_module(f"search.migrations.{name}")
            with connection.schema_editor() as editor:
                getattr(migration, function)(None, editor)

    def _elasticsearch(self):
        from search.backends.elasticsearch import ElasticsearchBackend

        backend = ElasticsearchBackend(
            settings.ELASTICSEARCH_URL,
            alias=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search-benchmark-{os.getpid()}",
            analysis=settings.ELASTICSEARCH_ANALYSIS,
        )
        backends.use(backend)
        return backend

    def _drop_elasticsearch(self, backend) -> None:
        from search.backends.elasticsearch import indices

        for name in indices.concrete(backend.client, backend.alias):
            backend.client.options(ignore_status=404).indices.delete(index=name)

    # Measuring -------------------------------------------------------------------------

    def _write_database(self, documents: int) -> tuple[int, float]:
        database = database_backend()
        batch, written, started = [], 0, time.perf_counter()
        for record in corpus(documents):
            batch.append(record)
            if len(batch) == BATCH:
                database.write(batch)
                written += len(batch)
                batch = []
                self.stderr.write(f"\rdatabase index: {written:,}", ending="")
        database.write(batch)
        written += len(batch)
        self.stderr.write("")
        if connection.vendor == "postgresql":
            # What autovacuum does on a server after a bulk write, done now rather than
            # during the timings: the dead row versions that writing each entry's words
            # after the entry leaves are cleared, the visibility map set, statistics taken.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        return written, time.perf_counter() - started

    def _rebuild(self, backend) -> tuple[int, float]:
        started = time.perf_counter()
        sent = backend.rebuild(list(Kind.values), entries_in_batches(Kind.values, BATCH))
        return sent, time.perf_counter() - started

    def _settle(self) -> None:
        """What the timings start from: the heap collected once and, unless --no-freeze,
        frozen, as a server freezes what it loaded at start (gc.freeze())."""
        started = time.perf_counter()
        gc.collect()
        took = (time.perf_counter() - started) * 1000
        self.stdout.write(
            f"A full collection of this process's {len(gc.get_objects()):,} objects took "
            f"{took:.0f} ms; heap {'frozen' if self.freeze else 'not frozen'}."
        )
        if self.freeze:
            gc.freeze()

    def _latencies(self, backend, repeat: int) -> None:
        self.stdout.write(f"\n{backend.name} ({connection.vendor} database index)\n")
        self._settle()
        full = FullCollections()
        self.stdout.write("| Query | results | facets | snippets | p50 ms | p95 ms | p99 ms |")
        self.stdout.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        everything: list[float] = []
        for case in CASES:
            query = case.query()
            for _ in range(WARM_UP):
                backend.search(query, case.reader)
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                results = backend.search(query, case.reader)
                timings.append((time.perf_counter() - started) * 1000)
            everything += timings
            # What the timed calls returned (the last one's): hits, counts and snippets.
            facets = sum(1 for counts in results.facets.values() if counts)
            assert not results.hits or facets >= 5, (case.label, results.facets.keys())
            snippets = sum(1 for hit in results.hits if hit.snippet)
            total = f"{results.total:,}{'+' if results.capped else ''}"
            self.stdout.write(
                f"| {case.label} | {total} | {facets} | {snippets} of {len(results.hits)} | "
                f"{percentile(timings, 0.5):.1f} | {percentile(timings, 0.95):.1f} | "
                f"{percentile(timings, 0.99):.1f} |"
            )
        self.stdout.write(
            f"| **all** | | | | {percentile(everything, 0.5):.1f} | "
            f"{percentile(everything, 0.95):.1f} | {percentile(everything, 0.99):.1f} |"
        )
        full.stop()
        self.stdout.write(
            "\nFull (generation 2) collections while the queries ran (warm-ups too): "
            f"{len(full.durations)}"
            + (f", the longest {max(full.durations):.0f} ms" if full.durations else "")
        )
