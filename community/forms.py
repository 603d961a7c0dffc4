"""Forms that readers fill in on the public site (editors use Wagtail's admin forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from community.models import ActionLine


class PracticeSubmissionForm(forms.Form):
    """A good practice proposed in answer to a call; moderators review it before it is public."""

    title = forms.CharField(label=_("Name of the practice"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the practice is and what it achieved, in a few sentences."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("How it works, who runs it, what others can learn from it."),
    )
    organisation = forms.CharField(
        label=_("Organisation that runs it"), max_length=255, required=False
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"), choices=list(countries), required=False
    )
    action_lines = forms.ModelMultipleChoiceField(
        label=_("WSIS action lines"),
        queryset=ActionLine.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    external_url = forms.URLField(
        label=_("Link to more information"),
        required=False,
        assume_scheme="https",
        help_text=_("A full address, for example https://example.org/our-practice"),
    )
