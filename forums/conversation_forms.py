"""Forms of private conversations: they read what was typed; the actions decide and save.

The field names match the keys of the actions' ValidationErrors, so `form.add_error(None,
error)` puts each refusal next to the field it is about.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import User

from .forms import PostBodyField
from .models import Conversation, WhoMayWrite

HANDLE = re.compile(r"@?([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)", re.IGNORECASE)
SEPARATORS = re.compile(r"[\s,;]+")


def parse_handles(text: str) -> tuple[list[str], list[str]]:
    """The forum names in `text` ("@nadia, @omar-2"), in order, and any piece that is not one."""
    handles: list[str] = []
    invalid: list[str] = []
    for piece in SEPARATORS.split(text.strip()):
        if not piece:
            continue
        match = HANDLE.fullmatch(piece)
        if match is None:
            invalid.append(piece)
        elif match.group(1).lower() not in handles:
            handles.append(match.group(1).lower())
    return handles, invalid


class RecipientsField(forms.CharField):
    """Forum names typed in one field; cleans to the active members they name, in order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("To"))
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "Forum names, like @nadia-test, separated by commas or spaces; "
                "a profile's “Contact” button fills this in."
            ),
        )
        kwargs.setdefault(
            "error_messages", {"required": gettext_lazy("Choose at least one person to write to.")}
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(max_length=1000, **kwargs)

    def clean(self, value: str) -> list[User]:
        text = super().clean(value)
        handles, invalid = parse_handles(text)
        if invalid:
            raise forms.ValidationError(
                _("%(names)s is not a forum name: forum names have letters, digits and dashes.")
                % {"names": ", ".join(invalid)}
            )
        found = {
            user.handle: user
            for user in User.objects.filter(handle__in=handles, is_active=True).select_related(
                "profile"
            )
        }
        unknown = [handle for handle in handles if handle not in found]
        if unknown:
            raise forms.ValidationError(
                _("No member is called %(names)s. Check the spelling of the forum name.")
                % {"names": ", ".join(f"@{handle}" for handle in unknown)}
            )
        return [found[handle] for handle in handles]


class NewConversationForm(forms.Form):
    recipients = RecipientsField()
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=Conversation._meta.get_field("subject").max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": gettext_lazy("Give the conversation a subject."),
            "max_length": gettext_lazy(
                "A subject can be at most %(limit_value)d characters long; "
                "this one has %(show_value)d."
            ),
        },
    )
    body = PostBodyField(
        help_text=gettext_lazy(
            "Only the people in the conversation can read it. Markdown works as in posts."
        )
    )


class MessageForm(forms.Form):
    body = PostBodyField(label=gettext_lazy("Your reply"))


class MessagingPreferenceForm(forms.Form):
    who_may_write = forms.ChoiceField(
        label=gettext_lazy("Who may write to you privately"),
        choices=WhoMayWrite.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Conversations already started go on whatever you choose. "
            "Moderators can always write to you."
        ),
    )
