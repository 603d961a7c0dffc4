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
