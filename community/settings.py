"""Settings for the Community of Expertise platform.

Everything comes from environment variables. Anything unset means the embedded default:
SQLite, an in-memory channel layer, database search and tasks run immediately, so a
newcomer needs nothing but Python. Production sets the variables listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "community",
    "members",
    "forums",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.session_activity.UserSessionActivityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "community.urls"
ASGI_APPLICATION = "community.asgi.application"
WSGI_APPLICATION = "community.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.site_chrome",
            ],
        },
    },
]

# Database: SQLite file by default, anything dj-database-url understands otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default must just work
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'community.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and not DATABASES["default"]["CONN_MAX_AGE"]
    and env_bool("DATABASE_POOL", default=True)
):
    # Each request borrows a connection from psycopg's pool rather than opening one:
    # opening costs more than the queries of a thread page. Persistent connections
    # (DATABASE_CONN_MAX_AGE) are the other way, and the two do not mix.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "2")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "20")),
        "timeout": 10,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_SERVER_SIDE_BINDING", default=True
):
    # Parameters are sent apart from the statement, and psycopg prepares a statement on a
    # connection once it has run five times, so PostgreSQL stops planning the statements
    # every request repeats: a reply's SQL takes 3.6 ms instead of 6.4. Django leaves
    # prepare_threshold off unless it is given. Not through PgBouncer in transaction mode.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with the type check of every join remembered (community/postgresql/).
    DATABASES["default"]["ENGINE"] = "community.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging with NORMAL sync: a commit appends to the log without waiting for
    # the disk (synced at checkpoints; a power cut may lose the last commits, never the
    # file), where the default rollback journal waited for three syncs on every reply and
    # read marker (20 to 50 ms on a busy disk). Readers no longer wait for a writer, and a
    # writer takes its lock when its transaction begins (IMMEDIATE), so two requests
    # writing at once queue for up to 20 s instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: channel layer and cache. Unset: in-process equivalents.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # A Redis that does not answer fails fast: notifications are stored first and
            # delivered on the next page load or reconnect (community/notifications/).
            "CONFIG": {
                # Reads wait longer than channels_redis's 5-second BZPOPMIN, or a quiet
                # socket would be closed after 5 s (redis-py's default read timeout).
                # A pool large enough for bursts of connecting pages (the default of 100
                # refuses the 101st at once).
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_connect_timeout": 2,
                        "socket_timeout": 10,
                        "max_connections": 1000,
                    }
                ],
                "prefix": "community",
                # Messages waiting for one process's sockets share one queue: a fan-out to
                # 1,000 watchers must not overflow it (channels_redis's default is 100).
                "capacity": 5000,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "community.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "community",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    # Room for the posts of many thread pages (forums/post_fragments.py); the default is 300.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Search: Elasticsearch when configured, the database otherwise.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "community")
# "full" uses Wagtail's n-gram analysers; "standard" runs on the minimal distribution.
ELASTICSEARCH_ANALYSIS = os.environ.get("ELASTICSEARCH_ANALYSIS", "full")
ELASTICSEARCH_BACKENDS = {
    "full": "wagtail.search.backends.elasticsearch8",
    "standard": "search.backends.StandardAnalysisElasticsearch8SearchBackend",
}
if ELASTICSEARCH_ANALYSIS not in ELASTICSEARCH_BACKENDS:
    raise ImproperlyConfigured(
        f"ELASTICSEARCH_ANALYSIS={ELASTICSEARCH_ANALYSIS!r} is not known; "
        f"use one of: {', '.join(ELASTICSEARCH_BACKENDS)}."
    )
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": ELASTICSEARCH_BACKENDS[ELASTICSEARCH_ANALYSIS],
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}_",
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": 0}}},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background tasks: run at once by default; the database queue and its worker in production.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r} is not known; use one of: {', '.join(TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# Accounts
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# A link, not a code: it works when the e-mail is opened on another device than the sign-up.
# Following it shows a page with a button (no change on GET), so mail scanners confirm nothing.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_UNIQUE_EMAIL = True
# One address per member; a new one replaces the old only once it is verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = os.environ.get("ACCOUNT_EMAIL_SUBJECT_PREFIX", "[eGov Community] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env_bool("SECURE_HTTPS") else "http"
# Counted in the cache (Redis in production, so every process shares the counts). Failed
# sign-ins lock one address after 5 tries in 5 minutes, whatever the IP address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip,100/h/ip",
    "reset_password": "20/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
# Behind the proxy every request comes from the proxy's address: count the client's address
# from X-Forwarded-For instead (the proxy must append to it), or IP limits would be site-wide.
ALLAUTH_TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT", "1" if env_bool("BEHIND_PROXY") else "0")
)
# Two-factor authentication: an authenticator app (TOTP) and single-use recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "eGov Community")
MFA_RECOVERY_CODE_COUNT = 10
# Sessions list: keep the IP address, browser and last visit up to date.
USERSESSIONS_TRACK_ACTIVITY = True
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# Social sign-in is off unless SOCIAL_PROVIDERS names allauth providers, e.g. "github,google".
# Each one's credentials come from SOCIAL_<PROVIDER>_CLIENT_ID and SOCIAL_<PROVIDER>_SECRET,
# or from a "social application" added in the Django admin.
SOCIAL_PROVIDERS = env_list("SOCIAL_PROVIDERS")
if SOCIAL_PROVIDERS:
    INSTALLED_APPS += ["allauth.socialaccount"] + [
        f"allauth.socialaccount.providers.{provider}" for provider in SOCIAL_PROVIDERS
    ]
    SOCIALACCOUNT_PROVIDERS = {
        provider: {
            "APPS": [
                {
                    "client_id": os.environ[f"SOCIAL_{provider.upper()}_CLIENT_ID"],
                    "secret": os.environ.get(f"SOCIAL_{provider.upper()}_SECRET", ""),
                }
            ]
        }
        for provider in SOCIAL_PROVIDERS
        if os.environ.get(f"SOCIAL_{provider.upper()}_CLIENT_ID")
    }

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "community@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Languages: the interface speaks English, Arabic (right to left) and French.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "العربية"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# Static files are served by WhiteNoise with hashed, compressed names; media from disk.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=True)

# Security: secure by default whenever DEBUG is off and the site is served over HTTPS.
SECURE_HTTPS = env_bool("SECURE_HTTPS")
# With Redis, sessions are read from the cache and written through to the database, so a
# signed-in page does not begin with a query. A per-process cache could keep a session
# another process has ended (signed out), so without Redis they stay in the database.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SECURE_HTTPS else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail allows its own preview frames

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task run is noise; failures are still logged.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # Page edits are in Wagtail's own history; the console keeps warnings.
        "wagtail": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Community of Expertise on eGovernance for Development"
WAGTAILADMIN_BASE_URL = SITE_URL
# Pages have translations in English, Arabic and French (the Locale rows come with the
# community's migrations); editors translate a page with "Translate" in the admin. The page
# tree is not synced: a page nobody translated is served from the English tree under /ar/ and
# /fr/ too (HomePage.route), so no translation means no 404 and no copy. docs/publishing.md.
WAGTAIL_I18N_ENABLED = True
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

COMMUNITY_NAME = _("Community of Expertise on eGovernance for Development")
