"""Read a CAP 1.2 XML file into an `Alert`, or refuse it with the reason.

The XML is parsed with defusedxml: an uploaded file is untrusted, and the standard library's parser would
expand entities ("billion laughs") or fetch external ones. A document type declaration is refused
outright (CAP has none). The structure is then checked as the OASIS schema states it (required elements,
enumerated values, time stamps with their UTC offset), each failure named in plain words.
"""

import datetime
import re
import xml.etree.ElementTree as ET  # noqa: S405 (only for the types: parsing goes through defusedxml)

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .model import NAMESPACE, Alert, Area, CapError, Info, Pair, Reference

OLDER_NAMESPACES = {
    "urn:oasis:names:tc:emergency:cap:1.1": "1.1",
    "urn:oasis:names:tc:emergency:cap:1.0": "1.0",
    "http://www.incident.com/cap/1.0": "1.0",
}
STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MSG_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
CATEGORIES = (
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
)
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
RESPONSE_TYPES = (
    "Shelter",
    "Evacuate",
    "Prepare",
    "Execute",
    "Avoid",
    "Monitor",
    "Assess",
    "AllClear",
    "None",
)
# CAP 1.2 §3.3.2: "2002-05-24T16:49:00-07:00"; we also read "Z", which some feeds write.
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


