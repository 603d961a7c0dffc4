"""Background work, run by django-tasks: at once by default, by a worker in production."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    """Send one e-mail outside the request, so a slow mail server never slows a page."""
    return send_mail(subject, body, None, recipients)


@task()
def send_notification_digests() -> int:
    """The daily digest, for deployments that schedule it through the task worker."""
    from community.notifications.digests import send_digests

    return send_digests()


@task()
def tell_of_new_post(post_id: int, mentioned_ids: list[int]) -> int:
    """Notify the mentioned, the replied-to and the watchers of a new post or thread."""
    from community.notifications.triggers import tell_of_post
    from forums.models import Post

    post = (
        Post.objects.select_related("thread__category", "author__profile", "reply_to")
        .filter(pk=post_id, is_deleted=False, is_hidden=False)
        .first()
    )
    if post is None:  # deleted or hidden before the worker came to it
        return 0
    tell_of_post(post, set(mentioned_ids))
    return 1
