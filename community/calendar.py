"""iCalendar (RFC 5545) files for events, written by hand: one VEVENT needs no library."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

PRODUCT_ID = "-//Community of Expertise on eGovernance for Development//Events//EN"


def escape_text(value: str) -> str:
    """TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1).

    Cuts fall between characters, never inside a multi-byte UTF-8 sequence.
    """
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for character in line:
        width = len(character.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += character
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def utc(moment: dt.datetime) -> str:
    return timezone.localtime(moment, dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_location(event) -> str:
    place = [part for part in (event.venue, event.city) if part]
    if event.country:
        place.append(str(event.country.name))
    if not place and event.event_format == "online":
        return _("Online")
    return ", ".join(place)


def event_calendar(event, url: str, host: str) -> str:
    """The .ics text of one event, with CRLF line ends."""
    stamp = event.last_published_at or timezone.now()
    properties = [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODUCT_ID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("BEGIN", "VEVENT"),
        ("UID", f"event-{event.pk}@{host}"),
        ("DTSTAMP", utc(stamp)),
        ("DTSTART", utc(event.start)),
        ("DTEND", utc(event.end)),
        ("SUMMARY", escape_text(event.title)),
        ("DESCRIPTION", escape_text(event.summary)),
        ("LOCATION", escape_text(event_location(event))),
        ("URL", url),
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ]
    lines = [fold(f"{name}:{value}") for name, value in properties if value]
    return "\r\n".join(lines) + "\r\n"
