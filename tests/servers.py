"""Real server processes for tests and benchmarks that need more than one: daphne on a free
loopback port, a plain HTTP client that carries a member's session cookie and posts forms
with their CSRF token, and a WebSocket client that connects as that member.

Sessions live in the database, so a session written here is valid in every server process
that shares the database. Every wait has a timeout and every process started is stopped.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
DAPHNE = Path(sys.executable).with_name("daphne")
HOST = "127.0.0.1"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL naming the same PostgreSQL database as `connection.settings_dict`."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if user else ""
    host = settings_dict["HOST"] or HOST
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgres://{credentials}{host}{port}/{settings_dict['NAME']}"


def server_environment(**variables: str) -> dict[str, str]:
    """This process's environment without DEBUG (servers run as in production), plus `variables`."""
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(variables)
    return env


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def ws_url(self, path: str) -> str:
        return f"ws://{HOST}:{self.port}{path}"

    def rss_kib(self) -> int:
        """Resident memory of the server process, from /proc/<pid>/status (Linux)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError(f"no VmRSS for process {self.process.pid}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, timeout: float = 10) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)


def _launch(env: dict[str, str], log_dir: Path) -> Server:
    port = free_port()
    log = log_dir / f"daphne-{port}.log"
    with log.open("wb") as output:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen(
            [str(DAPHNE), "-b", HOST, "-p", str(port), "community.asgi:application"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return Server(port=port, process=process, log=log)


def _answers_health(server: Server) -> bool:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def wait_until_healthy(server: Server, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"daphne on port {server.port} exited:\n{server.log_tail()}")
        if _answers_health(server):
            return
        time.sleep(0.1)
    raise TimeoutError(
        f"daphne on port {server.port} not healthy in {timeout} s:\n{server.log_tail()}"
    )


@contextlib.contextmanager
def daphnes(count: int, env: dict[str, str], log_dir: Path, timeout: float = 60) -> Iterator[list]:
    """`count` daphne processes serving the site, started side by side, always stopped."""
    servers: list[Server] = []
    try:
        for _ in range(count):
            servers.append(_launch(env, log_dir))
        for server in servers:
            wait_until_healthy(server, timeout)
        yield servers
    finally:
        for server in servers:
            server.stop()


def session_data(user) -> dict:
    """What django.contrib.auth.login() stores in the session of a signed-in member."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    return {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }


def session_key_for(user) -> str:
    """A signed-in session for `user`, saved in the database; its key is the cookie value."""
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store.update(session_data(user))
    store.create()
    return store.session_key


def session_keys_for(users: Iterable) -> dict[int, str]:
    """Sessions for many members in one insert: {user id: session key}."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store = SessionStore()
    expires = timezone.now() + timedelta(seconds=store.get_session_cookie_age())
    keys, rows = {}, []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        keys[user.pk] = key
        rows.append(
            Session(
                session_key=key, session_data=store.encode(session_data(user)), expire_date=expires
            )
        )
    Session.objects.bulk_create(rows, batch_size=1000)
    return keys


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


@dataclass
class HttpClient:
    """One visitor of one server over real HTTP (http.client): cookies kept, forms posted
    with the CSRF token of the last page that carried one, redirects not followed."""

    server: Server
    session_key: str | None = None
    timeout: float = 10
    cookies: dict[str, str] = field(default_factory=dict)
    csrf_token: str | None = None

    def __post_init__(self):
        from django.conf import settings

        if self.session_key:
            self.cookies[settings.SESSION_COOKIE_NAME] = self.session_key

    def request(self, method: str, path: str, fields: dict | None = None) -> Response:
        headers = {"Host": f"{HOST}:{self.server.port}", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.server.url
        connection = http.client.HTTPConnection(HOST, self.server.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
            for header in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            response = Response(raw.status, dict(raw.headers.items()), text)
        finally:
            connection.close()
        if token := CSRF_FIELD.search(text):
            self.csrf_token = token.group(1)
        return response

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: dict) -> Response:
        """A form post; GET the page holding the form first, for its CSRF token."""
        if self.csrf_token is None:
            raise RuntimeError(f"no CSRF token yet: GET the page with the form before {path}")
        return self.request("POST", path, {**fields, "csrfmiddlewaretoken": self.csrf_token})


def websocket(server: Server, path: str, session_key: str | None, **options):
    """A WebSocket to `server` as a page of the site would open it (its Origin, the session
    cookie); use as `async with websocket(...) as ws`."""
    from django.conf import settings
    from websockets.asyncio.client import connect

    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"} if session_key else {}
    return connect(
        server.ws_url(path),
        origin=server.url,
        additional_headers=headers,
        proxy=None,
        **{"open_timeout": 10, "close_timeout": 2, **options},
    )
