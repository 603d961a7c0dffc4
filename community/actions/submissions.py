"""Members propose good practices in answer to a call; moderators decide what goes public."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from community.models import CallPage, ResourceIndexPage, ResourcePage
from members.models import User


def has_verified_email(user: User) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def check_can_submit_practice(user: User, call: CallPage) -> None:
    """Raise PermissionDenied, with the reason a reader should see, if the user may not."""
    if not call.accepts_practices:
        raise PermissionDenied(_("This call does not take submissions of practices."))
    if not call.is_open:
        raise PermissionDenied(
            _("This call closed on %(date)s; it no longer accepts submissions.")
            % {"date": date_format(call.deadline, "DATE_FORMAT")}
        )
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to submit a practice."))
    if not has_verified_email(user):
        raise PermissionDenied(
            _(
                "Verify your e-mail address before you submit a practice: follow the link "
                "in the message we sent you, or ask for a new one in your account settings."
            )
        )


@transaction.atomic
def submit_practice(*, user: User, call: CallPage, data: dict) -> ResourcePage:
    """Create a draft good practice in the knowledge base and submit it for moderation."""
    check_can_submit_practice(user, call)
    # The knowledge base in the default language: drafts go under the original, whatever
    # translations of it exist.
    knowledge_base = ResourceIndexPage.objects.filter(locale=Locale.get_default()).get()
    paragraphs = [p.strip() for p in data["description"].split("\n\n") if p.strip()]
    body = [("text", "".join(format_html("<p>{}</p>", p) for p in paragraphs))]
    if data.get("organisation"):
        body.append(("text", format_html("<p>{}: {}</p>", _("Run by"), data["organisation"])))
    page = ResourcePage(
        title=data["title"],
        # A random tail: two members may name their practices alike.
        slug=f"{slugify(data['title'])[:60] or 'practice'}-{uuid.uuid4().hex[:6]}",
        resource_type=ResourcePage.ResourceType.GOOD_PRACTICE,
        summary=data["summary"],
        body=body,
        external_url=data.get("external_url", ""),
        countries=data.get("countries", []),
        publication_date=timezone.localdate(),
        owner=user,
        live=False,
        has_unpublished_changes=True,
    )
    knowledge_base.add_child(instance=page)
    page.action_lines.set(data.get("action_lines", []))
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)
    return page
