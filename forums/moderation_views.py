"""Reporting and moderation pages: thin views that read a form, call an action, go back.

Every form sends `next`, the page the moderator came from; it is followed only when it
points to this site. A post or thread the user cannot see answers 404; an action they may
not take answers 403 with the reason (the action's own check).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from members.models import User

from . import moderation_queries as queries
from .actions import moderation
from .authors import author_name
from .models import Category, Flag, Message, ModerationAction, Post, Thread
from .moderation_forms import (
    FlagForm,
    HidePostForm,
    LogFilterForm,
    MoveThreadForm,
    OptionalReasonForm,
    SuspendForm,
    ThreadModerationForm,
)
from .moderation_permissions import (
    check_can_flag_message,
    check_can_flag_post,
    check_can_moderate_anywhere,
    check_can_suspend,
    moderated_categories,
)
from .permissions import active_suspension, check_can_moderate, check_can_read_thread
from .views import post_url


def _next_url(request: HttpRequest, default: str) -> str:
    """The `next` the form sent, if it stays on this site; `default` otherwise."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _visible_post(user, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__category", "author"), pk=pk)
    check_can_read_thread(user, post.thread)
    return post


def _visible_thread(user, pk: int) -> Thread:
    return get_object_or_404(Thread.objects.visible_to(user).select_related("category"), pk=pk)


def conversation_url(conversation_id: int) -> str | None:
    """The conversation's page, once the conversations feature provides it."""
    try:
        return reverse("forums:conversation", args=[conversation_id])
    except NoReverseMatch:
        return None


def _form_data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


# Reporting -------------------------------------------------------------------------------


