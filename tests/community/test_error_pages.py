"""Error pages are designed, translated pages: never a stack trace."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import path

from community.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("something deep inside failed")


def forbidden_view(request):
    raise PermissionDenied


urlpatterns = [
    path("broken/", broken_view),
    path("forbidden/", forbidden_view),
    *site_urlpatterns,
]
handler403 = "community.views.permission_denied"
handler404 = "community.views.page_not_found"
handler500 = "community.views.server_error"


def test_unknown_address_gets_the_designed_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'role="search"' in html, "offers a way onwards"


def test_404_speaks_arabic_right_to_left(client):
    response = client.get("/ar/no-such-page/")

    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_shows_a_designed_page_without_a_trace():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html and "something deep inside failed" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_forbidden_shows_a_designed_page_inviting_to_sign_in(client):
    response = client.get("/forbidden/")

    assert response.status_code == 403
    assert "You do not have permission to see this" in response.content.decode()
    assert "Sign in" in response.content.decode()
