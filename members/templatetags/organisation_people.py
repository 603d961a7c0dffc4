"""`{% organisation_people_url organisation as url %}`: the people page, for those who manage it.

The permission is asked of members/people.py, never worked out from roles in a template.
"""

from django import template
from django.urls import reverse

from members.people import can_manage_organisation_people

register = template.Library()


@register.simple_tag(takes_context=True)
def organisation_people_url(context, organisation) -> str:
    request = context.get("request")
    if request is None or not can_manage_organisation_people(request.user, organisation):
        return ""
    return reverse("members:organisation_people", args=[organisation.pk])
