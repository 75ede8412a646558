"""The RFC 5545 checker of the calendar tests rejects broken files, and the city's VTIMEZONE is right."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from mobilization.events import vtimezone
from mobilization.events.tests.rfc5545 import assert_valid_icalendar, problems_of

SUMMARY = r"SUMMARY:Repair café\, vélos\; grille-pain"
DESCRIPTION = r"DESCRIPTION:Line one\nLine two"
VALID = (
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Test//Checker//EN",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:STANDARD",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "UID:event-1@example.org",
    "DTSTAMP:20250101T120000Z",
    "DTSTART;TZID=Europe/Paris:20250110T180000",
    "DTEND;TZID=Europe/Paris:20250110T200000",
    SUMMARY,
    DESCRIPTION,
    'ATTACH;FMTTYPE="text/plain";X-NOTE="a:b":https://example.org/a',
    "STATUS:CANCELLED",
    "END:VEVENT",
    "END:VCALENDAR",
)


def calendar(lines) -> bytes:
    return "".join(f"{line}\r\n" for line in lines).encode()


def replaced(old: str, *new: str) -> tuple[str, ...]:
    position = VALID.index(old)
    return VALID[:position] + new + VALID[position + 1 :]


def test_the_checker_accepts_a_valid_calendar_with_folded_lines():
    folded = replaced(DESCRIPTION, "DESCRIPTION:" + "x" * 63, " " + "y" * 74, " z")

    assert problems_of(calendar(VALID)) == []
    assert problems_of(calendar(folded)) == []


@pytest.mark.parametrize(
    "content, problem",
    [
        (calendar(VALID).replace(b"\r\n", b"\n"), "CRLF"),
        (calendar(VALID)[:-2], "does not end with CRLF"),
        (calendar(replaced(SUMMARY, "SUMMARY:" + "x" * 70)), "octets"),
        # "é" is two octets: a fold between them leaves each line invalid UTF-8.
        (calendar(VALID).replace("café".encode(), b"caf\xc3\r\n \xa9"), "not UTF-8"),
        (calendar(replaced("END:VEVENT")), "never closed"),
        (calendar(replaced("END:STANDARD", "END:DAYLIGHT")), "closes STANDARD"),
        (calendar(VALID[:3] + VALID[-1:]), "no component"),
        (calendar(replaced("VERSION:2.0")), "0 VERSION"),
        (calendar(replaced("VERSION:2.0", "VERSION:1.0")), "not 2.0"),
        (calendar(replaced("PRODID:-//Test//Checker//EN")), "0 PRODID"),
        (calendar(replaced("UID:event-1@example.org")), "0 UID"),
        (calendar(replaced("DTSTAMP:20250101T120000Z")), "0 DTSTAMP"),
        (calendar(replaced("DTSTAMP:20250101T120000Z", "DTSTAMP:20250101T120000")), "in UTC"),
        (calendar(replaced("DTSTART;TZID=Europe/Paris:20250110T180000")), "0 DTSTART"),
        (calendar(replaced("STATUS:CANCELLED", "STATUS:NEEDS-ACTION")), "not a status"),
        (calendar(replaced("TZID:Europe/Paris", "TZID:Europe/Berlin")), "TZID=Europe/Paris has no VTIMEZONE"),
        (calendar(replaced("TZOFFSETTO:+0100")), "0 TZOFFSETTO"),
        (calendar(replaced(SUMMARY, "SUMMARY:Repair, café")), "unescaped ','"),
        (calendar(replaced(SUMMARY, "SUMMARY:A; B")), "unescaped ';'"),
        (calendar(replaced(DESCRIPTION, "DESCRIPTION:C:\\Users")), "escapes nothing"),
        (calendar(replaced("STATUS:CANCELLED", "no colon here")), "no colon"),
        (calendar(replaced("STATUS:CANCELLED", "BEGIN:VTIMEZONE", "END:VTIMEZONE")), "inside VEVENT"),
        (calendar(("BEGIN:STANDARD", "END:STANDARD") + VALID), "one VCALENDAR"),
    ],
)
def test_the_checker_rejects_a_broken_calendar(content, problem):
    problems = problems_of(content)

    assert any(problem in found for found in problems), problems
    with pytest.raises(AssertionError):
        assert_valid_icalendar(content)


PARIS = ZoneInfo("Europe/Paris")


def test_the_paris_zone_is_the_two_yearly_rules_of_the_european_union():
    component = vtimezone.vtimezone(PARIS, 2024, 2027).to_ical().decode()

    assert component == (
        "BEGIN:VTIMEZONE\r\n"
        "TZID:Europe/Paris\r\n"
        "BEGIN:DAYLIGHT\r\n"
        "DTSTART:20240331T020000\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
        "TZNAME:CEST\r\n"
        "TZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\n"
        "END:DAYLIGHT\r\n"
        "BEGIN:STANDARD\r\n"
        "DTSTART:20241027T030000\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        "TZNAME:CET\r\n"
        "TZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\n"
        "END:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
    )


@pytest.mark.parametrize("key", ["Europe/Paris", "Australia/Sydney", "America/New_York"])
def test_the_rules_give_the_changes_of_the_zone_database_year_after_year(key):
    """Each onset, read as RFC 5545 says (DTSTART's local time at TZOFFSETFROM), is the real change."""
    zone = ZoneInfo(key)
    component = vtimezone.vtimezone(zone, 2024, 2040)

    onsets = set()
    for part in component.subcomponents:
        start = part.decoded("DTSTART")
        offset_from = part.decoded("TZOFFSETFROM")
        rule = rrulestr(part["RRULE"].to_ical().decode(), dtstart=start)
        for local in rule.between(start, datetime(2041, 1, 1), inc=True):
            onsets.add((local - offset_from).replace(tzinfo=UTC))

    real = set()
    for year in range(2024, 2041):
        for change in vtimezone.changes_in(zone, year):
            real.add((change.onset - change.offset_from).replace(tzinfo=UTC))
            before = (change.onset - change.offset_from - timedelta(seconds=1)).replace(tzinfo=UTC)
            assert before.astimezone(zone).utcoffset() == change.offset_from
    assert onsets == real
    assert len(real) == 2 * 17


def test_a_zone_without_daylight_saving_time_is_one_standard_part():
    component = vtimezone.vtimezone(ZoneInfo("Asia/Tokyo"), 2024, 2027)

    [part] = component.subcomponents
    assert part.name == "STANDARD"
    assert "RRULE" not in part
    assert part.decoded("TZOFFSETFROM") == part.decoded("TZOFFSETTO") == timedelta(hours=9)


def test_a_zone_whose_rules_changed_in_those_years_lists_its_actual_changes():
    # Paris had no summer time until 1976, then changed its dates in 1981 and 1996.
    component = vtimezone.vtimezone(PARIS, 1974, 1998)

    assert not any("RRULE" in part for part in component.subcomponents)
    assert any("RDATE" in part for part in component.subcomponents)
    lines = VALID[:3] + tuple(component.to_ical().decode().splitlines()) + VALID[-1:]
    assert problems_of(calendar(lines)) == []


def test_years_out_of_range_are_brought_back_instead_of_overflowing():
    component = vtimezone.vtimezone(PARIS, 1, 9999)

    assert component["TZID"] == "Europe/Paris"
    assert component.subcomponents