def _report(request: HttpRequest, form: FlagForm, send, back: str) -> HttpResponse | None:
    """Send the report if the form is valid; a redirect when done, None to show the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        send(reason=form.cleaned_data["reason"], details=form.cleaned_data["details"])
    except moderation.AlreadyFlagged as already:
        messages.info(request, already.messages[0])
        return redirect(back)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("Thank you. A moderator will look at your report."))
    return redirect(back)


@login_required
def flag_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    check_can_flag_post(request.user, post)
    back = _next_url(request, post_url(post))
    form = FlagForm(_form_data(request), initial={"next": back})

    def send(**report):
        moderation.flag_post(reporter=request.user, post=post, **report)

    done = _report(request, form, send, back)
    if done is not None:
        return done
    return render(
        request,
        "forums/moderation/flag.html",
        {"form": form, "post": post, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
def flag_message(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message.objects.select_related("conversation", "author"), pk=pk)
    check_can_flag_message(request.user, message)
    back = _next_url(request, conversation_url(message.conversation_id) or reverse("forums:index"))
    form = FlagForm(_form_data(request), initial={"next": back})

    def send(**report):
        moderation.flag_message(reporter=request.user, message=message, **report)

    done = _report(request, form, send, back)
    if done is not None:
        return done
    return render(
        request,
        "forums/moderation/flag.html",
        {"form": form, "message": message, "back": back},
        status=400 if form.errors else 200,
    )


# The queue and the log -------------------------------------------------------------------


@login_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    check_can_moderate_anywhere(request.user)
    message_page = queries.reported_messages(request.user, request.GET.get("mpage"))
    return render(
        request,
        "forums/moderation/queue.html",
        {
            "posts": queries.reported_posts(request.user, request.GET.get("page")),
            "reported_messages": message_page,
            "here": request.get_full_path(),
        },
    )


@login_required
def moderation_log(request: HttpRequest) -> HttpResponse:
    check_can_moderate_anywhere(request.user)
    form = LogFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    return render(
        request,
        "forums/moderation/log.html",
        {
            "form": form,
            "kind": kind,
            "page": queries.log_entries(request.user, kind=kind, page=request.GET.get("page")),
        },
    )


@require_POST
def dismiss_flag(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(
        Flag.objects.select_related("post__thread__category", "message__conversation"), pk=pk
    )
    if flag.post_id is not None:
        check_can_read_thread(request.user, flag.post.thread)
    form = OptionalReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    back = _next_url(request, reverse("forums:moderation_queue"))
    try:
        moderation.dismiss_flag(moderator=request.user, flag=flag, reason=reason)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("The report is dismissed."))
    return redirect(back)


# Posts -----------------------------------------------------------------------------------


@require_POST
def hide_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    check_can_moderate(request.user, post.thread.category)
    back = _next_url(request, post_url(post))
    form = HidePostForm(request.POST)
    if form.is_valid():
        try:
            moderation.hide_post(
                moderator=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The post is hidden; readers see the reason instead."))
            return redirect(back)
    return render(
        request,
        "forums/moderation/hide_post.html",
        {"post": post, "form": form, "back": back},
        status=400,
    )


@require_POST
def restore_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    check_can_moderate(request.user, post.thread.category)
    form = OptionalReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    moderation.restore_post(moderator=request.user, post=post, reason=reason)
    messages.success(request, _("The post is restored: readers see it again."))
    return redirect(_next_url(request, post_url(post)))


# Threads ---------------------------------------------------------------------------------

THREAD_VERBS = {
    "lock": (
        moderation.lock_thread,
        gettext_lazy("The thread is locked: only moderators can reply."),
    ),
    "unlock": (
        moderation.unlock_thread,
        gettext_lazy("The thread is unlocked."),
    ),
    "pin": (
        moderation.pin_thread,
        gettext_lazy("The thread is pinned at the top of its category."),
    ),
    "unpin": (
        moderation.unpin_thread,
        gettext_lazy("The thread is no longer pinned."),
    ),
    "hide": (
        moderation.hide_thread,
        gettext_lazy("The thread is hidden: only moderators can see it."),
    ),
    "restore": (
        moderation.restore_thread,
        gettext_lazy("The thread is restored: readers see it again."),
    ),
}


@require_POST
def moderate_thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request.user, pk)
    check_can_moderate(request.user, thread.category)
    back = _next_url(request, thread.get_absolute_url())
    form = ThreadModerationForm(request.POST)
    if form.is_valid():
        verb, done = THREAD_VERBS[form.cleaned_data["action"]]
        try:
            verb(moderator=request.user, thread=thread, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, str(done))
            return redirect(back)
    return render(
        request,
        "forums/moderation/moderate_thread.html",
        {"thread": thread, "form": form, "back": back},
        status=400,
    )


@login_required
def move_thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request.user, pk)
    check_can_moderate(request.user, thread.category)
    back = _next_url(request, thread.get_absolute_url())
    categories = Category.objects.filter(pk__in=moderated_categories(request.user)).exclude(
        pk=thread.category_id
    )
    form = MoveThreadForm(_form_data(request), categories=categories, initial={"next": back})
    if request.method == "POST" and form.is_valid():
        try:
            moderation.move_thread(
                moderator=request.user,
                thread=thread,
                to_category=form.cleaned_data["to_category"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The thread is moved to “%(category)s”.")
                % {"category": form.cleaned_data["to_category"].name},
            )
            return redirect(back)
    return render(
        request,
        "forums/moderation/move_thread.html",
        {"thread": thread, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


# Members ---------------------------------------------------------------------------------


def _member(pk: int) -> User:
    return get_object_or_404(User.objects.select_related("profile"), pk=pk, is_active=True)


@login_required
def suspend_member(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(pk)
    check_can_suspend(request.user, member)
    back = _next_url(request, reverse("forums:suspend_member", args=[member.pk]))
    form = SuspendForm(_form_data(request), initial={"next": back, "flag": request.GET.get("flag")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        flag = Flag.objects.filter(pk=data["flag"]).first() if data["flag"] else None
        try:
            moderation.suspend_member(
                moderator=request.user,
                member=member,
                until=data["ends_at"],
                reason=data["reason"],
                flag=flag,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is suspended from posting.") % {"name": author_name(member)},
            )
            return redirect(back)
    return render(
        request,
        "forums/moderation/suspend.html",
        {
            "member": member,
            "form": form,
            "suspension": active_suspension(member),
            "history": ModerationAction.objects.filter(
                member=member,
                kind__in=[ModerationAction.Kind.SUSPEND, ModerationAction.Kind.LIFT_SUSPENSION],
            ).select_related("moderator__profile")[:10],
            "back": back,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def lift_suspension(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(pk)
    form = OptionalReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        moderation.lift_suspension(moderator=request.user, member=member, reason=reason)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("%(name)s can post again.") % {"name": author_name(member)})
    return redirect(_next_url(request, reverse("forums:suspend_member", args=[member.pk])))
