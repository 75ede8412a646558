"""Units as publicodes writes and converts them: "kgCO2e/an", "km.h/semaine", "m2".

A unit is a pair of tuples (numerators, denominators) of base units, powers written out ("m2" is m, m).
Only the conversions of publicodes' table are known (time, mass, length, money, percent); other units
convert only to themselves, and an impossible conversion is reported by raising UnitError (the engine
then keeps the value as it is, as the reference engine does after its warning).
"""

import math
import re
from functools import cache

Unit = tuple[tuple[str, ...], tuple[str, ...]]
NO_UNIT: Unit = ((), ())


class UnitError(ValueError):
    pass


CONVERT_TABLE = {
    "mois/an": 12,
    "jour/an": 365,
    "jour/mois": 365 / 12,
    "trimestre/an": 4,
    "mois/trimestre": 3,
    "jour/trimestre": (365 / 12) * 3,
    "€/k€": 10**3,
    "g/kg": 10**3,
    "mg/g": 10**3,
    "mg/kg": 10**6,
    "m/km": 10**3,
    "cm/m": 10**2,
    "mm/cm": 10**1,
    "mm/m": 10**3,
    "cm/km": 10**5,
    "mm/km": 10**6,
}
EQUIVALENTS = {"kW.h": "kWh", "mn/h": "noeud"}


def _unit_classes() -> list[set[str]]:
    classes: list[set[str]] = []
    for ratio in CONVERT_TABLE:
        a, b = ratio.split("/")
        ia = next((i for i, c in enumerate(classes) if a in c), -1)
        ib = next((i for i, c in enumerate(classes) if b in c), -1)
        if ia == -1 and ib == -1:
            classes.append({a, b})
        elif ia > -1:
            classes[ia].add(b)
        elif ib > -1:
            classes[ib].add(a)
    return classes


CLASSES = _unit_classes()
# A power is the last digits of a base unit with no ASCII letter after them ("m2", but not "kgCO2e").
_POWER = re.compile(r"(\d+)(?!.*[A-Za-z])")


def _counts(base_units) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in base_units:
        match = _POWER.search(unit)
        if match:
            power = match.group(1)
            primary = unit.split(power)[0]
            counts[primary] = counts.get(primary, 0) + int(power)
        else:
            counts[unit] = counts.get(unit, 0) + 1
    return counts


def _decompose(base_units) -> tuple[str, ...]:
    return tuple(primary for primary, power in _counts(base_units).items() for _ in range(power))


@cache
def parse_unit(text: str) -> Unit:
    if "/ " in text:
        raise UnitError(f'the unit "{text}" must have no space after "/"')
    first, *rest = text.split("/")

    def split(part: str):
        return _decompose([u for u in part.strip().split(".") if u])

    return (split(first), tuple(u for part in rest for u in split(part)))


def _remove_once(element, items: list, same) -> list:
    for i, item in enumerate(items):
        if same(item, element):
            return items[:i] + items[i + 1 :]
    return items


def _simplify(unit: Unit, same=None) -> Unit:
    same = same or (lambda a, b: a == b)
    numerators, denominators = list(unit[0]), list(unit[1])
    for unit_name in [*unit[0], *unit[1]]:
        if any(same(unit_name, u) for u in numerators) and any(same(unit_name, u) for u in denominators):
            numerators = _remove_once(unit_name, numerators, same)
            denominators = _remove_once(unit_name, denominators, same)
    return (tuple(numerators), tuple(denominators))


def _print(units) -> str:
    return ".".join(f"{p}{n}" if n > 1 else p for p, n in _counts(units).items())


@cache
def serialize_unit(unit: Unit | None) -> str | None:
    if unit is None:
        return None
    numerators, denominators = _simplify(unit)
    if not numerators and not denominators:
        return ""
    if numerators and not denominators:
        return _print(numerators)
    if not numerators:
        return "/" + _print(denominators)
    return f"{_print(numerators)}/{_print(denominators)}"


