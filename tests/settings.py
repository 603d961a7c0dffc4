"""Settings for the test suite: the real settings, with a throwaway key and fast hashing.

Which services the tests use still comes from the environment, exactly as in production.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ELASTICSEARCH_INDEX_PREFIX", "community_test")

from community.settings import *  # noqa: F403

# Pages under test link unhashed static files, so no collectstatic is needed first.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files straight from the source folders, as the development server does.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