def parse(data: bytes | str) -> Alert:
    """The alert in `data` (the file's bytes), or `CapError` saying why it is refused."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise CapError(
            CapError.UNSAFE, f"The file declares a DTD or entities, which CAP never does ({error})."
        ) from None
    except ET.ParseError as error:
        raise CapError(CapError.NOT_XML, f"The file is not well-formed XML: {error}.") from None
    namespace, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", root.tag)
    if local == "alert" and namespace in OLDER_NAMESPACES:
        raise CapError(
            CapError.NOT_CAP, f"This is a CAP {OLDER_NAMESPACES[namespace]} alert; only CAP 1.2 is read."
        )
    if (namespace, local) != (NAMESPACE, "alert"):
        found = f"<{local}>" + (f" in the namespace {namespace}" if namespace else " without a namespace")
        raise CapError(CapError.NOT_CAP, f"This is not a CAP 1.2 alert: its root element is {found}.")
    return _alert(_Element(root, "alert"))


class _Element:
    """An element of the CAP namespace, read with the path of names used in error messages."""

    def __init__(self, element: ET.Element, path: str):
        self.element = element
        self.path = path

    def all(self, name: str) -> list["_Element"]:
        return [_Element(e, f"{self.path}/{name}") for e in self.element.findall(f"{{{NAMESPACE}}}{name}")]

    def text(self, name: str, *, required: bool = False, choices: tuple[str, ...] = ()) -> str:
        found = self.element.find(f"{{{NAMESPACE}}}{name}")
        value = (found.text or "").strip() if found is not None else ""
        if required and not value:
            raise CapError(
                CapError.INVALID, f"The alert has no <{name}> in <{self.path}>, which CAP 1.2 requires."
            )
        if value and choices and value not in choices:
            raise CapError(
                CapError.INVALID,
                f"<{self.path}/{name}> is “{value}”; CAP 1.2 allows only: {', '.join(choices)}.",
            )
        return value

    def texts(self, name: str, choices: tuple[str, ...] = ()) -> tuple[str, ...]:
        values = tuple((e.element.text or "").strip() for e in self.all(name))
        for value in values:
            if choices and value not in choices:
                raise CapError(
                    CapError.INVALID,
                    f"<{self.path}/{name}> is “{value}”; CAP 1.2 allows only: {', '.join(choices)}.",
                )
        return values

    def time(self, name: str, *, required: bool = False) -> datetime.datetime | None:
        value = self.text(name, required=required)
        if not value:
            return None
        if not TIME.match(value):
            raise CapError(
                CapError.INVALID,
                f"<{self.path}/{name}> is “{value}”: CAP 1.2 wants a date, time and UTC offset such as "
                "2026-07-01T14:00:00+02:00.",
            )
        return datetime.datetime.fromisoformat(value)

    def pairs(self, name: str) -> tuple[Pair, ...]:
        return tuple(Pair(e.text("valueName", required=True), e.text("value")) for e in self.all(name))


def _alert(root: _Element) -> Alert:
    return Alert(
        identifier=root.text("identifier", required=True),
        sender=root.text("sender", required=True),
        sent=root.time("sent", required=True),
        status=root.text("status", required=True, choices=STATUSES),
        msg_type=root.text("msgType", required=True, choices=MSG_TYPES),
        scope=root.text("scope", required=True, choices=SCOPES),
        source=root.text("source"),
        restriction=root.text("restriction"),
        addresses=root.text("addresses"),
        codes=root.texts("code"),
        note=root.text("note"),
        references=_references(root.text("references")),
        incidents=root.text("incidents"),
        infos=tuple(_info(info) for info in root.all("info")),
    )


def _references(text: str) -> tuple[Reference, ...]:
    references = []
    for triple in text.split():
        parts = triple.split(",")
        if len(parts) != 3 or not all(parts):
            raise CapError(
                CapError.INVALID,
                f"<references> holds “{triple}”; CAP 1.2 wants sender,identifier,sent triples.",
            )
        references.append(Reference(*parts))
    return tuple(references)


def _info(info: _Element) -> Info:
    categories = info.texts("category", CATEGORIES)
    if not categories:
        raise CapError(
            CapError.INVALID, f"The alert has no <category> in <{info.path}>, which CAP 1.2 requires."
        )
    return Info(
        language=info.text("language") or "en-US",
        categories=categories,
        event=info.text("event", required=True),
        response_types=info.texts("responseType", RESPONSE_TYPES),
        urgency=info.text("urgency", required=True, choices=URGENCIES),
        severity=info.text("severity", required=True, choices=SEVERITIES),
        certainty=info.text("certainty", required=True, choices=CERTAINTIES),
        audience=info.text("audience"),
        event_codes=info.pairs("eventCode"),
        effective=info.time("effective"),
        onset=info.time("onset"),
        expires=info.time("expires"),
        sender_name=info.text("senderName"),
        headline=info.text("headline"),
        description=info.text("description"),
        instruction=info.text("instruction"),
        web=info.text("web"),
        contact=info.text("contact"),
        parameters=info.pairs("parameter"),
        areas=tuple(_area(area) for area in info.all("area")),
    )


def _area(area: _Element) -> Area:
    return Area(
        description=area.text("areaDesc", required=True),
        polygons=tuple(_polygon(text, area.path) for text in area.texts("polygon")),
        circles=tuple(_circle(text, area.path) for text in area.texts("circle")),
        geocodes=area.pairs("geocode"),
    )


def _point(text: str, path: str) -> tuple[float, float]:
    try:
        lat, lon = (float(x) for x in text.split(","))
    except ValueError:
        raise CapError(
            CapError.INVALID, f"<{path}> holds the point “{text}”; CAP wants “latitude,longitude”."
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CapError(CapError.INVALID, f"<{path}> holds the point “{text}”, off the globe.")
    return lat, lon


def _polygon(text: str, path: str) -> tuple[tuple[float, float], ...]:
    points = tuple(_point(pair, f"{path}/polygon") for pair in text.split())
    # CAP 1.2 §3.3.2: at least four pairs, the first and last the same.
    if len(points) < 4 or points[0] != points[-1]:
        raise CapError(
            CapError.INVALID,
            f"A <{path}/polygon> must be closed (first point = last) with at least four points.",
        )
    return points


def _circle(text: str, path: str) -> tuple[float, float, float]:
    try:
        centre, radius = text.split()
        lat, lon = _point(centre, f"{path}/circle")
        return lat, lon, float(radius)
    except CapError:
        raise
    except ValueError:
        raise CapError(
            CapError.INVALID, f"<{path}/circle> is “{text}”; CAP wants “latitude,longitude radius”."
        ) from None
