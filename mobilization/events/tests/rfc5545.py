"""A structural checker of iCalendar files (RFC 5545), for the tests of the platform's calendars.

Parsing a file back with the `icalendar` library proves little: the library is lenient and reads what
it wrote. This checker reads the bytes as a strict client would and lists every rule a file breaks:

- content lines end with CRLF, are at most 75 octets, and folding never splits a UTF-8 character (3.1);
- every line is `NAME[;PARAM=VALUE...]:VALUE` once unfolded (3.1);
- BEGIN/END nest, with one VCALENDAR around everything, VEVENT and VTIMEZONE directly inside it,
  STANDARD/DAYLIGHT only inside a VTIMEZONE, VALARM only inside a VEVENT (3.4, 3.6);
- the VCALENDAR has one VERSION:2.0, one PRODID and at least one component (3.6);
- each VEVENT has one UID, one DTSTAMP in UTC and one DTSTART, not both DTEND and DURATION, and a
  STATUS among TENTATIVE, CONFIRMED, CANCELLED (3.6.1, 3.8.1.11);
- each VTIMEZONE has a TZID and STANDARD/DAYLIGHT parts with a local DTSTART, TZOFFSETFROM and
  TZOFFSETTO; every TZID parameter used is defined by a VTIMEZONE of the file (3.6.5, 3.2.19);
- text values escape their commas, semicolons and backslashes and write newlines as `\\n` (3.3.11).
"""

import re
from dataclasses import dataclass, field

MAX_OCTETS = 75
NAME = re.compile(r"^[A-Za-z0-9-]+$")
# Properties whose value is one TEXT (a comma there must be escaped; CATEGORIES and RESOURCES are lists).
TEXT_PROPERTIES = {
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "COMMENT",
    "CONTACT",
    "TZNAME",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
}
UTC_DATE_TIME = re.compile(r"^\d{8}T\d{6}Z$")
LOCAL_DATE_TIME = re.compile(r"^\d{8}T\d{6}$")
UTC_OFFSET = re.compile(r"^[+-]\d{4}(\d{2})?$")
ALLOWED_PARENTS = {
    "VCALENDAR": {None},
    "VEVENT": {"VCALENDAR"},
    "VTODO": {"VCALENDAR"},
    "VJOURNAL": {"VCALENDAR"},
    "VFREEBUSY": {"VCALENDAR"},
    "VTIMEZONE": {"VCALENDAR"},
    "STANDARD": {"VTIMEZONE"},
    "DAYLIGHT": {"VTIMEZONE"},
    "VALARM": {"VEVENT", "VTODO"},
}
EVENT_STATUSES = {"TENTATIVE", "CONFIRMED", "CANCELLED"}


@dataclass
class ContentLine:
    name: str
    params: dict[str, str]
    value: str
    number: int  # of its first physical line, to point at it


@dataclass
class Component:
    name: str
    number: int
    lines: list[ContentLine] = field(default_factory=list)
    children: list["Component"] = field(default_factory=list)

    def all(self, name: str) -> list[ContentLine]:
        return [line for line in self.lines if line.name == name]


def _physical_lines(content: bytes, problems: list[str]) -> list[tuple[int, str]]:
    if not content.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    body = content[:-2] if content.endswith(b"\r\n") else content
    lines = []
    for number, raw in enumerate(body.split(b"\r\n"), 1):
        if b"\n" in raw or b"\r" in raw:
            problems.append(f"line {number}: a bare LF or CR, lines must end with CRLF")
        if len(raw) > MAX_OCTETS:
            problems.append(f"line {number}: {len(raw)} octets, more than {MAX_OCTETS} (fold it)")
        try:
            lines.append((number, raw.decode("utf-8")))
        except UnicodeDecodeError:
            problems.append(f"line {number}: not UTF-8 on its own (folded inside a character?)")
            lines.append((number, raw.decode("utf-8", errors="replace")))
    return lines


def _unfold(lines: list[tuple[int, str]], problems: list[str]) -> list[tuple[int, str]]:
    logical: list[tuple[int, str]] = []
    for number, text in lines:
        if text[:1] in (" ", "\t"):
            if not logical:
                problems.append(f"line {number}: a continuation with no line before it")
                continue
            first, previous = logical[-1]
            logical[-1] = (first, previous + text[1:])
        else:
            logical.append((number, text))
    return logical


def _split(number: int, text: str, problems: list[str]) -> ContentLine | None:
    """`NAME;PARAM=VALUE;PARAM="QUOTED:VALUE":VALUE` into its parts; a colon inside quotes is no end."""
    in_quotes, colon = False, None
    for position, character in enumerate(text):
        if character == '"':
            in_quotes = not in_quotes
        elif character == ":" and not in_quotes:
            colon = position
            break
    if colon is None:
        problems.append(f"line {number}: no colon between name and value: {text[:40]!r}")
        return None
    head, value = text[:colon], text[colon + 1 :]
    name, *raw_params = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', head)
    if not NAME.match(name):
        problems.append(f"line {number}: {name!r} is not a property name")
        return None
    params = {}
    for raw in raw_params:
        key, equals, param_value = raw.partition("=")
        if not equals or not NAME.match(key):
            problems.append(f"line {number}: {raw!r} is not a parameter")
            continue
        params[key.upper()] = param_value.strip('"')
    return ContentLine(name.upper(), params, value, number)


