"""The parsed model: one small class per kind of node, each evaluating itself against an Evaluator.

Every mechanism of publicodes that is sugar in the reference engine (`applicable si`, `plancher`,
`par défaut`, `somme`, `est défini`...) is built from these few nodes exactly as the reference engine
builds it (see model.py), so that applicability, nulls and units behave the same way.

`evaluate(ev)` gives a pair (value, unit). `infer()` gives the static type publicodes infers, a pair
(nullable, type), used by the applicability checks (a parent that may be not applicable or false
disables its children).
"""

from functools import lru_cache

from . import units as u
from .errors import EvaluationError
from .values import OPERATIONS, UNDEFINED, is_number, strict_equal, truthy

_IN_PROGRESS = (None, None)
_UNSET = object()
UNDEFINED_PAIR = (UNDEFINED, None)
NULL_PAIR = (None, None)


class Node:
    __slots__ = ("_t",)
    kind = "node"
    unit = None  # the static unit of the node, for the kinds that have one

    def __init__(self):
        self._t = _UNSET

    def infer(self):
        """The type publicodes infers, memoised; a node being inferred reads as unknown (cycles)."""
        if self._t is not _UNSET:
            return self._t
        self._t = _IN_PROGRESS
        self._t = self._infer()
        return self._t

    def inferred(self):
        """The inferred type, or None for a node the inference never reached (as in publicodes)."""
        return None if self._t is _UNSET else self._t

    def _infer(self):
        return _IN_PROGRESS

    def children(self):
        return ()

    def replace_children(self, transform):
        pass


class Constant(Node):
    __slots__ = ("value", "unit", "type", "nullable")
    kind = "constant"

    def __init__(self, value, type_=None, unit=None, nullable=None):
        super().__init__()
        self.value = value
        self.type = type_
        self.unit = unit
        self.nullable = nullable

    def evaluate(self, ev):
        return (self.value, self.unit)

    def _infer(self):
        nullable = self.nullable if self.nullable is not None else self.value is None
        return (nullable, self.type)


def true_node():
    return Constant(True, "boolean")


def false_node():
    return Constant(False, "boolean")


def null_node():
    return Constant(None, None, nullable=True)


class Reference(Node):
    __slots__ = ("name", "context", "target", "rule")
    kind = "reference"

    def __init__(self, name: str, context: str):
        super().__init__()
        self.name = name
        self.context = context
        self.target = None  # the dotted name it resolves to
        self.rule = None  # the Rule it resolves to

    def evaluate(self, ev):
        return ev.rule(self.target)

    def _infer(self):
        return self.rule.infer()


class SituationValue(Node):
    """The answer of the situation for a rule (publicodes' `<rule> . $SITUATION`), undefined if none."""

    __slots__ = ("rule_name",)
    kind = "situation"

    def __init__(self, rule_name: str):
        super().__init__()
        self.rule_name = rule_name

    def evaluate(self, ev):
        return ev.situation.get(self.rule_name, UNDEFINED_PAIR)

    def _infer(self):
        return (False, None)


_LAZY_NULL_FIRST = frozenset(("<", ">", "<=", ">=", "/", "*", "//", "-", "et"))
_LAZY_NULL_SECOND = frozenset(("<", ">", "<=", ">=", "/", "*", "//", "et"))
_NULL_IF_SECOND_NULL = frozenset(("<", ">", "<=", ">=", "*", "/", "//"))
_NO_CONVERSION = frozenset(("/", "*", "//"))
_WITH_UNIT = frozenset(("*", "/", "//", "-", "+"))
_BOOLEAN_OPS = frozenset(("<", "<=", ">", ">=", "=", "!=", "et", "ou"))
_NULLABLE_IF_ANY = frozenset(("<", "<=", ">", ">=", "/", "*"))
_PERCENT = (("%",), ())
_PER_PERCENT = ((), ("%",))


