"""Write an `Alert` as CAP 1.2 XML, and check a document against the OASIS schema shipped here.

Elements are written in the order the schema's sequences require. Times are written with their UTC
offset and to the second, as CAP 1.2 wants them ("2026-07-01T14:00:00+02:00"): a naive time is
refused rather than guessed. `schema/CAP-v1.2.xsd` is the OASIS schema (see `schema/NOTICE`).
"""

import datetime
from functools import cache
from pathlib import Path

from lxml import etree

from .model import NAMESPACE, Alert, Area, CapError, Hazard, Info, Level, Pair, Reference

SCHEMA = Path(__file__).resolve().parent / "schema" / "CAP-v1.2.xsd"
# MeteoAlarm's names for the awareness type of each hazard (pollution has none there: ours).
AWARENESS_TYPES = {
    Hazard.STORM: "1; wind",
    Hazard.HEATWAVE: "5; high-temperature",
    Hazard.COLD_WAVE: "6; low-temperature",
    Hazard.FLOOD: "12; flooding",
    Hazard.POLLUTION_PEAK: "0; pollution-peak",
}
AWARENESS_LEVELS = {
    Level.GREEN: ("1; green; Minor", "Minor"),
    Level.YELLOW: ("2; yellow; Moderate", "Moderate"),
    Level.ORANGE: ("3; orange; Severe", "Severe"),
    Level.RED: ("4; red; Extreme", "Extreme"),
}


def to_xml(alert: Alert) -> bytes:
    """The alert as a CAP 1.2 document (UTF-8, with its XML declaration)."""
    root = etree.Element(f"{{{NAMESPACE}}}alert", nsmap={None: NAMESPACE})
    _add(root, "identifier", alert.identifier)
    _add(root, "sender", alert.sender)
    _add(root, "sent", _time(alert.sent))
    _add(root, "status", alert.status)
    _add(root, "msgType", alert.msg_type)
    _add(root, "source", alert.source)
    _add(root, "scope", alert.scope)
    _add(root, "restriction", alert.restriction)
    _add(root, "addresses", alert.addresses)
    for code in alert.codes:
        _add(root, "code", code)
    _add(root, "note", alert.note)
    _add(root, "references", " ".join(_reference(r) for r in alert.references))
    _add(root, "incidents", alert.incidents)
    for info in alert.infos:
        _info(root, info)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add(parent, name: str, value: str | None):
    if value:
        etree.SubElement(parent, f"{{{NAMESPACE}}}{name}").text = value


def _pairs(parent, name: str, pairs: tuple[Pair, ...]):
    for pair in pairs:
        element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
        etree.SubElement(element, f"{{{NAMESPACE}}}valueName").text = pair.name
        etree.SubElement(element, f"{{{NAMESPACE}}}value").text = pair.value


def _time(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise CapError(CapError.INVALID, "CAP times carry their UTC offset: a naive time cannot be written.")
    return value.replace(microsecond=0).isoformat()


def _reference(reference: Reference) -> str:
    return f"{reference.sender},{reference.identifier},{reference.sent}"


def _info(root, info: Info):
    element = etree.SubElement(root, f"{{{NAMESPACE}}}info")
    _add(element, "language", info.language)
    for category in info.categories:
        _add(element, "category", category)
    _add(element, "event", info.event)
    for response in info.response_types:
        _add(element, "responseType", response)
    _add(element, "urgency", info.urgency)
    _add(element, "severity", info.severity)
    _add(element, "certainty", info.certainty)
    _add(element, "audience", info.audience)
    _pairs(element, "eventCode", info.event_codes)
    _add(element, "effective", _time(info.effective))
    _add(element, "onset", _time(info.onset))
    _add(element, "expires", _time(info.expires))
    _add(element, "senderName", info.sender_name)
    _add(element, "headline", info.headline)
    _add(element, "description", info.description)
    _add(element, "instruction", info.instruction)
    _add(element, "web", info.web)
    _add(element, "contact", info.contact)
    _pairs(element, "parameter", info.parameters)
    for area in info.areas:
        _area(element, area)


def _area(info, area: Area):
    element = etree.SubElement(info, f"{{{NAMESPACE}}}area")
    _add(element, "areaDesc", area.description)
    for ring in area.polygons:
        _add(element, "polygon", " ".join(f"{lat!r},{lon!r}" for lat, lon in ring))
    for lat, lon, km in area.circles:
        _add(element, "circle", f"{lat!r},{lon!r} {km!r}")
    _pairs(element, "geocode", area.geocodes)


@cache
def _schema() -> etree.XMLSchema:
    # The schema is ours (shipped in the package): no network, no entity expansion.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def schema_errors(document: bytes) -> list[str]:
    """What keeps `document` from validating against the OASIS CAP 1.2 schema (empty: it validates)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.fromstring(document, parser)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed: {error}"]
    schema = _schema()
    if schema.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def event_alert(
    *,
    identifier: str,
    sender: str,
    sent: datetime.datetime,
    msg_type: str,
    hazard: Hazard,
    level: Level,
    event: str,
    area_description: str,
    geocodes: tuple[Pair, ...] = (),
    polygons: tuple[tuple[tuple[float, float], ...], ...] = (),
    onset: datetime.datetime | None = None,
    expires: datetime.datetime | None = None,
    references: tuple[Reference, ...] = (),
    headline: str = "",
    description: str = "",
    instruction: str = "",
    language: str = "fr-FR",
    status: str = "Actual",
) -> Alert:
    """The alert for one of the platform's events, in MeteoAlarm's shape (awareness level and type)."""
    awareness_level, severity = AWARENESS_LEVELS[level]
    return Alert(
        identifier=identifier,
        sender=sender,
        sent=sent,
        status=status,
        msg_type=msg_type,
        references=references,
        infos=(
            Info(
                language=language,
                categories=("Health",) if hazard == Hazard.POLLUTION_PEAK else ("Met",),
                event=event,
                response_types=("Monitor",),
                urgency="Immediate" if level in (Level.ORANGE, Level.RED) else "Future",
                severity=severity,
                certainty="Likely",
                onset=onset,
                expires=expires,
                headline=headline,
                description=description,
                instruction=instruction,
                parameters=(
                    Pair("awareness_level", awareness_level),
                    Pair("awareness_type", AWARENESS_TYPES[hazard]),
                ),
                areas=(Area(area_description, polygons=polygons, geocodes=geocodes),),
            ),
        ),
    )
