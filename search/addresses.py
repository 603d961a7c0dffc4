"""Addresses of results in the reader's language.

Documents are indexed with their address in the default language (/experts/5/,
/partners/un-escwa/report/). A reader of Arabic or French gets the same address with their
language's prefix (/ar/experts/5/), as every link on the site does, so following a result
never switches the language: /ar/<path> serves the page's translation where there is one,
the original otherwise (community/models/translations.py).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation


def default_language_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def in_reader_language(url: str) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    if not url.startswith("/") or language == settings.LANGUAGE_CODE:
        return url
    if url.startswith(default_language_prefixes()):
        return url  # a page of a translated tree: already in its own language
    path, mark, rest = url.partition("#")
    try:
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(path)
        with translation.override(language):
            translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except (Resolver404, NoReverseMatch):
        return url
    return translated + mark + rest
