"""Browser tests talk to the site as production serves it: the ASGI application (HTTP and
WebSockets) under uvicorn, in a thread of the test process so that it shares the test
database and the in-memory channel layer."""

from __future__ import annotations

import socket
import threading
import time

import pytest


class AsgiLiveServer:
    def __init__(self) -> None:
        import uvicorn

        from community.asgi import application

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(
            application, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        # pytest-django's helper fixture enables these around each test, as for its own server.
        from django.test.utils import override_settings

        self._live_server_modified_settings = override_settings(
            ALLOWED_HOSTS=["127.0.0.1", "localhost"]
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def _asgi_server(django_db_setup, django_db_blocker):
    server = AsgiLiveServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_server(_asgi_server, transactional_db):
    """pytest-django's name, served over ASGI so that live notifications work too."""
    return _asgi_server
