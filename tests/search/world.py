"""One of everything search can find, in every state of visibility, for the contract tests.

Every document says MARKER, so that one search finds all that a reader may see, and each
has a word of its own (World.words) to look for it alone. Who may see what is never
written down here: tests ask the site's own rules (public_pages, listed_for, visible_to).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from community.models import (
    ActionLine,
    EventPage,
    PartnerIndexPage,
    PartnerPage,
    Region,
    ResourcePage,
    SDGTarget,
    Theme,
)
from community.visibility import public_pages
from forums.actions.posting import post_reply, start_thread
from forums.models import CategoryVisibility, Post, Thread
from members.models import ExpertProfile, Language, Visibility
from search.kinds import Kind
from tests.factories import CategoryFactory, ExpertProfileFactory, UserFactory, VerifiedUserFactory

MARKER = "marigold"


@dataclass
class World:
    partner: PartnerPage
    words: dict[str, str] = field(default_factory=dict)  # key -> its own word
    users: dict[str, object] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)

    def add(self, kind: str, pk: int, word: str) -> str:
        key = f"{kind}:{pk}"
        self.keys.append(key)
        self.words[key] = word
        return key

    def key_of_word(self, word: str) -> str:
        return next(key for key, own in self.words.items() if own == word)

    def expected(self, role: str) -> set[str]:
        """What the site's own visibility rules let this reader see of the world."""
        user = self.users.get(role) or AnonymousUser()
        ids = {kind: [] for kind in Kind.values}
        for key in self.keys:
            kind, _, pk = key.partition(":")
            ids[kind].append(int(pk))
        seen = set()
        for model, kind in [
            (ResourcePage, Kind.RESOURCE),
            (EventPage, Kind.EVENT),
            (PartnerPage, Kind.PARTNER),
        ]:
            pages = public_pages(model.objects.filter(pk__in=ids[kind]))
            seen |= {f"{kind}:{pk}" for pk in pages.values_list("pk", flat=True)}
        experts = ExpertProfile.objects.listed_for(user).filter(pk__in=ids[Kind.EXPERT])
        seen |= {f"expert:{pk}" for pk in experts.values_list("pk", flat=True)}
        # Hidden threads are for moderators' tools, not for search: never indexed.
        threads = Thread.objects.visible_to(user).filter(pk__in=ids[Kind.THREAD], is_hidden=False)
        seen |= {f"thread:{pk}" for pk in threads.values_list("pk", flat=True)}
        posts = Post.objects.filter(
            pk__in=ids[Kind.POST],
            thread__in=Thread.objects.visible_to(user).filter(is_hidden=False),
            is_deleted=False,
            is_hidden=False,
        )
        seen |= {f"post:{pk}" for pk in posts.values_list("pk", flat=True)}
        return seen


def _tags(page, *, line: int = 7, theme: str | None = None) -> None:
    page.action_lines.set([ActionLine.objects.get(number=line)])
    if theme:
        page.themes.set([Theme.objects.get(slug=theme)])
    page.regions.set([Region.objects.order_by("pk").first()])
    page.sdg_targets.set([SDGTarget.objects.get(code="16.6")])


def _resource(world: World, word: str, *, title: str = "", **fields) -> ResourcePage:
    page = ResourcePage(
        title=title or f"{word.capitalize()} registry reform",
        slug=f"{word}-registry",
        resource_type=fields.pop("resource_type", "report"),
        summary=f"How the {word} civil registry went online, a {MARKER} story.",
        publication_date=fields.pop("publication_date", dt.date(2021, 5, 1)),
        language=fields.pop("language", "en"),
        countries=fields.pop("countries", ["KE"]),
        live=False,
        **fields,
    )
    world.partner.add_child(instance=page)
    _tags(page, theme=Theme.objects.order_by("pk").first().slug)
    page.save_revision()
    world.add(Kind.RESOURCE, page.pk, word)
    return page


def _publish(page: Page) -> Page:
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


def _event(world: World, word: str, *, publish: bool) -> EventPage:
    start = timezone.now() + dt.timedelta(days=30)
    page = EventPage(
        title=f"{word.capitalize()} summit",
        slug=f"{word}-summit",
        summary=f"The {word} summit on digital registries and {MARKER} services.",
        start=start,
        end=start + dt.timedelta(hours=3),
        country="JO",
        live=False,
    )
    world.partner.add_child(instance=page)
    _tags(page, line=11)
    page.save_revision()
    if publish:
        _publish(page)
    world.add(Kind.EVENT, page.pk, word)
    return page


