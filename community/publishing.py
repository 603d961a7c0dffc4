"""What happens around Wagtail's moderation workflow: telling submitters, keeping provenance.

Wagtail runs the workflow (submit, approve, reject, with comments); this module reacts to its
signals. Everything that tells someone about an outcome goes through notify_submitter, so
the notifications feature can later deliver the same news live, in one place.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Page, WorkflowState
from wagtail.signals import post_page_move, workflow_approved, workflow_rejected

from community.tasks import send_email

APPROVED = "approved"
REJECTED = "rejected"


def notify_submitter(page: Page, outcome: str, comment: str, submitter=None) -> None:
    """Tell the member who submitted the page what the moderators decided, and why."""
    if submitter is None:
        latest = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
        submitter = latest.requested_by if latest else None
    if submitter is None or not submitter.email or not submitter.is_active:
        return
    from django.conf import settings

    title = page.get_latest_revision_as_object().title
    with override(settings.LANGUAGE_CODE):
        if outcome == APPROVED:
            subject = _("Published: %(title)s") % {"title": title}
            lines = [_("The moderators approved “%(title)s”.") % {"title": title}]
            url = page.full_url if page.live else None
            if url:
                lines.append(_("It is public at %(url)s") % {"url": url})
            else:
                lines.append(_("It will be public from its scheduled publication date."))
        else:
            subject = _("Not published: %(title)s") % {"title": title}
            lines = [_("The moderators did not approve “%(title)s”.") % {"title": title}]
        if comment:
            lines += ["", _("Their comment:"), comment]
        if outcome == REJECTED and page.permissions_for_user(submitter).can_edit():
            edit_url = settings.WAGTAILADMIN_BASE_URL + reverse(
                "wagtailadmin_pages:edit", args=[page.pk]
            )
            lines += ["", _("You can change it and submit it again: %(url)s") % {"url": edit_url}]
    send_email.enqueue(subject, "\n".join(str(line) for line in lines), [submitter.email])
    from community.notifications.triggers import notify_publication_outcome

    notify_publication_outcome(page, submitter, approved=outcome == APPROVED, comment=comment)


def _decided(outcome: str, workflow_state: WorkflowState, decided_by) -> None:
    page = workflow_state.content_object
    if not isinstance(page, Page):
        return
    if decided_by is not None and decided_by == workflow_state.requested_by:
        return  # a moderator deciding on their own submission needs no e-mail about it
    task_state = workflow_state.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    submitter = workflow_state.requested_by
    # After the commit: nobody hears of a decision that was rolled back.
    transaction.on_commit(
        lambda: notify_submitter(page.specific, outcome, comment or "", submitter)
    )


def on_workflow_approved(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _decided(APPROVED, instance, user)


def on_workflow_rejected(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _decided(REJECTED, instance, user)


def on_page_moved(sender, instance: Page, **kwargs) -> None:
    """A resource moved to another partner changes publisher with it."""
    from community.models import ResourcePage

    if not issubclass(sender, ResourcePage):
        return
    resource = ResourcePage.objects.get(pk=instance.pk)
    resource.derive_publisher()
    ResourcePage.objects.filter(pk=resource.pk).update(publisher=resource.publisher)


def connect_signals() -> None:
    # Wagtail's admin e-mails the submitter on these same signals. Connecting ours under
    # Wagtail's dispatch_uid (the community app is ready before wagtail.admin) makes ours the
    # one the submitter gets, with the comment and in the site's words, instead of two.
    workflow_approved.connect(
        on_workflow_approved,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    post_page_move.connect(on_page_moved, dispatch_uid="community_resource_publisher_on_move")
