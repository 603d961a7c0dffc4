"""Django's PostgreSQL backend with one cost removed (base.py); settings.py chooses it."""
