"""Pages for an organisation's people: the list, invitations, role changes and removal.

Thin: each view reads the request, calls an action from members/people.py (which checks
the permission again, on the server) and renders or redirects.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community.models import PartnerPage

from . import people
from .models import OrganisationMembership, OrganisationRole, User


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy("The invitation is sent to this address; it works for 14 days."),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=OrganisationRole.choices,
        initial=OrganisationRole.MEMBER,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=OrganisationRole.choices)


def _organisation_for_manager(request: HttpRequest, organisation_id: int) -> PartnerPage:
    organisation = get_object_or_404(PartnerPage, pk=organisation_id)
    people.check_can_manage_organisation_people(request.user, organisation)
    return organisation


def _people_page(
    request: HttpRequest,
    organisation: PartnerPage,
    invitation_form: InvitationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    memberships = list(people.organisation_people(organisation))
    rows = [
        {
            "membership": membership,
            "name": people.person_label(membership.user),
            "form": RoleForm(initial={"role": membership.role}, prefix=f"person-{membership.pk}"),
        }
        for membership in memberships
    ]
    return render(
        request,
        "members/people/organisation_people.html",
        {
            "organisation": organisation,
            "rows": rows,
            "invitation_form": invitation_form or InvitationForm(),
            "max_age_days": people.INVITATION_MAX_AGE.days,
        },
        status=status,
    )


@login_required
def organisation_people(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation_for_manager(request, organisation_id)
    return _people_page(request, organisation)


@login_required
@require_POST
def invite(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation_for_manager(request, organisation_id)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            people.invite_person(
                inviter=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("members:organisation_people", organisation_id=organisation.pk)
    return _people_page(request, organisation, invitation_form=form, status=400)


def _person(organisation: PartnerPage, user_id: int) -> User:
    membership = get_object_or_404(
        OrganisationMembership.objects.select_related("user"),
        organisation=organisation,
        user_id=user_id,
    )
    return membership.user


@login_required
@require_POST
def change_role(request: HttpRequest, organisation_id: int, user_id: int) -> HttpResponse:
    organisation = _organisation_for_manager(request, organisation_id)
    person = _person(organisation, user_id)
    membership = OrganisationMembership.objects.get(organisation=organisation, user=person)
    form = RoleForm(request.POST, prefix=f"person-{membership.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles offered."))
    else:
        try:
            people.change_role(
                actor=request.user,
                organisation=organisation,
                user=person,
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {
                    "name": people.person_label(person),
                    "role": OrganisationRole(form.cleaned_data["role"]).label,
                },
            )
    return redirect("members:organisation_people", organisation_id=organisation.pk)


@login_required
def remove(request: HttpRequest, organisation_id: int, user_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes."""
    organisation = _organisation_for_manager(request, organisation_id)
    person = _person(organisation, user_id)
    if request.method == "POST":
        try:
            people.remove_person(actor=request.user, organisation=organisation, user=person)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s no longer belongs to %(organisation)s.")
                % {"name": people.person_label(person), "organisation": organisation.title},
            )
        return redirect("members:organisation_people", organisation_id=organisation.pk)
    return render(
        request,
        "members/people/remove_person.html",
        {"organisation": organisation, "person": person, "name": people.person_label(person)},
    )


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail: explains, then accepts on POST."""
    try:
        invitation = people.read_invitation(token)
    except people.InvitationExpired:
        return render(request, "members/people/invitation_expired.html", status=410)
    except people.InvitationInvalid:
        return render(request, "members/people/invitation_invalid.html", status=400)

    context = {"invitation": invitation, "token": token}
    if not request.user.is_authenticated:
        return render(request, "members/people/invitation_sign_in.html", context)
    if people.invitation_already_used(request.user, invitation):
        return render(request, "members/people/invitation_used.html", context)
    try:
        people.check_can_accept(request.user, invitation)
    except PermissionDenied as error:
        context["reason"] = str(error)
        context["email_mismatch"] = not people.has_verified_email(request.user, invitation.email)
        return render(request, "members/people/invitation_not_for_you.html", context, status=403)

    if request.method == "POST":
        try:
            people.accept_invitation(user=request.user, invitation=invitation)
        except ValidationError:
            return render(request, "members/people/invitation_used.html", context)
        messages.success(
            request,
            _("Welcome to %(organisation)s: you are now %(role)s.")
            % {"organisation": invitation.organisation.title, "role": invitation.role_label},
        )
        if people.can_manage_organisation_people(request.user, invitation.organisation):
            return redirect(
                "members:organisation_people", organisation_id=invitation.organisation.pk
            )
        return redirect(invitation.organisation.url or reverse("members:settings"))
    return render(request, "members/people/invitation_accept.html", context)