def _partner(world: World, word: str, *, publish: bool) -> PartnerPage:
    index = PartnerIndexPage.objects.first()
    page = PartnerPage(
        title=f"{word.capitalize()} Institute",
        slug=f"{word}-institute",
        kind="academia",
        summary=f"A {MARKER} research institute on {word} governance.",
        country="FR",
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision()
    if publish:
        _publish(page)
    world.add(Kind.PARTNER, page.pk, word)
    return page


def _expert(world: World, word: str, visibility: str, user=None) -> ExpertProfile:
    profile = ExpertProfileFactory(
        user=user or UserFactory(),
        display_name=f"{word.capitalize()} Expert",
        headline=f"Adviser on {word} and {MARKER} platforms",
        visibility=visibility,
        country="KE",
    )
    profile.action_lines.set([ActionLine.objects.get(number=7)])
    english, _ = Language.objects.get_or_create(code="en", defaults={"name": "English"})
    profile.languages.set([english])
    world.add(Kind.EXPERT, profile.pk, word)
    return profile


def _thread(world: World, category, author, word: str, reply_word: str) -> Thread:
    first = start_thread(
        author=author,
        category=category,
        title=f"{word.capitalize()} coordination",
        body=f"How do you run {word} pilots? A {MARKER} question.",
        action_lines=[ActionLine.objects.get(number=7)],
    )
    world.add(Kind.THREAD, first.thread_id, word)
    reply = _reply_as(author, first.thread, reply_word)
    world.add(Kind.POST, reply.pk, reply_word)
    return first.thread


def _reply_as(author, thread: Thread, word: str) -> Post:
    return post_reply(
        author=author, thread=thread, body=f"We tried {word} first, with {MARKER} results."
    )


def build_world(partner: PartnerPage) -> World:
    world = World(partner=partner)

    # Pages: public, draft, unpublished, expired and restricted.
    _publish(_resource(world, "quokka"))
    _resource(world, "wombat")  # a draft
    unpublished = _publish(_resource(world, "platypus"))
    unpublished.unpublish()
    expired = _publish(_resource(world, "dingo"))
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
    restricted = _publish(_resource(world, "bilby"))
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    _event(world, "narwhal", publish=True)
    _event(world, "axolotl", publish=False)
    _partner(world, "pangolin", publish=True)
    _partner(world, "okapi", publish=False)

    # People: the roles, and profiles in each visibility.
    member = VerifiedUserFactory()
    group = Group.objects.create(name="Working group on registries")
    insider = VerifiedUserFactory()
    insider.groups.add(group)
    moderator = VerifiedUserFactory()
    global_moderator = VerifiedUserFactory()
    global_moderator.user_permissions.add(Permission.objects.get(codename="moderate_forums"))
    hidden_owner = VerifiedUserFactory()
    world.users = {
        "member": member,
        "insider": insider,
        "moderator": moderator,
        "global_moderator": global_moderator,
        "hidden_owner": hidden_owner,
    }
    _expert(world, "kinkajou", Visibility.PUBLIC)
    _expert(world, "capybara", Visibility.MEMBERS)
    _expert(world, "tapir", Visibility.HIDDEN, user=hidden_owner)

    # Forums: a public, a members-only and a private category; hidden and deleted posts.
    public = CategoryFactory(visibility=CategoryVisibility.PUBLIC)
    members_only = CategoryFactory(visibility=CategoryVisibility.MEMBERS)
    private = CategoryFactory(visibility=CategoryVisibility.GROUP, group=group)
    private.moderators.add(moderator)
    _thread(world, public, VerifiedUserFactory(), "gecko", "iguana")
    _thread(world, members_only, member, "meerkat", "mongoose")
    _thread(world, private, insider, "ocelot", "margay")
    hidden = _thread(world, public, VerifiedUserFactory(), "jackal", "hyena")
    Thread.objects.filter(pk=hidden.pk).update(is_hidden=True)
    shown = Thread.objects.get(pk=world.key_of_word("gecko").partition(":")[2])
    hidden_reply = _reply_as(VerifiedUserFactory(), shown, "lemur")
    Post.objects.filter(pk=hidden_reply.pk).update(is_hidden=True)
    world.add(Kind.POST, hidden_reply.pk, "lemur")
    deleted_reply = _reply_as(VerifiedUserFactory(), shown, "civet")
    Post.objects.filter(pk=deleted_reply.pk).update(is_deleted=True)
    world.add(Kind.POST, deleted_reply.pk, "civet")
    return world


ROLES = ["visitor", "member", "insider", "moderator", "global_moderator", "hidden_owner"]
