"""Opening hours as the city writes them, and whether a place is open at a given moment."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from mobilization.territory import hours
from mobilization.territory.services import district_at, is_open_at, nearest_places
from mobilization.territory.tests.factories import PlaceFactory

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    "text, intervals",
    [
        ("10h00 - 18h00", [["10:00", "18:00"]]),
        ("10h – 18h", [["10:00", "18:00"]]),
        ("12h-19h", [["12:00", "19:00"]]),
        ("9H30 - 17H", [["09:30", "17:00"]]),
        ("11:00 - 18:00", [["11:00", "18:00"]]),
        ("10h00 -18h30", [["10:00", "18:30"]]),
        ("07h00 - 08h30 / 11h30 - 13h30", [["07:00", "08:30"], ["11:30", "13:30"]]),
        ("00h00 - 23h59", [hours.ALL_DAY]),
        ("Fermé", []),
        ("-", []),
        ("", None),
        (None, None),
    ],
)
def test_the_citys_ways_of_writing_hours_are_all_read(text, intervals):
    day = hours.parse_day(text)
    assert day.intervals == intervals
    assert day.unreadable == []


def test_a_truncated_interval_is_dropped_and_reported():
    day = hours.parse_day("06h30 - 07h45 / 11h45 - 13h45 / 16h30 - 19h45 / 20")
    assert day.intervals == [["06:30", "07:45"], ["11:45", "13:45"], ["16:30", "19:45"]]
    assert day.unreadable == ["20"]


def test_a_sentence_instead_of_hours_says_nothing_about_the_day():
    day = hours.parse_day("Les horaires étant susceptibles d'évoluer, merci d")
    assert day.intervals is None
    assert day.unreadable == ["Les horaires étant susceptibles d'évoluer, merci d"]


@pytest.mark.parametrize("text", ["25h - 26h", "10h75 - 12h"])
def test_impossible_times_are_not_read(text):
    assert hours.parse_day(text).intervals is None


MUSEUM = {"0": [], "1": [["10:00", "18:00"]], "2": [["10:00", "12:00"], ["14:00", "18:00"]]}
NIGHT_POOL = {"4": [["20:00", "02:00"]], "5": []}


@pytest.mark.parametrize(
    "opening_hours, moment, expected",
    [
        (MUSEUM, datetime(2025, 7, 15, 10, 0), True),  # Tuesday, opening minute
        (MUSEUM, datetime(2025, 7, 15, 18, 0), False),  # Tuesday, closing minute
        (MUSEUM, datetime(2025, 7, 16, 13, 0), False),  # Wednesday lunch break
        (MUSEUM, datetime(2025, 7, 14, 12, 0), False),  # Monday: closed
        (MUSEUM, datetime(2025, 7, 17, 12, 0), None),  # Thursday: not known
        (NIGHT_POOL, datetime(2025, 7, 18, 23, 0), True),  # Friday night
        (NIGHT_POOL, datetime(2025, 7, 19, 1, 30), True),  # after midnight, Friday's interval still runs
        (NIGHT_POOL, datetime(2025, 7, 19, 2, 0), False),
        ({"6": [hours.ALL_DAY]}, datetime(2025, 7, 20, 23, 59), True),
    ],
)
def test_open_or_not_at_a_moment(opening_hours, moment, expected):
    assert hours.is_open(opening_hours, moment) is expected


def test_open_now_is_read_in_the_citys_time_zone(db, settings):
    settings.TIME_ZONE = "Europe/Paris"
    museum = PlaceFactory.build(opening_hours=MUSEUM)
    # 08:30 UTC on Tuesday 15 July 2025 is 10:30 in Paris (summer time): open.
    assert is_open_at(museum, datetime(2025, 7, 15, 8, 30, tzinfo=ZoneInfo("UTC"))) is True
    assert is_open_at(museum, datetime(2025, 7, 15, 10, 30, tzinfo=PARIS)) is True
    assert is_open_at(museum, datetime(2025, 7, 15, 17, 30, tzinfo=ZoneInfo("UTC"))) is False


def test_a_place_out_of_service_is_never_open():
    mister = PlaceFactory.build(
        opening_hours={str(day): [hours.ALL_DAY] for day in range(7)}, is_available=False
    )
    assert is_open_at(mister, datetime(2025, 7, 15, 12, 0, tzinfo=PARIS)) is False


@pytest.mark.parametrize(
    "intervals, words",
    [
        (None, "Hours not given"),
        ([], "Closed"),
        ([hours.ALL_DAY], "Open all day"),
        ([["07:00", "08:30"], ["11:30", "13:30"]], "07:00–08:30, 11:30–13:30"),
    ],
)
def test_a_days_hours_in_words(intervals, words):
    assert hours.describe(intervals) == words


def test_without_districts_every_point_is_nowhere(db):
    assert district_at(48.8530, 2.3499) is None
    assert nearest_places(48.8530, 2.3499) == []
