import pytest

from members.models import Follow, Visibility
from tests.factories import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_follows_and_unfollows_an_expert(client):
    expert = ExpertProfileFactory(display_name="Followed Expert")
    fan = UserFactory()
    ExpertProfileFactory(user=fan, display_name="The Fan")
    client.force_login(fan)

    client.post(f"/experts/{expert.pk}/follow/", {"action": "follow"})
    html = client.get(expert.get_absolute_url()).content.decode()
    assert "1 follower" in html and "Stop following" in html
    assert "The Fan" in client.get(f"/experts/{expert.pk}/followers/").content.decode()

    client.post(f"/experts/{expert.pk}/follow/", {"action": "unfollow"})
    assert "0 followers" in client.get(expert.get_absolute_url()).content.decode()


def test_following_twice_counts_once(client):
    expert = ExpertProfileFactory()
    client.force_login(UserFactory())

    client.post(f"/experts/{expert.pk}/follow/", {"action": "follow"})
    client.post(f"/experts/{expert.pk}/follow/", {"action": "follow"})

    assert Follow.objects.filter(expert=expert.user).count() == 1


def test_follower_lists_respect_visibility(client):
    expert = ExpertProfileFactory()
    hidden_fan = ExpertProfileFactory(display_name="Secret Fan", visibility=Visibility.HIDDEN)
    members_fan = ExpertProfileFactory(display_name="Members Fan", visibility=Visibility.MEMBERS)
    for fan in (hidden_fan, members_fan):
        Follow.objects.create(follower=fan.user, expert=expert.user)

    html = client.get(f"/experts/{expert.pk}/followers/").content.decode()
    assert "Secret Fan" not in html and "Members Fan" not in html
    assert "2 followers" in client.get(expert.get_absolute_url()).content.decode()

    client.force_login(UserFactory())
    html = client.get(f"/experts/{expert.pk}/followers/").content.decode()
    assert "Members Fan" in html and "Secret Fan" not in html


def test_anonymous_visitors_cannot_follow(client):
    expert = ExpertProfileFactory()

    response = client.post(f"/experts/{expert.pk}/follow/", {"action": "follow"})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_a_hidden_profile_cannot_be_followed(client):
    expert = ExpertProfileFactory(visibility=Visibility.HIDDEN)
    client.force_login(UserFactory())

    assert client.post(f"/experts/{expert.pk}/follow/").status_code == 404
