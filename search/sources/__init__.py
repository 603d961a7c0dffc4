"""Where each kind of document comes from. Keys name documents: "resource:12", "post:7"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from search.kinds import Kind

from .base import FACET_KEYS, Record, Source
from .experts import ExpertSource
from .forums import PostSource, ThreadSource
from .pages import EventSource, PartnerSource, ResourceSource

SOURCES: dict[str, Source] = {
    source.kind: source
    for source in [
        ResourceSource(),
        EventSource(),
        PartnerSource(),
        ExpertSource(),
        ThreadSource(),
        PostSource(),
    ]
}

__all__ = ["FACET_KEYS", "SOURCES", "Record", "Source", "key", "parse_key", "records_for_keys"]


def key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


def parse_key(value: str) -> tuple[str, int] | None:
    kind, _, object_id = value.partition(":")
    if kind not in Kind.values or not object_id.isdigit():
        return None
    return kind, int(object_id)


def records_for_keys(keys: Iterable[str]) -> tuple[list[Record], list[str]]:
    """The current records of these documents, and the keys of those no longer findable."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for value in keys:
        parsed = parse_key(value)
        if parsed:
            by_kind[parsed[0]].append(parsed[1])
    records: list[Record] = []
    gone: list[str] = []
    for kind, ids in by_kind.items():
        found, missing = SOURCES[kind].records_for(ids)
        records += found
        gone += [key(kind, pk) for pk in missing]
    return records, gone
