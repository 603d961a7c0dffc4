"""Forms of reporting and moderation: they read and check input; the actions decide."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Category, Flag, FlagReason, ModerationAction, Post

REASON_MAX = ModerationAction._meta.get_field("reason").max_length
HIDDEN_REASON_MAX = Post._meta.get_field("hidden_reason").max_length


def _reason_field(*, required: bool, max_length: int = REASON_MAX, **kwargs) -> forms.CharField:
    kwargs.setdefault("label", _("Reason"))
    return forms.CharField(
        required=required,
        max_length=max_length,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": _(
                "Give a reason: it is kept in the moderation log, and the member concerned sees it."
            ),
            "max_length": _(
                "A reason can be at most %(limit_value)d characters long; "
                "this one has %(show_value)d."
            ),
        },
        **kwargs,
    )


class NextForm(forms.Form):
    """Where to go back to once done; checked by the view before it is followed."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)


class FlagForm(NextForm):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason.")},
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=Flag._meta.get_field("details").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Anything that helps the moderators understand. Needed with “Something else”."),
    )
    field_order = ["reason", "details", "next"]


class HidePostForm(NextForm):
    reason = _reason_field(
        required=True,
        max_length=HIDDEN_REASON_MAX,
        help_text=_("Readers see it in place of the post, and so does the author."),
    )


class OptionalReasonForm(NextForm):
    reason = _reason_field(required=False, help_text=_("Optional; kept in the moderation log."))


THREAD_ACTIONS = {
    "lock": _("Lock"),
    "unlock": _("Unlock"),
    "pin": _("Pin"),
    "unpin": _("Unpin"),
    "hide": _("Hide"),
    "restore": _("Restore"),
}


class ThreadModerationForm(NextForm):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=list(THREAD_ACTIONS.items()),
        error_messages={"invalid_choice": _("Choose lock, unlock, pin, unpin, hide or restore.")},
    )
    reason = _reason_field(
        required=False,
        help_text=_("Needed to hide a thread; kept in the moderation log."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "hide" and not data.get("reason"):
            self.add_error("reason", _("Give a reason for hiding the thread."))
        return data


class MoveThreadForm(NextForm):
    to_category = forms.ModelChoiceField(
        label=_("Move to"),
        queryset=Category.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the categories you moderate.")},
    )
    reason = _reason_field(required=False, help_text=_("Optional; kept in the moderation log."))
    field_order = ["to_category", "reason", "next"]

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_category"].queryset = categories


DURATIONS = {
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
    "month": timedelta(days=30),
}


class SuspendForm(NextForm):
    duration = forms.ChoiceField(
        label=_("For how long?"),
        choices=[
            ("day", _("1 day")),
            ("week", _("1 week")),
            ("month", _("1 month (30 days)")),
            ("custom", _("Until a date I choose")),
        ],
        initial="day",
        widget=forms.RadioSelect,
    )
    until = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("With “Until a date I choose”: the member can post again from this day."),
    )
    reason = _reason_field(
        required=True, help_text=_("The member is shown it whenever they try to post.")
    )
    flag = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ["duration", "until", "reason", "flag", "next"]

    def clean(self):
        data = super().clean()
        duration = data.get("duration")
        if duration == "custom":
            day = data.get("until")
            if day is None:
                if "until" not in self.errors:
                    self.add_error("until", _("Choose the date the suspension ends."))
                return data
            ends_at = timezone.make_aware(datetime.combine(day, time.min))
            if ends_at <= timezone.now():
                self.add_error("until", _("Choose a date in the future."))
            data["ends_at"] = ends_at
        elif duration in DURATIONS:
            data["ends_at"] = timezone.now() + DURATIONS[duration]
        return data


class LogFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Every kind of action")), *ModerationAction.Kind.choices],
    )
