"""The notification centre, preferences and unsubscribe links: thin views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.models import Delivery, NotificationKind
from members.models import User

from . import actions, preferences, queries
from .texts import describe, link
from .unsubscribe import read_unsubscribe_token


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") if request.GET.get("kind") in NotificationKind.values else None
    page = queries.notification_page(request.user, kind=kind, page=request.GET.get("page"))
    items = [{"notification": n, "text": describe(n), "url": link(n)} for n in page.object_list]
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "items": items,
            "kind": kind,
            "kinds": NotificationKind.choices,
            "query_string": f"kind={kind}" if kind else "",
        },
    )


@login_required
@require_POST
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    notification = actions.mark_read(request.user, pk)
    if notification is None:
        return redirect("notifications:list")
    return redirect(link(notification))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind") if request.POST.get("kind") in NotificationKind.values else None
    count = actions.mark_all_read(request.user, kind)
    messages.success(request, _("Marked %(count)d notifications as read.") % {"count": count})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = "notifications:list"
    return redirect(back)


@login_required
def preference_page(request: HttpRequest) -> HttpResponse:
    current = preferences.preferences_of(request.user)
    if request.method == "POST":
        chosen = {
            kind: request.POST.get(f"delivery-{kind}", current[kind])
            for kind in NotificationKind.values
        }
        preferences.set_preferences(request.user, chosen)
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:preferences")
    rows = [
        {"kind": kind, "label": label, "delivery": current[kind]}
        for kind, label in NotificationKind.choices
    ]
    return render(
        request,
        "notifications/preferences.html",
        {"rows": rows, "deliveries": Delivery.choices},
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from an e-mail: no e-mails of that kind any more (still shown on the site)."""
    try:
        data = read_unsubscribe_token(token)
        user = User.objects.get(pk=data["user"], is_active=True)
        kind = NotificationKind(data["kind"])
    except (signing.BadSignature, User.DoesNotExist, KeyError, ValueError):
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    if preferences.preferences_of(user)[kind] in (Delivery.EMAIL, Delivery.DIGEST):
        preferences.set_preferences(user, {kind: Delivery.SITE})
    return render(request, "notifications/unsubscribe.html", {"kind_label": kind.label})
