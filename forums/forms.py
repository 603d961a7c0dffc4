"""Forms of the forums: they read and check input; the actions decide and save."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from community.models import ActionLine, Theme

from .limits import limit
from .models import Thread, WatchLevel

BODY_HELP = _(
    "Markdown: *emphasis*, **bold**, [links](https://example.org), lists, > quotes, "
    "`code` and tables. Mention a member with @name."
)


class PostBodyField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Message"))
        kwargs.setdefault("help_text", BODY_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "dir": "auto"}))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Write something before you post."),
                "max_length": _(
                    "A post can be at most %(limit_value)d characters long; "
                    "this one has %(show_value)d."
                ),
            },
        )
        super().__init__(max_length=limit("MAX_POST_LENGTH"), strip=True, **kwargs)


class NewThreadForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        min_length=5,
        max_length=Thread._meta.get_field("title").max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_("A question or a short summary, 5 to 150 characters."),
        error_messages={
            "required": _("Give the thread a title."),
            "min_length": _("Give the thread a title of at least %(limit_value)d characters."),
            "max_length": _(
                "A title can be at most %(limit_value)d characters long; "
                "this one has %(show_value)d."
            ),
        },
    )
    body = PostBodyField()
    is_question = forms.BooleanField(
        label=_("This is a question: replies can be marked as the accepted answer"),
        required=False,
    )
    action_lines = forms.ModelMultipleChoiceField(
        label=_("WSIS action lines"),
        queryset=ActionLine.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReplyForm(forms.Form):
    body = PostBodyField(label=_("Your reply"))
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def fields_html(self) -> SafeString:
        """The hidden post being replied to, and the text's label, help, errors and box.

        Every thread page a member opens shows the same blank form: its markup is rendered
        once per language (Django's form templates took 0.4 to 0.9 ms a page) and reused.
        """
        if self.is_bound or self.initial:
            return self._render_fields()
        return _blank_reply_fields(get_language())

    def _render_fields(self) -> SafeString:
        return format_html("{}\n{}", self["reply_to"], self["body"].as_field_group())


@cache
def _blank_reply_fields(language: str) -> SafeString:
    return ReplyForm(prefix=None)._render_fields()


class EditPostForm(forms.Form):
    body = PostBodyField()


class EditFirstPostForm(EditPostForm):
    title = NewThreadForm.base_fields["title"]
    field_order = ["title", "body"]


class WatchForm(forms.Form):
    level = forms.ChoiceField(label=_("Notifications"), choices=WatchLevel.choices)


@dataclass(frozen=True)
class WatchChoice:
    """What the watching select shows: the level chosen, among the levels WatchForm accepts.
    A plain value rather than a bound form: the select is drawn by hand, and a form instance
    per page cost more than the select itself."""

    level: str
    choices = WatchLevel.choices
