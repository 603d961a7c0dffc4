"""Forum categories are set up in the Wagtail admin, beside the taxonomy they link to.

Threads, posts and conversations are not: they change only through the forum pages and
their actions, which keep counters, logs and notifications right.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "group"
    menu_label = _("Forum categories")
    list_display = ["name", "visibility", "position"]
    list_filter = ["visibility"]
    search_fields = ["name", "description"]
    ordering = ["position", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("position"),
        MultiFieldPanel([FieldPanel("action_line"), FieldPanel("theme")], heading=_("Topic")),
        MultiFieldPanel(
            [FieldPanel("visibility"), FieldPanel("group"), FieldPanel("moderators")],
            heading=_("Who reads and who moderates"),
        ),
    ]


register_snippet(CategoryViewSet)
