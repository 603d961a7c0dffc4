"""Pages in several languages: addresses, listings and the "possibly outdated" rule.

The site's pages are written in the default language (English) in one tree; a translation is
a copy of a page in another locale's tree (Wagtail's `translation_key` links them), made in
the admin with "Translate". The tree is not synced, so most pages have no translation:

- `/ar/<path>` serves the Arabic translation where there is a live one at that path and the
  English original otherwise (HomePage.route), so a link never ends in a 404;
- a page of the English tree, linked while the reader reads Arabic, gets its `/ar/` address
  (TranslatablePage.get_url_parts), so the reader stays in the language they chose;
- listings show each page once, in the reader's language where it is translated
  (in_reader_language);
- a translation is *possibly outdated* when its original has been published since the
  translation was (outdated_against).

docs/publishing.md ("Translations") tells editors how to use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language_info, pgettext_lazy
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site
from wagtail.query import PageQuerySet

from community.visibility import is_public, public_pages


def default_language() -> str:
    """The language of the site's original pages: the default locale's."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def reader_language() -> str:
    """The content language matching the interface language of this request."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return default_language()


# Language names as they read inside a sentence ("l'original en anglais"), for translators;
# until a catalogue has them, Django's own names are used.
NAMES_IN_A_SENTENCE = {
    "en": ("English", pgettext_lazy("language name inside a sentence", "English")),
    "ar": ("Arabic", pgettext_lazy("language name inside a sentence", "Arabic")),
    "fr": ("French", pgettext_lazy("language name inside a sentence", "French")),
}


def language_name(code: str) -> str:
    """The language's name in the reader's language ("English", "الإنجليزية", "anglais")."""
    if code in NAMES_IN_A_SENTENCE:
        english, name = NAMES_IN_A_SENTENCE[code]
        if str(name) != english or reader_language() == "en":
            return str(name)
    return str(get_language_info(code)["name_translated"])


def default_language_version(page: Page) -> Page | None:
    """The page of the default language's tree with the same translation_key (any state);
    None for a page of that tree itself, or a page nobody wrote in the default language."""
    return translation_in(page, default_language())


def translation_in(page: Page, language: str) -> Page | None:
    """The page's translation (any state, aliases too) in the tree of `language`, or None if
    that is the page's own tree or it has none there. One query: a translation is always of
    the same page type."""
    if tree_language(page) == language:
        return None
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale__language_code=language)
        .exclude(pk=page.pk)
        .first()
    )


def original_of(page: Page) -> Page | None:
    """The original `page` translates (any state), or None: for a page in the default
    language, and for an alias (an alias shows its original's content as it is, so it is
    never behind)."""
    if page.alias_of_id:
        return None
    if isinstance(page, TranslatablePage):
        original = page.in_default_language()
        return None if original.pk == page.pk else original
    return default_language_version(page)


def outdated_against(page: Page, original: Page | None = None) -> Page | None:
    """The original this translation is older than, or None: the "possibly outdated" rule.

    A translation is possibly outdated when its original (same translation_key, default
    locale) has been published after the translation's own last publication. A translation
    never published is compared by its latest revision instead (for the admin; readers only
    ever see published ones). Every publication of the original counts, even one that
    changed nothing that matters: the marker says "possibly".
    """
    original = original if original is not None else original_of(page)
    if original is None or original.last_published_at is None:
        return None
    translated_at = page.last_published_at or page.latest_revision_created_at
    if translated_at is not None and original.last_published_at <= translated_at:
        return None
    return original


def tree_language(page: Page, request=None) -> str:
    """The language of the tree the page sits in, from Wagtail's cached site root paths.

    No query, unlike `page.locale.language_code`, so listings can ask it of every page.
    """
    roots = page._get_relevant_site_root_paths(request)
    return roots[0].language_code if roots else page.locale.language_code


def in_reader_language(originals: PageQuerySet) -> PageQuerySet:
    """Each page of a listing once: its public translation in the reader's language where it
    has one, else the original itself.

    `originals` are public pages; only those of the default language count (a translation
    of an event still names its organisers, and must not be listed beside its original). The
    result is a queryset of the same model, so a listing filters, counts, orders and
    paginates it as before, with the same number of queries (translations are found in
    subqueries).
    """
    originals = originals.filter(locale__language_code=default_language())
    reader = reader_language()
    if reader == default_language():
        return originals
    model = originals.model
    translations = public_pages(
        model.objects.filter(
            locale__language_code=reader,
            alias_of__isnull=True,
            translation_key__in=originals.values("translation_key"),
        )
    )
    untranslated = originals.exclude(translation_key__in=translations.values("translation_key"))
    return model.objects.filter(
        Q(pk__in=untranslated.values("pk")) | Q(pk__in=translations.values("pk"))
    )


@dataclass(frozen=True)
class OutdatedNotice:
    """What the reader of a possibly outdated translation is told, and where the original is."""

    language: str
    language_name: str
    updated: dt.datetime
    url: str


def in_reader_language_url_parts(page: Page, parts, request=None):
    """Wagtail's address parts of a page, except for a page of the default language's tree
    while the reader reads another language: then its address in that language (/ar/<path>),
    which serves the translation at that path if there is one, else the page itself."""
    if parts is None or parts[2] is None:
        return parts
    reader = reader_language()
    roots = page._get_relevant_site_root_paths(request)
    if not roots or roots[0].language_code != default_language() or reader == default_language():
        return parts
    site_id, root_url, _ = parts
    with translation.override(reader):
        path = reverse("wagtail_serve", args=(page.url_path[len(roots[0].root_path) :],))
    return site_id, root_url, path


def url_in(page: Page, language: str, request=None) -> str | None:
    """The page's address for a reader of `language`, as `page.url` gives it to our page
    models, for a plain Page too. Relative on the request's site, full otherwise."""
    with translation.override(language):
        parts = in_reader_language_url_parts(page, Page.get_url_parts(page, request), request)
    if parts is None or parts[2] is None:
        return None
    site_id, root_url, path = parts
    site = Site.find_for_request(request) if request is not None else None
    one_site = len({root.site_id for root in page._get_site_root_paths(request)}) == 1
    return path if one_site or (site is not None and site.pk == site_id) else root_url + path


