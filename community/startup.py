"""What a server process does once the site is loaded, before its first request."""

import gc

from django.urls import get_resolver


def freeze_loaded_objects() -> None:
    """Move everything loaded so far out of the cyclic garbage collector's sight.

    Django, Wagtail and the site make some 230,000 long-lived objects. Every full
    collection walked them all, 100 to 150 ms on this project's machine, pausing whichever
    request was running, and freed none of them (docs/benchmarks.md, search). The URLconf
    is loaded first, so that the views and forms it imports are frozen too.
    """
    get_resolver().url_patterns  # noqa: B018  (imports every view module)
    gc.collect()
    gc.freeze()
