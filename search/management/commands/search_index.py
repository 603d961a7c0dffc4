"""`manage.py search_index rebuild | status | drain`: the site search's indexes.

rebuild  reads every findable document from the database, rewrites the database index and,
         with Elasticsearch configured, fills a new index with bulk requests and moves the
         alias to it when it is complete: searches keep answering from the old one meanwhile.
status   per kind: what the database holds that may be found, what the database index and
         Elasticsearch hold, and the updates still waiting for Elasticsearch.
drain    sends Elasticsearch the updates it missed while it could not be reached.
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import BackendUnavailable, database_backend, get_backend
from search.indexing import drain, entry_count, rebuild, total_documents
from search.kinds import Kind
from search.models import PendingUpdate
from search.sources import SOURCES


class Progress:
    """A progress bar on a terminal, a line every tenth of the way elsewhere."""

    WIDTH = 30

    def __init__(self, total: int, out, enabled: bool = True):
        self.total = max(total, 1)
        self.done = 0
        self.out = out
        self.enabled = enabled
        self.started = time.monotonic()
        self.tty = hasattr(out, "isatty") and out.isatty()
        self.last_tenth = -1

    def __call__(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        share = min(self.done / self.total, 1.0)
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        filled = int(share * self.WIDTH)
        line = (
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{self.done:,}/{self.total:,} documents, {rate:,.0f}/s"
        )
        if self.tty:
            self.out.write("\r" + line, ending="")
            self.out.flush()
        elif int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.out.write(line)

    def close(self) -> None:
        if self.enabled and self.tty:
            self.out.write("")


class Command(BaseCommand):
    help = "Rebuild the site search's indexes, compare them with the database, or send "
    help += "Elasticsearch the updates it missed."

    def add_arguments(self, parser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        build = commands.add_parser("rebuild", help="Rebuild the indexes from the database.")
        build.add_argument(
            "--kind",
            action="append",
            choices=Kind.values,
            help="Only this kind (repeatable); the others are left as they are.",
        )
        build.add_argument("--no-progress", action="store_true", help="No progress bar.")
        build.add_argument(
            "--elasticsearch-only",
            action="store_true",
            help="Refill Elasticsearch from the database index, without rewriting it first.",
        )
        status = commands.add_parser("status", help="Documents per kind, database vs index.")
        status.add_argument(
            "--check", action="store_true", help="Exit with 1 when an index differs."
        )
        commands.add_parser("drain", help="Send the updates Elasticsearch missed.")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_rebuild(
        self, kind=None, no_progress=False, elasticsearch_only=False, verbosity=1, **options
    ) -> None:
        kinds = kind or list(SOURCES)
        show = bool(not no_progress and verbosity)
        if not elasticsearch_only and show:
            self.stdout.write("Database index, from the site's content:")
        progress = Progress(total_documents(kinds), self.stdout, show and not elasticsearch_only)
        remote = get_backend() is not database_backend()
        remote_progress = None
        if remote:
            remote_progress = Progress(0, self.stdout, show)  # its total is known later

            def started_remote(count: int, bar=remote_progress) -> None:
                if bar.done == 0 and show:
                    progress.close()
                    self.stdout.write("Elasticsearch, a new index from the database index:")
                    bar.total = max(entry_count(kinds), 1)
                bar(count)

        try:
            report = rebuild(
                kinds,
                progress=progress,
                remote_progress=started_remote if remote else None,
                database=not elasticsearch_only,
            )
        except BackendUnavailable as error:
            raise CommandError(
                f"Elasticsearch could not be reached ({error}). The database index was "
                "rewritten; nothing in Elasticsearch changed. Run the rebuild again once it "
                "answers (with --elasticsearch-only to skip the database index)."
            ) from error
        finally:
            progress.close()
            if remote_progress is not None:
                remote_progress.close()
        if not verbosity:
            return
        if not elasticsearch_only:
            for name, count in report.counts.items():
                self.stdout.write(f"{name}: {count:,}")
            rate = report.total / max(report.seconds, 1e-6)
            self.stdout.write(
                f"Database index: {report.total:,} documents in {report.seconds:.1f} s "
                f"({rate:,.0f} per second); removed {report.removed:,} no longer findable."
            )
        if report.remote_documents is not None:
            rate = report.remote_documents / max(report.remote_seconds, 1e-6)
            self.stdout.write(
                f"Elasticsearch: {report.remote_documents:,} documents in "
                f"{report.remote_seconds:.1f} s ({rate:,.0f} per second), alias "
                f"{get_backend().describe()}."
            )
        self.stdout.write(self.style.SUCCESS("Rebuilt."))

    def handle_status(self, check=False, **options) -> None:
        backend = get_backend()
        remote = backend is not database_backend()
        database = database_backend().counts_by_kind()
        remote_counts: dict[str, int] | None = None
        if remote:
            try:
                remote_counts = backend.counts_by_kind()
            except BackendUnavailable as error:
                self.stderr.write(f"Elasticsearch could not be reached: {error}")
        header = f"{'kind':<10} {'findable':>10} {'db index':>10}"
        if remote:
            header += f" {'elastic':>10}"
        self.stdout.write(header)
        differs = False
        for kind, source in SOURCES.items():
            findable = source.count()
            counts = [database.get(kind, 0)]
            row = f"{kind:<10} {findable:>10,} {counts[0]:>10,}"
            if remote:
                if remote_counts is None:
                    row += f" {'?':>10}"
                    counts.append(-1)
                else:
                    counts.append(remote_counts.get(kind, 0))
                    row += f" {counts[-1]:>10,}"
            if any(count != findable for count in counts):
                differs = True
                row += "  differs"
            self.stdout.write(row)
        pending = PendingUpdate.objects.count()
        self.stdout.write(f"Updates waiting for Elasticsearch: {pending:,}")
        if remote:
            self.stdout.write(f"Index: {backend.describe()}")
        if differs:
            self.stdout.write(self.style.WARNING("An index differs from the database."))
            if check:
                sys.exit(1)
        else:
            self.stdout.write(self.style.SUCCESS("The indexes match the database."))

    def handle_drain(self, verbosity=1, **options) -> None:
        sent = total = 0
        while True:
            sent = drain(due_only=False)
            total += sent
            if not sent:
                break
        left = PendingUpdate.objects.count()
        if verbosity:
            self.stdout.write(f"Sent {total:,} updates; {left:,} still waiting.")
        if left:
            raise CommandError("Elasticsearch did not take every update; try again later.")
