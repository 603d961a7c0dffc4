"""A member's standing in the forums: read in one query, kept for the request, and right."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums.models import CategoryVisibility, Suspension
from forums.permissions import active_suspension, can_moderate, reply_denied_reason
from forums.standing import forget_standing, standing_of
from members.models import User
from members.permissions import can_contribute
from tests.factories import CategoryFactory, UserFactory, VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The member as the next request loads them."""
    return User.objects.get(pk=user.pk)


def test_everything_the_forums_ask_of_a_member_costs_one_query():
    group = Group.objects.create(name="Working group on digital identity")
    room = CategoryFactory(visibility=CategoryVisibility.GROUP, group=group)
    moderated = CategoryFactory()
    member = VerifiedUserFactory()
    member.groups.add(group)
    moderated.moderators.add(member)
    member = fresh(member)

    with CaptureQueriesContext(connection) as captured:
        answers = (
            room.is_readable_by(member),
            can_moderate(member, moderated),
            can_moderate(member, room),
            can_contribute(member),
            active_suspension(member),
        )

    assert answers == (True, True, False, True, None)
    assert len(captured) == 1


def test_a_suspended_member_is_told_why_and_until_when():
    member = VerifiedUserFactory()
    Suspension.objects.create(
        user=member, reason="Repeated advertising", ends_at=timezone.now() + timedelta(days=3)
    )
    Suspension.objects.create(
        user=member,
        reason="Lifted earlier",
        ends_at=timezone.now() + timedelta(days=30),
        lifted_at=timezone.now(),
    )

    reason = reply_denied_reason(fresh(member), thread_with_posts())

    assert "Repeated advertising" in reason
    assert "Lifted earlier" not in reason


def test_an_unconfirmed_new_address_does_not_count_as_confirmed():
    member = UserFactory(email="new@example.org")
    EmailAddress.objects.create(user=member, email="old@example.org", verified=True)
    EmailAddress.objects.create(user=member, email="new@example.org", verified=False)

    assert standing_of(fresh(member)).has_verified_email is False
    assert not can_contribute(fresh(member))


def test_a_group_permission_makes_a_moderator_everywhere_but_not_once_deactivated():
    moderators = Group.objects.create(name="Forum stewards")
    moderators.permissions.add(Permission.objects.get(codename="moderate_forums"))
    member = VerifiedUserFactory()
    member.groups.add(moderators)
    private = CategoryFactory(
        visibility=CategoryVisibility.GROUP, group=Group.objects.create(name="Closed")
    )

    assert standing_of(fresh(member)).moderates_everywhere
    assert private.is_readable_by(fresh(member))

    User.objects.filter(pk=member.pk).update(is_active=False)
    assert not standing_of(fresh(member)).moderates_everywhere
    assert not private.is_readable_by(fresh(member))


def test_forgetting_the_standing_reads_rights_lost_since():
    group = Group.objects.create(name="Working group on open data")
    room = CategoryFactory(visibility=CategoryVisibility.GROUP, group=group)
    member = VerifiedUserFactory()
    member.groups.add(group)
    member = fresh(member)
    assert room.is_readable_by(member)

    member.groups.remove(group)
    kept = room.is_readable_by(member)
    forget_standing(member)

    assert kept is True, "kept for the request, as Django keeps permissions"
    assert room.is_readable_by(member) is False


def test_a_visitor_has_no_standing_and_costs_no_query():
    with CaptureQueriesContext(connection) as captured:
        standing = standing_of(AnonymousUser())

    assert not standing.group_ids and not standing.moderates_everywhere
    assert len(captured) == 0
