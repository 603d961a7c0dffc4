"""Page weight and query count of the main pages, on the demo content.

Run: .venv/bin/python bench/page_weight.py
Prints, per page: HTML bytes, HTML + linked CSS/JS gzip-compressed bytes, database queries.
Uses a throwaway SQLite database, so it never touches var/.
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = [
    "/",
    "/ar/",
    "/knowledge-base/",
    "/partners/",
    "/events/",
    "/experts/",
    "/search/?q=government",
]


def weigh(client: Client, path: str) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        total += len(gzip.compress(Path(finders.find(asset.decode())).read_bytes()))
    return len(html), total, len(queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client(HTTP_HOST="localhost")
    client.get("/")  # warm caches (site root, content types)
    print(f"{'page':<26}{'HTML bytes':>12}{'gzip HTML+CSS+JS':>18}{'queries':>9}")
    for path in PAGES:
        html, compressed, queries = weigh(client, path)
        print(f"{path:<26}{html:>12}{compressed:>18}{queries:>9}")


if __name__ == "__main__":
    main()
