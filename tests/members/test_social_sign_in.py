"""Social sign-in is there by configuration and off by default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_social_sign_in_is_off_by_default(client):
    assert "allauth.socialaccount" not in settings.INSTALLED_APPS

    html = client.get("/accounts/login/").content.decode()

    assert "provider-list" not in html


def test_naming_providers_in_the_environment_turns_it_on():
    environment = {
        **os.environ,
        "DEBUG": "true",
        "SOCIAL_PROVIDERS": "github, orcid",
        "SOCIAL_GITHUB_CLIENT_ID": "the-client-id",
        "SOCIAL_GITHUB_SECRET": "the-secret",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.management import call_command; call_command('check'); "
        "print(sorted(a for a in settings.INSTALLED_APPS if 'socialaccount' in a)); "
        "print(settings.SOCIALACCOUNT_PROVIDERS)"
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "community.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert (
        "['allauth.socialaccount', 'allauth.socialaccount.providers.github', "
        "'allauth.socialaccount.providers.orcid']" in result.stdout
    )
    assert "'client_id': 'the-client-id'" in result.stdout
    assert "'orcid'" not in result.stdout.splitlines()[-1]  # no credentials: admin instead
