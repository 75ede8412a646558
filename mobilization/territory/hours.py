"""Opening hours: reading the city's hours text, and telling whether a place is open at a given time.

A place's hours are stored as a dict keyed by weekday ("0" is Monday ... "6" is Sunday, strings because
they live in a JSON field), each a list of ``["HH:MM", "HH:MM"]`` intervals:

- a weekday missing from the dict means the hours of that day are not known;
- an empty list means closed that day;
- ``["00:00", "24:00"]`` means open all day. A closing time before the opening time runs past midnight.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

ALL_DAY = ["00:00", "24:00"]

# "10h00", "10h", "9H30", "11:00", "14H": hours, a separator (h, H or :), optional minutes.
_TIME = r"(\d{1,2})\s*[hH:]\s*(\d{2})?"
# Two times joined by a hyphen or a dash, with or without spaces: "10h - 18h", "10h – 18h", "12h-19h".
_INTERVAL = re.compile(rf"^{_TIME}\s*[-–—]\s*{_TIME}$")
_CLOSED_WORDS = {"fermé", "ferme", "closed"}


@dataclass
class DayHours:
    """What a day's hours text says: intervals (None when it says nothing usable), and what was unreadable."""

    intervals: list[list[str]] | None
    unreadable: list[str] = field(default_factory=list)


def _clock(hours: str, minutes: str | None) -> str | None:
    hour, minute = int(hours), int(minutes or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return f"{hour:02d}:{minute:02d}"


def parse_day(text: str | None) -> DayHours:
    """Read one day's hours as the city writes them: "07h00 - 08h30 / 11h30 - 13h30", "Fermé", "-"..."""
    text = (text or "").strip()
    if not text:
        return DayHours(intervals=None)
    if text == "-" or text.lower() in _CLOSED_WORDS:
        return DayHours(intervals=[])
    intervals, unreadable = [], []
    for part in (piece.strip() for piece in text.split("/")):
        match = _INTERVAL.match(part)
        opens = match and _clock(match[1], match[2])
        closes = match and _clock(match[3], match[4])
        if not (opens and closes):
            unreadable.append(part)
            continue
        # "00h00 - 23h59" is how the city writes "all day": read a closing at 23:59 as midnight.
        intervals.append([opens, "24:00" if closes == "23:59" else closes])
    return DayHours(intervals=intervals or None, unreadable=unreadable)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def is_open(opening_hours: dict, moment: datetime) -> bool | None:
    """Whether the hours say open at this local moment; None when the hours of that day are unknown."""
    weekday = moment.weekday()
    now = moment.hour * 60 + moment.minute
    # An interval of yesterday that closes after midnight ("20:00"-"02:00") may still be running.
    yesterday = opening_hours.get(str((weekday - 1) % 7)) or []
    if any(_minutes(closes) < _minutes(opens) and now < _minutes(closes) for opens, closes in yesterday):
        return True
    today = opening_hours.get(str(weekday))
    if today is None:
        return None
    for opens, closes in today:
        start, end = _minutes(opens), _minutes(closes)
        if start <= now < end or (end < start and now >= start):
            return True
    return False


def describe(intervals: list[list[str]] | None) -> str:
    """One day's hours in words: "10:00–18:00, 19:00–22:00", "Open all day", "Closed", "Not given"."""
    if intervals is None:
        return _("Hours not given")
    if not intervals:
        return _("Closed")
    if intervals == [ALL_DAY]:
        return _("Open all day")
    return ", ".join(f"{opens}–{closes}" for opens, closes in intervals)
