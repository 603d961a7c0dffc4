"""Configuration comes from environment variables; unset means the embedded default."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
READ_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "database": settings.DATABASES["default"]["ENGINE"],
    "channel_layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "tasks": settings.TASKS["default"]["BACKEND"],
    "email": settings.EMAIL_BACKEND,
}))
"""
SERVICE_VARIABLES = [
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_ANALYSIS",
    "TASKS_BACKEND",
    "DEBUG",
]


def run_python(code: str, **environment: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES + ["SECRET_KEY"]}
    env.update(DJANGO_SETTINGS_MODULE="community.settings", **environment)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_with(**environment: str) -> dict:
    result = run_python(READ_SETTINGS, SECRET_KEY="x" * 50, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nothing_set_means_the_embedded_default(tmp_path):
    chosen = settings_with(VAR_DIR=str(tmp_path))

    assert chosen == {
        "database": "django.db.backends.sqlite3",
        "channel_layer": "channels.layers.InMemoryChannelLayer",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "search": "wagtail.search.backends.database",
        "tasks": "django_tasks.backends.immediate.ImmediateBackend",
        "email": "django.core.mail.backends.console.EmailBackend",
    }


SQLITE_MODES = """
import django, json
django.setup()
from django.db import connection
PRAGMAS = ("journal_mode", "synchronous")
with connection.cursor() as cursor:
    modes = {p: cursor.execute(f"PRAGMA {p}").fetchone()[0] for p in PRAGMAS}
print(json.dumps({**modes, "begin": connection.transaction_mode}))
"""


def test_the_embedded_database_commits_without_waiting_for_the_disk(tmp_path):
    # Write-ahead log, synced at checkpoints: a reply's commit no longer waits for fsync.
    result = run_python(SQLITE_MODES, SECRET_KEY="x" * 50, VAR_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "journal_mode": "wal",
        "synchronous": 1,  # NORMAL
        "begin": "IMMEDIATE",
    }


def test_production_variables_choose_the_production_services():
    chosen = settings_with(
        DATABASE_URL="postgres://u:p@db.internal:5432/community",
        REDIS_URL="redis://redis.internal:6379/0",
        ELASTICSEARCH_URL="http://search.internal:9200",
        TASKS_BACKEND="database",
    )

    assert chosen["database"] == "community.postgresql"  # Django's, one cost removed
    assert chosen["channel_layer"] == "channels_redis.core.RedisChannelLayer"
    assert chosen["cache"] == "community.redis_cache.RedisCache"
    assert chosen["search"] == "wagtail.search.backends.elasticsearch8"
    assert chosen["tasks"] == "django_tasks_db.DatabaseBackend"


READ_BINDING = """
from django.conf import settings
options = settings.DATABASES["default"].get("OPTIONS", {})
print(options.get("server_side_binding", False), options.get("prepare_threshold"))
"""


@pytest.mark.parametrize(("value", "bound_on_server"), [("", "True 5"), ("false", "False None")])
def test_postgresql_prepares_repeated_statements_unless_told_not_to(value, bound_on_server):
    result = run_python(
        READ_BINDING,
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u:p@db.internal:5432/community",
        DATABASE_SERVER_SIDE_BINDING=value,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == bound_on_server


def test_the_minimal_elasticsearch_distribution_is_served_by_standard_analysis():
    chosen = settings_with(
        ELASTICSEARCH_URL="http://127.0.0.1:59200", ELASTICSEARCH_ANALYSIS="standard"
    )

    assert chosen["search"] == "search.backends.StandardAnalysisElasticsearch8SearchBackend"


def test_without_debug_the_process_refuses_to_start_without_a_secret_key():
    result = run_python("import django; django.setup()")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_an_unknown_task_backend_is_named_in_the_error():
    result = run_python(
        "import django; django.setup()", SECRET_KEY="x" * 50, TASKS_BACKEND="celery"
    )

    assert result.returncode != 0
    assert "TASKS_BACKEND" in result.stderr


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_debug_accepts_the_usual_spellings_of_true(value):
    result = run_python("from django.conf import settings; print(settings.DEBUG)", DEBUG=value)

    assert result.stdout.strip() == "True"


def test_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={
            **{k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES},
            "DJANGO_SETTINGS_MODULE": "community.settings",
            "SECRET_KEY": "a-long-random-production-key-" + "k" * 40,
            "DATABASE_URL": "postgres://u:p@db.internal:5432/community",
            "REDIS_URL": "redis://redis.internal:6379/0",
            "ELASTICSEARCH_URL": "http://search.internal:9200",
            "TASKS_BACKEND": "database",
            "ALLOWED_HOSTS": "community.example.org",
            "SECURE_HTTPS": "true",
            "BEHIND_PROXY": "true",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
