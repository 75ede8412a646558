"""The city's time zone as an iCalendar VTIMEZONE with its yearly rules (RFC 5545, section 3.6.5).

A calendar client needs the definition of every TZID the file uses, and a VCALENDAR must hold at least
one component: every calendar of the platform carries this one, so that a feed without events is still
a valid file.

The rules are read from the zone database (zoneinfo), not written by hand, so that a city in another
zone gets its own. When the zone changes its offset the same way every year of the years covered (as
Europe/Paris has since 1996: the last Sunday of March at 02:00, the last Sunday of October at 03:00),
each change is one DAYLIGHT or STANDARD sub-component with a yearly RRULE, which stays right for the
years after. A zone whose rules change within those years gets icalendar's list of its actual changes.
"""

import calendar as gregorian
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# The years whose changes are read (the events' filters stop at 2100 too): before 1970 the zone database
# is not reliable, and a yearly RRULE goes on by itself after the last year.
FIRST_YEAR, LAST_YEAR = 1970, 2100


@dataclass(frozen=True)
class Change:
    """One change of the zone's offset."""

    onset: datetime  # naive: the local time just before the change, what DTSTART holds
    offset_from: timedelta
    offset_to: timedelta
    name: str
    is_daylight: bool


def changes_in(zone: ZoneInfo, year: int) -> list[Change]:
    """The offset changes of the zone during one year, in order."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while moment < end:
        following = min(moment + timedelta(days=1), end)
        if moment.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            found.append(_change_between(zone, moment, following))
        moment = following
    return found


def _change_between(zone: ZoneInfo, before: datetime, after: datetime) -> Change:
    """Narrow down to the second the offset changes (the zone database counts in seconds)."""
    old_offset = before.astimezone(zone).utcoffset()
    low, high = int(before.timestamp()), int(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == old_offset:
            low = middle
        else:
            high = middle
    instant = datetime.fromtimestamp(high, zone)
    return Change(
        onset=(instant.astimezone(UTC) + old_offset).replace(tzinfo=None),
        offset_from=old_offset,
        offset_to=instant.utcoffset(),
        name=instant.tzname(),
        is_daylight=bool(instant.dst()),
    )


def _ordinals(day: date) -> list[int]:
    """How a rule can name this day in its month: "last Sunday" (-1) first, then "2nd Sunday" (2)..."""
    ordinals = []
    if day.day + 7 > gregorian.monthrange(day.year, day.month)[1]:
        ordinals.append(-1)
    if day.day <= 28:
        ordinals.append((day.day - 1) // 7 + 1)
    return ordinals


def _nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> date:
    days = [
        date(year, month, number)
        for number in range(1, gregorian.monthrange(year, month)[1] + 1)
        if date(year, month, number).weekday() == weekday
    ]
    return days[ordinal - 1] if ordinal > 0 else days[ordinal]


def _shape(change: Change) -> tuple:
    """What must stay the same from year to year for one RRULE to give the change: all but its day."""
    return (
        change.onset.month,
        change.onset.time(),
        change.offset_from,
        change.offset_to,
        change.name,
        change.is_daylight,
    )


def yearly_rules(zone: ZoneInfo, first_year: int, last_year: int) -> list[tuple[Change, dict]] | None:
    """Each change of the first year with the RRULE that gives it in every year up to the last, or
    None when the changes do not repeat that way (a zone that moved its dates or its offsets)."""
    years = {year: changes_in(zone, year) for year in range(first_year, last_year + 1)}
    pattern = years[first_year]
    if any(len(changes) != len(pattern) for changes in years.values()):
        return None
    rules = []
    for position, change in enumerate(pattern):
        weekday = change.onset.weekday()
        for ordinal in _ordinals(change.onset.date()):
            if all(
                _shape(changes[position]) == _shape(change)
                and changes[position].onset.date() == _nth_weekday(year, change.onset.month, weekday, ordinal)
                for year, changes in years.items()
            ):
                byday = f"{ordinal}{WEEKDAYS[weekday]}"
                rules.append((change, {"freq": "yearly", "bymonth": change.onset.month, "byday": byday}))
                break
        else:
            return None
    return rules


def vtimezone(zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of the zone, right for every moment from the first year to the last."""
    first_year = min(max(first_year, FIRST_YEAR), LAST_YEAR)
    last_year = min(max(last_year, first_year), LAST_YEAR)
    rules = yearly_rules(zone, first_year, last_year)
    if rules is None:
        return Timezone.from_tzinfo(
            zone, tzid=zone.key, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
        )
    component = Timezone()
    component.add("tzid", zone.key)
    if not rules:
        # No change of offset in those years: one STANDARD part, from the first day on.
        start = datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone)
        part = TimezoneStandard()
        part.add("dtstart", datetime(first_year, 1, 1))
        part.add("tzoffsetfrom", start.utcoffset())
        part.add("tzoffsetto", start.utcoffset())
        part.add("tzname", start.tzname())
        component.add_component(part)
    for change, rule in rules:
        part = TimezoneDaylight() if change.is_daylight else TimezoneStandard()
        part.add("dtstart", change.onset)
        part.add("rrule", rule)
        part.add("tzoffsetfrom", change.offset_from)
        part.add("tzoffsetto", change.offset_to)
        part.add("tzname", change.name)
        component.add_component(part)
    return component