class Operation(Node):
    __slots__ = ("op", "a", "b", "fn")
    kind = "operation"

    def __init__(self, op: str, a: Node, b: Node):
        super().__init__()
        self.op, self.a, self.b = op, a, b
        self.fn = OPERATIONS[op]

    def children(self):
        return (self.a, self.b)

    def replace_children(self, transform):
        self.a, self.b = transform(self.a), transform(self.b)

    def evaluate(self, ev):
        op = self.op
        v1, u1 = self.a.evaluate(ev)
        if (
            (v1 is None and op in _LAZY_NULL_FIRST)
            or (v1.__class__ is float and v1 == 0 and (op == "/" or op == "*"))
            or (v1 is False and op == "et")
            or (v1 is True and op == "ou")
        ):
            return (False if op == "et" else v1, None)
        v2, u2 = self.b.evaluate(ev)
        if op == "/" and v2.__class__ is float and v2 == 0:
            raise EvaluationError(ev.current_rule(), "division by zero")
        if (
            (v2 is None and op in _LAZY_NULL_SECOND)
            or (v2.__class__ is float and v2 == 0 and op == "*")
            or (v2 is False and op == "et")
            or (v2 is True and op == "ou")
        ):
            return (False if op == "et" else v2, None)
        undefined = v1 is UNDEFINED or v2 is UNDEFINED
        percent = (op == "+" or op == "-") and u2 is not None and _is_percent(u2) and not _is_percent(u1)
        if not undefined and op not in _NO_CONVERSION and not percent:
            if u1 and u2:
                if u1 != u2 and v2.__class__ is float:
                    try:
                        v2 = u.convert(u2, u1, v2)
                        u2 = u1
                    except u.UnitError:
                        ev.warn(f"units {u.serialize_unit(u1)} and {u.serialize_unit(u2)} do not convert")
                else:
                    u2 = u1
            elif u2:
                u1 = u2
        if undefined:
            value = UNDEFINED
        elif op in _NULL_IF_SECOND_NULL and v2 is None:
            value = None
        else:
            value = self.fn(v1, v2)
        if op == "*":
            unit = _infer_unit("*", u1, u2)
            if unit and "%" in unit[0]:
                return (value / 100 if is_number(value) else value, u.infer_unit("*", [unit, _PER_PERCENT]))
            return (value, unit)
        if percent:
            unit = u.infer_unit("*", [u.infer_unit("*", [u1, u2]), _PER_PERCENT])
            if is_number(v1) and is_number(v2):
                value = v1 * (1 + (v2 / 100) * (-1 if op == "-" else 1))
            return (value, unit)
        if op in _WITH_UNIT:
            return (value, _infer_unit(op, u1, u2) if (u1 or u2) else None)
        return (value, None)

    def _infer(self):
        op = self.op
        if op in _NULLABLE_IF_ANY:
            nullable = self.a.infer()[0] or self.b.infer()[0]
        elif op == "-":
            nullable = self.a.infer()[0]
        else:
            nullable = False
        return (nullable, "boolean" if op in _BOOLEAN_OPS else "number")


@lru_cache(maxsize=4096)
def _infer_unit(op, u1, u2):
    return u.infer_unit(op, [u1, u2])


def _is_percent(unit) -> bool:
    return u.serialize_unit(unit) == "%"


class Condition(Node):
    __slots__ = ("si", "alors", "sinon")
    kind = "condition"

    def __init__(self, si, alors, sinon):
        super().__init__()
        self.si, self.alors, self.sinon = si, alors, sinon

    def children(self):
        return (self.si, self.alors, self.sinon)

    def replace_children(self, transform):
        self.si, self.alors, self.sinon = transform(self.si), transform(self.alors), transform(self.sinon)

    def evaluate(self, ev):
        condition, condition_unit = self.si.evaluate(ev)
        if condition_unit is not None:
            raise EvaluationError(
                ev.current_rule(), "a condition must be a boolean, not a number with a unit"
            )
        if condition is True:
            return self.alors.evaluate(ev)
        if condition is False:
            value, unit = self.sinon.evaluate(ev)
            return (value, unit if unit else self.alors.unit)
        if condition is None:
            return (None, self.alors.unit)
        if condition is UNDEFINED:
            self.sinon.evaluate(ev)
            _, alors_unit = self.alors.evaluate(ev)
            return (UNDEFINED, alors_unit)
        raise EvaluationError(ev.current_rule(), f"a condition must be a boolean, not {condition!r}")

    def _infer(self):
        nullable = self.si.infer()[0] or self.alors.infer()[0] or self.sinon.infer()[0]
        type_ = self.alors.infer()[1]
        if type_ is None:
            type_ = self.sinon.infer()[1]
        return (bool(nullable), type_)


class Variations(Node):
    __slots__ = ("branches",)
    kind = "variations"

    def __init__(self, branches):
        super().__init__()
        self.branches = branches  # [(condition, consequence)]

    def children(self):
        return [n for branch in self.branches for n in branch]

    def replace_children(self, transform):
        self.branches = [(transform(c), transform(k)) for c, k in self.branches]

    def evaluate(self, ev):
        value, unit, previous = None, None, False
        for condition, consequence in self.branches:
            if previous is True:
                continue
            c = condition.evaluate(ev)[0]
            if previous is UNDEFINED or c is UNDEFINED:
                current = UNDEFINED
            else:
                current = c is not False and c is not None
            if current is False:
                continue
            evaluated = None
            if c is not False and c is not None:
                evaluated = consequence.evaluate(ev)
                if unit:
                    evaluated = _convert_pair(ev, unit, evaluated)
            value = (evaluated[0] if evaluated is not None else UNDEFINED) if current is True else UNDEFINED
            unit = unit or (evaluated[1] if evaluated is not None else None)
            previous = True if (previous is True or current is True) else current
        return (value, unit)

    def _infer(self):
        types = [consequence.infer() for _, consequence in self.branches]
        return (any(t[0] for t in types), next((t[1] for t in types if t[1] is not None), None))


