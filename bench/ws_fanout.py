"""Live notifications across two server processes: delivery latency, fan-out, connections.

Run: .venv/bin/python bench/ws_fanout.py [--watchers 1000] [--repeats 200] [--fanouts 5]
Needs REDIS_URL: the channel layer the two processes share, on a Redis database number of
the bench's own (--redis-db, 9), emptied of the layer's keys first. With DATABASE_URL naming a
PostgreSQL server it creates a database of its own there, `community_bench_ws`, and drops it
at the end; without one it uses a throwaway SQLite file, and says so. After migrate +
load_demo it starts two daphne processes on 127.0.0.1: replies are posted over HTTP to A,
every member's WebSocket is connected to B, and one asyncio client process holds them all.

Latency is from the notification's `sent` (its updated_at, written by process A just after
the reply's transaction committed) to the client's time.time() as the message is read: the
same machine clock. Also counted: what each page received, the sends the channel layer
dropped (from A's log), the pages B closed (also over --idle seconds of silence), and every
page's catch-up from the database at the end. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DATABASE = "community_bench_ws"
SOCKET_PATH = "/ws/notifications/"
POSTS_PER_REPLIER = 40  # under the hourly ceiling (60) of a trusted member
WAIT_SECONDS = 30  # the longest any one delivery or reply may take before it counts as lost
OVER_CAPACITY = re.compile(r"(\d+) of \d+ channels over capacity")
CATCH_UP_SECONDS = 300  # for every page's state when all ask at once


# ------------------------------------------------------------------ the world to measure


@dataclass
class World:
    fanout_thread: int
    solo_thread: int
    solo_session: str
    watcher_sessions: list[str]
    replier_sessions: list[str]


def populate(watchers: int, posts_needed: int) -> World:
    """Members, threads, watches and signed-in sessions, written in bulk."""
    from forums.actions.posting import start_thread
    from forums.actions.reactions import set_watch_level
    from forums.models import Watch, WatchLevel
    from tests.factories import CategoryFactory, VerifiedUserFactory
    from tests.forum_bulk import bulk_authors, bulk_thread
    from tests.servers import session_keys_for

    category = CategoryFactory(name="Live notifications bench", slug="live-notifications-bench")
    starter = VerifiedUserFactory(first_name="Starter")
    fanout = start_thread(
        author=starter, category=category, title="Shared registers: who uses them?", body="Go."
    ).thread
    solo = start_thread(
        author=starter, category=category, title="One member, many replies", body="Go."
    ).thread
    # Trusted repliers (joined long ago, three posts each): 60 posts an hour each.
    repliers = [
        VerifiedUserFactory(first_name=f"Replier{n}")
        for n in range(math.ceil(posts_needed / POSTS_PER_REPLIER))
    ]
    bulk_thread(category, 3 * len(repliers), repliers)
    # Only the members measured are told: the starter and the repliers choose "normal".
    for user in [starter, *repliers]:
        for thread in (fanout, solo):
            set_watch_level(user=user, level=WatchLevel.NORMAL, thread=thread)
    members = bulk_authors(watchers, prefix="watcher")
    (solo_member,) = bulk_authors(1, prefix="solo")
    Watch.objects.bulk_create(
        [Watch(user=user, thread=fanout, level=WatchLevel.WATCHING) for user in members]
        + [Watch(user=solo_member, thread=solo, level=WatchLevel.WATCHING)]
    )
    keys = session_keys_for([*members, solo_member, *repliers])
    return World(
        fanout_thread=fanout.pk,
        solo_thread=solo.pk,
        solo_session=keys[solo_member.pk],
        watcher_sessions=[keys[user.pk] for user in members],
        replier_sessions=[keys[user.pk] for user in repliers],
    )


# ------------------------------------------------------------------ the clients


@dataclass
class Listener:
    """One member's open page: every message it reads, with the time it read it, and when
    and how the server closed it, if it did."""

    session_key: str
    socket: object = None
    received: list[tuple[float, dict]] = field(default_factory=list)
    task: asyncio.Task | None = None
    closing: bool = False
    closed_by_server: list[int | None] = field(default_factory=list)

    async def open(self, server) -> Listener:
        from tests.servers import websocket

        self.socket = await websocket(server, SOCKET_PATH, self.session_key, open_timeout=60)
        self.task = asyncio.create_task(self._read(self.socket))
        return self

    async def _read(self, socket) -> None:
        try:
            async for raw in socket:
                self.received.append((time.time(), json.loads(raw)))
        except Exception:
            pass  # closed with an error code: noted below
        if not self.closing:
            self.closed_by_server.append(socket.close_code)

    @property
    def alive(self) -> bool:
        return self.task is not None and not self.task.done()

    def notifications(self) -> list[tuple[float, dict]]:
        return [(t, m) for t, m in self.received if m.get("type") == "notification"]

    def states_since(self, since: float) -> list[dict]:
        return [m for t, m in self.received if m.get("type") == "state" and t >= since]

    async def close(self) -> None:
        self.closing = True
        if self.socket is not None:
            await self.socket.close()
        if self.task is not None:
            await asyncio.wait_for(self.task, 10)


class Repliers:
    """Members posting replies over HTTP to process A, in turn (posting limits, duplicates)."""

    def __init__(self, server, sessions: list[str]):
        from tests.servers import HttpClient

        self.clients = [HttpClient(server, key, timeout=WAIT_SECONDS) for key in sessions]
        self.posted = 0

    def reply(self, thread_id: int, body: str) -> float:
        """Post one reply; returns how long the request took, in ms."""
        client = self.clients[(self.posted // POSTS_PER_REPLIER) % len(self.clients)]
        if client.csrf_token is None:
            assert client.get(f"/forums/t/{thread_id}/").status == 200
        started = time.perf_counter()
        response = client.post(f"/forums/t/{thread_id}/reply/", {"body": body})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status == 302, (response.status, response.text[:300])
        self.posted += 1
        return elapsed


async def wait_for(condition, timeout: float = WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.005)
    return condition()


async def catch_up(server, listeners: list[Listener], rounds: int = 3) -> float:
    """Every page asks for its state at once, as after a restart; a page that B closes before
    it answers opens again and asks again (a few rounds at most). Returns the seconds until
    the last one had its answer."""
    started, since = time.perf_counter(), time.time()
    message = json.dumps({"type": "catch_up", "after": 0, "lang": "en"})
    for _ in range(rounds):
        waiting = [x for x in listeners if not x.states_since(since)]
        if not waiting:
            break
        for listener in waiting:
            if not listener.alive:
                await listener.open(server)
        await asyncio.gather(*(x.socket.send(message) for x in waiting), return_exceptions=True)
        await wait_for(
            lambda waiting=waiting: all(x.states_since(since) or not x.alive for x in waiting),
            CATCH_UP_SECONDS,
        )
    return time.perf_counter() - started


async def close_all(listeners: list[Listener]) -> None:
    await asyncio.wait_for(
        asyncio.gather(*(x.close() for x in listeners), return_exceptions=True), 60
    )


def closed_by_server(listeners: list[Listener]) -> int:
    return sum(len(x.closed_by_server) for x in listeners)


# ------------------------------------------------------------------ the measurements


@dataclass
class Results:
    solo_ms: list[float] = field(default_factory=list)
    solo_post_ms: list[float] = field(default_factory=list)
    solo_expected: int = 0
    solo_received: int = 0
    connections: int = 0
    connections_opened: int = 0
    open_seconds: float = 0.0
    rss_before_kib: int = 0
    rss_after_kib: int = 0
    fanout_ms: list[float] = field(default_factory=list)
    fanout_last_ms: list[float] = field(default_factory=list)
    fanout_post_ms: list[float] = field(default_factory=list)
    fanout_expected: int = 0
    fanout_received: int = 0
    duplicates: int = 0
    closed_while_active: int = 0
    closed_while_idle: int = 0
    idle_seconds: float = 0.0
    close_codes: set = field(default_factory=set)
    catch_up_seconds: list[float] = field(default_factory=list)
    database_agrees: int = 0
    missing_on_open_pages: int = 0
    over_capacity: int = 0


async def one_member(b, world: World, repliers: Repliers, repeats: int, results: Results):
    """One reply at a time in a thread one connected member watches."""
    listener = await Listener(world.solo_session).open(b)
    try:
        await catch_up(b, [listener])
        for n in range(repeats + 1):  # the first one warms both processes, untimed
            if not listener.alive:  # closed by B: reopen, as the page does
                await listener.open(b)
            seen = len(listener.notifications())
            post_ms = await asyncio.to_thread(
                repliers.reply, world.solo_thread, f"Reply {n} at {time.time()}"
            )
            await wait_for(
                lambda seen=seen: len(listener.notifications()) > seen or not listener.alive
            )
            if n == 0:
                continue
            results.solo_expected += 1
            results.solo_post_ms.append(post_ms)
            if len(listener.notifications()) > seen:
                received_at, message = listener.notifications()[seen]
                results.solo_received += 1
                results.solo_ms.append((received_at - message["sent"]) * 1000)
    finally:
        results.closed_while_active += len(listener.closed_by_server)
        results.close_codes |= set(listener.closed_by_server)
        await close_all([listener])


async def open_connections(b, world: World, concurrency: int, results: Results) -> list:
    """Every watcher's page connects to B, `concurrency` handshakes in flight at a time."""
    gate = asyncio.Semaphore(concurrency)
    results.connections = len(world.watcher_sessions)

    async def one(key: str):
        async with gate:
            try:
                return await Listener(key).open(b)
            except Exception as error:
                print(f"connection failed: {error!r}", file=sys.stderr)
                return None

    results.rss_before_kib = b.rss_kib()
    started = time.perf_counter()
    opened = await asyncio.gather(*(one(key) for key in world.watcher_sessions))
    results.open_seconds = time.perf_counter() - started
    listeners = [x for x in opened if x is not None]
    results.connections_opened = len(listeners)
    results.catch_up_seconds.append(await catch_up(b, listeners))
    await asyncio.sleep(1)  # let B settle before reading its memory
    results.rss_after_kib = b.rss_kib()
    return listeners


