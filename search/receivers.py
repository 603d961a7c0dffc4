"""What changes which documents: the signals of pages, profiles and forums, connected here.

The apps that own the content do not know about search: Wagtail and Django send their
model signals, the forums their events (forums/events.py, sent after commit). Each
receiver names the documents that may have changed; they are gathered per transaction and
handed to the background task once it commits (`queue`), so a rolled-back change is never
indexed and a save never waits for, or fails because of, the index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from community.models import EventPage, PartnerPage, ResourcePage
from forums import events
from forums.models import Category, Post, Thread
from members.models import ExpertProfile

from .kinds import Kind
from .sources import key

logger = logging.getLogger(__name__)

PAGE_KINDS = {ResourcePage: Kind.RESOURCE, EventPage: Kind.EVENT, PartnerPage: Kind.PARTNER}


# Gathering keys per transaction ----------------------------------------------------------


def _pending() -> set[str]:
    if not hasattr(connection, "_search_pending_keys"):
        connection._search_pending_keys = set()
    return connection._search_pending_keys


def _flush() -> None:
    keys = sorted(_pending())
    _pending().clear()
    if not keys:
        return
    try:
        _enqueue(keys)
    except Exception:
        # Never let indexing break the request that saved something.
        logger.exception("Could not queue the search index update of %d documents", len(keys))


def _enqueue(keys: list[str]) -> None:
    from .tasks import update_search_index

    for start in range(0, len(keys), 500):
        update_search_index.enqueue(keys[start : start + 500])


def queue(keys: Iterable[str]) -> None:
    """Index these documents once the current transaction commits (at once outside one).

    Keys gather per connection; every call registers the flush, and the first flush to run
    after the commit sends them all, so a transaction of many saves makes one update. A
    flush that runs late finds only keys already sent: it does nothing.
    """
    keys = set(keys)
    if not keys:
        return
    pending = _pending()
    if not any(callback is _flush for _, callback, _ in connection.run_on_commit):
        # No flush is waiting: any keys left belong to a transaction that was rolled back.
        pending.clear()
    pending.update(keys)
    transaction.on_commit(_flush, robust=True)


# Which documents an object stands for ----------------------------------------------------


def subtree_keys(page: Page) -> list[str]:
    """A page and everything under it: moving, restricting or unpublishing a partner's page
    changes the address or the audience of its resources and events."""
    keys = []
    for model, kind in PAGE_KINDS.items():
        ids = model.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
        keys += [key(kind, pk) for pk in ids]
    return keys


def partner_keys(partner: PartnerPage) -> list[str]:
    """A partner's name and address appear on its events, resources and experts too."""
    keys = subtree_keys(partner)
    keys += [key(Kind.EVENT, pk) for pk in partner.organised_events.values_list("pk", flat=True)]
    keys += [
        key(Kind.RESOURCE, pk) for pk in partner.published_resources.values_list("pk", flat=True)
    ]
    keys += [key(Kind.EXPERT, pk) for pk in partner.experts.values_list("pk", flat=True)]
    return keys


def thread_keys(thread_id: int) -> list[str]:
    posts = Post.objects.filter(thread_id=thread_id).values_list("pk", flat=True)
    return [key(Kind.THREAD, thread_id)] + [key(Kind.POST, pk) for pk in posts]


# Receivers -------------------------------------------------------------------------------


def on_page_saved(sender, instance: Page, **kwargs) -> None:
    if isinstance(instance, PartnerPage) and not kwargs.get("created"):
        queue(partner_keys(instance))
    else:
        queue([key(PAGE_KINDS[sender], instance.pk)])


def on_page_deleted(sender, instance: Page, **kwargs) -> None:
    queue([key(PAGE_KINDS[sender], instance.pk)])


def on_page_changed(sender, instance: Page, **kwargs) -> None:
    """Published, unpublished or moved: the page and what lives under it."""
    queue(subtree_keys(instance))


def on_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        queue(subtree_keys(page))


def on_profile_changed(sender, instance: ExpertProfile, **kwargs) -> None:
    queue([key(Kind.EXPERT, instance.pk)])


def on_profile_tags_changed(sender, instance, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, ExpertProfile):
        queue([key(Kind.EXPERT, instance.pk)])


def on_post_event(sender, post: Post, **kwargs) -> None:
    keys = [key(Kind.POST, post.pk), key(Kind.THREAD, post.thread_id)]
    if post.position == 1:
        keys = thread_keys(post.thread_id)  # a new title shows on every reply
    queue(keys)


def on_thread_event(sender, thread: Thread, **kwargs) -> None:
    queue(thread_keys(thread.pk))


def on_thread_saved(sender, instance: Thread, **kwargs) -> None:
    queue([key(Kind.THREAD, instance.pk)])


def on_thread_deleted(sender, instance: Thread, **kwargs) -> None:
    queue([key(Kind.THREAD, instance.pk)])


def on_post_saved(sender, instance: Post, created: bool = False, **kwargs) -> None:
    keys = [key(Kind.POST, instance.pk)]
    if created:
        keys.append(key(Kind.THREAD, instance.thread_id))  # its replies and last activity
    queue(keys)


def on_post_created(sender, post: Post, **kwargs) -> None:
    """A reply was queued with its thread when it was saved; a new thread's first post
    also makes every document of the thread (one so far) carry its title."""
    if post.position == 1:
        queue(thread_keys(post.thread_id))


def on_category_saved(sender, instance: Category, **kwargs) -> None:
    """Who may read a category decides who finds every thread and reply in it."""
    if kwargs.get("created"):
        return
    threads = list(Thread.objects.filter(category=instance).values_list("pk", flat=True))
    posts = Post.objects.filter(thread__category=instance).values_list("pk", flat=True)
    queue([key(Kind.THREAD, pk) for pk in threads] + [key(Kind.POST, pk) for pk in posts])


def connect() -> None:
    for model in PAGE_KINDS:
        post_save.connect(on_page_saved, sender=model, dispatch_uid=f"search_save_{model.__name__}")
        post_delete.connect(
            on_page_deleted, sender=model, dispatch_uid=f"search_delete_{model.__name__}"
        )
    page_published.connect(on_page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="search_page_moved")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_unrestriction"
    )

    post_save.connect(on_profile_changed, sender=ExpertProfile, dispatch_uid="search_profile")
    post_delete.connect(
        on_profile_changed, sender=ExpertProfile, dispatch_uid="search_profile_deleted"
    )
    for name in ["languages", "action_lines", "themes", "sdgs"]:
        through = ExpertProfile._meta.get_field(name).remote_field.through
        m2m_changed.connect(
            on_profile_tags_changed, sender=through, dispatch_uid=f"search_profile_{name}"
        )

    events.post_created.connect(on_post_created, dispatch_uid="search_post_created")
    events.post_changed.connect(on_post_event, dispatch_uid="search_post_changed")
    events.thread_changed.connect(on_thread_event, dispatch_uid="search_thread_changed")
    post_save.connect(on_thread_saved, sender=Thread, dispatch_uid="search_thread_saved")
    post_delete.connect(on_thread_deleted, sender=Thread, dispatch_uid="search_thread_deleted")
    post_save.connect(on_post_saved, sender=Post, dispatch_uid="search_post_saved")
    post_delete.connect(on_post_saved, sender=Post, dispatch_uid="search_post_deleted")
    post_save.connect(on_category_saved, sender=Category, dispatch_uid="search_category")
