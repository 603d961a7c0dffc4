"""Filling a new index: bulk requests sent while the next batch is read.

Read from the database and sent one after the other, a rebuild kept one core busy at a
time: the database and Python while Elasticsearch waited, then Elasticsearch while they
waited. Here up to IN_FLIGHT bulk requests run in threads of their own (they only talk to
Elasticsearch; the batches are read in the calling thread, which holds the database
connection), so Elasticsearch indexes on more than one thread while the next batch is read.
One more request than a two-core node has write threads: while it answers one, the next is
already there to take, instead of on its way (on 30,000 documents under load, about 1,200
documents/s instead of 1,000 with two).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from search.sources import Record

IN_FLIGHT = 3


def load(
    send: Callable[[list[Record]], None],
    batches: Iterable[list[Record]],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Send every batch; the documents sent. The first failure is raised, once the
    requests already under way have ended."""
    sent = 0
    pending: deque[tuple[Future, int]] = deque()

    def finish_oldest() -> None:
        nonlocal sent
        future, count = pending.popleft()
        future.result()
        sent += count
        if progress is not None:
            progress(count)

    with ThreadPoolExecutor(max_workers=IN_FLIGHT, thread_name_prefix="search-load") as pool:
        try:
            for batch in batches:
                if len(pending) == IN_FLIGHT:
                    finish_oldest()
                pending.append((pool.submit(send, batch), len(batch)))
            while pending:
                finish_oldest()
        except BaseException:
            for future, _ in pending:
                future.cancel()
            raise
    return sent