async def fan_outs(listeners, world: World, repliers: Repliers, fanouts: int, results: Results):
    """Each reply in the thread every connected watcher watches is pushed to all of them."""
    for n in range(fanouts):
        results.fanout_post_ms.append(
            await asyncio.to_thread(
                repliers.reply, world.fanout_thread, f"Fan-out {n} at {time.time()}"
            )
        )
        await wait_for(
            lambda n=n: all(len(x.notifications()) > n or not x.alive for x in listeners)
        )
        latencies = []
        for listener in listeners:
            mine = [m for m in listener.notifications() if m[1]["count"] == n + 1]
            if mine:
                received_at, message = mine[0]
                latencies.append((received_at - message["sent"]) * 1000)
        results.fanout_expected += len(listeners)
        results.fanout_received += len(latencies)
        results.missing_on_open_pages += sum(
            1
            for x in listeners
            if x.alive and not any(m["count"] == n + 1 for _, m in x.notifications())
        )
        results.fanout_ms += latencies
        if latencies:
            results.fanout_last_ms.append(max(latencies))
        await asyncio.sleep(1)  # late duplicates would show up here
    results.duplicates = sum(max(0, len(x.notifications()) - fanouts) for x in listeners)


async def stay_idle(listeners, seconds: float, results: Results) -> None:
    """Open pages with nothing to tell them, as most are most of the time."""
    before = closed_by_server(listeners)
    started = time.monotonic()
    await asyncio.sleep(seconds)
    results.idle_seconds = time.monotonic() - started
    results.closed_while_idle = closed_by_server(listeners) - before


