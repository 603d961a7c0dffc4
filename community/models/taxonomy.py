"""The community's shared vocabulary: WSIS action lines, themes, SDGs and regions.

Resources, events, experts and discussions are all tagged with these, so they live in one
place and are edited as Wagtail snippets.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet


@register_snippet
class ActionLine(models.Model):
    """A WSIS action line, C1 to C11."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True, help_text=_("7 for C7"))
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        ordering = ["number"]
        verbose_name = _("WSIS action line")
        verbose_name_plural = _("WSIS action lines")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"C{self.number}"


@register_snippet
class Theme(models.Model):
    """A recurring theme of digital government, such as e-participation or open data."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        ordering = ["title"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title


@register_snippet
class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.title}"


@register_snippet
class SDGTarget(models.Model):
    goal = models.ForeignKey(
        SustainableDevelopmentGoal, on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("For example 16.6"))
    title = models.CharField(_("title"), max_length=500)

    class Meta:
        ordering = ["goal__number", "code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


@register_snippet
class Region(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name