def _convert_pair(ev, unit, pair):
    value, source = pair
    if source and value.__class__ is float:
        try:
            return (u.convert(source, unit, value), unit)
        except u.UnitError:
            ev.warn("a branch of variations has a unit that does not convert")
            return pair
    return (value, unit)


class IsUndefined(Node):
    """`est non défini`"""

    __slots__ = ("node",)
    kind = "est non défini"

    def __init__(self, node):
        super().__init__()
        self.node = node

    def children(self):
        return (self.node,)

    def replace_children(self, transform):
        self.node = transform(self.node)

    def evaluate(self, ev):
        return (self.node.evaluate(ev)[0] is UNDEFINED, None)

    def _infer(self):
        return (False, "boolean")


class IsNotApplicable(Node):
    """`est non applicable`"""

    __slots__ = ("node",)
    kind = "est non applicable"

    def __init__(self, node):
        super().__init__()
        self.node = node

    def children(self):
        return (self.node,)

    def replace_children(self, transform):
        self.node = transform(self.node)

    def evaluate(self, ev):
        return (ev.not_applicable(self.node), None)

    def _infer(self):
        return (False, "boolean")


class Unit(Node):
    """`unité`: the value converted to the unit."""

    __slots__ = ("node", "unit")
    kind = "unité"

    def __init__(self, node, unit):
        super().__init__()
        self.node, self.unit = node, unit

    def children(self):
        return (self.node,)

    def replace_children(self, transform):
        self.node = transform(self.node)

    def evaluate(self, ev):
        value, unit = self.node.evaluate(ev)
        if value is not None and unit != self.unit:
            try:
                if value.__class__ is float:
                    value = u.convert(unit, self.unit, value)
                else:
                    u.convert(unit, self.unit, 1.0)
            except u.UnitError:
                ev.warn(f"cannot convert {u.serialize_unit(unit)} to {u.serialize_unit(self.unit)}")
        return (value, self.unit)

    def _infer(self):
        return (self.node.infer()[0], "number")


class SimplifyUnit(Node):
    """`simplifier l'unité` (used by `produit`)."""

    __slots__ = ("node",)
    kind = "simplifier unité"

    def __init__(self, node):
        super().__init__()
        self.node = node

    def children(self):
        return (self.node,)

    def replace_children(self, transform):
        self.node = transform(self.node)

    def evaluate(self, ev):
        value, unit = self.node.evaluate(ev)
        if value is None or value is UNDEFINED or not unit:
            return (value, unit)
        simplified = u.simplify_unit(unit)
        return (u.convert(unit, simplified, value) if is_number(value) else value, simplified)

    def _infer(self):
        return (self.node.infer()[0], "number")


class Round(Node):
    """`arrondi`"""

    __slots__ = ("node", "precision")
    kind = "arrondi"

    def __init__(self, node, precision):
        super().__init__()
        self.node, self.precision = node, precision

    def children(self):
        return (self.node, self.precision)

    def replace_children(self, transform):
        self.node, self.precision = transform(self.node), transform(self.precision)

    def evaluate(self, ev):
        value, unit = self.node.evaluate(ev)
        if unit:
            simplified = u.simplify_unit(unit)
            if is_number(value):
                value = u.convert(unit, simplified, value)
            unit = simplified
        if value is False:
            return (value, unit)
        precision, precision_unit = self.precision.evaluate(ev)
        if is_number(precision) and "décimale" not in (u.serialize_unit(precision_unit) or ""):
            raise EvaluationError(ev.current_rule(), "the unit of `arrondi` must be décimales")
        if not is_number(value):
            return (value, unit)
        if is_number(precision):
            return (_round(value, precision), unit)
        if precision is True:
            return (_round(value, 0), unit)
        if precision is UNDEFINED:
            return (UNDEFINED, unit)
        return (value, unit)

    def _infer(self):
        return (self.node.infer()[0], "number")


def _round(value: float, digits: float) -> float:
    import math

    scale = 10**digits
    return math.floor((value + 2.220446049250313e-16) * scale + 0.5) / scale


