"""The expression language of publicodes' `valeur`: "a * b / 12 mois/an", "x > 1 tasse/jour",
"usager = 'fréquemment'", "oui", "-3".

Grammar (as the reference engine reads it): comparison > addition > multiplication > exponentiation >
primary; operators are surrounded by spaces; a primary is a parenthesised expression, a unary minus, a
number with an optional unit, a string in single or double quotes, `oui`/`non`, or a dotted rule name.
The result is a tree of mechanism objects ({"+": [a, b]}, {"variable": name}, {"constant": {...}}) parsed
further like any other mechanism. Dates are not supported (the model has none): they raise.
"""

import re

from .errors import ModelSyntaxError

_SPACE = "[\t\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_LETTER = "[a-zA-Z\u00c0-\u017f$]"
_SYMBOL = "[',°€$%²_'\"'«»]"
_ANY = f"(?:{_LETTER}|{_SYMBOL}|\\d)"
_ANY_OR_SPECIAL = f"(?:{_ANY}|\\-|\\+|')"


def _phrase(start: str) -> str:
    return f"(?:{start}{_ANY_OR_SPECIAL}*)(?:{_SPACE}{_ANY}{_ANY_OR_SPECIAL}*)*"


_RULE_NAME = _phrase(_LETTER)
_DOTTED_NAME = re.compile(f"(?:{_RULE_NAME}|\\^)(?: \\. {_RULE_NAME})*")
# Currency symbols stand for JavaScript's \p{Sc}.
_UNIT_SYMBOL = "[°%€$£¥₹₽¢₩₪₫₱₺₴₸₿]"
_UNIT_ID = _phrase(f"(?:{_UNIT_SYMBOL}|{_LETTER})")
_UNIT = re.compile(f"{_SPACE}*(?:\\/)?{_UNIT_ID}(?:{_SPACE}*(?:\\.|\\/){_UNIT_ID})*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Greedy like the reference engine: from the first quote to the last one of the same kind.
_STRING = re.compile(r"'.*'|\".*\"")
_DATE = re.compile(r"(?:(?:0?[1-9]|[12][0-9]|3[01])\/)?(?:0?[1-9]|1[012])\/\d{4}")
_SPACES = re.compile(f"{_SPACE}*")


def _operator(*ops: str):
    return re.compile(f"{_SPACE}+({'|'.join(ops)}){_SPACE}+")


_EXPONENT = _operator(r"\*\*")
_MULTIPLY = _operator(r"\*", r"\/", r"\/\/")
_ADD = _operator("-", r"\+")
_COMPARE = _operator(">", "<", ">=", "<=", "=", "!=")
_ANY_OPERATOR = re.compile(r"(\+|-|\*|\/|\*\*|>|<|>=|<=|=|!=)")


class _Parser:
    def __init__(self, text: str, rule: str):
        self.text = text
        self.pos = 0
        self.rule = rule

    def fail(self, expected: str):
        found = self.text[self.pos : self.pos + 5]
        raise ModelSyntaxError(
            self.rule,
            f"invalid expression {self.text!r} at {self.pos}: {expected} expected, found {found!r}",
        )

    def eol(self) -> bool:
        return self.pos >= len(self.text)

    def match(self, pattern):
        return pattern.match(self.text, self.pos)

    def binary(self, pattern, operand, right_associative=False):
        left = operand()
        while not self.eol():
            found = self.match(pattern)
            if not found:
                break
            self.pos = found.end()
            right = self.binary(pattern, operand, True) if right_associative else operand()
            left = {found.group(1): [left, right]}
        return left

    def comparison(self):
        return self.binary(_COMPARE, self.addition)

    def addition(self):
        return self.binary(_ADD, self.multiplication)

    def multiplication(self):
        return self.binary(_MULTIPLY, self.exponentiation)

    def exponentiation(self):
        return self.binary(_EXPONENT, self.primary, right_associative=True)

    def primary(self):
        char = self.text[self.pos] if not self.eol() else ""
        if char == "(":
            self.pos += 1
            self.pos = self.match(_SPACES).end()
            tree = self.comparison()
            self.pos = self.match(_SPACES).end()
            if self.eol() or self.text[self.pos] != ")":
                self.fail("')'")
            self.pos += 1
            return tree
        if char == "-":
            self.pos += 1
            self.pos = self.match(_SPACES).end()
            return {"-": [{"constant": {"type": "number", "nodeValue": 0}}, self.primary()]}
        if self.match(_DATE):
            raise ModelSyntaxError(self.rule, f"dates are not supported: {self.text!r}")
        if char.isdigit() and char.isascii():
            number = self.match(_NUMBER)
            self.pos = number.end()
            value = float(number.group(0))
            unit = self.match(_UNIT)
            if unit:
                self.pos = unit.end()
                return {"constant": {"type": "number", "nodeValue": value, "rawUnit": unit.group(0).strip()}}
            return {"constant": {"type": "number", "nodeValue": value}}
        if char in ("'", '"'):
            found = _STRING.search(self.text, self.pos)
            if not found or found.start() != self.pos:
                self.fail("a string")
            self.pos = found.end()
            return {"constant": {"type": "string", "nodeValue": found.group(0)[1:-1]}}
        if char and (re.match(_LETTER, char) or char == "^"):
            found = self.match(_DOTTED_NAME)
            self.pos = found.end()
            name = found.group(0)
            if name in ("oui", "non"):
                return {"constant": {"type": "boolean", "nodeValue": name == "oui"}}
            return {"variable": name}
        self.fail("a constant, a reference or an expression in parentheses")


def parse_expression(raw, rule: str):
    """The mechanism tree of an expression (a number is a constant)."""
    if isinstance(raw, bool):
        raise ModelSyntaxError(rule, "true/false are not values: write oui/non")
    if isinstance(raw, int | float):
        return {"constant": {"type": "number", "nodeValue": raw}}
    text = re.sub(r"\s*\n\s*", " ", str(raw)).strip()
    parser = _Parser(text, rule)
    tree = parser.comparison()
    if not parser.eol():
        if _ANY_OPERATOR.match(text, parser.pos):
            parser.fail("an operator surrounded by spaces")
        parser.fail("the end of the expression")
    return tree
