"""Parsing a compiled publicodes model into nodes, once, and evaluating it for a situation.

The steps are the reference engine's: parse every rule (its `avec` children and its possible values
become rules too), resolve each reference from the namespace where it is written (the rule itself, then
its parents, nearest first, then the root), inline the `remplace` replacements, infer each node's type
(may it be not applicable? is it a boolean?), then evaluate lazily with one cache per situation.
"""

from . import units as u
from .errors import EvaluationError, InvalidAnswerError, ModelSyntaxError, PublicodesError, UnknownRuleError
from .expression import parse_expression
from .nodes import (
    Condition,
    Constant,
    Contexte,
    Grille,
    IsNotApplicable,
    IsUndefined,
    Node,
    Operation,
    Reference,
    Round,
    Rule,
    SimplifyUnit,
    SituationValue,
    Unit,
    Variations,
    false_node,
    null_node,
    true_node,
)
from .values import UNDEFINED, strict_equal

NULL = (None, None)
UNDEFINED_PAIR = (UNDEFINED, None)

OPERATORS = ("*", "/", "//", "**", "+", "-", "<", "<=", ">", ">=", "=", "!=", "et", "ou")
# The mechanisms that wrap the rest of an object, in the order the reference engine applies them.
CHAINABLE = (
    "contexte",
    "variable manquante",
    "avec",
    "applicable si",
    "non applicable si",
    "arrondi",
    "unité",
    "simplifier l'unité",
    "plancher",
    "plafond",
    "par défaut",
    "dans la situation",
    "résoudre la référence circulaire",
    "abattement",
)
VALUE_MECHANISMS = (
    "logarithme",
    "inversion numérique",
    "le maximum de",
    "le minimum de",
    "taux progressif",
    "toutes ces conditions",
    "est non défini",
    "est non applicable",
    "est applicable",
    "est défini",
    "une de ces conditions",
    "condition",
    "barème",
    "durée",
    "grille",
    "multiplication",
    "produit",
    "somme",
    "moyenne",
    "texte",
    "valeur",
    "variable",
    "variations",
    "constant",
)
# Every key publicodes reads as a mechanism; the other keys of a rule are its documentation.
MECHANISM_KEYS = frozenset((*OPERATORS, *CHAINABLE, *VALUE_MECHANISMS))
# Known to publicodes but not used by the model, so not written here: an error names them.
UNSUPPORTED = frozenset(
    (
        "logarithme",
        "inversion numérique",
        "taux progressif",
        "barème",
        "durée",
        "texte",
        "résoudre la référence circulaire",
    )
)
SUPPORTED_MECHANISMS = MECHANISM_KEYS - UNSUPPORTED
EVALUATION_CONTEXT = "$EVALUATION"