def _tree(content_lines: list[ContentLine], problems: list[str]) -> list[Component]:
    roots: list[Component] = []
    stack: list[Component] = []
    for line in content_lines:
        if line.name == "BEGIN":
            component = Component(line.value.upper(), line.number)
            parent = stack[-1].name if stack else None
            allowed = ALLOWED_PARENTS.get(component.name)
            if allowed is not None and parent not in allowed:
                where = parent or "the top"
                problems.append(f"line {line.number}: {component.name} cannot be inside {where}")
            (stack[-1].children if stack else roots).append(component)
            stack.append(component)
        elif line.name == "END":
            if not stack:
                problems.append(f"line {line.number}: END:{line.value} with nothing open")
            elif stack[-1].name != line.value.upper():
                problems.append(f"line {line.number}: END:{line.value} closes {stack[-1].name}")
                stack.pop()
            else:
                stack.pop()
        elif not stack:
            problems.append(f"line {line.number}: {line.name} outside any component")
        else:
            stack[-1].lines.append(line)
    for component in stack:
        problems.append(f"line {component.number}: BEGIN:{component.name} is never closed")
    return roots


def _one(component: Component, name: str, problems: list[str]) -> ContentLine | None:
    found = component.all(name)
    if len(found) != 1:
        problems.append(f"{component.name} at line {component.number}: {len(found)} {name}, not one")
    return found[0] if found else None


def _check_text(line: ContentLine, problems: list[str]) -> None:
    """Backslashes only before \\ ; , n N; no comma or semicolon left unescaped."""
    position = 0
    value = line.value
    while position < len(value):
        character = value[position]
        if character == "\\":
            if value[position + 1 : position + 2] not in ("\\", ";", ",", "n", "N"):
                problems.append(f"line {line.number}: {line.name} has a backslash that escapes nothing")
            position += 2
            continue
        if character in ",;":
            problems.append(f"line {line.number}: {line.name} has an unescaped {character!r}")
        position += 1


def _walk(components: list[Component]):
    for component in components:
        yield component
        yield from _walk(component.children)


def _check_event(event: Component, problems: list[str]) -> None:
    _one(event, "UID", problems)
    stamp = _one(event, "DTSTAMP", problems)
    if stamp and not UTC_DATE_TIME.match(stamp.value):
        problems.append(f"line {stamp.number}: DTSTAMP must be in UTC (…Z), not {stamp.value!r}")
    _one(event, "DTSTART", problems)
    if event.all("DTEND") and event.all("DURATION"):
        problems.append(f"VEVENT at line {event.number}: both DTEND and DURATION")
    for status in event.all("STATUS"):
        if status.value not in EVENT_STATUSES:
            problems.append(f"line {status.number}: STATUS:{status.value} is not a status of a VEVENT")


def _check_timezone(zone: Component, problems: list[str]) -> None:
    _one(zone, "TZID", problems)
    parts = [child for child in zone.children if child.name in ("STANDARD", "DAYLIGHT")]
    if not parts:
        problems.append(f"VTIMEZONE at line {zone.number}: no STANDARD or DAYLIGHT part")
    for part in parts:
        start = _one(part, "DTSTART", problems)
        if start and (not LOCAL_DATE_TIME.match(start.value) or "TZID" in start.params):
            problems.append(f"line {start.number}: the DTSTART of {part.name} must be a local time")
        for name in ("TZOFFSETFROM", "TZOFFSETTO"):
            offset = _one(part, name, problems)
            if offset and not UTC_OFFSET.match(offset.value):
                problems.append(f"line {offset.number}: {name}:{offset.value} is not an offset")


def problems_of(content: bytes) -> list[str]:
    """Every rule of RFC 5545 (of those listed above) that the file breaks; empty when it is valid."""
    problems: list[str] = []
    logical = _unfold(_physical_lines(content, problems), problems)
    content_lines = [line for number, text in logical if (line := _split(number, text, problems))]
    roots = _tree(content_lines, problems)
    if [root.name for root in roots] != ["VCALENDAR"]:
        problems.append(f"the file must be one VCALENDAR, not {[root.name for root in roots]}")
    for calendar in (root for root in roots if root.name == "VCALENDAR"):
        version = _one(calendar, "VERSION", problems)
        if version and version.value != "2.0":
            problems.append(f"line {version.number}: VERSION:{version.value}, not 2.0")
        _one(calendar, "PRODID", problems)
        if not calendar.children:
            problems.append("the VCALENDAR has no component (RFC 5545 wants at least one)")
    everything = list(_walk(roots))
    defined = {line.value for zone in everything if zone.name == "VTIMEZONE" for line in zone.all("TZID")}
    for component in everything:
        if component.name == "VEVENT":
            _check_event(component, problems)
        elif component.name == "VTIMEZONE":
            _check_timezone(component, problems)
        for line in component.lines:
            if "TZID" in line.params and line.params["TZID"] not in defined:
                problems.append(f"line {line.number}: TZID={line.params['TZID']} has no VTIMEZONE")
            if line.name in TEXT_PROPERTIES:
                _check_text(line, problems)
    return problems


def assert_valid_icalendar(content: bytes) -> None:
    problems = problems_of(content)
    assert not problems, "not valid RFC 5545:\n" + "\n".join(problems)
