"""The member's own pages: settings, "Download my data" and "Delete my account"."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums.actions.conversations import set_who_may_write
from forums.conversation_forms import MessagingPreferenceForm
from forums.conversation_permissions import who_may_write

from . import my_data, people
from .models import ExpertProfile, OrganisationMembership, OrganisationRole


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        help_text=gettext_lazy("To be sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This is not your password. Your account has not been changed."),
                code="wrong_password",
            )
        return password


def _link(url_name: str, label: str) -> dict[str, str] | None:
    """A link to a page of an app that may not be installed (yet): left out if absent."""
    try:
        return {"url": reverse(url_name), "label": label}
    except NoReverseMatch:
        return None


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    messaging_form = MessagingPreferenceForm(
        request.POST or None, initial={"who_may_write": who_may_write(user)}
    )
    if request.method == "POST" and messaging_form.is_valid():
        set_who_may_write(user=user, who_may_write=messaging_form.cleaned_data["who_may_write"])
        messages.success(request, _("Your choice of who may write to you privately is saved."))
        return redirect("members:settings")
    account_links = [
        _link("account_email", _("E-mail addresses")),
        _link("account_change_password", _("Password")),
        _link("usersessions_list", _("Where you are signed in")),
        _link("mfa_index", _("Two-factor authentication")),
    ]
    profile_links = [_link("members:edit_profile", _("Edit your profile and who can see it"))]
    profile = ExpertProfile.objects.filter(user=user).first()  # not every member has one
    if profile is not None:
        profile_links.append({"url": profile.get_absolute_url(), "label": _("Your profile")})
    memberships = [
        {
            "membership": membership,
            "people_url": reverse("members:organisation_people", args=[membership.organisation_id])
            if membership.role == OrganisationRole.ADMIN
            and people.can_manage_organisation_people(user, membership.organisation)
            else None,
        }
        for membership in OrganisationMembership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__title")
    ]
    # Notification preferences join this page with the notifications feature; until then
    # the section is left out rather than promised.
    return render(
        request,
        "members/my_data/settings.html",
        {
            "account_links": [link for link in account_links if link],
            "profile_links": [link for link in profile_links if link],
            "memberships": memberships,
            "messaging_form": messaging_form,
        },
        status=400 if messaging_form.errors else 200,
    )


@login_required
def download_my_data(request: HttpRequest) -> HttpResponse:
    """A JSON file of everything about the signed-in member; nobody else's, by construction."""
    data = my_data.export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        my_data.delete_account(user)
        logout(request)
        messages.success(
            request,
            _("Your account is deleted. What you wrote stays, attributed to a former member."),
        )
        return redirect("wagtail_serve", "")
    sole_admin_of = [
        membership.organisation
        for membership in OrganisationMembership.objects.filter(
            user=user, role=OrganisationRole.ADMIN
        ).select_related("organisation")
        if not OrganisationMembership.objects.filter(
            organisation=membership.organisation, role=OrganisationRole.ADMIN
        )
        .exclude(user=user)
        .exists()
    ]
    return render(
        request,
        "members/my_data/delete_account.html",
        {
            "form": form,
            "has_password": user.has_usable_password(),
            "sole_admin_of": sole_admin_of,
            "former_member": my_data.FORMER_MEMBER_NAME,
        },
        status=400 if form.errors else 200,
    )
