"""A server process hides what it loaded at start-up from the garbage collector's full
collections, which walked it all (100 to 150 ms) and paused a request each time."""

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import gc, json, sys
import {module}
print(json.dumps({{"frozen": gc.get_freeze_count(), "views": "forums.views" in sys.modules}}))
"""


@pytest.mark.parametrize("module", ["community.asgi", "community.wsgi"])
def test_the_loaded_site_is_frozen_out_of_full_collections(module):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])

    assert probe["views"], "the views are loaded before the freeze, so they are frozen too"
    assert probe["frozen"] > 100_000
