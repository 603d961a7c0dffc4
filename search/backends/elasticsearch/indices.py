"""Indices behind an alias: searches read the alias, a rebuild fills a new index beside it.

`{alias}-{timestamp}` are the concrete indices. The alias points at exactly one of them;
while a rebuild runs, the one it fills exists too, and every update is written to both, so
the new index is complete when the alias moves to it in one atomic request: there is no
moment when a search finds nothing.
"""

from __future__ import annotations

import datetime as dt

from elasticsearch import Elasticsearch, NotFoundError

from .analysis import analysis
from .documents import mapping

# Deletes are remembered this long, so that a rebuild's older copy of a document deleted
# meanwhile is refused instead of bringing it back (external versions, see write()).
GC_DELETES = "2h"


def index_settings(mode: str, *, replicas: int = 0) -> dict:
    return {
        "number_of_shards": 1,
        "number_of_replicas": replicas,
        "gc_deletes": GC_DELETES,
        "max_result_window": 10_000,
        "analysis": analysis(mode),
    }


def new_name(alias: str) -> str:
    return f"{alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"


def create(client: Elasticsearch, name: str, mode: str, *, loading: bool = False) -> None:
    settings = index_settings(mode)
    if loading:
        settings["refresh_interval"] = "-1"  # no refreshes while the bulk load runs
        # Not written to disk at every bulk request: a node lost meanwhile loses only the
        # index being built, which the failed rebuild removes anyway.
        settings["translog.durability"] = "async"
    client.indices.create(index=name, settings=settings, mappings=mapping())


def concrete(client: Elasticsearch, alias: str) -> list[str]:
    """Every index of this alias: the live one and any being built."""
    try:
        return sorted(client.indices.get(index=f"{alias}-*", expand_wildcards="open"))
    except NotFoundError:
        return []


def live(client: Elasticsearch, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias))
    except NotFoundError:
        return []


def ensure(client: Elasticsearch, alias: str, mode: str) -> list[str]:
    """The indices to write to; a first, empty index behind the alias if there is none."""
    names = concrete(client, alias)
    if names:
        return names
    name = new_name(alias)
    create(client, name, mode)
    client.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias}}])
    return [name]


def swap(client: Elasticsearch, alias: str, name: str) -> list[str]:
    """Point the alias at `name` alone, in one request; the indices it left, to delete."""
    old = [index for index in live(client, alias) if index != name]
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    return old


def finish_loading(client: Elasticsearch, name: str) -> None:
    settings = {"refresh_interval": None, "translog.durability": None}  # the defaults
    client.indices.put_settings(index=name, settings=settings)
    client.indices.refresh(index=name)
