"""Common Alerting Protocol 1.2: read an alert (MeteoAlarm's included), judge it for the city, write one.

No Django here: the solidarity app calls `parse()` on an uploaded file, `read()` with the city's
`CityArea` (geocodes from settings, boundary from the territory), and turns the `Reading` into an event;
the other way, `event_alert()` then `to_xml()` export an event, which `schema_errors()` checks against
the OASIS schema shipped in `schema/`.
"""

from .interpret import CityArea, Reading, concerns_city, hazard_of, level_of, read
from .model import NAMESPACE, Alert, Area, CapError, Hazard, Info, Level, Pair, Reference
from .parse import parse
from .write import event_alert, schema_errors, to_xml

__all__ = [
    "NAMESPACE",
    "Alert",
    "Area",
    "CapError",
    "CityArea",
    "Hazard",
    "Info",
    "Level",
    "Pair",
    "Reading",
    "Reference",
    "concerns_city",
    "event_alert",
    "hazard_of",
    "level_of",
    "parse",
    "read",
    "schema_errors",
    "to_xml",
]
