"""Reporting periods, and when each report is due.

A yearly commitment reports on calendar years ("2025"), a half-yearly one on halves ("2025-H1"), a
quarterly one on quarters ("2025-Q3"). A report is due `DUE_AFTER_DAYS` after its period ends (a year's
accounts take a quarter to close), and becomes overdue `GRACE_DAYS` later: then the commitment shows
"report overdue". Representatives are reminded `REMIND_BEFORE_DAYS` before the due date.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

DUE_AFTER_DAYS = 90
GRACE_DAYS = 30
REMIND_BEFORE_DAYS = 14

YEARLY, HALF_YEARLY, QUARTERLY = "yearly", "half_yearly", "quarterly"
PARTS = {YEARLY: 1, HALF_YEARLY: 2, QUARTERLY: 4}
PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<part>[1-4]))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    part: int  # 1 for a year; 1-2 for halves; 1-4 for quarters
    parts: int  # how many periods a year: 1, 2 or 4

    @property
    def code(self) -> str:
        if self.parts == 1:
            return str(self.year)
        return f"{self.year}-{'H' if self.parts == 2 else 'Q'}{self.part}"

    @property
    def starts(self) -> date:
        return date(self.year, 12 // self.parts * (self.part - 1) + 1, 1)

    @property
    def ends(self) -> date:
        month = 12 // self.parts * self.part
        following = date(self.year + 1, 1, 1) if month == 12 else date(self.year, month + 1, 1)
        return following - timedelta(days=1)

    @property
    def due(self) -> date:
        return self.ends + timedelta(days=DUE_AFTER_DAYS)

    @property
    def overdue_from(self) -> date:
        return self.due + timedelta(days=GRACE_DAYS)

    def next(self) -> "Period":
        if self.part == self.parts:
            return Period(self.year + 1, 1, self.parts)
        return Period(self.year, self.part + 1, self.parts)

    def __str__(self) -> str:
        return self.code


def parse(code: str, frequency: str) -> Period:
    """The period written `code` for a commitment reporting `frequency`; ValueError says why not."""
    match = PATTERN.match((code or "").strip())
    parts = PARTS[frequency]
    if not match:
        raise ValueError(_("Write the period as 2025, 2025-H1 or 2025-Q3."))
    year, kind, part = int(match["year"]), match["kind"], int(match["part"] or 1)
    expected = {1: None, 2: "H", 4: "Q"}[parts]
    if kind != expected or part > parts:
        examples = {1: "2025", 2: "2025-H1", 4: "2025-Q3"}
        raise ValueError(
            _("This commitment reports %(frequency)s: write the period like %(example)s.")
            % {"frequency": _frequency_label(frequency), "example": examples[parts]}
        )
    if not 1990 <= year <= 2100:
        raise ValueError(_("The year must be between 1990 and 2100."))
    return Period(year, part, parts)


def _frequency_label(frequency: str) -> str:
    return {YEARLY: _("yearly"), HALF_YEARLY: _("half-yearly"), QUARTERLY: _("quarterly")}[frequency]


def first_period(starts_on: date, frequency: str) -> Period:
    """The period the commitment starts in: a commitment made in February reports on that year."""
    parts = PARTS[frequency]
    return Period(starts_on.year, (starts_on.month - 1) // (12 // parts) + 1, parts)


def periods_due(starts_on: date, frequency: str, today: date, *, until: date | None = None) -> list[Period]:
    """Every period whose report is due on or before `until` (by default today plus the reminder's
    notice, so that the report about to fall due is in the list)."""
    until = until or today + timedelta(days=REMIND_BEFORE_DAYS)
    period, due = first_period(starts_on, frequency), []
    while period.due <= until:
        due.append(period)
        period = period.next()
    return due
