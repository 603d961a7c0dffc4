"""Country and region hubs: a place's public resources, events, partners and experts."""

import pytest

from community.models import PartnerPage, Region, ResourcePage
from members.models import Visibility
from tests.factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db


def test_a_country_hub_joins_its_resources_events_partners_and_public_experts(client, demo):
    ExpertProfileFactory(display_name="Public Jordanian expert", country="JO")
    ExpertProfileFactory(display_name="Hidden expert", country="JO", visibility=Visibility.HIDDEN)
    ExpertProfileFactory(
        display_name="Members-only expert", country="JO", visibility=Visibility.MEMBERS
    )
    resources = ResourcePage.objects.live().filter(countries__contains="JO")

    response = client.get("/countries/jo/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Jordan" in html
    assert all(resource.title in html for resource in resources)
    assert "Public Jordanian expert" in html
    assert "Hidden expert" not in html and "Members-only expert" not in html


def test_a_region_hub_lists_the_partners_of_the_region(client, demo):
    region = Region.objects.get(slug="arab-states")
    partners = PartnerPage.objects.live().filter(region=region)

    html = client.get("/regions/arab-states/").content.decode()

    assert region.name in html
    assert partners and all(partner.title in html for partner in partners)


def test_unknown_places_are_not_found(client, demo):
    assert client.get("/countries/ZZ/").status_code == 404
    assert client.get("/countries/jordan/").status_code == 404
    assert client.get("/regions/atlantis/").status_code == 404


def test_unpublished_resources_are_not_on_a_hub(client, demo):
    resource = ResourcePage.objects.live().filter(countries__contains="JO").first()
    resource.unpublish()

    assert resource.title not in client.get("/countries/JO/").content.decode()


def test_pages_link_their_places_to_the_hubs(client, demo):
    resource = ResourcePage.objects.live().filter(countries__contains="JO").first()

    html = client.get(resource.url).content.decode()

    assert 'href="/countries/JO/"' in html
