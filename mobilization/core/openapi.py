"""What every app's part of the public API shares: enums named for the field they describe, and dates that
are dates.

django-ninja names an enum's OpenAPI component after its Python class. The plan actions', the events' and
the indicator values' choices are all classes called `Status`: in one document they became one `Status`
component holding one of them, and the other two fields' valid answers failed validation. Each field gets
its own enum here, named for what it is (`ActionStatus`, `EventStatus`, `IndicatorValueStatus`).
"""

import enum
import re
from datetime import date
from typing import Annotated

from django.db.models import TextChoices
from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def api_enum(name: str, choices: type[TextChoices]) -> type[enum.Enum]:
    """A str enum with the values of `choices`, under its own name in the OpenAPI document."""
    return enum.Enum(name, {member.name: member.value for member in choices}, type=str)


def _iso_date(value):
    """OpenAPI's `date` is YYYY-MM-DD; pydantic alone would also take "0" (a Unix time) or "20260101"."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


# A day in a query string, written as the document says (YYYY-MM-DD) and nothing else.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