async def database_check(b, listeners, fanouts: int, results: Results) -> None:
    """Every watcher, reconnecting if B closed their page, finds one unread notification
    that counts every reply."""
    since = time.time()
    results.catch_up_seconds.append(await catch_up(b, listeners))
    wording = f"{fanouts} new posts in" if fanouts > 1 else "posted in"
    results.database_agrees = sum(
        1
        for x in listeners
        if (states := x.states_since(since))
        and states[-1]["unread"] == 1
        and wording in states[-1]["missed"][0]["text"]
    )


async def measure(a, b, world: World, args) -> Results:
    results = Results()
    repliers = Repliers(a, world.replier_sessions)
    await one_member(b, world, repliers, args.repeats, results)
    listeners = await open_connections(b, world, args.concurrency, results)
    try:
        await fan_outs(listeners, world, repliers, args.fanouts, results)
        results.closed_while_active += closed_by_server(listeners)
        await stay_idle(listeners, args.idle, results)
        for listener in listeners:
            results.close_codes |= set(listener.closed_by_server)
        await database_check(b, listeners, args.fanouts, results)
    finally:
        await close_all(listeners)
    return results


# ------------------------------------------------------------------ the report


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] if values else math.nan
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def report(results: Results, args, engine: str) -> None:
    solo = percentiles(results.solo_ms)
    fan = percentiles(results.fanout_ms)
    last = max(results.fanout_last_ms) if results.fanout_last_ms else math.nan
    print(f"\n{engine}, Redis channel layer; two daphne processes, one client process")
    print("| case | deliveries | p50 ms | p95 ms | p99 ms | last ms | reply request p50 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| one member, {args.repeats} replies one at a time | "
        f"{results.solo_received:,} of {results.solo_expected:,} | "
        f"{solo[0]:.1f} | {solo[1]:.1f} | {solo[2]:.1f} | {max(results.solo_ms):.1f} | "
        f"{statistics.median(results.solo_post_ms):.0f} |"
    )
    print(
        f"| {results.connections_opened:,} watchers, {args.fanouts} replies | "
        f"{results.fanout_received:,} of {results.fanout_expected:,} | "
        f"{fan[0]:.0f} | {fan[1]:.0f} | {fan[2]:.0f} | {last:.0f} | "
        f"{statistics.median(results.fanout_post_ms):.0f} |"
    )
    lasts = ", ".join(f"{x:.0f}" for x in results.fanout_last_ms)
    posts = ", ".join(f"{x:.0f}" for x in results.fanout_post_ms)
    print(f"\nLast delivery of each fan-out, ms: {lasts}; its reply request, ms: {posts}")
    rate = results.connections_opened / results.open_seconds if results.open_seconds else 0
    per_connection = (results.rss_after_kib - results.rss_before_kib) / max(
        1, results.connections_opened
    )
    catch_ups = " and ".join(f"{x:.1f}" for x in results.catch_up_seconds)
    print(
        "\n| connections | opened in s | per second | B RSS before MiB | after MiB | KiB each "
        "| all catch up at once, s |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {results.connections_opened:,} of {results.connections:,} | "
        f"{results.open_seconds:.2f} | {rate:.0f} | {results.rss_before_kib / 1024:.0f} | "
        f"{results.rss_after_kib / 1024:.0f} | {per_connection:.0f} | {catch_ups} |"
    )
    delivered = results.solo_received + results.fanout_received
    expected = results.solo_expected + results.fanout_expected
    print(
        f"\nDelivered live: {delivered:,} of {expected:,} notifications, "
        f"{results.duplicates} duplicates. Missing on pages still open after "
        f"{WAIT_SECONDS} s: {results.missing_on_open_pages:,}; sends the channel layer "
        f"dropped for want of room (A's log): {results.over_capacity:,}. Pages closed by B: "
        f"{results.closed_while_active} while notifications flowed, "
        f"{results.closed_while_idle} of {results.connections_opened:,} in "
        f"{results.idle_seconds:.0f} s of silence (close codes: "
        f"{', '.join(str(c) for c in sorted(results.close_codes, key=str)) or 'none'}). "
        f"From the database on (re)connecting: {results.database_agrees:,} of "
        f"{results.connections_opened:,} watchers had one unread notification counting all "
        f"{args.fanouts} replies."
    )