class Contexte(Node):
    """`contexte`: the value computed as if some rules had other values."""

    __slots__ = ("node", "entries")
    kind = "contexte"

    def __init__(self, node, entries):
        super().__init__()
        self.node = node
        self.entries = entries  # [(Reference, Node)]

    def children(self):
        return (self.node, *(value for _, value in self.entries))

    def replace_children(self, transform):
        self.node = transform(self.node)
        self.entries = [(reference, transform(value)) for reference, value in self.entries]

    def evaluate(self, ev):
        return ev.in_context(self)

    def _infer(self):
        return self.node.infer()


class Grille(Node):
    """`grille`: the amount of the bracket the base falls in."""

    __slots__ = ("base", "multiplier", "brackets")
    kind = "grille"

    def __init__(self, base, multiplier, brackets):
        super().__init__()
        self.base, self.multiplier, self.brackets = base, multiplier, brackets  # [(amount, ceiling)]

    def children(self):
        return (self.base, self.multiplier, *(n for bracket in self.brackets for n in bracket))

    def replace_children(self, transform):
        self.base, self.multiplier = transform(self.base), transform(self.multiplier)
        self.brackets = [(transform(a), transform(c)) for a, c in self.brackets]

    def evaluate(self, ev):
        base, base_unit = self.base.evaluate(ev)
        multiplier, multiplier_unit = self.multiplier.evaluate(ev)
        if multiplier.__class__ is float and multiplier == 0:
            raise EvaluationError(ev.current_rule(), "the multiplier of `grille` cannot be zero")
        states = []  # (is_active, is_after_active, amount)
        floor_value, floor_defined, active_found = 0.0, True, False
        for amount, ceiling in self.brackets:
            if active_found:
                states.append((UNDEFINED, True, amount))
                continue
            ceiling_value, ceiling_unit = ceiling.evaluate(ev)
            if ceiling_value is UNDEFINED or multiplier is UNDEFINED:
                value = UNDEFINED
            else:
                value = ceiling_value * multiplier
                if value not in (float("inf"), 0):
                    try:
                        value = u.convert(
                            u.infer_unit("*", [ceiling_unit, multiplier_unit]), base_unit, value
                        )
                    except u.UnitError:
                        ev.warn("the ceiling of a bracket does not convert to the unit of the base")
            after = UNDEFINED if (not floor_defined or base is UNDEFINED) else floor_value > _num(base)
            if UNDEFINED in (ceiling_value, base, multiplier) or not floor_defined:
                states.append((UNDEFINED, after, amount))
                active_found = False
            else:
                active = _num(base) >= floor_value and _num(base) < value
                states.append((active, after, amount))
                active_found = active
            floor_defined = value is not UNDEFINED
            floor_value = value if floor_defined else 0.0
        evaluated = [
            (a, after, amount.evaluate(ev) if a is not False else None) for a, after, amount in states
        ]
        for active, _after, pair in evaluated:
            if active is True:
                return pair
        if evaluated[-1][1] is False:
            return (False, None)
        pending = [pair for active, _after, pair in evaluated if active is UNDEFINED]
        if not pending:
            return (False, None)
        return (UNDEFINED, pending[0][1])

    def _infer(self):
        return (False, "number")


def _num(value) -> float:
    return 0.0 if value is None else float(value)


class Rule:
    """A rule of the model: its value (every mechanism of the rule already chained), its parents (for
    the disabling of a branch), its possible values."""

    __slots__ = (
        "name",
        "raw",
        "valeur",
        "parents",
        "nullable_parent",
        "possibilities",
        "possibility_value",
        "possibility_unit",
        "possibility_type",
        "replacements",
        "_t",
        "kind",
    )

    def __init__(self, name, raw):
        self.name = name
        self.raw = raw
        self.valeur = None
        self.parents = []
        self.nullable_parent = None
        self.possibilities = None  # [(publicodes value, Node)]
        self.possibility_value = UNDEFINED
        self.possibility_unit = None
        self.possibility_type = None
        self.replacements = []
        self._t = _UNSET
        self.kind = "rule"

    def infer(self):
        if self._t is not _UNSET:
            return self._t
        self._t = _IN_PROGRESS
        nullable, type_ = self.valeur.infer()
        if self.possibilities is not None:
            if self.possibility_type == "reference":
                possible_nullable = all(node.infer()[0] for _, node in self.possibilities)
                possible = (possible_nullable, "string")
            else:
                possible = (False, self.possibility_type)
            self._t = (nullable or possible[0], possible[1])
        elif type_ is not None:
            self._t = (nullable, type_)
        else:
            written = {"nombre": "number", "texte": "string", "date": "date", "booléen": "boolean"}
            type_ = written.get(self.raw.get("type"))
            if not type_ and self.raw.get("question"):
                type_ = "boolean"
            self._t = (nullable, type_)
        return self._t


__all__ = ["strict_equal", "truthy"]
