"""Load the demo content into the database, as often as you like.

Every object is found by its natural key (number, code, slug under its parent, e-mail) and
updated in place, so a second run creates nothing new. A page gets a new revision only when
its content changed, so re-running does not pile up revisions or log entries either.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo
from collections.abc import Iterable
from typing import Any, TextIO, TypeVar

from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.html import format_html
from modelcluster.models import get_all_child_m2m_relations
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from community.models import (
    ActionLine,
    CallIndexPage,
    CallPage,
    EventIndexPage,
    EventPage,
    HomePage,
    PartnerIndexPage,
    PartnerPage,
    Region,
    ResourceIndexPage,
    ResourcePage,
    SDGTarget,
    SustainableDevelopmentGoal,
    Theme,
)
from forums.models import Category, Post, Thread
from forums.rendering import render_post
from members.models import ExpertProfile, Language, User

from . import data, forum_data

P = TypeVar("P", bound=Page)


def load_demo(stdout: TextIO | None = None) -> dict[str, int]:
    """Create or update all the demo content in one transaction; return how many of each."""
    with transaction.atomic():
        counts = {
            "action lines": load_action_lines(),
            "SDGs": load_goals(),
            "SDG targets": load_targets(),
            "themes": load_themes(),
            "regions": load_regions(),
        }
        home = update_home_page(stdout)
        partner_index = publish_index(home, PartnerIndexPage, data.PARTNER_INDEX, stdout)
        event_index = publish_index(home, EventIndexPage, data.EVENT_INDEX, stdout)
        resource_index = publish_index(home, ResourceIndexPage, data.KNOWLEDGE_BASE_INDEX, stdout)
        counts["index pages"] = 3
        partners = load_partners(partner_index, stdout)
        counts["partners"] = len(partners)
        counts["events"] = load_events(event_index, partners, stdout)
        counts["resources"] = load_resources(resource_index, partners, stdout)
        counts["calls"] = load_calls(home, stdout)
        counts["translated pages"] = load_translations(home, stdout)
        counts["sample experts"] = load_experts()
        counts["forum categories"], counts["sample threads"] = load_forums()
    return counts


# --- Taxonomy -------------------------------------------------------------------------------


def load_action_lines() -> int:
    for number, title in data.ACTION_LINES:
        ActionLine.objects.update_or_create(number=number, defaults={"title": title})
    return len(data.ACTION_LINES)


def load_goals() -> int:
    for number, title in data.SUSTAINABLE_DEVELOPMENT_GOALS:
        SustainableDevelopmentGoal.objects.update_or_create(
            number=number, defaults={"title": title}
        )
    return len(data.SUSTAINABLE_DEVELOPMENT_GOALS)


def load_targets() -> int:
    for goal_number, code, title in data.SDG_TARGETS:
        goal = SustainableDevelopmentGoal.objects.get(number=goal_number)
        SDGTarget.objects.update_or_create(code=code, defaults={"goal": goal, "title": title})
    return len(data.SDG_TARGETS)


def load_themes() -> int:
    for slug, title in data.THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"title": title})
    return len(data.THEMES)


def load_regions() -> int:
    for slug, name in data.REGIONS:
        Region.objects.update_or_create(slug=slug, defaults={"name": name})
    return len(data.REGIONS)


def tags(item: data.EventData | data.ResourceData) -> dict[str, Any]:
    """The TaggedContent fields of a page, looked up from the natural keys in the data."""
    return {
        "action_lines": list(ActionLine.objects.filter(number__in=item.action_lines)),
        "themes": list(Theme.objects.filter(slug__in=item.themes)),
        "sdg_targets": list(SDGTarget.objects.filter(code__in=item.sdg_targets)),
        "regions": list(Region.objects.filter(slug__in=item.regions)),
        "countries": list(item.countries),
    }


# --- Pages ----------------------------------------------------------------------------------


def snapshot(page: Page) -> str:
    """The page's content as Wagtail would store it in a revision, for spotting changes."""
    content = page.serializable_data()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField) and isinstance(content.get(field.name), str):
            # Stored as JSON text whose key order depends on the database (jsonb sorts keys).
            content[field.name] = json.loads(content[field.name])
    for relation in get_all_child_m2m_relations(page):
        # Many-to-many links have no order: [7, 11] and [11, 7] are the same organisers.
        content[relation.name] = sorted(content[relation.name])
    return json.dumps(content, cls=DjangoJSONEncoder, sort_keys=True)


def publish_page(
    parent: Page,
    page_class: type[P],
    slug: str,
    fields: dict[str, Any],
    stdout: TextIO | None,
    moved_from: Page | None = None,
) -> P:
    """Create the child page with this slug, or update it; publish through a revision.

    moved_from: where an older version of the demo put the page; it is moved here, not
    duplicated, so databases loaded before the content moved under partners stay clean.
    """
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None and moved_from is not None:
        earlier = page_class.objects.child_of(moved_from).filter(slug=slug).first()
        if earlier is not None:
            earlier.move(parent, pos="last-child")
            page = page_class.objects.get(pk=earlier.pk)
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
        action = "created"
    else:
        before = snapshot(page)
        for name, value in fields.items():
            setattr(page, name, value)
        if snapshot(page) == before and page.live and not page.has_unpublished_changes:
            return page
        action = "updated"
    page.save_revision().publish()
    say(stdout, f"{action} {page_class._meta.verbose_name} {page.url_path}")
    return page


