import pytest

pytestmark = pytest.mark.django_db


def test_forums_page_tells_members_what_the_forums_are_for(client):
    response = client.get("/forums/")

    assert response.status_code == 200
    assert "ask, answer and compare notes" in response.content.decode()
