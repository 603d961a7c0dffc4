"""Members create and edit their expert profile; bad input is explained at the field."""

import io

import pytest
from PIL import Image

from members.models import ExpertProfile, Visibility
from tests.factories import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def image_upload(size=(400, 300), fmt="PNG", name="me.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 90, 160)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def profile_data(**overrides):
    data = {
        "display_name": "Leila Haddad",
        "headline": "Open data lead",
        "biography": "I work on **open government data**.\n\n<script>alert(1)</script>",
        "visibility": Visibility.PUBLIC,
        "orcid": "",
        "website": "",
        "linkedin": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_a_member_creates_a_profile_and_sees_it(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client.post(
        "/experts/me/profile/", {**profile_data(), "photo": image_upload(size=(1200, 900))}
    )

    profile = ExpertProfile.objects.get(user=member)
    assert response.status_code == 302 and response["Location"] == profile.get_absolute_url()
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "Leila Haddad" in html and "<strong>open government data</strong>" in html
    assert "<script>" not in html.split("<main", 1)[1]
    with Image.open(profile.photo.path) as stored:
        assert max(stored.size) == 512, "the photo is stored resized"


def test_the_email_address_is_never_shown_on_a_profile(client, member):
    profile = ExpertProfileFactory(user=member, visibility=Visibility.PUBLIC)

    client.logout()
    assert member.email not in client.get(profile.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("orcid", "0000-0002-1825-0098", "valid last check digit"),
        ("orcid", "1234", "ORCID iD like"),
        ("linkedin", "https://example.org/me", "linkedin.com"),
        ("website", "not a link", "Enter a valid URL"),
        ("years_of_experience", "99", "between 0 and 70"),
        ("display_name", "", "This field is required"),
    ],
)
def test_bad_input_is_explained_at_the_field_and_nothing_is_saved(
    client, member, field, value, message
):
    response = client.post("/experts/me/profile/", profile_data(**{field: value}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ExpertProfile.objects.filter(user=member).exists()


def test_a_valid_orcid_is_accepted_and_normalised(client, member):
    client.post("/experts/me/profile/", profile_data(orcid="https://orcid.org/0000-0002-1825-0097"))

    assert ExpertProfile.objects.get(user=member).orcid == "0000-0002-1825-0097"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: image_upload(size=(100, 100)), "needs at least 200"),
        (lambda: image_upload(fmt="GIF", name="me.gif"), "Use a JPEG, PNG or WebP photo"),
    ],
)
def test_photos_that_break_the_stated_limits_are_refused(client, member, upload, message):
    response = client.post("/experts/me/profile/", {**profile_data(), "photo": upload()})

    assert message in response.content.decode()
    assert not ExpertProfile.objects.filter(user=member).exists()


def test_a_file_that_is_not_a_photo_is_refused(client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("me.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post("/experts/me/profile/", {**profile_data(), "photo": fake})

    assert "Upload a valid image" in response.content.decode()


def test_the_limits_are_stated_next_to_the_photo_field(client, member):
    html = client.get("/experts/me/profile/").content.decode()

    assert "at most 5 MB, at least 200 × 200 pixels" in html


def test_signing_in_is_needed_to_edit_a_profile(client):
    response = client.get("/experts/me/profile/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