def stream(owner: str, blocks: Iterable[tuple[str, Any]]) -> list[dict[str, Any]]:
    """Raw StreamField data whose block ids stay the same from one run to the next."""
    return [
        {"type": kind, "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{owner}#{i}"))}
        for i, (kind, value) in enumerate(blocks)
    ]


def rich_text(paragraphs: Iterable[str]) -> str:
    return "".join(format_html("<p>{}</p>", paragraph) for paragraph in paragraphs)


def in_utc(wall_clock: dt.datetime, time_zone: str) -> dt.datetime:
    """A local wall-clock time as the aware UTC datetime the database stores."""
    return wall_clock.replace(tzinfo=zoneinfo.ZoneInfo(time_zone)).astimezone(dt.UTC)


def update_home_page(stdout: TextIO | None) -> HomePage:
    # The migration made a HomePage the root of the default site; the others translate it.
    home = HomePage.objects.get(locale=Locale.get_default())
    before = snapshot(home)
    home.tagline = data.HOME_TAGLINE
    home.introduction = data.HOME_INTRODUCTION
    home.aims = stream("demo:home:aims", (("aim", aim) for aim in data.HOME_AIMS))
    if snapshot(home) != before or home.has_unpublished_changes:
        home.save_revision().publish()
        say(stdout, "updated home page")
    return home


def publish_index(
    home: HomePage, page_class: type[P], index: data.IndexPageData, stdout: TextIO | None
) -> P:
    fields = {"title": index.title, "intro": index.intro}
    return publish_page(home, page_class, index.slug, fields, stdout)


def load_partners(index: PartnerIndexPage, stdout: TextIO | None) -> dict[str, PartnerPage]:
    """Publish the partner pages; return them by slug for events and resources to link to."""
    regions = {region.slug: region for region in Region.objects.all()}
    partners = {}
    for partner in data.PARTNERS:
        fields = {
            "title": partner.title,
            "acronym": partner.acronym,
            "kind": partner.kind,
            "summary": partner.summary,
            "description": rich_text(partner.description),
            "website": partner.website,
            "country": partner.country,
            "region": regions.get(partner.region),
            "is_lead": partner.is_lead,
        }
        partners[partner.slug] = publish_page(index, PartnerPage, partner.slug, fields, stdout)
    return partners


def load_events(
    index: EventIndexPage, partners: dict[str, PartnerPage], stdout: TextIO | None
) -> int:
    """Each event lives under its first organiser, whose editors look after it."""
    for event in data.EVENTS:
        fields = {
            "title": event.title,
            "summary": event.summary,
            "start": in_utc(event.start, event.time_zone),
            "end": in_utc(event.end, event.time_zone),
            "time_zone": event.time_zone,
            "event_format": event.event_format,
            "venue": event.venue,
            "city": event.city,
            "country": event.country,
            "languages": event.languages,
            "organisers": [partners[slug] for slug in event.organisers],
            "body": stream(
                f"demo:event:{event.slug}", (("text", rich_text([p])) for p in event.body)
            ),
            **tags(event),
        }
        organiser = partners[event.organisers[0]]
        publish_page(organiser, EventPage, event.slug, fields, stdout, moved_from=index)
    return len(data.EVENTS)


def resource_body(resource: data.ResourceData) -> list[dict[str, Any]]:
    blocks = [("text", rich_text([paragraph])) for paragraph in resource.body]
    if resource.quote:
        blocks.append(("quote", resource.quote))
    return stream(f"demo:resource:{resource.slug}", blocks)


def load_resources(
    index: ResourceIndexPage, partners: dict[str, PartnerPage], stdout: TextIO | None
) -> int:
    for resource in data.RESOURCES:
        fields = {
            "title": resource.title,
            "resource_type": resource.resource_type,
            "summary": resource.summary,
            "body": resource_body(resource),
            "publication_date": resource.publication_date,
            "last_reviewed": resource.last_reviewed,
            "language": resource.language,
            "licence": resource.licence,
            "featured": resource.featured,
            **tags(resource),
        }
        # Under its publisher's page: that is what makes the partner its publisher.
        publisher = partners[resource.publisher]
        publish_page(publisher, ResourcePage, resource.slug, fields, stdout, moved_from=index)
    return len(data.RESOURCES)


def load_calls(home: HomePage, stdout: TextIO | None) -> int:
    index = publish_page(
        home,
        CallIndexPage,
        data.CALL_INDEX.slug,
        {"title": data.CALL_INDEX.title, "intro": data.CALL_INDEX.intro},
        stdout,
    )
    for call in data.CALLS:
        fields = {
            "title": call.title,
            "kind": call.kind,
            "summary": call.summary,
            "description": rich_text(call.description),
            "deadline": call.deadline,
        }
        publish_page(index, CallPage, call.slug, fields, stdout)
    return len(data.CALLS)


