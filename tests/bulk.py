"""Many published resources, fast: rows written in bulk instead of one Wagtail save each.

Wagtail creates a page with several queries (tree, revision, search index); 10,000 of them
would take minutes. Here the page tree rows and the resource rows are inserted in batches,
with paths computed as treebeard would. The pages are live and public, as if published;
they have no revisions and are not in the search index, which listings do not need.
Used by tests/community/test_knowledge_base_listing.py and bench/knowledge_base.py.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from community.models import ActionLine, PartnerPage, Region, ResourcePage, SDGTarget, Theme

TYPES = [value for value, _ in ResourcePage.ResourceType.choices]
COUNTRIES = ["JO", "BH", "IT", "CH", "KE", "BR", "IN", "FR", "EG", "MA"]
LANGUAGES = ["en", "ar", "fr", "es"]


def bulk_resources(parent: Page, count: int, *, live: bool = True, batch: int = 1000) -> list[int]:
    """Add `count` resources under `parent`, tagged in a repeating pattern; return their ids."""
    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(ResourcePage)
    locale = parent.locale if parent.locale_id else Locale.get_default()
    lines = list(ActionLine.objects.all())
    themes = list(Theme.objects.all())
    targets = list(SDGTarget.objects.all())
    regions = list(Region.objects.all())
    partners = list(PartnerPage.objects.live())
    last = parent.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
    now = timezone.now()
    ids: list[int] = []
    with transaction.atomic():
        for start in range(0, count, batch):
            numbers = range(start, min(start + batch, count))
            pages = [
                Page(
                    title=f"Bulk resource {first_step + n}",
                    draft_title=f"Bulk resource {first_step + n}",
                    slug=f"bulk-resource-{first_step + n}",
                    path=Page._get_path(parent.path, parent.depth + 1, first_step + n),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}bulk-resource-{first_step + n}/",
                    content_type=content_type,
                    locale=locale,
                    live=live,
                    has_unpublished_changes=not live,
                    first_published_at=now - dt.timedelta(minutes=n) if live else None,
                    last_published_at=now - dt.timedelta(minutes=n) if live else None,
                )
                for n in numbers
            ]
            Page.objects.bulk_create(pages)
            if not all(page.pk for page in pages):  # SQLite before 3.35 gives no ids back
                paths = [page.path for page in pages]
                by_path = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
                for page in pages:
                    page.pk = page.id = by_path[page.path]
            resources = []
            for n, page in zip(numbers, pages, strict=True):
                resource = ResourcePage(
                    page_ptr_id=page.pk,
                    resource_type=TYPES[n % len(TYPES)],
                    summary=f"A resource made in bulk, number {n}.",
                    publisher=partners[n % len(partners)] if partners else None,
                    publication_date=dt.date(2000 + n % 25, 1 + n % 12, 1),
                    language=LANGUAGES[n % len(LANGUAGES)],
                    countries=[COUNTRIES[n % len(COUNTRIES)]],
                )
                resources.append(resource)
            _insert_child_rows(resources)
            _link(ResourcePage.action_lines.through, "actionline", lines, pages, numbers)
            _link(ResourcePage.themes.through, "theme", themes, pages, numbers)
            _link(ResourcePage.sdg_targets.through, "sdgtarget", targets, pages, numbers)
            _link(ResourcePage.regions.through, "region", regions, pages, numbers)
            ids.extend(page.pk for page in pages)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    return ids


def _insert_child_rows(resources: list[ResourcePage]) -> None:
    """INSERT the resource table's own columns for pages whose tree rows already exist.

    bulk_create refuses multi-table inheritance, so the insert Django's save() would do for
    the child table is issued directly, for a whole batch.
    """
    fields = list(ResourcePage._meta.local_concrete_fields)
    for resource in resources:
        for field in fields:
            if getattr(resource, field.attname, None) is None and field.has_default():
                setattr(resource, field.attname, field.get_default())
    ResourcePage._base_manager._insert(resources, fields=fields, using="default")


def _link(through, target: str, items: list, pages: list[Page], numbers) -> None:
    if not items:
        return
    rows = [
        through(**{"resourcepage_id": page.pk, f"{target}_id": items[n % len(items)].pk})
        for n, page in zip(numbers, pages, strict=True)
    ]
    through.objects.bulk_create(rows)
