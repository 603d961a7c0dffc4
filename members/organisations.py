"""Organisations' people: roles as real Django groups carrying Wagtail page permissions.

Each partner organisation has two groups, created when first needed:
- "<organisation> editors": may add and edit pages under the organisation's page (its
  resources and events) and submit them for moderation; may not publish.
- "<organisation> admins": the same, and manage the organisation's people.
Plain members belong to neither. Templates and views never check roles by hand: they ask
the permission functions below, which read the groups.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from .models import OrganisationMembership, OrganisationRole, User

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def group_name(organisation: Page, role: str) -> str:
    suffix = {OrganisationRole.ADMIN: "admins", OrganisationRole.EDITOR: "editors"}[role]
    return f"Organisation {organisation.pk} {suffix}"


def organisation_group(organisation: Page, role: str) -> Group:
    """The group for this role in this organisation, with its page permissions."""
    group, created = Group.objects.get_or_create(name=group_name(organisation, role))
    if created:
        app_label, codename = ADMIN_ACCESS
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=group,
                page=organisation,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group


def _organisation_groups(organisation: Page) -> list[Group]:
    return list(
        Group.objects.filter(
            name__in=[
                group_name(organisation, role)
                for role in (OrganisationRole.ADMIN, OrganisationRole.EDITOR)
            ]
        )
    )


@transaction.atomic
def set_role(user: User, organisation: Page, role: str) -> OrganisationMembership:
    """Give the user this role in the organisation, and exactly the groups that go with it."""
    membership, _ = OrganisationMembership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    user.groups.remove(*_organisation_groups(organisation))
    if role in (OrganisationRole.ADMIN, OrganisationRole.EDITOR):
        user.groups.add(organisation_group(organisation, OrganisationRole.EDITOR))
    if role == OrganisationRole.ADMIN:
        user.groups.add(organisation_group(organisation, OrganisationRole.ADMIN))
    return membership


@transaction.atomic
def remove_from_organisation(user: User, organisation: Page) -> None:
    OrganisationMembership.objects.filter(user=user, organisation=organisation).delete()
    user.groups.remove(*_organisation_groups(organisation))


def can_edit_for(user: User, organisation: Page) -> bool:
    return user.is_active and (
        user.is_superuser
        or user.groups.filter(name=group_name(organisation, OrganisationRole.EDITOR)).exists()
    )


def can_manage_people(user: User, organisation: Page) -> bool:
    return user.is_active and (
        user.is_superuser
        or user.groups.filter(name=group_name(organisation, OrganisationRole.ADMIN)).exists()
    )
