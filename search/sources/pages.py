"""Resources, events and partner organisations: Wagtail pages, found when public_pages says so."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from wagtail.models import Site

from community.models import EventPage, PartnerPage, ResourcePage
from community.visibility import public_pages
from search.audience import PUBLIC, Audience
from search.kinds import Kind
from search.text import plain_text

from .base import Record, Source, countries_of, year_of

TAXONOMY = ("action_lines", "themes", "sdg_targets__goal", "regions")


def with_addresses(pages: list) -> list:
    """The pages, each told the site root paths once for all (Wagtail would read them from
    the cache for every page, which is most of the time a rebuild spends on addresses)."""
    roots = Site.get_site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = roots
    return pages


def public_partner_ids() -> set[int]:
    return set(public_pages(PartnerPage.objects.all()).values_list("pk", flat=True))


def streamfield_text(page, field_name: str) -> str:
    field = page._meta.get_field(field_name)
    return plain_text(
        " ".join(str(part) for part in field.get_searchable_content(getattr(page, field_name)))
    )


def taxonomy_facets(page) -> dict[str, list[str]]:
    return {
        "line": [line.code for line in page.action_lines.all()],
        "theme": [theme.slug for theme in page.themes.all()],
        "sdg": sorted({str(target.goal.number) for target in page.sdg_targets.all()}, key=int),
        "region": [region.slug for region in page.regions.all()],
        "country": countries_of(page.countries),
    }


def taxonomy_words(page) -> str:
    """The names of a page's topics, so that "open data" finds what is tagged with it."""
    names = [line.title for line in page.action_lines.all()]
    names += [theme.title for theme in page.themes.all()]
    names += [target.title for target in page.sdg_targets.all()]
    names += [region.name for region in page.regions.all()]
    return " ".join(names)


class ResourceSource(Source):
    kind = Kind.RESOURCE
    model = ResourcePage

    def indexable(self):
        return (
            public_pages(ResourcePage.objects.all())
            .select_related("publisher")
            .prefetch_related(*TAXONOMY, "authors__member__profile", "attachments__document")
        )

    def records(self, objects: Iterable[ResourcePage]) -> list[Record]:
        partners = public_partner_ids()
        records = []
        for page in with_addresses(list(objects)):
            facets = taxonomy_facets(page)
            facets["language"] = [page.language] if page.language else []
            facets["partner"] = [page.publisher.slug] if page.publisher_id in partners else []
            facets["year"] = year_of(page.publication_date)
            body = " ".join(
                [
                    page.summary,
                    streamfield_text(page, "body"),
                    " ".join(author.display_name for author in page.authors.all()),
                    " ".join(attachment.label for attachment in page.attachments.all()),
                    page.publisher.title if page.publisher_id in partners else "",
                    taxonomy_words(page),
                ]
            )
            records.append(
                Record(
                    kind=self.kind,
                    object_id=page.pk,
                    title=page.title,
                    body=" ".join(body.split()),
                    summary=page.summary,
                    url=page.get_url() or "",
                    audience=Audience(PUBLIC),
                    date=page.publication_date,
                    language=page.language,
                    facets=facets,
                    expires_at=page.expire_at,
                )
            )
        return records


class EventSource(Source):
    kind = Kind.EVENT
    model = EventPage

    def indexable(self):
        return public_pages(EventPage.objects.all()).prefetch_related(
            *TAXONOMY, Prefetch("organisers", queryset=PartnerPage.objects.only("slug", "title"))
        )

    def records(self, objects: Iterable[EventPage]) -> list[Record]:
        partners = public_partner_ids()
        objects = list(objects)
        # The partner each event lives under organises it too (EventPage.organising_partners).
        parents = {
            page.path[: -page.steplen]: page
            for page in PartnerPage.objects.filter(
                pk__in=partners, path__in={event.path[: -event.steplen] for event in objects}
            ).only("slug", "title", "path")
        }
        records = []
        for page in with_addresses(objects):
            organisers = [partner for partner in page.organisers.all() if partner.pk in partners]
            parent = parents.get(page.path[: -page.steplen])
            if parent is not None and parent not in organisers:
                organisers.insert(0, parent)
            facets = taxonomy_facets(page)
            facets["country"] = countries_of(page.country, facets["country"])
            facets["partner"] = [partner.slug for partner in organisers]
            facets["year"] = year_of(page.start)
            body = " ".join(
                [
                    page.summary,
                    streamfield_text(page, "body"),
                    streamfield_text(page, "agenda"),
                    page.venue,
                    page.city,
                    page.languages,
                    page.interpretation,
                    " ".join(partner.title for partner in organisers),
                    taxonomy_words(page),
                ]
            )
            records.append(
                Record(
                    kind=self.kind,
                    object_id=page.pk,
                    title=page.title,
                    body=" ".join(body.split()),
                    summary=page.summary,
                    url=page.get_url() or "",
                    audience=Audience(PUBLIC),
                    date=page.start.date(),
                    facets=facets,
                    expires_at=page.expire_at,
                )
            )
        return records


class PartnerSource(Source):
    kind = Kind.PARTNER
    model = PartnerPage

    def indexable(self):
        return public_pages(PartnerPage.objects.all()).select_related("region")

    def records(self, objects: Iterable[PartnerPage]) -> list[Record]:
        records = []
        for page in with_addresses(list(objects)):
            body = " ".join(
                [
                    page.acronym,
                    page.summary,
                    plain_text(page.description),
                    str(page.get_kind_display()),
                    page.region.name if page.region_id else "",
                ]
            )
            records.append(
                Record(
                    kind=self.kind,
                    object_id=page.pk,
                    title=page.title,
                    body=" ".join(body.split()),
                    summary=page.summary,
                    url=page.get_url() or "",
                    audience=Audience(PUBLIC),
                    facets={
                        "region": [page.region.slug] if page.region_id else [],
                        "country": countries_of(page.country),
                        "partner": [page.slug],
                    },
                    expires_at=page.expire_at,
                )
            )
        return records