def rule_parents(name: str) -> list[str]:
    """The namespaces above a rule, nearest first."""
    parts = name.split(" . ")
    return [" . ".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


class _Parser:
    def __init__(self):
        self.rules: dict[str, Rule] = {}
        self.references: list[Reference] = []
        self.rule_name = ""

    # --- rules -------------------------------------------------------------------------------------

    def parse_rules(self, raw_rules: dict, prefix: str = ""):
        for name, raw in raw_rules.items():
            if isinstance(raw, str | int | float) and not isinstance(raw, bool):
                raw = {"valeur": str(raw) if not isinstance(raw, str) else raw}
            if raw is not None and not isinstance(raw, dict):
                raise ModelSyntaxError(name, "a rule is an object, a number, a text or nothing")
            self.parse_rule(name, dict(raw or {}), prefix)

    def parse_rule(self, name: str, raw: dict, prefix: str):
        if name.startswith("[privé] "):
            raise ModelSyntaxError(name, "private rules are not supported")
        dotted = f"{prefix} . {name}" if prefix else name
        if dotted in self.rules:
            raise ModelSyntaxError(dotted, "this rule is defined twice")
        rule = Rule(dotted, raw)
        self.rules[dotted] = rule  # before its children, as the reference engine orders them
        previous, self.rule_name = self.rule_name, dotted
        try:
            value = {"avec": dict(raw.get("avec") or {})}
            self.parse_possibilities(rule, raw, value["avec"])
            for key in raw:
                if key in MECHANISM_KEYS and key not in value:
                    value[key] = raw[key]
            if "formule" in raw:
                value["valeur"] = raw["formule"]
            value["dans la situation"] = True
            rule.valeur = self.parse(value)
            rule.parents = [self.reference(parent) for parent in rule_parents(dotted)]
            rule.replacements = self.parse_replacements(raw.get("remplace"))
        finally:
            self.rule_name = previous

    def parse_possibilities(self, rule: Rule, raw: dict, avec: dict):
        possibilities = raw.get("une possibilité")
        if possibilities is None:
            for key in ("valeur", "formule"):
                if isinstance(raw.get(key), dict) and "une possibilité" in raw[key]:
                    raw = {**raw, key: {k: v for k, v in raw[key].items() if k != "une possibilité"}}
                    possibilities = raw[key]
        if possibilities is None:
            return
        if isinstance(possibilities, dict):
            possibilities = possibilities.get("possibilités") or []
        if not possibilities:
            raise ModelSyntaxError(rule.name, "`une possibilité` must list at least one value")
        parsed = []
        for possibility in possibilities:
            if isinstance(possibility, dict):
                (key, definition), *more = possibility.items()
                if more or key in avec:
                    raise ModelSyntaxError(rule.name, f"invalid possibility {possibility!r}")
                avec[key] = definition
                possibility = key
            node = self.parse(possibility)
            if isinstance(node, Reference):
                parsed.append((f"'{node.name}'", node, "reference"))
            elif isinstance(node, Constant) and node.type in ("string", "number"):
                written = f"'{node.value}'" if node.type == "string" else str(possibility)
                parsed.append((written, node, node.type))
            else:
                raise ModelSyntaxError(rule.name, f"{possibility!r} is neither a constant nor a reference")
        types = {kind for _, _, kind in parsed}
        if len(types) > 1:
            raise ModelSyntaxError(rule.name, "the possibilities must all be of one type")
        rule.possibility_type = types.pop()
        rule.possibilities = [(written, node) for written, node, _ in parsed]
        if rule.possibility_type == "number":
            rule.possibility_unit = next((n.unit for _, n in rule.possibilities if n.unit), None)
        if rule.possibility_type == "reference" and len(parsed) == 1:
            # Only one possible value: the rule has it (publicodes without filterNotApplicablePossibilities).
            rule.possibility_value = parsed[0][1].name

    def parse_replacements(self, replacements) -> list:
        if not replacements:
            return []
        found = []
        for replacement in replacements if isinstance(replacements, list) else [replacements]:
            if isinstance(replacement, str):
                replacement = {"références à": replacement}
            whitelist = replacement.get("dans") or []
            blacklist = replacement.get("sauf dans") or []
            found.append(
                {
                    "replaced": self.parse(replacement["références à"]),
                    "priority": replacement.get("priorité") or 0,
                    "in": [
                        self.parse(n) for n in (whitelist if isinstance(whitelist, list) else [whitelist])
                    ],
                    "not in": [
                        self.parse(n) for n in (blacklist if isinstance(blacklist, list) else [blacklist])
                    ],
                    "rule": self.rule_name,
                }
            )
        return found

    # --- values ------------------------------------------------------------------------------------

    def reference(self, name: str) -> Reference:
        node = Reference(name, self.rule_name)
        self.references.append(node)
        return node

    def parse(self, raw) -> Node:
        if isinstance(raw, Node):
            return raw
        if raw is None:
            raise ModelSyntaxError(self.rule_name, "a value of the formula is empty")
        if isinstance(raw, bool):
            raise ModelSyntaxError(self.rule_name, "true/false are not values: write oui/non")
        if isinstance(raw, list):
            raise ModelSyntaxError(self.rule_name, f"a list needs a mechanism name: {raw!r}")
        if not isinstance(raw, dict):
            raw = parse_expression(raw, self.rule_name)
        for name in CHAINABLE:
            if name in raw:
                rest = {key: value for key, value in raw.items() if key != name}
                return self.chain(name, raw[name], rest)
        return self.mechanism(raw)

    def chain(self, name: str, parameter, rest: dict) -> Node:
        if name == "contexte":
            valeur = self.parse(rest)
            entries = []
            for key, value in parameter.items():
                reference = self.parse(key)
                if not isinstance(reference, Reference):
                    raise ModelSyntaxError(self.rule_name, f"`contexte` names rules, not {key!r}")
                entries.append((reference, self.parse(value)))
            entries.sort(key=lambda entry: entry[0].name)
            return Contexte(valeur, entries)
        if name == "variable manquante":
            return self.parse(rest)
        if name == "avec":
            self.parse_rules(parameter or {}, self.rule_name)
            return self.parse(rest)
        if name in ("applicable si", "non applicable si"):
            valeur = self.parse(rest)
            condition = self.parse(parameter)
            test = Operation("!=" if name == "applicable si" else "=", condition, false_node())
            return Condition(test, valeur, null_node())
        if name == "arrondi":
            return Round(self.parse(rest), self.parse(parameter))
        if name == "unité":
            try:
                return Unit(self.parse(rest), u.parse_unit(str(parameter)))
            except u.UnitError as error:
                raise ModelSyntaxError(self.rule_name, str(error)) from error
        if name == "simplifier l'unité":
            return SimplifyUnit(self.parse(rest))
        if name in ("plancher", "plafond"):
            valeur = self.parse(rest)
            bound = self.parse(parameter)
            beyond = Operation("<" if name == "plancher" else ">", valeur, bound)
            return Condition(Operation("et", Operation("!=", bound, false_node()), beyond), bound, valeur)
        if name == "par défaut":
            valeur = self.parse(rest)
            default = self.parse(parameter)
            return Condition(IsUndefined(valeur), default, valeur)
        if name == "dans la situation":
            valeur = self.parse(rest)
            answer = SituationValue(self.rule_name)
            return Condition(IsUndefined(answer), valeur, answer)
        if name == "abattement":
            valeur = self.parse(rest)
            return self.parse({"-": [valeur, self.parse(parameter)], "plancher": 0})
        raise ModelSyntaxError(self.rule_name, f"the mechanism `{name}` is not supported")

    def mechanism(self, raw: dict) -> Node:
        keys = list(raw)
        if len(keys) > 1:
            raise ModelSyntaxError(self.rule_name, f"mechanisms at the same level: {', '.join(keys)}")
        if not keys:
            return Constant(UNDEFINED)
        name = keys[0]
        value = raw[name]
        if name in OPERATORS:
            return Operation(name, self.parse(value[0]), self.parse(value[1]))
        if name == "variable":
            return self.reference(value)
        if name == "constant":
            return self.constant(value)
        if name == "valeur":
            return self.parse(value)
        if name in ("somme", "moyenne", "produit", "multiplication", "toutes ces conditions"):
            return self.list_mechanism(name, self._list(name, value))
        if name in ("une de ces conditions", "le maximum de", "le minimum de"):
            return self.list_mechanism(name, self._list(name, value))
        if name == "est non défini":
            return IsUndefined(self.parse(value))
        if name == "est défini":
            return Operation("=", IsUndefined(self.parse(value)), false_node())
        if name == "est non applicable":
            return IsNotApplicable(self.parse(value))
        if name == "est applicable":
            return Operation("=", IsNotApplicable(self.parse(value)), false_node())
        if name == "condition":
            return Condition(self.parse(value["si"]), self.parse(value["alors"]), self.parse(value["sinon"]))
        if name == "variations":
            return self.variations(value)
        if name == "grille":
            return self.grille(value)
        if name in UNSUPPORTED:
            raise ModelSyntaxError(self.rule_name, f"the mechanism `{name}` is not supported")
        raise ModelSyntaxError(self.rule_name, f"unknown mechanism `{name}`")

    def _list(self, name, value) -> list[Node]:
        if not isinstance(value, list):
            raise ModelSyntaxError(self.rule_name, f"`{name}` takes a list")
        return [self.parse(item) for item in value]

    def constant(self, value: dict) -> Constant:
        kind = value.get("type")
        if kind == "number":
            unit = None
            if value.get("rawUnit"):
                try:
                    unit = u.parse_unit(value["rawUnit"])
                except u.UnitError as error:
                    raise ModelSyntaxError(self.rule_name, str(error)) from error
            return Constant(float(value["nodeValue"]), "number", unit)
        return Constant(value["nodeValue"], kind)

    def list_mechanism(self, name: str, items: list[Node]) -> Node:
        if name == "somme":
            return _sum(items)
        if name == "moyenne":
            ones = [
                Condition(_is_applicable_test(item), Constant(1.0, "number"), null_node()) for item in items
            ]
            return Operation("/", _sum(items), _sum(ones))
        if name in ("produit", "multiplication"):
            product: Node = Constant(1.0, "number")
            for item in items:
                product = Operation("*", item, product)
            return SimplifyUnit(product)
        if name == "toutes ces conditions":
            result: Node = true_node()
            for item in items:
                result = Operation("et", result, item)
            return result
        if name == "une de ces conditions":
            result = false_node()
            for item in items:
                result = Operation("ou", result, item)
            return result
        best: Node = null_node()
        comparison = ">" if name == "le maximum de" else "<"
        for item in items:
            better = Operation("ou", IsNotApplicable(best), Operation(comparison, item, best))
            best = Condition(IsNotApplicable(item), best, Condition(better, item, best))
        return best

    def variations(self, value) -> Variations:
        branches = []
        for branch in value:
            if "sinon" in branch:
                branches.append((Constant(True, "boolean"), self.parse(branch["sinon"])))
            else:
                branches.append((self.parse(branch["si"]), self.parse(branch["alors"])))
        return Variations(branches)

    def grille(self, value) -> Grille:
        base = self.parse(value["assiette"])
        multiplier = (
            self.parse(value["multiplicateur"]) if "multiplicateur" in value else Constant(1.0, "number")
        )
        brackets = []
        for bracket in value["tranches"]:
            if "montant" not in bracket:
                raise ModelSyntaxError(self.rule_name, "`grille` brackets need a `montant`")
            ceiling = (
                self.parse(bracket["plafond"])
                if "plafond" in bracket
                else Constant(float("inf"), "number", nullable=False)
            )
            brackets.append((self.parse(bracket["montant"]), ceiling))
        return Grille(base, multiplier, brackets)


def _sum(items: list[Node]) -> Node:
    total: Node = null_node()
    for item in reversed(items):
        total = Operation("+", item, total)
    return total


def _is_applicable_test(item: Node) -> Node:
    # `applicable si: est applicable: item` as publicodes builds it.
    return Operation("!=", Operation("=", IsNotApplicable(item), false_node()), false_node())


def _disambiguate(rules: dict, referenced_from: str, partial: str) -> str:
    contexts = [*rule_parents(referenced_from), referenced_from]
    if partial.startswith("^ . "):
        count = 0
        while partial.startswith("^ . "):
            partial = partial[4:]
            count += 1
        del contexts[-count:]
    root = contexts.pop()
    contexts.insert(0, root)
    contexts.append("")
    for context in contexts:
        candidate = f"{context} . {partial}" if context else partial
        if candidate in rules and candidate != referenced_from:
            return candidate
    if referenced_from.endswith(partial):
        return referenced_from
    rule = referenced_from if referenced_from in rules else root
    raise ModelSyntaxError(rule, f'unknown reference "{partial}"')


class Model:
    """A parsed model, ready to evaluate situations. Parse it once (it takes a second), keep it."""

    def __init__(self, raw_rules: dict):
        parser = _Parser()
        parser.parse_rules(raw_rules)
        self.rules: dict[str, Rule] = parser.rules
        for reference in parser.references:
            reference.target = _disambiguate(self.rules, reference.context, reference.name)
            reference.rule = self.rules[reference.target]
        self._replacements = self._collect_replacements()
        self._replacement_nodes: dict = {}
        self._inline_replacements()
        for rule in self.rules.values():
            rule.infer()
            for parent in rule.parents:
                parent.infer()
        for rule in self.rules.values():
            rule.nullable_parent = next(
                (
                    p
                    for p in rule.parents
                    if p.inferred() and (p.inferred()[0] or p.inferred()[1] == "boolean")
                ),
                None,
            )
        self._entries: dict[str, Node] = {}
        self._dependents = self._reverse_dependencies()
        self._affected: dict[int, frozenset] = {}

    # --- what depends on what (so that a `contexte` recomputes only what it changes) ----------------

    def _reverse_dependencies(self) -> dict[str, set]:
        dependents: dict[str, set] = {}
        for rule in self.rules.values():
            seen: set[int] = set()
            stack: list[Node] = [rule.valeur, *rule.parents]
            while stack:
                node = stack.pop()
                if id(node) in seen:
                    continue
                seen.add(id(node))
                if node.kind == "reference":
                    dependents.setdefault(node.target, set()).add(rule.name)
                elif node.kind == "situation":
                    dependents.setdefault(node.rule_name, set()).add(rule.name)
                if node.kind == "contexte":
                    stack.extend(reference for reference, _ in node.entries)
                stack.extend(node.children())
        return dependents

    def affected_by(self, node: Contexte) -> frozenset:
        """The rules whose value may change when the rules named by the `contexte` change."""
        found = self._affected.get(id(node))
        if found is None:
            names = {reference.target for reference, _ in node.entries}
            todo = list(names)
            while todo:
                for dependent in self._dependents.get(todo.pop(), ()):
                    if dependent not in names:
                        names.add(dependent)
                        todo.append(dependent)
            found = self._affected[id(node)] = frozenset(names)
        return found

    # --- replacements (`remplace`) -------------------------------------------------------------------

    def _collect_replacements(self) -> dict[str, list]:
        found: dict[str, list] = {}
        for index, rule in enumerate(self.rules.values()):
            for number, replacement in enumerate(rule.replacements):
                replaced = replacement["replaced"]
                if not isinstance(replaced, Reference):
                    raise ModelSyntaxError(rule.name, "`remplace` names a rule")
                replacement["id"] = (index, number)
                found.setdefault(replaced.target, []).append(replacement)
        return found

    def _replace(self, node: Node) -> Node:
        if not isinstance(node, Reference) or node.target not in self._replacements:
            return node
        applicable = [
            r
            for r in self._replacements[node.target]
            if r["rule"] != node.context
            and (not r["in"] or any(node.context.startswith(n.target) for n in r["in"]))
            and all(not node.context.startswith(n.target) for n in r["not in"])
        ]
        if not applicable:
            return node
        applicable = list(reversed(applicable))
        applicable.sort(key=lambda r: r["rule"], reverse=True)
        applicable.sort(key=lambda r: r["priority"], reverse=True)
        key = tuple(r["id"] for r in applicable)
        if key not in self._replacement_nodes:
            branches = []
            for replacement in applicable:
                definition = Reference(replacement["rule"], replacement["rule"])
                definition.target, definition.rule = replacement["rule"], self.rules[replacement["rule"]]
                is_applicable = Condition(IsNotApplicable(definition), false_node(), true_node())
                branches.append((is_applicable, definition))
            branches.append((true_node(), node))
            self._replacement_nodes[key] = Variations(branches)
        return self._replacement_nodes[key]

    def _inline_replacements(self):
        if not self._replacements:
            return
        seen: set[int] = set()

        def walk(node: Node) -> Node:
            replaced = self._replace(node)
            if replaced is not node:
                return replaced
            if id(node) in seen:
                return node
            seen.add(id(node))
            node.replace_children(walk)
            return node

        for rule in self.rules.values():
            rule.valeur = walk(rule.valeur)
            rule.parents = [walk(parent) for parent in rule.parents]

    # --- evaluation ----------------------------------------------------------------------------------

    def entry(self, name: str) -> Node:
        """What `engine.evaluate(name)` evaluates: a reference from outside the model (replacements
        included)."""
        if name not in self._entries:
            if name not in self.rules:
                raise UnknownRuleError(name, "no such rule in the model")
            reference = Reference(name, EVALUATION_CONTEXT)
            reference.target, reference.rule = name, self.rules[name]
            reference.infer()
            self._entries[name] = self._replace(reference)
            self._entries[name].infer()
        return self._entries[name]

    def answer(self, name: str, raw) -> tuple:
        """A situation's answer as a (value, unit) pair, checked against the rule's possible values."""
        rule = self.rules.get(name)
        if rule is None:
            raise UnknownRuleError(name, "no such rule in the model")
        if isinstance(raw, bool) or raw is None:
            raise InvalidAnswerError(name, 'answers are numbers, "oui"/"non" or quoted choices')
        if isinstance(raw, int | float):
            pair = (float(raw), None)
        elif isinstance(raw, str):
            try:
                tree = parse_expression(raw, name)
            except PublicodesError as error:
                raise InvalidAnswerError(name, f"invalid answer {raw!r}") from error
            negative = False
            if "-" in tree and tree["-"][0] == {"constant": {"type": "number", "nodeValue": 0}}:
                negative, tree = True, tree["-"][1]
            if "constant" not in tree:
                raise InvalidAnswerError(name, f"an answer is a value, not an expression: {raw!r}")
            constant = tree["constant"]
            value = constant["nodeValue"]
            unit = u.parse_unit(constant["rawUnit"]) if constant.get("rawUnit") else None
            if constant["type"] == "number":
                value = -float(value) if negative else float(value)
            elif negative:
                raise InvalidAnswerError(name, f"invalid answer {raw!r}")
            pair = (value, unit)
        else:
            raise InvalidAnswerError(name, f"invalid answer {raw!r}")
        if rule.possibilities is not None and not self._is_possible(rule, pair):
            choices = ", ".join(written for written, _ in rule.possibilities)
            raise InvalidAnswerError(name, f"{raw!r} is not one of the choices ({choices})")
        return pair

    def _is_possible(self, rule: Rule, pair) -> bool:
        value, unit = pair
        if rule.possibility_type == "number":
            for _, node in rule.possibilities:
                candidate = value
                if node.unit and unit:
                    try:
                        candidate = u.convert(unit, node.unit, value)
                    except u.UnitError:
                        continue
                if strict_equal(candidate, node.value):
                    return True
            return False
        return value.__class__ is str and f"'{value}'" in {written for written, _ in rule.possibilities}

    def situation(self, answers: dict) -> dict:
        return {name: self.answer(name, value) for name, value in answers.items()}

    def evaluator(self, answers: dict | None = None) -> "Evaluator":
        return Evaluator(self, self.situation(answers or {}))


class Evaluator:
    """The evaluation of a model for one situation; every rule is computed at most once."""

    def __init__(self, model: Model, situation: dict, outer: "Evaluator | None" = None, affected=frozenset()):
        self.model = model
        self.situation = situation
        self.cache: dict[str, tuple] = {}
        # Inside a `contexte`: the evaluator outside, asked for every rule the context cannot change.
        self.outer = outer
        self.affected = affected
        self.stack: list[str] = []
        self.depth: dict[str, int] = {}
        self.parent_stack: list[str] = []
        self.contexts: dict[int, Evaluator] = {}
        self.current_context = None
        self.warnings = 0

    def evaluate(self, name: str) -> tuple:
        """(value, unit) of a rule, as the reference engine's `evaluate(name)` gives it."""
        node = self.model.entry(name)
        self.stack, self.depth, self.parent_stack = [], {}, []
        # The model's deepest evaluation needs under 500 frames: Python's default limit is enough.
        try:
            return node.evaluate(self)
        except RecursionError as error:
            raise EvaluationError(name, "the evaluation is too deep (a cycle in the model?)") from error

    def value(self, name: str):
        value = self.evaluate(name)[0]
        return None if value is UNDEFINED else value

    def current_rule(self) -> str:
        return self.stack[-1] if self.stack else "?"

    def warn(self, message: str):
        # The reference engine warns and goes on with the value unconverted; so do we (and count them).
        self.warnings += 1

    def rule(self, name: str) -> tuple:
        cached = self.cache.get(name)
        if cached is not None:
            return cached
        if self.outer is not None and name not in self.affected:
            return self.outer.rule(name)
        rule = self.model.rules[name]
        if rule.nullable_parent is not None and self.disabled_by_parent(rule):
            self.cache[name] = NULL
            return NULL
        depth = self.depth.get(name, 0)
        if depth > 1:
            # A cycle: the reference engine gives up with an undefined value.
            self.cache[name] = UNDEFINED_PAIR
            return UNDEFINED_PAIR
        if rule.possibility_value is not UNDEFINED:
            self.depth[name] = depth + 1
            self.cache[name] = (rule.possibility_value, rule.possibility_unit)
            return self.cache[name]
        self.depth[name] = depth + 1
        self.stack.append(name)
        value, unit = rule.valeur.evaluate(self)
        self.stack.pop()
        self.depth[name] = depth
        result = (value, rule.possibility_unit or unit)
        self.cache[name] = result
        return result

    def disabled_by_parent(self, rule: Rule) -> bool:
        parent = rule.nullable_parent
        if parent is None:
            return False
        nullable, type_ = parent.inferred()
        if rule.name not in self.parent_stack:
            self.parent_stack.insert(0, rule.name)
            try:
                disabled = False
                if nullable:
                    disabled = self.not_applicable(parent)
                if disabled is not True and type_ == "boolean":
                    value = parent.evaluate(self)[0]
                    disabled = UNDEFINED if value is UNDEFINED else (value is None or value is False)
            finally:
                self.parent_stack.pop(0)
            if disabled is True:
                return True
        if type_ == "boolean":
            return parent.evaluate(self)[0] is False
        return False

    def not_applicable(self, node: Node):
        """`est non applicable`: True, False, None or UNDEFINED, computed as the reference engine does
        (without evaluating what its types say cannot be not applicable)."""
        inferred = node.inferred()
        kind = node.kind
        if inferred is not None and inferred[0] is False and kind != "reference":
            return False
        if kind == "reference":
            return self._rule_not_applicable(node.target)
        if kind == "situation":
            answer = self.situation.get(node.rule_name)
            return answer is not None and answer[0] is None
        if kind == "condition":
            condition = node.si.evaluate(self)[0]
            if condition is True:
                return self.not_applicable(node.alors)
            if condition is False:
                return self.not_applicable(node.sinon)
            if condition is None:
                return None
            if condition is UNDEFINED:
                self.not_applicable(node.sinon)
                self.not_applicable(node.alors)
                return UNDEFINED
            raise EvaluationError(self.current_rule(), f"a condition must be a boolean, not {condition!r}")
        value = node.evaluate(self)[0]
        return UNDEFINED if value is UNDEFINED else value is None

    def _rule_not_applicable(self, name: str):
        cached = self.cache.get(name)
        if cached is not None:
            return cached[0] is None
        if self.outer is not None and name not in self.affected:
            return self.outer._rule_not_applicable(name)
        rule = self.model.rules[name]
        if self.disabled_by_parent(rule):
            return True
        return self.not_applicable(rule.valeur)

    def in_context(self, node: Contexte) -> tuple:
        amended = {}
        for reference, replacement in node.entries:
            original = reference.evaluate(self)
            value = replacement.evaluate(self)
            if not strict_equal(original[0], value[0]) or u.serialize_unit(original[1]) != u.serialize_unit(
                value[1]
            ):
                amended[reference.target] = (id(replacement), value)
        key = tuple(sorted((name, ident) for name, (ident, _) in amended.items()))
        if self.current_context == key:
            return (None, None)
        sub = self.contexts.get(id(node))
        if sub is None:
            situation = {**self.situation, **{name: value for name, (_, value) in amended.items()}}
            affected = self.model.affected_by(node) if amended else frozenset()
            sub = Evaluator(self.model, situation, outer=self, affected=affected)
            self.contexts[id(node)] = sub
        sub.current_context = key
        return node.node.evaluate(sub)
