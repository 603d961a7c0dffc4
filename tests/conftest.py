"""Shared fixtures, and the rule that a test needing a real service never silently skips in CI."""

import io
import os

import pytest
from django.conf import settings
from django.core.management import call_command

SERVICE_MARKERS = {
    "postgres": (
        "DATABASE_URL",
        lambda: settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    ),
    "redis": ("REDIS_URL", lambda: bool(settings.REDIS_URL)),
    "elasticsearch": ("ELASTICSEARCH_URL", lambda: bool(settings.ELASTICSEARCH_URL)),
}


def pytest_collection_modifyitems(config, items):
    """Tests marked for a service run only where it is configured.

    `make test` deselects them in the embedded run and configures every service for the
    second run. Anyone running pytest by hand without a service gets a skip that says what
    to set; with CI=true the same situation is a failure.
    """
    in_ci = os.environ.get("CI", "").lower() == "true"
    for item in items:
        for marker, (variable, configured) in SERVICE_MARKERS.items():
            if marker in item.keywords and not configured():
                message = f"needs {marker}: set {variable} (make test starts it)"
                if in_ci:
                    item.add_marker(pytest.mark.usefixtures("_fail_missing_service"))
                    item.user_properties.append(("missing_service", message))
                else:
                    item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture
def _fail_missing_service(request):
    reasons = [value for key, value in request.node.user_properties if key == "missing_service"]
    pytest.fail("; ".join(reasons))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content once into the test database; each test rolls back its changes."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        # Transactional tests with serialized_rollback restore this snapshot before they
        # run; taken before the demo it would restore the home page as a leaf (numchild=0),
        # and every page below it would answer 404 in the first such test of a session.
        from django.db import connection

        if hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def demo(db):
    """The demo content, as a newcomer's `make run` loads it.

    Transactional tests (browser, tasks) empty the database when they end, so the content
    is loaded again for any test that comes after one of them.
    """
    from community.models import ResourcePage

    if not ResourcePage.objects.exists():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's default language.

    Django's LocaleMiddleware leaves the language of the last request active in the thread,
    and page addresses depend on it now that pages are translated: a request to /ar/ in one
    test would otherwise turn the next test's `page.url` into an Arabic address.
    """
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_navigation():
    """Each test reads the navigation from its own page tree: a rolled-back test's publishing
    leaves the cache as it was, so the navigation cached during it would outlive it."""
    from community import navigation

    navigation.forget()