class TranslatablePage:
    """Mixin for the site's page models: addresses and context for pages in several languages."""

    def get_url_parts(self, request=None):
        """Wagtail's address, in the reader's language for pages of the original tree."""
        return in_reader_language_url_parts(self, super().get_url_parts(request=request), request)

    def in_default_language(self) -> Page:
        """The page of the original tree: this page, or the one it translates or aliases.
        Listings on a translated page list the original's children, in the reader's
        language (in_reader_language)."""
        if "_in_default_language" not in self.__dict__:
            self._in_default_language = default_language_version(self) or self
        return self._in_default_language

    @property
    def content_language(self) -> str:
        """The language the page's content is written in: its tree's, or its original's for
        an alias."""
        page = self.alias_of.specific if self.alias_of_id else self
        return tree_language(page)

    def public_versions(self) -> dict[str, Page]:
        """This page and its public translations, by language, aliases left out.

        Kept on the page: serving it asks once, for the redirect and the language switcher.
        """
        if "_public_versions" not in self.__dict__:
            versions = list(
                Page.objects.live()
                .filter(translation_key=self.translation_key, alias_of__isnull=True)
                .exclude(expire_at__lte=timezone.now())
            )
            if len(versions) > 1:  # this page is served, so public; the others may not be
                public = public_pages(Page.objects.filter(pk__in=[v.pk for v in versions]))
                ids = set(public.values_list("pk", flat=True)) | {self.pk}
                versions = [version for version in versions if version.pk in ids]
            self._public_versions = {tree_language(version): version for version in versions}
        return self._public_versions

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = self.content_language
        # Set as lang="..." on the content when it is not in the interface's language.
        context["content_language"] = "" if language == reader_language() else language
        context["outdated_translation"] = self.outdated_notice(request)
        return context

    def outdated_notice(self, request=None) -> OutdatedNotice | None:
        """For readers: only about a public original, linked in its own language."""
        original = original_of(self)
        if original is None or outdated_against(self, original) is None:
            return None
        if not is_public(original):
            return None
        language = default_language()
        url = url_in(original, language, request)
        if not url:
            return None
        return OutdatedNotice(language, language_name(language), original.last_published_at, url)

    def get_sitemap_urls(self, request=None):
        # The address in the page's own language, whatever the crawler's Accept-Language.
        with translation.override(tree_language(self, request)):
            return super().get_sitemap_urls(request)


def page_language_links(page: TranslatablePage, request) -> list[dict]:
    """The language switcher of a page: for each language, the page's public translation in it
    where there is one (an hreflang alternate), else the original in that language's interface,
    else that language's home page.

    A sub-page of a routable page (a call's submit/) and the query string (the knowledge
    base's filters) are kept.
    """
    versions = page.public_versions()
    original = versions.get(default_language())
    here = page.get_url(request) or ""
    rest = request.path[len(here) :] if here and request.path.startswith(here) else ""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    links = []
    for code, name in settings.LANGUAGES:
        version = versions.get(code)
        target = version or original
        url = url_in(target, code, request) if target is not None else None
        if url:
            url = f"{url}{rest}{query}"
        else:
            # Nothing to read in that language here (a page written only in Arabic, whose
            # original is gone): that language's home page rather than a 404.
            with translation.override(code):
                url = reverse("wagtail_serve", args=("",))
        links.append({"code": code, "name": name, "url": url, "alternate": version is not None})
    return links
