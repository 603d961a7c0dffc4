"""Forms of Wagtail's page editor, where a page needs more than the generated one."""

from __future__ import annotations

import zoneinfo

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

EVENT_TIMES = ("start", "end")


def _zone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


class EventPageForm(WagtailAdminPageForm):
    """Start and end are typed, and shown, as wall-clock times where the event takes place.

    Without this an editor in Geneva typing 10:00 for a webinar in Beirut would store 10:00
    Geneva time: the admin reads times in the editor's own time zone.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = _zone(self.instance.time_zone)
        for name in EVENT_TIMES:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        zone = _zone(cleaned_data.get("time_zone"))
        for name in EVENT_TIMES:
            value = cleaned_data.get(name)
            if value is not None:
                # The form read the digits in the editor's zone: keep the digits, change zone.
                wall_clock = timezone.localtime(value).replace(tzinfo=None)
                cleaned_data[name] = wall_clock.replace(tzinfo=zone)
        return cleaned_data
