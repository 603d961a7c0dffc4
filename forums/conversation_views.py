"""Private conversation pages: thin views that read the request, call a query or an action,
and render. Who may read what is decided in forums/conversation_permissions.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.handles import ensure_handle
from members.models import ExpertProfile, User

from . import conversation_queries as queries
from . import events
from .actions.conversations import (
    DuplicateMessage,
    leave_conversation,
    mark_conversation_read,
    others_in,
    record_moderator_reading,
    send_message,
    start_conversation,
)
from .authors import author_name
from .conversation_forms import MessageForm, NewConversationForm
from .conversation_permissions import Access, check_can_read_conversation, membership
from .models import Conversation
from .permissions import check_can_write


def _write_denied_reason(user: User) -> str | None:
    try:
        check_can_write(user)
    except PermissionDenied as denied:
        return str(denied)
    return None


def _send(request: HttpRequest, form, send) -> HttpResponse | None:
    """Call `send()`; a redirect to the message on success, None with the form's errors set."""
    try:
        message = send()
    except DuplicateMessage as duplicate:
        messages.info(request, duplicate.messages[0])
        return redirect(queries.message_url(duplicate.sent))
    except PermissionDenied as denied:
        form.add_error(None, str(denied))
    except ValidationError as error:
        form.add_error(None, error)
    else:
        messages.success(request, _("Your message is sent."))
        return redirect(queries.message_url(message))
    return None


@login_required
def conversations(request: HttpRequest) -> HttpResponse:
    page, rows = queries.conversation_list(request.user, request.GET.get("page"))
    return render(
        request,
        "forums/conversations/list.html",
        {
            "page": page,
            "rows": rows,
            "unread_count": queries.unread_conversation_count(request.user),
        },
    )


def _conversation_page(
    request: HttpRequest,
    conversation: Conversation,
    access: Access,
    form: MessageForm,
    status: int = 200,
) -> HttpResponse:
    place = membership(request.user, conversation)
    view = queries.conversation_page(
        conversation,
        request.user,
        request.GET.get("page"),
        read_until=place.last_read_at if place else None,
    )
    if access is Access.MODERATOR and request.method == "GET":
        record_moderator_reading(moderator=request.user, conversation=conversation)
    if place is not None and view.messages:
        mark_conversation_read(
            user=request.user, conversation=conversation, up_to=view.messages[-1].message.created_at
        )
    reply_denied = None
    if place is not None:
        reply_denied = _write_denied_reason(request.user)
        if reply_denied is None and not others_in(conversation, request.user).exists():
            reply_denied = _("Everyone else has left this conversation.")
    return render(
        request,
        "forums/conversations/conversation.html",
        {
            "conversation": conversation,
            "view": view,
            "page": view.page,
            "takes_part": place is not None,
            "as_moderator": access is Access.MODERATOR,
            "form": form,
            "reply_denied": reply_denied,
        },
        status=status,
    )


@login_required
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = get_object_or_404(Conversation, pk=pk)
    access = check_can_read_conversation(request.user, conversation)
    events.conversation_read.send(sender=None, user=request.user, conversation=conversation)
    return _conversation_page(request, conversation, access, MessageForm())


@login_required
@require_POST
def conversation_reply(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = get_object_or_404(Conversation, pk=pk)
    access = check_can_read_conversation(request.user, conversation)
    form = MessageForm(request.POST)
    if form.is_valid():
        sent = _send(
            request,
            form,
            lambda: send_message(
                author=request.user, conversation=conversation, body=form.cleaned_data["body"]
            ),
        )
        if sent is not None:
            return sent
    return _conversation_page(request, conversation, access, form, status=400)


def _recipient_from_link(viewer: User, user_id: str | None) -> User | None:
    """The member a profile's "Contact" button names, if the viewer may see who they are."""
    if not user_id or not user_id.isdigit():
        return None
    recipient = User.objects.filter(pk=int(user_id), is_active=True).exclude(pk=viewer.pk).first()
    if recipient is None:
        return None
    if (
        not recipient.handle
        and not ExpertProfile.objects.visible_to(viewer).filter(user=recipient).exists()
    ):
        return None
    ensure_handle(recipient)
    return recipient


@login_required
def new_conversation(request: HttpRequest) -> HttpResponse:
    denied = _write_denied_reason(request.user)
    recipient = _recipient_from_link(request.user, request.GET.get("to"))
    if request.method == "POST":
        form = NewConversationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            sent = _send(
                request,
                form,
                lambda: start_conversation(
                    author=request.user,
                    recipients=data["recipients"],
                    subject=data["subject"],
                    body=data["body"],
                ),
            )
            if sent is not None:
                return sent
    else:
        form = NewConversationForm(
            initial={"recipients": f"@{recipient.handle}"} if recipient else None
        )
    return render(
        request,
        "forums/conversations/new.html",
        {
            "form": form,
            "denied": denied,
            "recipient_name": author_name(recipient) if recipient else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = get_object_or_404(Conversation, pk=pk)
    leave_conversation(user=request.user, conversation=conversation)
    messages.success(
        request,
        _("You left “%(subject)s”. It is no longer in your conversations.")
        % {"subject": conversation.subject},
    )
    return redirect("forums:conversations")
