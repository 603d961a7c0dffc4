"""Databases loaded before partners held their content are rearranged, not duplicated."""

import io

import pytest
from django.core.management import call_command

from community.models import ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db


def test_loading_again_moves_a_resource_from_the_old_place_to_its_partner(demo):
    resource = ResourcePage.objects.live().filter(publisher__isnull=False).first()
    partner = resource.publisher
    resource.move(ResourceIndexPage.objects.get(), pos="last-child")  # where it used to live
    count = ResourcePage.objects.count()

    call_command("load_demo", stdout=io.StringIO())

    resource = ResourcePage.objects.get(pk=resource.pk)
    assert resource.get_parent().pk == partner.pk
    assert resource.publisher == partner
    assert ResourcePage.objects.count() == count
