"""Taxonomy fields shared by every kind of content that the community tags."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class TaggedContent(models.Model):
    """Action lines, themes, SDG targets, regions and countries on a page."""

    action_lines = ParentalManyToManyField(
        "community.ActionLine", blank=True, related_name="+", verbose_name=_("WSIS action lines")
    )
    themes = ParentalManyToManyField(
        "community.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    sdg_targets = ParentalManyToManyField(
        "community.SDGTarget", blank=True, related_name="+", verbose_name=_("SDG targets")
    )
    regions = ParentalManyToManyField(
        "community.Region", blank=True, related_name="+", verbose_name=_("regions")
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)

    class Meta:
        abstract = True

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("action_lines", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdg_targets", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("countries"),
            ],
            heading=_("Topics and places"),
        )
    ]
