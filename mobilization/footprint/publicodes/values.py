"""Values as the reference engine computes them (JavaScript semantics, kept on purpose for parity).

A value is a float, a bool, a str, None (publicodes' `null`: not applicable) or UNDEFINED (publicodes'
`undefined`: not known, an answer is missing). Arithmetic follows JavaScript where the model relies on it:
`null + 3` is 3 (this is how `somme` skips what is not applicable), comparisons with null give null, `et`
and `ou` return one of their operands.
"""

import math


class _Undefined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined()


def is_number(value) -> bool:
    return value.__class__ is float


def truthy(value) -> bool:
    if value is None or value is UNDEFINED or value is False:
        return False
    if value.__class__ is float:
        return value != 0 and not math.isnan(value)
    if value.__class__ is str:
        return value != ""
    return True


def to_number(value) -> float:
    if value.__class__ is float:
        return value
    if value is None or value is False:
        return 0.0
    if value is True:
        return 1.0
    if value.__class__ is str:
        try:
            return float(value) if value.strip() else 0.0
        except ValueError:
            return math.nan
    return math.nan


def strict_equal(a, b) -> bool:
    """JavaScript's === on publicodes values."""
    if a.__class__ is not b.__class__:
        return False
    return a == b


def _compare(a, b, op):
    if a.__class__ is str and b.__class__ is str:
        return op(a, b)
    x, y = to_number(a), to_number(b)
    if math.isnan(x) or math.isnan(y):
        return False
    return op(x, y)


def _divide(a, b):
    x, y = to_number(a), to_number(b)
    if y == 0:
        if x == 0 or math.isnan(x):
            return math.nan
        return math.copysign(math.inf, x) * (1 if math.copysign(1, y) > 0 else -1)
    return x / y


def _add(a, b):
    if a.__class__ is str or b.__class__ is str:
        return _js_string(a) + _js_string(b)
    return to_number(a) + to_number(b)


def _js_string(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value.__class__ is float:
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _floor_divide(a, b):
    x, y = to_number(a), to_number(b)
    if y == 0:
        return math.nan
    return (x - math.fmod(x, y)) / y


def _power(a, b):
    try:
        return to_number(a) ** to_number(b)
    except (OverflowError, ZeroDivisionError):
        return math.inf


OPERATIONS = {
    "*": lambda a, b: to_number(a) * to_number(b),
    "/": _divide,
    "//": _floor_divide,
    "**": _power,
    "+": _add,
    "-": lambda a, b: to_number(a) - to_number(b),
    "<": lambda a, b: _compare(a, b, lambda x, y: x < y),
    "<=": lambda a, b: _compare(a, b, lambda x, y: x <= y),
    ">": lambda a, b: _compare(a, b, lambda x, y: x > y),
    ">=": lambda a, b: _compare(a, b, lambda x, y: x >= y),
    "=": lambda a, b: strict_equal(False if a is None else a, False if b is None else b),
    "!=": lambda a, b: not strict_equal(False if a is None else a, False if b is None else b),
    "et": lambda a, b: (False if b is None else b) if truthy(a) else (False if a is None else a),
    "ou": lambda a, b: (False if a is None else a) if truthy(a) else (False if b is None else b),
}
