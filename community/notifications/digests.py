"""The daily e-mail digest: everything a member chose "daily digest" for, since the last one.

Run by `manage.py send_notification_digests` (cron, or the task worker once a day).
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from community.models import Delivery, Notification, NotificationKind
from community.tasks import send_email

from .preferences import deliveries_for
from .queries import visible_notifications
from .texts import describe, link
from .unsubscribe import unsubscribe_url


def pending_digests() -> dict[int, list[Notification]]:
    """Unread, not yet e-mailed notifications of kinds each recipient wants in a digest."""
    pending: dict[int, list[Notification]] = defaultdict(list)
    candidates = Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True)
    for kind in NotificationKind.values:
        recipients = set(candidates.filter(kind=kind).values_list("recipient", flat=True))
        wanted = [u for u, d in deliveries_for(recipients, kind).items() if d == Delivery.DIGEST]
        if not wanted:
            continue
        for notification in candidates.filter(kind=kind, recipient__in=wanted).select_related(
            "recipient"
        ):
            pending[notification.recipient_id].append(notification)
    return pending


def send_digests() -> int:
    """Send one e-mail per member with pending news; returns how many were sent."""
    sent = 0
    site = settings.SITE_URL.rstrip("/")
    for notifications in pending_digests().values():
        recipient = notifications[0].recipient
        if not recipient.is_active:
            continue
        # Only what the member may still see, the moment the digest is written.
        shown = list(
            visible_notifications(recipient)
            .filter(pk__in=[n.pk for n in notifications])
            .select_related("actor__profile", "thread", "conversation", "page")
        )
        if shown:
            with override(settings.LANGUAGE_CODE):
                subject = ngettext(
                    "Your daily digest: %(count)d new notification",
                    "Your daily digest: %(count)d new notifications",
                    len(shown),
                ) % {"count": len(shown)}
                lines = [f"- {describe(n)}\n  {site}{link(n)}" for n in shown]
                kinds = sorted({n.kind for n in shown})
                lines.append("")
                lines += [
                    _("Stop digests of “%(kind)s”: %(url)s")
                    % {
                        "kind": NotificationKind(kind).label,
                        "url": unsubscribe_url(recipient, kind),
                    }
                    for kind in kinds
                ]
            send_email.enqueue(subject, "\n".join(lines), [recipient.email])
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            emailed_at=timezone.now()
        )
    return sent