def infer_unit(operator: str, units: list) -> Unit | None:
    if operator == "/":
        a = units[0] or NO_UNIT
        b = units[1] or NO_UNIT
        return infer_unit("*", [a, (b[1], b[0])])
    present = [u for u in units if u]
    if len(present) <= 1:
        return present[0] if present else None
    if operator == "*":
        return _simplify((tuple(x for u in present for x in u[0]), tuple(x for u in present for x in u[1])))
    if operator in ("+", "-"):
        return next((u for u in units if u), None)
    return None


def _same_class(a: str, b: str) -> bool:
    return a == b or any(a in c and b in c for c in CLASSES)


def _single_factor(source: str, target) -> float | None:
    if target is None:
        return None
    return CONVERT_TABLE.get(f"{target}/{source}") or (
        1 / CONVERT_TABLE[f"{source}/{target}"] if CONVERT_TABLE.get(f"{source}/{target}") else None
    )


def _factor(source, target) -> float:
    factor = 100 ** (sum(1 for u in target if u == "%") - sum(1 for u in source if u == "%"))
    for unit in source:
        index = next((i for i, t in enumerate(target) if _single_factor(unit, t)), -1)
        found = target[index] if index != -1 else None
        factor *= _single_factor(unit, found) or 1
    return factor


def _remove_percentages(unit: Unit) -> Unit:
    return (tuple(u for u in unit[0] if u != "%"), tuple(u for u in unit[1] if u != "%"))


def simplify_unit(unit: Unit) -> Unit:
    numerators, denominators = _simplify(unit, _same_class)
    if numerators and all(u == "%" for u in numerators):
        return (("%",), denominators)
    return _remove_percentages((numerators, denominators))


def _js_round(value: float) -> float:
    # The reference engine rounds every conversion to 16 decimals (Number.toFixed(16)).
    if not math.isfinite(value) or abs(value) >= 1e21:
        return value
    return float(f"{value:.16f}")


def _simplify_with_value(unit: Unit) -> tuple[Unit, float]:
    factor = _factor(unit[0], unit[1])
    return _simplify(_remove_percentages(unit), _same_class), _js_round(factor)


def _by_class(units) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in units:
        index = next((i for i, c in enumerate(CLASSES) if unit in c), -1)
        key = unit if index == -1 else str(index)
        counts[key] = counts.get(key, 0) + 1
    return counts


@cache
def convertible(a: Unit | None, b: Unit | None) -> bool:
    if a is None or b is None:
        return True
    num_a, den_a, num_b, den_b = (_by_class(x) for x in (a[0], a[1], b[0], b[1]))
    keys = {*num_a, *den_a, *num_b, *den_b}
    return all(
        num_a.get(k, 0) - den_a.get(k, 0) == num_b.get(k, 0) - den_b.get(k, 0) or k == "%" for k in keys
    )


@cache
def _conversion(source: Unit | None, target: Unit | None) -> float:
    s_from, s_to = serialize_unit(source), serialize_unit(target)
    equivalent = bool(s_from and s_to) and (
        s_from == s_to or s_from == EQUIVALENTS.get(s_to) or s_to == EQUIVALENTS.get(s_from)
    )
    if not equivalent and not convertible(source, target):
        raise UnitError(f"cannot convert '{s_from}' to '{s_to}'")
    if source is None:
        return 1.0
    from_simplified, factor_to = _simplify_with_value(source)
    to_simplified, factor_from = _simplify_with_value(target or NO_UNIT)
    return (
        factor_to
        / factor_from
        * _factor(from_simplified[0], to_simplified[0])
        * _factor(to_simplified[1], from_simplified[1])
    )


def convert(source: Unit | None, target: Unit | None, value):
    """The value in `source` expressed in `target`; UnitError when they do not convert."""
    factor = _conversion(source, target)
    if not value or source is None:
        return value
    if factor == 1.0:
        return _js_round(value * 1.0) if isinstance(value, float) else value
    return _js_round(value * factor)
