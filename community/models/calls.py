"""Calls and opportunities: calls for good practices, partnership requests, funding calls."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from community.visibility import HiddenWhenExpired, public_pages

from .translations import TranslatablePage, in_reader_language


class CallIndexPage(TranslatablePage, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.CallPage"]
    max_count = 1

    class Meta:
        verbose_name = _("calls and opportunities")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        calls = in_reader_language(
            public_pages(CallPage.objects.child_of(self.in_default_language()))
        )
        today = timezone.localdate()
        context["open_calls"] = calls.filter(deadline__gte=today).order_by("deadline")
        context["closed_calls"] = calls.filter(deadline__lt=today).order_by("-deadline")
        return context


class CallPage(HiddenWhenExpired, TranslatablePage, RoutablePageMixin, Page):
    class Kind(models.TextChoices):
        GOOD_PRACTICES = "good-practices", _("Call for good practices")
        PARTNERSHIP = "partnership", _("Partnership request")
        FUNDING = "funding", _("Funding call")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"), max_length=1000)
    description = RichTextField(_("description"), blank=True)
    deadline = models.DateField(
        _("deadline"), help_text=_("The last day on which submissions are accepted.")
    )
    external_url = models.URLField(_("more information"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("deadline"),
        FieldPanel("external_url"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("deadline"),
    ]
    parent_page_types = ["community.CallIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("call")
        indexes = [models.Index(fields=["deadline"], name="call_deadline_idx")]

    @property
    def is_open(self) -> bool:
        return self.deadline >= timezone.localdate()

    @property
    def accepts_practices(self) -> bool:
        return self.kind == self.Kind.GOOD_PRACTICES

    @path("submit/", name="submit")
    def submit(self, request):
        from community.submissions import submit_practice_view

        return submit_practice_view(request, self)
