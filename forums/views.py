"""Forum pages: thin views that read the request, call a query or an action, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.models import ActionLine, Theme
from members.models import User

from . import events, post_fragments, queries
from .actions import posting, reactions
from .forms import EditFirstPostForm, EditPostForm, NewThreadForm, ReplyForm, WatchChoice, WatchForm
from .models import Category, Post, Thread, Watch, WatchLevel
from .permissions import (
    can_accept_answer,
    can_edit,
    check_can_read_thread,
    check_can_start_thread,
    reply_denied_reason,
)


def _visible_category(user, slug: str) -> Category:
    return get_object_or_404(Category.objects.visible_to(user), slug=slug)


def _visible_thread(user, pk: int) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(user).select_related("category", "accepted_post"), pk=pk
    )


def _visible_post(user, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__category"), pk=pk)
    check_can_read_thread(user, post.thread)
    return post


def post_url(post: Post, per_page: int = 20) -> str:
    """The address of the thread page holding `post`, at its anchor."""
    url = reverse("forums:thread", args=[post.thread_id])
    page = queries.page_of(post.position, per_page)
    query = []
    if page > 1:
        query.append(f"page={page}")
    if per_page != 20:
        query.append(f"per_page={per_page}")
    return f"{url}{'?' + '&'.join(query) if query else ''}#{post.anchor}"


def _unknown_mentions_message(request: HttpRequest, unknown: list[str]) -> None:
    if unknown:
        messages.info(
            request,
            _("No member is called %(names)s, so the name is not linked.")
            % {"names": ", ".join(f"@{name}" for name in unknown)},
        )


# Lists -----------------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forums/index.html",
        {
            "rows": queries.category_rows(request.user),
            "latest": queries.thread_list(request.user, page=1).object_list[:10],
        },
    )


def thread_listing(request: HttpRequest, view: str) -> HttpResponse:
    if view == "mine" and not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    page = queries.thread_list(request.user, view=view, page=request.GET.get("page"))
    titles = {
        "latest": _("Latest threads"),
        "top": _("Top threads"),
        "unanswered": _("Unanswered threads"),
        "mine": _("My threads"),
    }
    return render(
        request,
        "forums/thread_listing.html",
        {"page": page, "view": view, "heading": titles[view]},
    )


def category(request: HttpRequest, slug: str) -> HttpResponse:
    category = _visible_category(request.user, slug)
    view = request.GET.get("view") if request.GET.get("view") in queries.VIEWS else "latest"
    page = queries.thread_list(
        request.user, view=view, category=category, page=request.GET.get("page")
    )
    return render(
        request,
        "forums/category.html",
        {
            "category": category,
            "page": page,
            "view": view,
            "watch": _watch_choice(request.user, category=category),
            "can_post": request.user.is_authenticated,
        },
    )


def tag(request: HttpRequest, kind: str, value: str) -> HttpResponse:
    action_line, theme = _tag_target(kind, value)
    page = queries.thread_list(
        request.user, action_line=action_line, theme=theme, page=request.GET.get("page")
    )
    target = {"action_line": action_line} if action_line else {"theme": theme}
    return render(
        request,
        "forums/tag.html",
        {
            "tag": action_line or theme,
            "kind": kind,
            "value": value,
            "page": page,
            "watch": _watch_choice(request.user, **target),
        },
    )


def _tag_target(kind: str, value: str) -> tuple[ActionLine | None, Theme | None]:
    if kind == "action-line" and value.upper().startswith("C") and value[1:].isdigit():
        return get_object_or_404(ActionLine, number=int(value[1:])), None
    if kind == "theme":
        return None, get_object_or_404(Theme, slug=value)
    raise Http404(_("There is no such tag."))


def _watch_choice(user, **target) -> WatchChoice | None:
    if not user.is_authenticated:
        return None
    level = (
        Watch.objects.filter(user=user, **target).values_list("level", flat=True).first()
        or WatchLevel.NORMAL
    )
    return WatchChoice(level)


@login_required
def bookmarks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forums/bookmarks.html",
        {"page": queries.bookmarks_of(request.user, request.GET.get("page"))},
    )


def member_posts(request: HttpRequest, handle: str) -> HttpResponse:
    author = get_object_or_404(User, handle=handle, is_active=True)
    return render(
        request,
        "forums/member_posts.html",
        {
            "author": author,
            "page": queries.member_posts(request.user, author, request.GET.get("page")),
        },
    )


# A thread --------------------------------------------------------------------------------


def thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = queries.thread_for_reader(request.user, pk)
    per_page = queries.per_page_from(request.GET.get("per_page"))
    view = queries.thread_page(request.user, thread, request.GET.get("page"), per_page)
    posts = list(view.page.object_list)
    if posts and request.user.is_authenticated and posts[-1].position > view.last_read:
        posting.mark_read(request.user, thread, posts[-1].position)
        events.thread_read.send(sender=None, user=request.user, thread=thread)
    reply_form = _reply_form(request, thread)
    can_accept = can_accept_answer(request.user, thread)
    return render(
        request,
        "forums/thread.html",
        {
            "thread": thread,
            "view": view,
            "posts": posts,
            "post_fragments": post_fragments.prepare(posts, view, request.user, can_accept),
            "reply_form": reply_form,
            "reply_denied": reply_denied_reason(request.user, thread)
            if request.user.is_authenticated
            else None,
            "can_accept": can_accept,
            "watch": WatchChoice(view.watch_level) if request.user.is_authenticated else None,
            "per_page_choices": queries.PER_PAGE_CHOICES,
        },
    )


def _reply_form(request: HttpRequest, thread: Thread, data=None) -> ReplyForm:
    """The reply form; `?quote=<post id>` starts it with that post quoted."""
    initial = {}
    quoted_id = request.GET.get("quote", "")
    if data is None and quoted_id.isdigit():
        quoted = Post.objects.filter(pk=int(quoted_id), thread=thread).first()
        if quoted is not None and quoted.is_visible_text:
            initial = {"body": posting.quote(quoted), "reply_to": quoted.pk}
    return ReplyForm(data, initial=initial, prefix=None)


@login_required
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    # post_reply checks that the member may read and write here (a 404 or 403 otherwise);
    # the page's own lookup, with reading state, is needed only to show the form again.
    thread = get_object_or_404(Thread.objects.select_related("category"), pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        reply_to = None
        if form.cleaned_data["reply_to"]:
            reply_to = Post.objects.filter(pk=form.cleaned_data["reply_to"], thread=thread).first()
        try:
            post = posting.post_reply(
                author=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                reply_to=reply_to,
            )
        except posting.DuplicatePost as duplicate:
            messages.info(request, duplicate.messages[0])
            return redirect(post_url(duplicate.post))
        except ValidationError as error:
            form.add_error("body", error)
        else:
            _unknown_mentions_message(request, _unknown(post.body))
            return redirect(post_url(post))
    # Shown again with what was written, and the reason it was not posted.
    thread = queries.thread_for_reader(request.user, pk)
    view = queries.thread_page(request.user, thread, queries.page_of(thread.last_position, 20))
    posts = list(view.page.object_list)
    can_accept = can_accept_answer(request.user, thread)
    return render(
        request,
        "forums/thread.html",
        {
            "thread": thread,
            "view": view,
            "posts": posts,
            "post_fragments": post_fragments.prepare(posts, view, request.user, can_accept),
            "reply_form": form,
            "reply_denied": None,
            "can_accept": can_accept,
            "watch": WatchChoice(view.watch_level),
            "per_page_choices": queries.PER_PAGE_CHOICES,
        },
        status=400,
    )


def _unknown(body: str) -> list[str]:
    from .mentions import mentioned_handles, resolve

    handles = mentioned_handles(body)
    return sorted(handles - set(resolve(handles)))


@login_required
def new_thread(request: HttpRequest, slug: str) -> HttpResponse:
    category = _visible_category(request.user, slug)
    check_can_start_thread(request.user, category)
    form = NewThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = posting.start_thread(
                author=request.user,
                category=category,
                title=data["title"],
                body=data["body"],
                is_question=data["is_question"],
                action_lines=data["action_lines"],
                themes=data["themes"],
            )
        except posting.DuplicatePost as duplicate:
            messages.info(request, duplicate.messages[0])
            return redirect(post_url(duplicate.post))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _unknown_mentions_message(request, _unknown(post.body))
            return redirect(post.thread.get_absolute_url())
    return render(
        request,
        "forums/new_thread.html",
        {"category": category, "form": form},
        status=400 if form.errors else 200,
    )


def post_link(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    return redirect(post_url(post, queries.per_page_from(request.GET.get("per_page"))))


def first_unread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request.user, pk)
    position = queries.first_unread_position(request.user, thread)
    post = Post.objects.filter(thread=thread, position__gte=position).order_by("position").first()
    if post is None:
        return redirect(thread.get_absolute_url())
    return redirect(post_url(post))


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    if not can_edit(request.user, post):
        raise PermissionDenied(_("You can edit only your own posts."))
    form_class = EditFirstPostForm if post.position == 1 else EditPostForm
    initial = {"body": post.body, "title": post.thread.title}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rendered = posting.edit_post(
                editor=request.user,
                post=post,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            _unknown_mentions_message(request, rendered.unknown_handles)
            messages.success(request, _("Your changes are saved."))
            return redirect(post_url(post))
    return render(
        request,
        "forums/edit_post.html",
        {"post": post, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    posting.delete_post(user=request.user, post=post)
    messages.success(request, _("The post is deleted."))
    return redirect(post_url(post))


@login_required
@require_POST
def like(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    reactions.set_like(user=request.user, post=post, liked=request.POST.get("liked") != "0")
    return redirect(post_url(post))


@login_required
@require_POST
def bookmark(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    done = reactions.set_bookmark(
        user=request.user, post=post, bookmarked=request.POST.get("bookmarked") != "0"
    )
    messages.success(request, _("Bookmarked.") if done else _("Bookmark removed."))
    return redirect(post_url(post))


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    posting.accept_answer(user=request.user, post=post)
    messages.success(request, _("Marked as the accepted answer."))
    return redirect(post_url(post))


@login_required
@require_POST
def unaccept(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request.user, pk)
    posting.unaccept_answer(user=request.user, thread=thread)
    return redirect(thread.get_absolute_url())


@login_required
def revisions(request: HttpRequest, pk: int) -> HttpResponse:
    post = _visible_post(request.user, pk)
    from .permissions import check_can_moderate

    check_can_moderate(request.user, post.thread.category)
    return render(
        request,
        "forums/revisions.html",
        {"post": post, "revisions": post.revisions.select_related("edited_by__profile")},
    )


# Watching --------------------------------------------------------------------------------


def _save_watch(request: HttpRequest, back: str, **target) -> HttpResponse:
    form = WatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the watching levels offered."))
        return redirect(back)
    reactions.set_watch_level(user=request.user, level=form.cleaned_data["level"], **target)
    messages.success(
        request,
        _("Notifications set to: %(level)s")
        % {"level": WatchLevel(form.cleaned_data["level"]).label},
    )
    return redirect(back)


@login_required
@require_POST
def watch_thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _visible_thread(request.user, pk)
    return _save_watch(request, thread.get_absolute_url(), thread=thread)


@login_required
@require_POST
def watch_category(request: HttpRequest, slug: str) -> HttpResponse:
    category = _visible_category(request.user, slug)
    return _save_watch(request, category.get_absolute_url(), category=category)


@login_required
@require_POST
def watch_tag(request: HttpRequest, kind: str, value: str) -> HttpResponse:
    action_line, theme = _tag_target(kind, value)
    target = {"action_line": action_line} if action_line else {"theme": theme}
    return _save_watch(request, reverse("forums:tag", args=[kind, value]), **target)