# ------------------------------------------------------------------ running it all


def raise_open_file_limit(needed: int) -> str:
    """The client holds one socket per connection; the servers inherit the limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft >= needed:
        return f"open files: soft limit {soft} (enough)"
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return f"open files: soft limit raised from {soft} to {target}"


def clear_layer(redis_url: str) -> None:
    """Forget the groups and queues of earlier runs in the bench's Redis database: their
    members' groups would still list the channels of processes long gone."""
    import redis

    client = redis.Redis.from_url(redis_url, socket_timeout=10)
    keys = list(client.scan_iter(match="community*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])
    client.close()


def with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{path}"))


def psql(url: str, sql: str) -> None:
    command = ["psql", with_path(url, "postgres"), "-qc", sql]
    subprocess.run(command, check=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--watchers", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--fanouts", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=100, help="handshakes in flight")
    parser.add_argument("--idle", type=float, default=60, help="seconds of silence, at the end")
    parser.add_argument("--redis-db", type=int, default=9, help="Redis database number")
    args = parser.parse_args()

    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        sys.exit("bench/ws_fanout.py needs REDIS_URL: two processes share no in-memory layer.")
    print(raise_open_file_limit(2 * args.watchers + 1024))
    var_dir = tempfile.mkdtemp(prefix="bench-ws-")
    site_url = os.environ.get("DATABASE_URL", "")
    on_postgres = site_url.startswith(("postgres://", "postgresql://"))
    if on_postgres:
        database_url, engine = with_path(site_url, BENCH_DATABASE), "PostgreSQL"
        psql(site_url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        psql(site_url, f"CREATE DATABASE {BENCH_DATABASE}")
    else:
        database_url, engine = "", "SQLite"
        print(f"DATABASE_URL names no PostgreSQL server: SQLite in {var_dir}, one writer at a time")
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database_url,
        "REDIS_URL": with_path(redis_url, str(args.redis_db)),
        "ELASTICSEARCH_URL": "",  # replies need no search index here
        "VAR_DIR": var_dir,
    }
    os.environ.update(env)
    os.environ.pop("DEBUG", None)
    clear_layer(env["REDIS_URL"])
    try:
        run(env, args, engine, Path(var_dir))
    finally:
        if on_postgres:
            from django.db import connections

            connections.close_all()
            psql(site_url, f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def run(env: dict, args, engine: str, var_dir: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from tests.servers import daphnes, server_environment

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.perf_counter()
    world = populate(args.watchers, args.repeats + args.fanouts + 2)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    connections.close_all()
    print(f"{args.watchers:,} watchers and their sessions in {time.perf_counter() - started:.1f} s")
    # INFO: the channel layer says there when a message was dropped for want of room.
    with daphnes(2, server_environment(**env, LOG_LEVEL="INFO"), var_dir) as (a, b):
        print(f"process A: pid {a.process.pid}, port {a.port}; B: pid {b.process.pid}, {b.port}")
        results = asyncio.run(measure(a, b, world, args))
    results.over_capacity = sum(
        int(dropped) for dropped in OVER_CAPACITY.findall(a.log.read_text(errors="replace"))
    )
    report(results, args, engine)


if __name__ == "__main__":
    main()
