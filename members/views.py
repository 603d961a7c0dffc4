"""Expert profiles, the directory, following and verification: thin views over actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.rendering import render_markdown
from forums.conversation_permissions import can_write_to

from . import following, verification
from .directory import SORTS, DirectoryFilters, facet_counts, search_directory
from .forms import ExpertProfileForm, VerificationDecisionForm, VerificationRequestForm
from .models import ExpertProfile, VerificationRequest
from .profiles import profile_for_editing, save_profile

PAGE_SIZE = 24


def directory(request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilters.from_query(request.GET)
    page = Paginator(search_directory(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "members/directory.html",
        {
            "page": page,
            "filters": filters,
            "facets": facet_counts(request.user, filters),
            "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
            "query_string": query_without_page.urlencode(),
        },
    )


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    expert = get_object_or_404(
        ExpertProfile.objects.visible_to(request.user)
        .select_related("region", "organisation", "user")
        .prefetch_related("action_lines", "themes", "sdgs", "languages"),
        pk=pk,
    )
    return render(
        request,
        "members/profile.html",
        {
            "expert": expert,
            "biography": render_markdown(expert.biography),
            "counts": following.follow_counts(expert.user),
            "is_following": following.is_following(request.user, expert.user),
            "is_own_profile": request.user == expert.user,
            # Sample profiles are made up: nobody would read what is written to them.
            "can_write_privately": not expert.is_sample and can_write_to(request.user, expert.user),
        },
    )


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    profile = profile_for_editing(request.user)
    form = ExpertProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        saved = save_profile(form)
        messages.success(request, _("Your profile is saved."))
        return redirect(saved.get_absolute_url())
    return render(request, "members/profile_edit.html", {"form": form, "profile": profile})


@login_required
@require_POST
def toggle_follow(request: HttpRequest, pk: int) -> HttpResponse:
    expert = get_object_or_404(ExpertProfile.objects.listed_for(request.user), pk=pk)
    if request.POST.get("action") == "unfollow":
        following.unfollow(request.user, expert.user)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": expert})
    else:
        following.follow(request.user, expert.user)
        messages.success(request, _("You now follow %(name)s.") % {"name": expert})
    return redirect(expert.get_absolute_url())


def follow_list(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    expert = get_object_or_404(ExpertProfile.objects.visible_to(request.user), pk=pk)
    people = (
        following.followers_of(expert.user, request.user)
        if direction == "followers"
        else following.experts_followed_by(expert.user, request.user)
    )
    page = Paginator(people.select_related("region"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/follow_list.html",
        {"expert": expert, "page": page, "direction": direction},
    )


@login_required
def apply_for_verification(request: HttpRequest) -> HttpResponse:
    pending = verification.pending_request(request.user)
    form = VerificationRequestForm(request.POST or None)
    if request.method == "POST" and not pending and form.is_valid():
        verification.apply_for_verification(request.user, **form.cleaned_data)
        messages.success(request, _("Your application is sent. A moderator will decide soon."))
        return redirect("members:apply_for_verification")
    return render(
        request,
        "members/verification_apply.html",
        {
            "form": form,
            "pending": pending,
            "has_profile": ExpertProfile.objects.filter(user=request.user).exists(),
            "past": request.user.verification_requests.exclude(status="pending").order_by(
                "-created_at"
            ),
        },
    )


@login_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    if not verification.can_review_verification(request.user):
        raise PermissionDenied
    pending = (
        VerificationRequest.objects.filter(status=VerificationRequest.Status.PENDING)
        .select_related("user__profile")
        .order_by("created_at")
    )
    return render(request, "members/verification_queue.html", {"pending": pending})


@login_required
def decide_verification(request: HttpRequest, pk: int) -> HttpResponse:
    if not verification.can_review_verification(request.user):
        raise PermissionDenied
    application = get_object_or_404(
        VerificationRequest.objects.select_related("user__profile"), pk=pk
    )
    form = VerificationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verification.decide_verification(
            request.user,
            application,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Decision recorded; the member is told by e-mail."))
        return redirect("members:verification_queue")
    return render(
        request, "members/verification_decide.html", {"application": application, "form": form}
    )


def own_profile(request: HttpRequest) -> HttpResponse:
    """/experts/me/: the signed-in member's profile, or the form to create it."""
    if request.user.is_authenticated and ExpertProfile.objects.filter(user=request.user).exists():
        return redirect(request.user.profile.get_absolute_url())
    return redirect("members:edit_profile")