# --- Translations ---------------------------------------------------------------------------


def load_translations(home: HomePage, stdout: TextIO | None) -> int:
    """The home page and the events index, in Arabic and French.

    Parents first: a translation lives under the translation of its parent.
    """
    events = EventIndexPage.objects.child_of(home).get(slug=data.EVENT_INDEX.slug)
    pages = [(home, data.HOME_TRANSLATIONS), (events, data.EVENT_INDEX_TRANSLATIONS)]
    count = 0
    for original, translations in pages:
        for item in translations:
            translate_page(original, item, stdout)
            count += 1
    return count


def translate_page(original: P, item: data.TranslationData, stdout: TextIO | None) -> P:
    """Create or update the translation, as an editor would with "Translate" in the admin."""
    locale = Locale.objects.get(language_code=item.language)
    page = original.get_translation_or_none(locale)
    action = "updated"
    if page is None:
        # A draft copy under the translation of the parent, linked by translation_key.
        page = original.copy_for_translation(locale)
        action = "created"
    before = snapshot(page)
    owner = f"demo:{original.url_path}:{item.language}"
    for name, value in item.fields.items():
        if name == "aims":
            value = stream(f"{owner}:aims", (("aim", aim) for aim in value))
        setattr(page, name, value)
    if snapshot(page) == before and page.live and not page.has_unpublished_changes:
        return page
    page.save_revision().publish()
    if item.translated_on is not None:
        # As if translated back then: older than its original, which was published at load.
        Page.objects.filter(pk=page.pk).update(
            first_published_at=item.translated_on, last_published_at=item.translated_on
        )
    say(stdout, f"{action} {item.language} translation of {original.url_path}")
    return page


# --- Sample experts -------------------------------------------------------------------------


def load_experts() -> int:
    for expert in data.SAMPLE_EXPERTS:
        profile, _ = ExpertProfile.objects.update_or_create(
            user=sample_user(expert),
            defaults={
                "display_name": expert.display_name,
                "headline": expert.headline,
                "biography": expert.biography,
                "affiliation": expert.affiliation,
                "country": expert.country,
                "region": Region.objects.get(slug=expert.region),
                "visibility": expert.visibility,
                "open_to_mentoring": True,
                "open_to_peer_review": True,
                "is_sample": True,
            },
        )
        codes = [code.strip() for code in expert.languages.split(",")]
        profile.languages.set(Language.objects.filter(code__in=codes))
        profile.action_lines.set(ActionLine.objects.filter(number__in=expert.action_lines))
        profile.themes.set(Theme.objects.filter(slug__in=expert.themes))
    return len(data.SAMPLE_EXPERTS)


def sample_user(expert: data.ExpertData) -> User:
    """The account behind a sample profile; nobody can sign in to it."""
    user, created = User.objects.update_or_create(
        email=expert.email,
        defaults={"first_name": expert.first_name, "last_name": expert.last_name},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(f"{message}\n")


# --- Forums ---------------------------------------------------------------------------------


def load_forums() -> tuple[int, int]:
    """Categories by slug, sample threads by title: a second run adds nothing."""
    categories = {}
    for item in forum_data.CATEGORIES:
        categories[item.slug], _ = Category.objects.update_or_create(
            slug=item.slug,
            defaults={
                "name": item.name,
                "description": item.description,
                "action_line": ActionLine.objects.filter(number=item.action_line).first(),
                "theme": Theme.objects.filter(slug=item.theme).first(),
                "visibility": item.visibility,
                "group": Group.objects.get_or_create(name=item.group)[0] if item.group else None,
                "position": len(categories),
            },
        )
    for item in forum_data.THREADS:
        category = categories[item.category]
        if Thread.objects.filter(category=category, title=item.title).exists():
            continue
        # Sample experts cannot sign in or confirm an address, so the demo writes the rows
        # itself rather than through the posting actions (which would refuse them).
        author = User.objects.get(email=item.author)
        thread = Thread.objects.create(
            category=category, title=item.title, author=author, is_question=item.is_question
        )
        thread.action_lines.set(ActionLine.objects.filter(number__in=item.action_lines))
        thread.themes.set(Theme.objects.filter(slug__in=item.themes))
        posts = [(author, item.body), *((User.objects.get(email=e), b) for e, b in item.replies)]
        for position, (writer, body) in enumerate(posts, start=1):
            post = Post.objects.create(
                thread=thread,
                author=writer,
                position=position,
                body=body,
                html=render_post(body).html,
            )
            if item.accepted_reply is not None and position == item.accepted_reply + 2:
                thread.accepted_post = post
        thread.last_position = len(posts)
        thread.reply_count = len(posts) - 1
        thread.last_poster = posts[-1][0]
        thread.save()
    return len(forum_data.CATEGORIES), len(forum_data.THREADS)
